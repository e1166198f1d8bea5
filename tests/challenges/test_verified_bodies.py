"""Issue 19, item 3: a body's eligibility (Localism Act 2011 s.81(6)) is checked before its first
challenge is assessed: charities against the Charity Commission's register extract, companies
against Companies House's basic company data (each loaded by a command from a small extract in
the publisher's format, data/*), parish councils against a list with its source, a group of
employees by its employer's officer; anything else an officer confirms by hand, audited."""

from datetime import date
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from challenges import eligibility
from challenges.models import CharityRegisterEntry, CompanyRegisterEntry, Eligibility, State
from portal.models import AuditEvent
from portal.workflow import Refused, act, perform
from tests import builders

from .conftest import advance, draft

pytestmark = pytest.mark.django_db

CHARITY_JSON = settings.DATA_DIR / "charity-commission" / "publicextract.charity.json"
CHARITY_TXT = settings.DATA_DIR / "charity-commission" / "publicextract.charity.txt"
COMPANIES = settings.DATA_DIR / "companies-house" / "BasicCompanyData-demo.csv"
PARISHES = settings.DATA_DIR / "parish-councils" / "parish_councils.csv"


@pytest.fixture
def registers(db):
    out = StringIO()
    call_command("load_charity_register", str(CHARITY_JSON), stdout=out)
    call_command("load_company_register", str(COMPANIES), stdout=out)
    call_command("load_parish_councils", str(PARISHES), "--source", "Test list", stdout=out)
    return out.getvalue()


def body(name, body_type="voluntary_community_body", **numbers):
    _, organisation = builders.provider(name, body_type, eligible=False)
    for field, value in numbers.items():
        setattr(organisation, field, value)
    organisation.save()
    return organisation


def test_the_commands_load_each_register_in_its_publishers_format(registers, tmp_path):
    assert registers.splitlines() == [
        f"Loaded 3 rows of the register of charities from {CHARITY_JSON}",
        f"Loaded 3 companies from {COMPANIES}",
        f"Loaded 6 parish and town councils from {PARISHES}",
    ]
    main = CharityRegisterEntry.objects.get(
        registered_charity_number=1187654, linked_charity_number=0
    )
    assert (main.name, main.charity_type, main.registration_status, main.is_cio) == (
        "RIVERSIDE YOUTH TRUST",
        "CIO",
        "Registered",
        True,
    )
    assert main.date_of_registration == date(2020, 1, 14)
    company = CompanyRegisterEntry.objects.get(company_number="SC612345")
    assert (company.category, company.status, company.incorporation_date) == (
        "Community Interest Company",
        "Active",
        date(2019, 2, 3),
    )
    # The text extract (tab-separated, the same table) loads the same rows: an update, not more.
    out = StringIO()
    call_command("load_charity_register", str(CHARITY_TXT), stdout=out)
    assert CharityRegisterEntry.objects.count() == 3
    removed = CharityRegisterEntry.objects.get(registered_charity_number=1099001)
    assert (removed.registration_status, removed.date_of_removal, removed.company_number) == (
        "Removed",
        date(2024, 9, 30),
        "04123456",
    )


def test_what_each_register_says(registers, trafford):
    cases = [
        (body("Riverside Youth Trust", "charitable_trust", charity_number="1187654"), True),
        (body("Hardship Fund", "charitable_trust", charity_number="1187654-1"), True),
        (body("Old Mill Community Care", "charitable_trust", charity_number="1099001"), False),
        (body("Glasgow Youth", "charitable_trust", charity_number="SC012345"), False),
        (body("Greenway", company_number="SC612345"), True),
        (body("Northern Leisure", company_number="09876543"), False),
        (body("Old Mill Enterprise", company_number="07654321"), False),
        (body("Partington Town Council", "parish_council"), True),
        (body("Nowhere Parish Council", "parish_council"), False),
        (body("Friends of the Park"), False),
    ]
    assert [eligibility.find(o).confirmed for o, _ in cases] == [c for _, c in cases]
    assert eligibility.find(cases[2][0]).detail == (
        "The register of charities says OLD MILL COMMUNITY CARE (1099001, Charitable company), "
        "Removed on 30 September 2024: an officer must decide."
    )
    assert eligibility.find(cases[5][0]).detail == (
        "Companies House says NORTHERN LEISURE SERVICES LTD (09876543), Private Limited Company, "
        "Active. A company of this kind may be run for profit: an officer must confirm that it is "
        "a voluntary or community body (Localism Act 2011 s.81(6))."
    )
    assert eligibility.find(cases[7][0]).detail == (
        "List of parish and town councils (Test list): Partington Town Council, Trafford."
    )


def test_a_charity_is_checked_on_submission_and_then_assessed(registers, world):
    charity = body("Riverside Youth Trust", "charitable_trust", charity_number="1187654")
    charity.memberships.update(user=world.provider)
    challenge = draft(world.service, charity, world.provider)
    advance(challenge, world, "submit")
    assert Eligibility.objects.get(organisation=charity).status == "confirmed"
    event = AuditEvent.objects.filter(object_id=str(challenge.pk), transition="submit").get()
    assert (event.changes["eligibility"], event.changes["eligibility_basis"]) == (
        "confirmed",
        "charity_register",
    )
    advance(challenge, world, "start_assessment")
    assert challenge.state == State.UNDER_ASSESSMENT


def test_an_employee_group_waits_for_its_employer_to_confirm(world, client, manchester):
    person, group = builders.provider(
        "Trafford Staff Mutual",
        "employee_group",
        employer=world.authority,
        employee_count=5,
        eligible=False,
    )
    challenge = draft(world.service, group, person, employee_engagement="Staff meetings.")
    perform("challenge", challenge, "submit", person)
    with pytest.raises(Refused) as refused:
        perform("challenge", challenge, "start_assessment", world.officer)
    assert refused.value.problems == [
        "Eligibility not yet confirmed for Trafford Staff Mutual: confirm that it may challenge "
        "(Localism Act 2011 s.81(6)) before starting the assessment"
    ]
    client.force_login(world.officer)
    case = reverse("challenges:casework-case", args=[challenge.pk])
    html = client.get(case).content.decode()
    assert "Eligibility not yet confirmed" in html
    assert "An officer of Trafford must confirm that the group" in html
    tasks = client.get("/tasks/").content.decode()
    assert "Bodies whose eligibility to confirm" in tasks

    # An officer of another authority is not the employer; a reason is needed.
    outsider = builders.staff("officer", manchester)
    with pytest.raises(Refused) as refused:
        act("challenge", challenge, "confirm_eligibility", outsider, reason="")
    assert refused.value.problems == [
        "Only officers of the authorities that run this service can do this"
    ]
    with pytest.raises(Refused) as refused:
        act("challenge", challenge, "confirm_eligibility", world.officer, reason=" ")
    assert refused.value.problems == ["Enter why you are satisfied that the body may challenge"]

    url = reverse("challenges:casework-eligibility", args=[challenge.pk])
    reason = "HR confirmed all five members are employed in adult day services."
    assert client.post(url, {"reason": reason}).status_code == 302
    confirmed = Eligibility.objects.get(organisation=group)
    assert (confirmed.status, confirmed.basis, confirmed.detail, confirmed.confirmed_by) == (
        "confirmed",
        "employer",
        reason,
        world.officer,
    )
    event = AuditEvent.objects.filter(
        object_id=str(challenge.pk), transition="confirm_eligibility"
    ).get()
    assert (event.actor_role, event.reason) == ("officer", reason)
    # The group's members see the status on their case.
    client.force_login(person)
    mine = client.get(reverse("challenges:case", args=[challenge.pk])).content.decode()
    assert "Eligibility confirmed (employment confirmed by the employing authority" in mine
    perform("challenge", challenge, "start_assessment", world.officer)
    assert challenge.state == State.UNDER_ASSESSMENT

"""Who may challenge whom: employee groups and their employer (Localism Act 2011 s.81(6)(d)),
and relevant authorities (s.81(2), SI 2012/1647 reg 3), each rule enforced by the challenge
machine's condition functions and said on the pages."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from challenges import workflow
from challenges.models import State
from portal.models import Authority, Organisation
from portal.workflow import Refused, perform
from tests import builders

from .conftest import advance, draft

pytestmark = pytest.mark.django_db


def staff_group(employer, members=6):
    return builders.provider("Day Services Staff Mutual", "employee_group", employer, members)


def test_an_employee_group_challenges_its_employer(world):
    """s.81(6)(d): "two or more employees of that authority" may challenge that authority."""
    person, group = staff_group(world.authority)
    challenge = draft(world.service, group, person, employee_engagement="Staff meetings.")
    perform("challenge", challenge, "submit", person)
    assert challenge.state == State.SUBMITTED


def test_an_employee_group_cannot_challenge_another_authority(world, manchester):
    """s.81(6)(d): Trafford's staff are not a relevant body in relation to Manchester; the
    condition refuses the submission and names the rule."""
    builders.site_tree()
    libraries = builders.service(manchester, "Community libraries")
    person, group = staff_group(world.authority)
    challenge = draft(libraries, group, person, employee_engagement="Staff meetings.")
    with pytest.raises(Refused) as refused:
        perform("challenge", challenge, "submit", person)
    (problem,) = [p for p in refused.value.problems if "s.81(6)(d)" in p]
    assert problem == (
        "Day Services Staff Mutual is a group of employees of Trafford, so it cannot "
        f"challenge {manchester.nice_name}. A group of employees can challenge only the "
        "authority that employs its members (Localism Act 2011 s.81(6)(d))."
    )
    challenge.refresh_from_db()
    assert challenge.state == State.DRAFT


def test_a_decision_maker_cannot_accept_a_challenge_the_law_does_not_allow(world, manchester):
    """s.81(6)(d): the same condition stands on acceptance, so a case that got in before the rule
    (or whose group changed employer) cannot be accepted."""
    person, group = staff_group(world.authority)
    challenge = draft(world.service, group, person, employee_engagement="Staff meetings.")
    perform("challenge", challenge, "submit", person)
    advance(challenge, world, "start_assessment")
    Organisation.objects.filter(pk=group.pk).update(employer=manchester)
    challenge.organisation.refresh_from_db()
    with pytest.raises(Refused) as refused:
        advance(challenge, world, "accept")
    assert any("s.81(6)(d)" in p for p in refused.value.problems)


def test_the_database_refuses_a_group_without_employer_or_with_one_member(trafford):
    """s.81(6)(d): two or more employees of the authority; the constraint keeps it so."""
    for fields in (
        {"employer": None, "employee_count": 5},
        {"employer": trafford, "employee_count": 1},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Organisation.objects.create(name="Staff", body_type="employee_group", **fields)


def test_the_start_page_says_a_group_cannot_challenge_another_authority(client, world, manchester):
    """s.81(6)(d): the first question refuses the choice with the workflow's own sentence."""
    libraries = builders.service(manchester, "Community libraries")
    person, group = staff_group(world.authority)
    client.force_login(person)
    url = reverse("challenges:new") + f"?service={libraries.pk}"
    response = client.post(url, {"organisation": group.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "A group of employees can challenge only the authority that employs its members" in html
    assert not group.challenges.exists()
    ok = client.post(
        reverse("challenges:new") + f"?service={world.service.pk}", {"organisation": group.pk}
    )
    assert ok.status_code == 302 and group.challenges.count() == 1


def test_registering_a_group_asks_for_two_or_more_employees(client, trafford):
    """s.81(6)(d): the organisation form records the employer and a size of two or more."""
    client.force_login(builders.user())
    base = {"name": "Staff Mutual", "body_type": "employee_group", "employer": trafford.pk}
    missing = client.post("/account/organisations/new/", base).content.decode()
    assert "Enter how many employees of the authority are in the group" in missing
    one = client.post("/account/organisations/new/", {**base, "employee_count": "1"})
    assert "must have two or more members" in one.content.decode()
    assert not Organisation.objects.filter(name="Staff Mutual").exists()
    client.post("/account/organisations/new/", {**base, "employee_count": "2"})
    group = Organisation.objects.get(name="Staff Mutual")
    assert (group.employer, group.employee_count) == (trafford, 2)


@pytest.mark.parametrize(
    ("code", "kind", "words"),
    [
        ("LND", "CC", "Common Council of the City of London"),
        ("IOS", "UA", "Council of the Isles of Scilly"),
    ],
)
def test_city_of_london_and_scilly_are_listed_but_not_challengeable(client, code, kind, words):
    """s.81(2) names county, district and London borough councils; no regulation under
    s.81(2)(d) names these two (law.NOT_RELEVANT_AUTHORITIES), so the condition refuses and the
    pages give the reason."""
    builders.site_tree()
    authority = builders.authority(code, authority_type=kind)
    service = builders.service(authority, "Community libraries")
    person, body = builders.provider()
    challenge = draft(service, body, person)
    with pytest.raises(Refused) as refused:
        perform("challenge", challenge, "submit", person)
    (problem,) = refused.value.problems
    assert problem.startswith(f"{authority.nice_name} cannot be challenged. The {words}")
    assert not service.accepting_challenges()
    page = client.get(service.url).content.decode()
    assert "This service cannot be challenged." in page and words in page
    assert "Challenge this service" not in page
    services_page = client.get(service.get_parent().url).content.decode()
    assert "It is listed because it can be a party to agreements" in services_page


def test_fire_and_rescue_authorities_are_loaded_with_their_basis():
    """SI 2012/1647 reg 3 as amended specifies fire and rescue authorities under s.81(2)(d): the
    loader reads them with the paragraph that applies, the London Fire Commissioner (reg 3(b),
    SI 2018/269) and the police, fire and crime commissioners' authorities (reg 3(e), SI
    2017/863) among them."""
    call_command("load_authorities", stdout=StringIO())
    merseyside = Authority.objects.get(code="MFR")
    assert merseyside.authority_type == "FRA" and merseyside.gss_code is None
    assert merseyside.is_relevant_authority
    assert "SI 2012/1647 reg 3(a)" in merseyside.relevant_authority_basis
    london_fire = Authority.objects.get(code="LFC")
    assert london_fire.is_relevant_authority
    assert london_fire.relevant_authority_basis == (
        "SI 2012/1647 reg 3(b), as substituted by SI 2018/269 from 1 April 2018: the London "
        "Fire Commissioner (Localism Act 2011 s.81(2)(d))"
    )
    section_4a = Authority.objects.filter(fire_basis="reg3e").order_by("code")
    assert [a.code for a in section_4a] == ["CPF", "EPF", "NPF", "SPF"]
    assert all(a.is_relevant_authority for a in section_4a)
    assert "Fire and Rescue Services Act 2004 s.4A" in section_4a[0].relevant_authority_basis
    assert not Authority.objects.filter(authority_type="FRA", fire_basis="").exists()
    assert Authority.objects.get(code="LND").not_relevant_reason
    assert Authority.objects.get(code="IOS").not_relevant_reason
    assert Authority.objects.get(code="TRF").is_relevant_authority


def test_a_fire_and_rescue_service_can_be_challenged():
    """SI 2012/1647 reg 3(c): a combined fire and rescue authority is a relevant authority."""
    builders.site_tree()
    fire = builders.authority("HIW", authority_type="FRA", fire_basis="reg3c", gss_code=None)
    service = builders.service(fire, "Home fire safety visits")
    person, body = builders.provider()
    challenge = draft(service, body, person)
    perform("challenge", challenge, "submit", person)
    assert challenge.state == State.SUBMITTED


def test_submission_problems_name_the_rules_before_submitting(world, manchester):
    """s.81(6)(d) via the check-answers page's list (the same condition functions)."""
    libraries = builders.service(manchester, "Community libraries")
    person, group = staff_group(world.authority)
    challenge = draft(libraries, group, person, employee_engagement="Staff meetings.")
    assert any("s.81(6)(d)" in p for p in workflow.submission_problems(challenge))

"""Officer, provider and NHS partner pages: permissions, the error summary, and what is kept
when a form is refused; public pages without personal data or confidential fields."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from procurement.models import ExpressionOfInterest, ProcurementExercise, State
from tests import builders
from tests.dates import date_input

from .agreements_helpers import approve_all, proposed, to_approval, to_in_force
from .conftest import TODAY, fresh, open_plain, pass_deadline, to_tender

pytestmark = pytest.mark.django_db


def signed_in(client, person):
    client.force_login(person)
    return client


def test_officer_opens_and_runs_an_exercise_through_pages(client, world):
    signed_in(client, world.officer)
    url = reverse("procurement:exercise-new") + f"?service={world.service.pk}"
    response = client.get(url)
    assert response.status_code == 200
    # a regime that does not fit the value: the error summary, and what was entered is kept
    data = {
        "title": "Youth clubs contract",
        "description": "Four clubs.",
        "contract_kind": "light_touch_services",
        "cpv_code": "85311300-5",
        "regime": "light_touch",
        "estimated_value": "100000",
        **date_input("started_on", TODAY()),
    }
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "below-threshold contract, not Procurement Act 2023: light touch" in html
    assert 'value="Youth clubs contract"' in html
    data["regime"] = "below_threshold"
    response = client.post(url, data)
    exercise = ProcurementExercise.objects.get()
    assert response.url == reverse("procurement:exercise", args=[exercise.reference])

    action = reverse("procurement:exercise-action", args=[exercise.reference, "open_tender"])
    deadline = TODAY() + timedelta(days=14)
    response = client.post(
        action, {**date_input("published_on", TODAY()), **date_input("deadline_date", deadline)}
    )
    html = response.content.decode()
    assert "Enter the time of the deadline" in html, html[html.find("error-summary") :][:1500]
    client.post(
        action,
        {
            **date_input("published_on", TODAY()),
            **date_input("deadline_date", deadline),
            "deadline_time": "12:00",
        },
    )
    assert fresh(exercise).state == State.TENDER_OPEN
    page = client.get(reverse("procurement:exercise", args=[exercise.reference])).content.decode()
    assert "UK4: Tender notice" in page
    assert "Publish the contract award notice" not in page


def test_refusal_from_the_machine_shows_in_the_error_summary(client, world):
    exercise = to_tender(world, open_plain(world))
    signed_in(client, world.officer)
    action = reverse("procurement:exercise-action", args=[exercise.reference, "close_tender"])
    response = client.post(action, follow=True)
    assert "The tender is open until" in response.content.decode()
    assert fresh(exercise).state == State.TENDER_OPEN


def test_pages_refuse_people_without_the_role(client, world, manchester):
    exercise = open_plain(world)
    url = reverse("procurement:exercise", args=[exercise.reference])
    assert client.get(url).status_code == 302  # sign in first
    signed_in(client, world.provider)
    assert client.get(url).status_code == 403
    client.force_login(builders.staff("officer", manchester))
    assert client.get(url).status_code == 404
    client.force_login(world.officer)
    action = reverse("procurement:exercise-action", args=[exercise.reference, "cancel"])
    response = client.get(action)
    assert "You cannot do this now" in response.content.decode()  # officers do not cancel
    response = client.post(action, {**date_input("published_on", TODAY()), "reason": "x"})
    assert "Only a decision maker of Trafford can do this" in response.content.decode()


def test_provider_expresses_interest_and_sees_only_their_own(client, world):
    exercise = to_tender(world, open_plain(world))
    signed_in(client, world.provider)
    public = reverse("procurement-public:exercise", args=[exercise.reference])
    assert "Express interest" in client.get(public).content.decode()
    response = client.post(reverse("procurement:interest-start", args=[exercise.reference]))
    interest = ExpressionOfInterest.objects.get()
    assert response.url == reverse("procurement:interest", args=[interest.pk])
    response = client.post(response.url, {"proposal": "Five nights a week", "submit": "yes"})
    html = response.content.decode()
    assert "govuk-error-summary" in html and "Five nights a week" in html
    response = client.post(
        reverse("procurement:interest", args=[interest.pk]),
        {"proposal": "Five nights a week", "price": "650000", "submit": "yes"},
    )
    assert fresh(interest).state == "submitted"
    # Issue 19: the exercise's page shows the organisation's interest instead of offering a new
    # one, and asking again says the existing one is theirs (one per organisation).
    page = client.get(public).content.decode()
    assert "Your expressions of interest" in page and 'name="organisation"' not in page
    again = client.post(
        reverse("procurement:interest-start", args=[exercise.reference]), follow=True
    ).content.decode()
    assert f"already has an expression of interest in {exercise.reference}" in again
    assert ExpressionOfInterest.objects.count() == 1
    # The GOV.UK confirmation panel, with the reference and what happens next.
    confirmation = reverse("procurement:interest-submitted", args=[interest.pk])
    assert response.url == confirmation
    html = client.get(confirmation).content.decode()
    assert '<h1 class="govuk-panel__title">Expression of interest submitted</h1>' in html
    assert f"<strong>{fresh(interest).reference}</strong>" in html and "What happens next" in html
    client.force_login(world.rival)
    assert client.get(reverse("procurement:interest", args=[interest.pk])).status_code == 403
    assert client.get(confirmation).status_code == 403
    mine = client.get(reverse("procurement:interests")).content.decode()
    assert exercise.title not in mine


def test_submission_after_the_deadline_is_refused_on_the_page(client, world):
    exercise = to_tender(world, open_plain(world))
    signed_in(client, world.provider)
    client.post(reverse("procurement:interest-start", args=[exercise.reference]))
    interest = ExpressionOfInterest.objects.get()
    pass_deadline(exercise)
    response = client.post(
        reverse("procurement:interest", args=[interest.pk]),
        {"proposal": "Plan", "price": "1000", "submit": "yes"},
    )
    assert "its deadline has passed" in response.content.decode()
    assert fresh(interest).state == "draft"
    assert fresh(interest).proposal == "Plan"  # the draft keeps what was entered


def test_nhs_partner_approves_an_agreement_they_are_party_to(client, partners):
    agreement = to_approval(partners, proposed(partners))
    signed_in(client, partners.trust_partner)
    url = reverse("agreements:manage", args=[agreement.reference])
    assert client.get(url).status_code == 404  # not a party
    client.force_login(partners.icb_partner)
    page = client.get(url).content.decode()
    assert "Approve the agreement" in page
    approve_url = reverse("agreements:manage-approve", args=[agreement.reference])
    # Issue 19: the terms being approved are on the page, and the one body they act for is
    # named, not offered as a lone radio to select.
    icb = agreement.parties.get(nhs_body=partners.icb)
    form = client.get(approve_url).content.decode()
    assert "What the agreement specifies" in form
    assert f"Approving for <strong>{icb.name}</strong>" in form
    assert not re.findall(r'<input[^>]*type="radio"[^>]*>', form)
    assert f'<input type="hidden" name="party" value="{icb.pk}"' in form
    response = client.post(approve_url, {"party": icb.pk, "approval_reference": ""})
    assert "govuk-error-summary" in response.content.decode()
    response = client.post(approve_url, {"party": icb.pk, "approval_reference": "Board 26/041"})
    assert response.status_code == 302
    assert fresh(icb.agreement).parties.get(pk=icb.pk).approved_at
    lead = agreement.parties.get(authority=partners.authority)
    response = client.post(approve_url, {"party": lead.pk, "approval_reference": "KD"})
    assert "Select a valid choice" in response.content.decode()  # not theirs to approve


def test_officer_edits_terms_and_out_of_scope_is_refused(client, partners):
    agreement = proposed(partners)
    signed_in(client, partners.officer)
    url = reverse("agreements:manage-terms", args=[agreement.reference])
    response = client.post(url, {"nhs_functions": ["surgery"], "aims_outcomes": "Better care"})
    assert response.status_code == 302
    action = reverse("agreements:manage-action", args=[agreement.reference, "start_consultation"])
    response = client.post(action, follow=True)
    assert "Surgery cannot be covered by a partnership arrangement" in response.content.decode()


def test_public_exercise_pages_have_no_personal_data(client, world):
    exercise = to_tender(world, open_plain(world, confidential_fields=["estimated_value"]))
    people = [world.officer, world.decider, world.provider]
    for person in people:
        person.first_name, person.last_name = "Ayesha", f"Officer{person.pk}"
        person.save()
    for url in (
        reverse("procurement-public:list"),
        reverse("procurement-public:exercise", args=[exercise.reference]),
        reverse("procurement-public:ocds", args=[exercise.reference]),
    ):
        html = client.get(url).content.decode()
        assert exercise.reference in html
        for person in people:
            assert person.email not in html and person.last_name not in html
        assert "900000" not in html.replace(",", "")  # marked confidential


def test_unpublished_agreements_are_not_public(client, partners):
    draft = proposed(partners)
    assert client.get(reverse("agreements:detail", args=[draft.reference])).status_code == 404
    live = to_in_force(partners, proposed(partners))
    from agreements.models import TransferAgreement

    TransferAgreement.objects.filter(pk=live.pk).update(confidential_fields=["exit_plan"])
    html = client.get(reverse("agreements:detail", args=[live.reference])).content.decode()
    assert "Better Care Fund pooled budget" in html
    assert "Each partner takes back its functions" not in html  # exit plan marked confidential
    assert "£14,600,000" not in html and "£10,500,000" in html  # a year's total
    assert partners.decider.email not in html and "Key decision KD/26/14" not in html
    listing = client.get(reverse("agreements:list")).content.decode()
    assert live.reference in listing and draft.reference not in listing


def test_officers_list_only_their_authorities_and_nhs_partners_theirs(client, partners, manchester):
    agreement = approve_all(partners, to_approval(partners, proposed(partners)))
    client.force_login(builders.staff("officer", manchester))
    assert agreement.reference not in client.get(reverse("agreements:manage-list")).content.decode()
    client.force_login(partners.icb_partner)
    assert agreement.reference in client.get(reverse("agreements:manage-list")).content.decode()
    client.force_login(partners.trust_partner)
    assert agreement.reference not in client.get(reverse("agreements:manage-list")).content.decode()
    _ = timezone


def test_publication_changes_are_announced_after_the_commit(
    world, django_capture_on_commit_callbacks
):
    from procurement.signals import publication_changed

    heard = []

    def receiver(sender, kind, pk, **kwargs):
        heard.append((kind, pk))

    publication_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            exercise = open_plain(world)
        assert heard == []  # nothing before the commit
        for callback in callbacks:
            callback()
        assert heard == [("procurement", exercise.pk)]
    finally:
        publication_changed.disconnect(receiver)


def test_officer_prepares_an_agreement_through_pages(client, partners):
    signed_in(client, partners.officer)
    response = client.post(
        reverse("agreements:manage-new"),
        {"title": "", "agreement_type": "pooled_fund", "lead_authority": partners.authority.pk},
    )
    assert "Enter the title of the agreement" in response.content.decode()
    response = client.post(
        reverse("agreements:manage-new"),
        {
            "title": "Carers' pooled fund",
            "agreement_type": "pooled_fund",
            "lead_authority": partners.authority.pk,
        },
    )
    from agreements.models import TransferAgreement

    agreement = TransferAgreement.objects.get(title="Carers' pooled fund")
    ref = agreement.reference
    party_url = reverse("agreements:manage-party", args=[ref])
    response = client.post(party_url, {})
    html = response.content.decode()
    assert "Select either an authority or an NHS body" in html, html[html.find("<main") :][:3000]
    client.post(party_url, {"nhs_body": partners.icb.pk, "is_host": "on"})
    icb = agreement.parties.get(nhs_body=partners.icb)
    assert icb.is_host
    response = client.post(party_url, {"nhs_body": partners.icb.pk})
    assert "already a party" in response.content.decode()
    contribution_url = reverse("agreements:manage-contribution", args=[ref])
    client.post(contribution_url, {"party": icb.pk, "financial_year": "2026", "amount": "125000"})
    assert agreement.contributions.get().amount == 125_000
    staff_url = reverse("agreements:manage-staff", args=[ref])
    response = client.post(
        staff_url,
        {
            "from_party": icb.pk,
            "to_party": icb.pk,
            "arrangement": "secondment",
            "staff_group": "carers' workers",
            "headcount": "3",
        },
    )
    assert "Staff move from one party to another" in response.content.decode()
    page = client.get(reverse("agreements:manage", args=[ref])).content.decode()
    assert "£125,000" in page and "host of the pooled fund" in page
    sign = reverse("agreements:manage-action", args=[ref, "sign"])
    assert "You cannot do this now" in client.get(sign).content.decode()


def test_the_terms_form_edits_every_term_and_saves_through_the_workflow(client, partners):
    agreement = proposed(partners)
    signed_in(client, partners.officer)
    url = reverse("agreements:manage-terms", args=[agreement.reference])
    page = client.get(url).content.decode()
    for label in [
        "Council health-related functions covered",
        "NHS functions covered",
        "The agreed aims and outcomes",
        "Each partner&#x27;s contributions and how they may vary",
        "The NHS and health-related functions covered",
        "Who is served and which kinds of service",
        "Staff, goods, services and accommodation each partner provides",
        "Duration, review, variation and termination",
        "Monitoring arrangements, or the management of the pooled fund",
        "Pool manager (job title, not a name)",
        "Governance board",
        "Exit plan",
        "How the arrangements are likely to improve the way the functions are exercised",
        "Required before the agreement is signed (SI 2000/617 reg 4).",
        "Date the agreement starts",
        "Date the agreement ends",
        "Date of the first review",
        "Commercially confidential: leave out of the published agreement",
    ]:
        assert label in page, label
    response = client.post(
        url,
        {
            "council_functions": ["public_health"],
            "resources": "Two social workers",
            "exit_plan": "Staff return to the council",
            "starts_on_0": "1",
            "starts_on_1": "4",
            "starts_on_2": "2027",
            "confidential_fields": ["exit_plan"],
        },
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.resources, agreement.exit_plan) == (
        "Two social workers",
        "Staff return to the council",
    )
    assert agreement.confidential_fields == ["exit_plan"]
    snapshot = agreement.snapshot()
    assert snapshot["starts_on"] == "2027-04-01"
    assert snapshot["exit_plan"] == "Staff return to the council"
    assert "confidential_fields" not in snapshot and "review_date" not in snapshot


def test_a_proposed_award_is_not_public_before_the_contract_award_notice(client, world):
    """Issue 22: the proposed supplier and value stay private in "award proposed"; the contract
    award notice (UK6) publishes them."""
    from portal.workflow import perform
    from procurement.publication import exercise_public_fields

    from .conftest import assess, to_evaluation

    exercise = to_evaluation(world, open_plain(world))
    assess(world, exercise, {world.organisation: 80, world.rival_org: 70})
    winning = ExpressionOfInterest.objects.get(exercise=exercise, organisation=world.organisation)
    perform(
        "exercise", exercise, "propose_award", world.officer, interest=winning, award_value=780_000
    )
    fields = exercise_public_fields(exercise)
    assert fields["supplier"] == "" and "award_value" not in fields
    page = client.get(exercise.get_public_url()).content.decode()
    assert world.organisation.name not in page and "780,000" not in page
    perform(
        "exercise",
        exercise,
        "confirm_award",
        world.decider,
        published_on=TODAY(),
        standstill_days=8,
    )
    fields = exercise_public_fields(exercise)
    assert fields["supplier"] == world.organisation.name and fields["award_value"] == 780_000

"""Transfer agreements: each transition allowed and refused, scope, required contents, each
party's approval, signing only when all have approved, versions and review reminders."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from agreements import workflow as aw
from agreements.management.commands.agreement_approvals import remind as approvals_remind
from agreements.management.commands.agreement_reviews import remind
from agreements.models import AgreementState, AgreementVersion, TransferAgreement
from portal import audit
from portal.workflow import Refused, perform
from procurement.models import ImmutableError

from .agreements_helpers import approve_all, host_and_fund, proposed, to_approval, to_in_force
from .conftest import fresh

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_proposal_gets_a_reference_and_the_lead_as_a_party(partners):
    agreement = proposed(partners)
    assert agreement.reference == f"TRF-TA-{TODAY().year}-0001"
    assert [p.name for p in agreement.parties.all()] == [
        "Trafford Metropolitan Borough Council",
        "NHS Greater Manchester Integrated Care Board",
    ]
    assert list(audit.events_for(agreement).values_list("transition", flat=True))[:2] == [
        "propose",
        "add_party",
    ]


def test_only_lead_officers_propose(partners, manchester):
    with pytest.raises(Refused):
        aw.propose(
            partners.icb_partner,
            lead_authority=partners.authority,
            title="X",
            agreement_type="pooled_fund",
        )


def test_consultation_needs_an_authority_and_an_nhs_body(partners):
    agreement = aw.propose(
        partners.officer,
        lead_authority=partners.authority,
        title="Children's services",
        agreement_type="integrated_provision",
    )
    aw.update_terms(agreement, partners.officer, council_functions=["childrens_social_care"])
    with pytest.raises(Refused) as refused:
        perform("agreement", agreement, "start_consultation", partners.officer)
    assert refused.value.problems == ["Add at least one NHS body as a party"]


def test_out_of_scope_functions_are_refused(partners):
    agreement = proposed(partners, nhs_functions=["community_health", "surgery"])
    with pytest.raises(Refused) as refused:
        perform("agreement", agreement, "start_consultation", partners.officer)
    assert refused.value.problems == [
        "Surgery cannot be covered by a partnership arrangement (SI 2000/617 reg 5)"
    ]


def test_negotiation_needs_the_consultation_record(partners):
    agreement = proposed(partners)
    perform("agreement", agreement, "start_consultation", partners.officer)
    with pytest.raises(Refused) as refused:
        perform(
            "agreement", agreement, "start_negotiation", partners.officer, consultation_summary=""
        )
    assert refused.value.problems == ["Enter who was consulted and what they said"]


def test_approval_needs_the_seven_contents_and_a_pooled_funds_details(partners):
    agreement = proposed(partners, aims_outcomes="", monitoring="", pool_manager_role="")
    perform("agreement", agreement, "start_consultation", partners.officer)
    perform(
        "agreement", agreement, "start_negotiation", partners.officer, consultation_summary="Done."
    )
    with pytest.raises(Refused) as refused:
        perform("agreement", agreement, "seek_approval", partners.officer)
    assert refused.value.problems == [
        "Enter the agreed aims and outcomes",
        "Enter monitoring arrangements, or the management of the pooled fund",
        "Choose the partner that hosts the pooled fund",
        "Enter the pool manager's job title",
        "A pooled fund needs contributions from at least two partners",
    ]


def test_contribution_totals_per_partner_and_year(partners):
    agreement = host_and_fund(partners, proposed(partners))
    table, years, parties, total = agreement.contribution_table()
    year = TODAY().year
    assert years == {year: 10_500_000, year + 1: 4_100_000}
    assert sorted(parties.values()) == [6_500_000, 8_100_000]
    assert total == 14_600_000


def test_each_party_approves_separately_with_its_own_people(partners):
    agreement = to_approval(partners, proposed(partners))
    lead = agreement.parties.get(authority=partners.authority)
    icb = agreement.parties.get(nhs_body=partners.icb)
    with pytest.raises(Refused) as refused:
        aw.approve(agreement, icb, partners.decider, approval_reference="Board 26/1")
    assert "Only NHS Greater Manchester Integrated Care Board's NHS partners" in str(refused.value)
    with pytest.raises(Refused):
        aw.approve(agreement, lead, partners.icb_partner, approval_reference="KD 1")
    with pytest.raises(Refused):
        aw.approve(agreement, lead, partners.officer, approval_reference="KD 1")  # not a DM
    with pytest.raises(Refused):
        aw.approve(agreement, icb, partners.trust_partner, approval_reference="Board 26/1")
    aw.approve(agreement, icb, partners.icb_partner, approval_reference="Board minute 26/041")
    with pytest.raises(Refused) as refused:
        aw.approve(agreement, icb, partners.icb_partner, approval_reference="again")
    assert "has already approved" in str(refused.value)
    roles = list(audit.events_for(agreement).filter(transition="approve").values_list("actor_role"))
    assert roles == [("nhs_partner",)]


def test_signing_waits_for_every_party(partners):
    agreement = to_approval(partners, proposed(partners))
    with pytest.raises(Refused):  # parties are fixed once approval is sought
        aw.add_party(agreement, partners.officer, nhs_body=partners.trust)
    icb = agreement.parties.get(nhs_body=partners.icb)
    aw.approve(agreement, icb, partners.icb_partner, approval_reference="Board minute 26/041")
    with pytest.raises(Refused) as refused:
        perform("agreement", agreement, "sign", partners.decider, signed_on=TODAY())
    assert refused.value.problems == [
        "Trafford Metropolitan Borough Council has not approved the agreement"
    ]
    lead = agreement.parties.get(authority=partners.authority)
    aw.approve(agreement, lead, partners.decider, approval_reference="Executive KD/26/14")
    with pytest.raises(Refused):
        perform(
            "agreement", agreement, "sign", partners.officer, signed_on=TODAY()
        )  # decision makers sign
    perform("agreement", agreement, "sign", partners.decider, signed_on=TODAY())
    version = agreement.versions.get()
    assert (version.number, version.kind) == (1, "signed")
    assert [a["party"] for a in version.approvals] == [p.name for p in agreement.parties.all()]
    with pytest.raises(ImmutableError):
        version.save()


def test_return_to_negotiation_clears_approvals(partners):
    agreement = approve_all(partners, to_approval(partners, proposed(partners)))
    perform(
        "agreement",
        agreement,
        "return_to_negotiation",
        partners.officer,
        reason="ICB asks for change",
    )
    assert not agreement.parties.filter(approved_at__isnull=False).exists()


def test_in_force_sets_the_annual_review(partners):
    agreement = proposed(partners)
    TransferAgreement.objects.filter(pk=agreement.pk).update(review_date=None)
    agreement = fresh(agreement)
    with pytest.raises(Refused) as refused:
        to_in_force(partners, agreement)
    assert "Enter the date of the first review" in refused.value.problems


def test_a_variation_is_a_new_version_approved_by_every_party(partners):
    agreement = to_in_force(partners, proposed(partners))
    perform("agreement", agreement, "start_review", partners.officer)
    aw.update_terms(
        agreement, partners.officer, nhs_functions=["community_health", "mental_health"]
    )
    with pytest.raises(Refused) as refused:
        perform(
            "agreement",
            agreement,
            "complete_review",
            partners.officer,
            outcome="varied",
            reviewed_on=TODAY(),
            summary="Adds mental health services.",
        )
    assert len(refused.value.problems) == 2  # neither party has approved the variation
    approve_all(partners, agreement)
    perform(
        "agreement",
        agreement,
        "complete_review",
        partners.officer,
        outcome="varied",
        reviewed_on=TODAY(),
        summary="Adds mental health services.",
    )
    agreement = fresh(agreement)
    assert agreement.state == AgreementState.IN_FORCE
    assert agreement.review_date == agreement.next_review_after(TODAY())
    assert agreement.review_date > TODAY() + timedelta(days=360)
    version = agreement.versions.last()
    assert (version.number, version.kind) == (2, "varied")
    assert version.changes == {
        "nhs_functions": {
            "before": ["community_health"],
            "after": ["community_health", "mental_health"],
        }
    }


def test_a_variation_with_no_change_is_refused_but_continuing_is_not(partners):
    agreement = to_in_force(partners, proposed(partners))
    perform("agreement", agreement, "start_review", partners.officer)
    approve_all(partners, agreement)
    with pytest.raises(Refused) as refused:
        perform(
            "agreement",
            agreement,
            "complete_review",
            partners.officer,
            outcome="varied",
            reviewed_on=TODAY(),
            summary="x",
        )
    assert "Nothing in the agreement has changed since its last version" in refused.value.problems
    perform(
        "agreement",
        agreement,
        "complete_review",
        partners.officer,
        outcome="continued",
        reviewed_on=TODAY(),
    )
    assert AgreementVersion.objects.filter(agreement=agreement).count() == 1


def test_terminate_and_abandon(partners):
    agreement = to_in_force(partners, proposed(partners))
    with pytest.raises(Refused):
        perform("agreement", agreement, "abandon", partners.officer, reason="x")  # signed: too late
    with pytest.raises(Refused):
        perform("agreement", agreement, "terminate", partners.decider, ended_on=TODAY(), reason="")
    perform(
        "agreement", agreement, "terminate", partners.decider, ended_on=TODAY(), reason="Ended."
    )
    assert fresh(agreement).state == AgreementState.TERMINATED

    other = proposed(partners)
    perform("agreement", other, "abandon", partners.officer, reason="ICB reorganised")
    assert fresh(other).state == AgreementState.ABANDONED


def test_review_reminders_are_sent_once_per_review_date(
    partners, django_capture_on_commit_callbacks
):
    agreement = to_in_force(partners, proposed(partners))
    TransferAgreement.objects.filter(pk=agreement.pk).update(
        review_date=TODAY() + timedelta(days=10)
    )
    far = to_in_force(partners, proposed(partners))
    assert far.review_date > TODAY() + timedelta(days=300)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert remind() == 1
    reminders = [m for m in mail.outbox if agreement.reference in m.subject]
    recipients = [m.to for m in reminders]
    assert [partners.officer.email] in recipients and [partners.icb_partner.email] in recipients
    assert all(len(m.to) == 1 for m in reminders)
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("agreement_reviews", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert remind() == 0
    assert len(mail.outbox) == sent
    TransferAgreement.objects.filter(pk=agreement.pk).update(
        review_date=TODAY() + timedelta(days=5)
    )
    assert remind() == 1  # a new review date is reminded again


def test_a_long_wait_for_approval_reminds_the_parties_not_approved_once(
    partners, django_capture_on_commit_callbacks
):
    agreement = to_approval(partners, proposed(partners))
    lead = agreement.parties.get(authority=partners.authority)
    aw.approve(agreement, lead, partners.decider, approval_reference="Key decision KD/26/14")
    assert approvals_remind() == 0  # sought today: not waiting yet
    call_command("agreement_approvals", stdout=open("/dev/null", "w"))  # noqa: SIM115
    later = TODAY() + timedelta(days=30)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert approvals_remind(today=later) == 1
        assert approvals_remind(today=later + timedelta(days=1)) == 0
    # Only the NHS body that has not approved is reminded; the authority has approved.
    assert [m.to for m in mail.outbox] == [[partners.icb_partner.email]]
    assert agreement.reference in mail.outbox[0].subject


def test_coming_into_force_and_returning_need_their_facts(partners):
    agreement = approve_all(partners, to_approval(partners, proposed(partners)))
    with pytest.raises(Refused) as refused:
        perform("agreement", agreement, "return_to_negotiation", partners.officer, reason=" ")
    assert refused.value.problems == ["Enter the reason"]
    perform("agreement", agreement, "sign", partners.decider, signed_on=TODAY())
    with pytest.raises(Refused) as refused:
        perform(
            "agreement",
            agreement,
            "bring_into_force",
            partners.officer,
            in_force_from=TODAY() - timedelta(days=1),
        )
    assert refused.value.problems == ["The agreement cannot come into force before it is signed"]


def test_class_4_laser_treatment_is_excluded(partners):
    """SI 2000/617 reg 5: the use of Class 4 laser treatment is among the NHS functions that
    may not be included in partnership arrangements."""
    agreement = proposed(partners, nhs_functions=["community_health", "class_4_laser"])
    with pytest.raises(Refused) as refused:
        perform("agreement", agreement, "start_consultation", partners.officer)
    assert refused.value.problems == [
        "Class 4 laser treatment cannot be covered by a partnership arrangement (SI 2000/617 reg 5)"
    ]


def test_signing_needs_the_likely_improvement_recorded(partners):
    """SI 2000/617 reg 4: arrangements only if they are likely to lead to an improvement in the
    way the functions are exercised; the agreement records it before it is signed."""
    agreement = to_approval(partners, proposed(partners, improvement_expected=""))
    approve_all(partners, agreement)
    with pytest.raises(Refused) as refused:
        perform("agreement", agreement, "sign", partners.decider, signed_on=TODAY())
    assert refused.value.problems == [
        "Record how the arrangements are likely to improve the way the functions are exercised "
        "(SI 2000/617 reg 4(1)): edit the terms"
    ]
    assert fresh(agreement).state == "approval"


def test_signing_and_coming_into_force_need_the_joint_consultation(partners):
    """SI 2000/617 reg 4: the partners may not enter into arrangements unless they have jointly
    consulted those who appear to be affected; without that record the agreement neither is
    signed nor takes effect."""
    agreement = proposed(partners)
    perform("agreement", agreement, "start_consultation", partners.officer)
    perform(
        "agreement",
        agreement,
        "start_negotiation",
        partners.officer,
        consultation_summary="Each partner consulted its own service users separately.",
        consulted_jointly=False,
    )
    host_and_fund(partners, agreement)
    perform("agreement", agreement, "seek_approval", partners.officer)
    approve_all(partners, agreement)
    with pytest.raises(Refused) as refused:
        perform("agreement", agreement, "sign", partners.decider, signed_on=TODAY())
    assert refused.value.problems == [
        "Record that the partners consulted those affected jointly (SI 2000/617 reg 4(2)): the "
        "agreement cannot take effect without it"
    ]
    # A signed agreement whose record is lost (edited under review) cannot come into force.
    type(agreement).objects.filter(pk=agreement.pk).update(consulted_jointly=True)
    agreement = fresh(agreement)
    perform("agreement", agreement, "sign", partners.decider, signed_on=TODAY())
    type(agreement).objects.filter(pk=agreement.pk).update(improvement_expected=" ")
    agreement = fresh(agreement)
    with pytest.raises(Refused) as refused:
        perform("agreement", agreement, "bring_into_force", partners.officer, in_force_from=TODAY())
    assert "(SI 2000/617 reg 4(1))" in refused.value.problems[0]

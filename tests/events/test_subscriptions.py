"""Each event kind of the subscription table reaches the right people, by role, in the app and by
email (one outbox row per person). The expectations are written here, kind by kind: a kind added
to the table without a line here fails `test_every_kind_has_a_test`."""

import pytest

from messaging import subscriptions as table
from messaging.models import Notification

from .conftest import MAKERS, clean_slate, publish, sent, told, watch

pytestmark = pytest.mark.django_db

B, OF, D, N, S, W = "body", "officers", "decision_makers", "nhs_partners", "suppliers", "watchers"
P, PB, E = "partners", "publishers", "editors"

# kind -> (roles told, {role: email kind other than case_update})
EXPECTED = {
    "challenge.submit": (
        {B, OF, D, W},
        {B: "challenge_received", OF: "challenge_arrived", D: "challenge_arrived"},
    ),
    "challenge.start_assessment": ({B, W}, {}),
    "challenge.notify_expected_decision": ({B, OF}, {B: "expected_decision"}),
    "challenge.withdraw_after_decision": ({B, OF, D, W}, {}),
    "challenge.recommend": ({D, OF}, {}),
    "challenge.refer_back": ({OF}, {}),
    "challenge.check_eligibility": ({B, OF}, {}),
    "challenge.confirm_eligibility": ({B}, {}),
    "challenge.request_clarification": ({B, W}, {B: "clarification_requested"}),
    "challenge.answer_clarification": ({OF, B, W}, {OF: "clarification_answered"}),
    "challenge.propose_modification": ({B, OF, W}, {B: "modification_proposed"}),
    "challenge.accept": ({B, OF, D, W}, {B: "decision"}),
    "challenge.reject": ({B, OF, D, W}, {B: "decision"}),
    "challenge.agree_modification": ({B, OF, D, W}, {B: "decision"}),
    "challenge.decline_modification": ({B, OF, D, W}, {B: "decision"}),
    "challenge.withdraw": ({B, OF, D, W}, {}),
    "challenge.record_agreement": ({OF, D}, {}),
    "challenge.start_procurement": ({B, W}, {}),
    "challenge.close": ({B, W}, {}),
    "challenge.decision_due_soon": ({D, OF}, {D: "decision_due_reminder"}),
    "challenge.overdue": ({D, OF, B}, {}),
    "challenge.decision_awaited": ({D}, {}),
    "exercise.begin_market_engagement": ({W}, {}),
    "exercise.open": ({OF, W}, {}),
    "exercise.open_tender": ({B, W}, {}),
    "exercise.close_tender": ({W}, {}),
    "exercise.propose_award": ({D, W}, {}),
    "exercise.return_to_evaluation": ({OF}, {}),
    "exercise.confirm_award": ({S, OF, W}, {S: "assessment_summary"}),
    "exercise.award": ({OF, W}, {}),
    "exercise.start_delivery": ({W}, {}),
    "exercise.close": ({W}, {}),
    "exercise.terminate_contract": ({S, W}, {}),
    "exercise.cancel": ({S, W}, {}),
    "interest.submit": ({B, OF}, {B: "interest_received"}),
    "interest.start_evaluation": ({B}, {}),
    "interest.shortlist": ({B}, {}),
    "interest.reject": ({B}, {}),
    "interest.mark_successful": ({B}, {B: "interest_outcome"}),
    "interest.mark_unsuccessful": ({B}, {B: "interest_outcome"}),
    "interest.withdraw": ({OF}, {}),
    "agreement.start_consultation": ({N, D, W}, {}),
    "agreement.start_negotiation": ({N, W}, {}),
    "agreement.seek_approval": (
        {N, D, W},
        {N: "agreement_approval_requested", D: "agreement_approval_requested"},
    ),
    "agreement.return_to_negotiation": ({N, D, W}, {}),
    "agreement.sign": ({N, OF, D, W}, {}),
    "agreement.bring_into_force": ({N, OF, W}, {}),
    "agreement.start_review": (
        {N, D, W},
        {N: "agreement_approval_requested", D: "agreement_approval_requested"},
    ),
    "agreement.complete_review": ({N, OF, W}, {}),
    "agreement.terminate": ({N, OF, W}, {}),
    "agreement.abandon": ({N, OF, W}, {}),
    "agreement.add_party": ({N, OF}, {}),
    "agreement.approve": ({N, OF, D}, {}),
    "agreement.document_added": ({N, OF}, {}),
    "agreement.review_due": (
        {N, OF, D},
        {N: "agreement_review_due", OF: "agreement_review_due", D: "agreement_review_due"},
    ),
    "agreement.approval_awaited": (
        {N, D},
        {N: "agreement_approval_requested", D: "agreement_approval_requested"},
    ),
    "page.submitted": ({PB}, {}),
    "page.approved": ({E}, {}),
    "page.rejected": ({E}, {}),
    # Innovation offers: the offeror's members are the body; the addressees are told through
    # their own people (Trafford's officers, the ICB's partners, the police force's members).
    "offer.submit": ({B, OF, N, P}, {B: "offer_received"}),
    "offer.acknowledge_receipt": ({B, OF, N, P}, {}),
    "offer.start_assessment": ({B}, {}),
    "offer.record_meeting": ({B, OF, N, P}, {}),
    "offer.give_answer": ({B, OF, N, P, W}, {B: "offer_answered"}),
    "offer.acknowledge": ({W}, {}),
    "offer.assess": ({W}, {}),
    "offer.answer": ({B, OF, N, P, W}, {}),
    "offer.withdraw": ({OF, N, P, W}, {}),
    "offer.acknowledgement_due": (
        {OF, N, P},
        {OF: "offer_reminder", N: "offer_reminder", P: "offer_reminder"},
    ),
    "offer.answer_due": (
        {OF, N, P},
        {OF: "offer_reminder", N: "offer_reminder", P: "offer_reminder"},
    ),
    "offer.overdue": (
        {OF, N, P},
        {OF: "offer_reminder", N: "offer_reminder", P: "offer_reminder"},
    ),
}


def people(w, machine, role) -> set:
    """Who holds `role` for the subject of `machine` in the world of conftest."""
    if role == B:
        return {w.rival} if machine == "interest" else {w.provider}
    return {
        OF: {w.officer},
        D: {w.decider, w.other_decider},
        N: {w.icb_partner},
        P: {getattr(w, "police", None)} - {None},  # made with the offer (tests/offers/helpers.py)
        S: {w.provider, w.rival},
        W: {w.watcher},
        PB: {getattr(w, "authority_admin", None)},
        E: {w.officer},
    }[role]


def test_every_kind_has_a_test():
    assert set(EXPECTED) == set(table.TABLE)


def test_the_required_subscriptions_are_there():
    """Issue 11: officers hear of a challenge's arrival and of an answered clarification;
    decision makers of a case awaiting decision; NHS partners of an agreement awaiting them."""
    assert OF in table.get("challenge.submit").roles
    assert OF in table.get("challenge.answer_clarification").roles
    assert D in table.get("challenge.submit").roles
    assert D in table.get("challenge.decision_awaited").roles
    assert N in table.get("agreement.seek_approval").roles
    assert N in table.get("agreement.approval_awaited").roles


@pytest.mark.parametrize("kind", sorted(table.TABLE))
def test_each_kind_reaches_each_role(kind, cast, django_capture_on_commit_callbacks):
    machine = kind.split(".")[0]
    subject = MAKERS[machine](cast)
    watch(cast.watcher, subject)
    clean_slate()
    roles, emails = EXPECTED[kind]

    event_id = publish(django_capture_on_commit_callbacks, kind, subject)

    wanted: dict = {}
    for role in sorted(roles, key=lambda r: (r not in table.get(kind).statutory,)):
        for person in people(cast, machine, role):
            wanted.setdefault(person.email, emails.get(role, "case_update"))
    # In the app: everyone named, nobody else (another authority's staff, a non-party NHS
    # body, a stranger).
    assert told(event_id) == set(wanted)
    for outsider in (cast.outsider_officer, cast.outsider_decider, cast.trust_partner):
        assert outsider.email not in told(event_id)
    # By email: one message each, of the role's kind (a statutory role's kind first).
    assert sent() == set(wanted.items())
    assert Notification.objects.filter(event_id=event_id).count() == len(wanted)

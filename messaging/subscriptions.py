"""Who is told about each kind of event: the subscription table, in one place.

Each row maps an event kind to the roles whose people are told (in the app, and by email as each
person prefers), and says to which of those roles it is a **statutory notice** (always emailed,
at once, whatever the person's preference). The roles are found by the app that owns the subject:
each app registers, from its AppConfig.ready(), how to find the people in each role of its
subjects (`register(machine, ...)`), so that portal imports no app. Watchers are portal's own.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from portal.roles import (
    BODY,
    DECISION_MAKERS,
    EDITORS,
    NHS_PARTNERS,
    OFFICERS,
    PARTNERS,
    PUBLISHERS,
    SUPPLIERS,
    WATCHERS,
)

# Roles: who, for a subject, a row may name (the audiences of portal.roles, spelt there).
ROLES = {
    BODY: "the body's members",
    OFFICERS: "the authority's officers",
    DECISION_MAKERS: "the authority's decision makers",
    NHS_PARTNERS: "the NHS partners",
    SUPPLIERS: "the suppliers",
    PARTNERS: "the partner organisations' members",
    WATCHERS: "people following the case",
    PUBLISHERS: "the authority's admins, who approve its pages",
    EDITORS: "the person who submitted a page for approval",
}
GENERIC_EMAIL = "case_update"  # a role without an email kind of its own gets this one


@dataclass(frozen=True)
class Subscription:
    kind: str
    label: str  # what happened, for the notification list, emails and the preferences page
    roles: tuple[str, ...]
    statutory: tuple[str, ...] = ()  # the roles to whom it is a statutory notice
    emails: dict[str, str] = field(default_factory=dict)  # role -> email kind

    def email_kind(self, role: str) -> str:
        return self.emails.get(role, GENERIC_EMAIL)

    @property
    def is_statutory(self) -> bool:
        return bool(self.statutory)


def _row(kind, label, roles, statutory=(), **emails) -> Subscription:
    return Subscription(kind, label, tuple(roles), tuple(statutory), emails)


STAFF = (OFFICERS, DECISION_MAKERS)
# Those an innovation offer is made to, each through its own people.
ADDRESSEES = (OFFICERS, NHS_PARTNERS, PARTNERS)
TABLE: dict[str, Subscription] = {
    row.kind: row
    for row in [
        # --- challenges (Localism Act 2011 ss.81-86) --------------------------------------------
        _row(
            "challenge.submit",
            "A challenge was received",
            (BODY, OFFICERS, DECISION_MAKERS, WATCHERS),
            statutory=(BODY,),
            body="challenge_received",
            officers="challenge_arrived",
            decision_makers="challenge_arrived",
        ),
        _row("challenge.start_assessment", "The assessment started", (BODY, WATCHERS)),
        _row(
            "challenge.notify_expected_decision",
            "The body was told when to expect the decision (s.84(6))",
            (BODY, OFFICERS),
            statutory=(BODY,),
            body="expected_decision",
        ),
        _row(
            "challenge.withdraw_after_decision",
            "The body withdrew an accepted challenge (s.84(10))",
            (BODY, OFFICERS, DECISION_MAKERS, WATCHERS),
        ),
        _row(
            "challenge.recommend",
            "An officer's recommendation awaits a decision",
            (DECISION_MAKERS, OFFICERS),
        ),
        _row("challenge.refer_back", "A recommendation was referred back", (OFFICERS,)),
        _row(
            "challenge.check_eligibility",
            "The body was checked against the registers",
            (BODY, OFFICERS),
        ),
        _row("challenge.confirm_eligibility", "The body's eligibility was confirmed", (BODY,)),
        _row(
            "challenge.request_clarification",
            "Clarification was requested",
            (BODY, WATCHERS),
            statutory=(BODY,),
            body="clarification_requested",
        ),
        _row(
            "challenge.answer_clarification",
            "A request for clarification was answered",
            (OFFICERS, BODY, WATCHERS),
            officers="clarification_answered",
        ),
        _row(
            "challenge.propose_modification",
            "A modification was proposed",
            (BODY, OFFICERS, WATCHERS),
            statutory=(BODY,),
            body="modification_proposed",
        ),
        *[
            _row(
                f"challenge.{name}",
                label,
                (BODY, OFFICERS, DECISION_MAKERS, WATCHERS),
                statutory=(BODY,),
                body="decision",
            )
            for name, label in [
                ("accept", "The challenge was accepted"),
                ("reject", "The challenge was rejected"),
                ("agree_modification", "The body agreed to the modification: accepted"),
                ("decline_modification", "The body declined the modification: rejected"),
            ]
        ],
        _row(
            "challenge.record_agreement",
            "A partner authority agreed to the proposed decision",
            (OFFICERS, DECISION_MAKERS),
        ),
        _row("challenge.withdraw", "The challenge was withdrawn", (BODY, *STAFF, WATCHERS)),
        _row("challenge.start_procurement", "Procurement started", (BODY, WATCHERS)),
        _row("challenge.close", "The outcome of procurement was recorded", (BODY, WATCHERS)),
        _row(
            "challenge.decision_due_soon",
            "A decision is due soon",
            (DECISION_MAKERS, OFFICERS),
            decision_makers="decision_due_reminder",
        ),
        _row("challenge.overdue", "A decision is overdue", (DECISION_MAKERS, OFFICERS, BODY)),
        _row(
            "challenge.decision_awaited",
            "A challenge has been waiting for a decision",
            (DECISION_MAKERS,),
        ),
        # --- procurement exercises (Procurement Act 2023) ---------------------------------------
        _row("exercise.begin_market_engagement", "Market engagement started", (WATCHERS,)),
        _row("exercise.open_tender", "The tender opened", (BODY, WATCHERS)),
        # Suppliers hear of the evaluation and the outcome through their interest's own events.
        _row("exercise.close_tender", "The tender closed", (WATCHERS,)),
        _row("exercise.propose_award", "An award was proposed", (DECISION_MAKERS, WATCHERS)),
        _row("exercise.return_to_evaluation", "The award went back to evaluation", (OFFICERS,)),
        _row(
            "exercise.confirm_award",
            "The award was confirmed and the standstill started",
            (SUPPLIERS, OFFICERS, WATCHERS),
            statutory=(SUPPLIERS,),
            suppliers="assessment_summary",
        ),
        _row(
            "exercise.award",
            "The contract was awarded",
            (OFFICERS, WATCHERS),
        ),
        _row("exercise.start_delivery", "Delivery of the contract started", (WATCHERS,)),
        _row("exercise.close", "The exercise was closed", (WATCHERS,)),
        _row("exercise.terminate_contract", "The contract was terminated", (SUPPLIERS, WATCHERS)),
        _row(
            "exercise.cancel",
            "The procurement was cancelled",
            (SUPPLIERS, WATCHERS),
            statutory=(SUPPLIERS,),
        ),
        # --- expressions of interest ------------------------------------------------------------
        _row(
            "interest.submit",
            "An expression of interest was received",
            (BODY, OFFICERS),
            statutory=(BODY,),
            body="interest_received",
        ),
        _row("interest.start_evaluation", "Evaluation started", (BODY,)),
        _row("interest.shortlist", "The expression of interest was shortlisted", (BODY,)),
        _row("interest.reject", "The expression of interest was not shortlisted", (BODY,)),
        *[
            _row(f"interest.{name}", label, (BODY,), statutory=(BODY,), body="interest_outcome")
            for name, label in [
                ("mark_successful", "The tender was successful"),
                ("mark_unsuccessful", "The tender was not successful"),
            ]
        ],
        _row("interest.withdraw", "An expression of interest was withdrawn", (OFFICERS,)),
        _row("exercise.open", "A procurement exercise was opened", (OFFICERS, WATCHERS)),
        # --- transfer agreements (NHS Act 2006 s.75) --------------------------------------------
        _row(
            "agreement.start_consultation",
            "Consultation on an agreement started",
            (NHS_PARTNERS, DECISION_MAKERS, WATCHERS),
        ),
        _row("agreement.start_negotiation", "Negotiation started", (NHS_PARTNERS, WATCHERS)),
        _row(
            "agreement.seek_approval",
            "An agreement awaits your approval",
            (NHS_PARTNERS, DECISION_MAKERS, WATCHERS),
            nhs_partners="agreement_approval_requested",
            decision_makers="agreement_approval_requested",
        ),
        _row(
            "agreement.return_to_negotiation",
            "The agreement went back to negotiation",
            (NHS_PARTNERS, DECISION_MAKERS, WATCHERS),
        ),
        _row("agreement.sign", "The agreement was signed", (NHS_PARTNERS, *STAFF, WATCHERS)),
        _row(
            "agreement.bring_into_force",
            "The agreement came into force",
            (NHS_PARTNERS, OFFICERS, WATCHERS),
        ),
        _row(
            "agreement.start_review",
            "The annual review started: the agreement awaits your approval",
            (NHS_PARTNERS, DECISION_MAKERS, WATCHERS),
            nhs_partners="agreement_approval_requested",
            decision_makers="agreement_approval_requested",
        ),
        _row(
            "agreement.complete_review",
            "The review was completed",
            (NHS_PARTNERS, OFFICERS, WATCHERS),
        ),
        _row(
            "agreement.terminate",
            "The agreement was terminated",
            (NHS_PARTNERS, OFFICERS, WATCHERS),
        ),
        _row(
            "agreement.abandon", "The agreement was abandoned", (NHS_PARTNERS, OFFICERS, WATCHERS)
        ),
        _row(
            "agreement.review_due",
            "An agreement's annual review is due",
            (NHS_PARTNERS, *STAFF),
            nhs_partners="agreement_review_due",
            officers="agreement_review_due",
            decision_makers="agreement_review_due",
        ),
        # Actions (portal.workflow.act): writes that leave the agreement's state as it is.
        _row("agreement.add_party", "A party was added to the agreement", (NHS_PARTNERS, OFFICERS)),
        # --- CMS moderation (Wagtail's workflow, messaging/moderation.py) ----------------------
        _row("page.submitted", "A page was submitted for your approval", (PUBLISHERS,)),
        _row("page.approved", "Your page was approved and published", (EDITORS,)),
        _row("page.rejected", "Changes were requested to your page", (EDITORS,)),
        _row(
            "agreement.approve",
            "A party approved the agreement",
            (NHS_PARTNERS, OFFICERS, DECISION_MAKERS),
        ),
        _row(
            "agreement.document_added",
            "The signed copy of the agreement was uploaded",
            (NHS_PARTNERS, OFFICERS),
        ),
        _row(
            "agreement.approval_awaited",
            "An agreement is still waiting for your approval",
            (NHS_PARTNERS, DECISION_MAKERS),
            nhs_partners="agreement_approval_requested",
            decision_makers="agreement_approval_requested",
        ),
        # --- innovation offers (not statutory; offers/) -----------------------------------------
        _row(
            "offer.submit",
            "An innovation offer was received",
            (BODY, *ADDRESSEES),
            body="offer_received",
        ),
        _row(
            "offer.acknowledge_receipt", "An addressee acknowledged the offer", (BODY, *ADDRESSEES)
        ),
        _row("offer.start_assessment", "An addressee started assessing the offer", (BODY,)),
        _row("offer.record_meeting", "A meeting about the offer was recorded", (BODY, *ADDRESSEES)),
        _row(
            "offer.give_answer",
            "An addressee answered the offer",
            (BODY, *ADDRESSEES, WATCHERS),
            body="offer_answered",
        ),
        _row("offer.acknowledge", "The offer was acknowledged", (WATCHERS,)),
        _row("offer.assess", "The offer is being assessed", (WATCHERS,)),
        _row(
            "offer.answer", "Every addressee has answered the offer", (BODY, *ADDRESSEES, WATCHERS)
        ),
        _row("offer.withdraw", "The offer was withdrawn", (*ADDRESSEES, WATCHERS)),
        *[
            _row(
                f"offer.{name}",
                label,
                ADDRESSEES,
                officers="offer_reminder",
                nhs_partners="offer_reminder",
                partners="offer_reminder",
            )
            for name, label in [
                ("acknowledgement_due", "An offer's acknowledgement is due soon"),
                ("answer_due", "An offer's reasoned answer is due soon"),
                ("overdue", "An offer is past the date of your published standard"),
            ]
        ],
    ]
}


def get(kind: str) -> Subscription | None:
    return TABLE.get(kind)


# --- how apps find the people in each role --------------------------------------------------------

Audience = Callable  # (subject, event) -> a User queryset or user ids


@dataclass(frozen=True)
class Machine:
    """How to find people, links and email fields for one machine's subjects.

    `audiences`: role -> fn(subject, event) giving users (a queryset or ids).
    `link`: fn(subject, role) -> the path of the page that person should open.
    `title`: fn(subject) -> a short description, for lists and generic emails.
    `email_fields`: fn(event, email_kind) -> the fields of the app's own email kinds.
    `recipient_fields`: fn(event, email_kind, user_ids) -> {user_id: fields} for kinds whose
    fields differ per recipient (e.g. each supplier's own assessment summary).
    `can_watch`: fn(subject, user) -> whether the person may follow the case.
    """

    name: str
    model: type
    audiences: dict[str, Audience]
    link: Callable
    title: Callable
    email_fields: Callable = lambda event, kind: {}
    recipient_fields: Callable | None = None
    can_watch: Callable = lambda subject, user: False


_MACHINES: dict[str, Machine] = {}


def register(machine: Machine) -> Machine:
    _MACHINES[machine.name] = machine
    return machine


def machine(name: str) -> Machine | None:
    return _MACHINES.get(name)


def machine_for(model) -> Machine | None:
    return next((m for m in _MACHINES.values() if m.model is model), None)


def kinds_for_roles(roles: Iterable[str]) -> list[Subscription]:
    """The rows that can reach someone in any of these roles (for the preferences page)."""
    held = set(roles)
    return [row for row in TABLE.values() if held.intersection(row.roles)]

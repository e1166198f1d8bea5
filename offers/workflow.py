"""The innovation offer's machine, declared against the portal's workflow engine.

Each addressee answers for itself: its acknowledgement, a meeting and its reasoned answer are
actions (`act`) on the offer, audited in the role the person acts in for that addressee (an
authority's officer, an NHS body's partner, a partner organisation's member). The offer's own
stage follows them, by transitions the portal performs as soon as the steps make them due, in
the same transaction: acknowledged once any addressee has acknowledged, under assessment once
any has started assessing (or met the offeror, or answered), answered once every addressee has
answered. The offeror may withdraw until then. Not statutory: law.OFFER_NOT_STATUTORY.
"""

from django.db import transaction
from django.utils import timezone

from offers.models import (
    CONFIDENTIAL_CHOICES,
    OPEN_STATES,
    Offer,
    OfferAddressee,
    OfferMeeting,
    OfferState,
)
from portal import law, permissions
from portal.models import ReferenceCounter
from portal.roles import BODY_MEMBER, SYSTEM
from portal.workflow import Action, Machine, Refused, Step, Transition, act, perform, register

REFERENCE_KIND = "IO"
ADDRESSEE_STATES = tuple(OPEN_STATES)


# --- what views, the demo and commands call -------------------------------------------------------


def submit(user, *, organisation, addressees, **values) -> Offer:
    """A new offer, received today. `addressees`: [{"authority"|"nhs_body"|"organisation": body,
    "contact_role": ...}], the first authority among them giving the reference."""
    return act(
        "offer",
        None,
        "submit",
        user,
        organisation=organisation,
        addressees=addressees,
        values=values,
    )


def acknowledge(offer, addressee, user) -> Offer:
    return _then_advance(offer, user, "acknowledge_receipt", addressee=addressee)


def start_assessment(offer, addressee, user) -> Offer:
    return _then_advance(offer, user, "start_assessment", addressee=addressee)


def record_meeting(offer, addressee, user, **values) -> Offer:
    return _then_advance(offer, user, "record_meeting", addressee=addressee, values=values)


def give_answer(offer, addressee, user, **values) -> Offer:
    return _then_advance(offer, user, "give_answer", addressee=addressee, values=values)


def withdraw(offer, user, *, reason) -> Offer:
    return perform("offer", offer, "withdraw", user, reason=reason)


def _then_advance(offer, user, action, **kwargs) -> Offer:
    """The addressee's step, then the offer's stage if the step made it due, as one change."""
    with transaction.atomic():
        act("offer", offer, action, user, **kwargs)
        offer.refresh_from_db()
        due = next_stage(offer)
        while due:
            perform("offer", offer, due, user)
            due = next_stage(offer)
    return offer


def next_stage(offer) -> str:
    """The transition the addressees' steps have made due ("" for none)."""
    rows = list(offer.addressees.all())
    if offer.state == OfferState.SUBMITTED and any(a.acknowledged_at for a in rows):
        return "acknowledge"
    if offer.state in (OfferState.SUBMITTED, OfferState.ACKNOWLEDGED) and any(
        a.assessing_since for a in rows
    ):
        return "assess"
    if offer.state == OfferState.UNDER_ASSESSMENT and rows and all(a.answered_at for a in rows):
        return "answer"
    return ""


# --- conditions: one function per rule ------------------------------------------------------------


def member_of_the_offeror(step: Step) -> list[str]:
    """Any registered organisation may offer (issue 21, "Who may offer"), through its approved
    members."""
    organisation = step.kwargs.get("organisation")
    if organisation is None:
        return ["Select the organisation making the offer"]
    if permissions.is_member(step.user, organisation):
        return []
    return [f"Only approved members of {organisation.name} can make an offer for it"]


def required_contents(step: Step) -> list[str]:
    """Issue 21, "About what": the problem, the proposed change, the evidence (pilots, comparable
    sites or a plan to evaluate count), the outcomes to be measured, the costs and who bears them,
    safeguarding and data-protection arrangements, and the partners involved
    (law.OFFER_CONTENTS)."""
    values = step.kwargs["values"]
    problems = [
        f"Enter {label[0].lower()}{label[1:]}"
        for slug, label in law.OFFER_CONTENTS
        if not (values.get(slug) or "").strip()
    ]
    for name, message in (
        ("title", "Enter a title for the offer"),
        ("summary", "Enter a summary of the offer for the public"),
    ):
        if not (values.get(name) or "").strip():
            problems.insert(0, message)
    if values.get("offeror_type") not in law.OFFEROR_SECTOR:
        problems.append("Select the kind of organisation making the offer")
    elif values["offeror_type"] == "consortium" and values.get("sector") not in dict(
        law.OFFER_SECTORS
    ):
        problems.append("Select the sector of the consortium's lead member")
    return problems


def subject_given(step: Step) -> list[str]:
    """Issue 21, "About what": a published service specification or an area of need in the
    offer's own words."""
    values = step.kwargs["values"]
    if values.get("service") or (values.get("area_of_need") or "").strip():
        return []
    return ["Choose a published service or describe the area of need"]


def addressed_to_an_authority(step: Step) -> list[str]:
    """Issue 21, "To whom": one authority or several partners jointly, each once; the first
    authority among them gives the case its reference (DESIGN.md "Public addresses":
    `<authority code>-<kind>-<year>-<number>`)."""
    addressees = step.kwargs.get("addressees") or []
    if not addressees:
        return ["Choose who the offer is made to"]
    problems = []
    if not any(a.get("authority") for a in addressees):
        problems.append("Make the offer to at least one authority")
    keys = [
        next((k, a[k].pk) for k in ("authority", "nhs_body", "organisation") if a.get(k))
        for a in addressees
    ]
    if len(set(keys)) != len(keys):
        problems.append("Name each body the offer is made to once")
    return problems


def confidential_parts_explained(step: Step) -> list[str]:
    """Freedom of Information Act 2000 s.43 (law.OFFER_CONFIDENTIALITY_SOURCE): a part kept from
    the public page is marked with the reason its disclosure would prejudice commercial
    interests."""
    values = step.kwargs["values"]
    marked = values.get("confidential_fields") or []
    if set(marked) - dict(CONFIDENTIAL_CHOICES).keys():
        return ["Choose parts of the offer that may be kept confidential"]
    if marked and not (values.get("confidential_reasons") or "").strip():
        return [
            "Give the reasons the parts you marked are commercially confidential "
            f"({law.OFFER_CONFIDENTIALITY_SOURCE})"
        ]
    return []


def not_a_statutory_challenge(step: Step) -> list[str]:
    """Localism Act 2011 s.81 (law.OFFER_NOT_STATUTORY): the offeror confirms it understands
    that the offer is not an expression of interest under s.81 and gives no statutory right."""
    if step.kwargs["values"].get("understands_not_statutory"):
        return []
    return ["Confirm that you understand this offer is not a statutory challenge"]


def _addressee(step: Step) -> OfferAddressee:
    addressee = step.kwargs.get("addressee")
    if addressee is None or addressee.offer_id != step.obj.pk:
        raise Refused(["Choose one of the bodies this offer is made to"])
    return OfferAddressee.objects.select_for_update().get(pk=addressee.pk)


def answers_for_the_addressee(step: Step) -> list[str]:
    """Issue 21, "To whom": each addressee answers for itself, by its own people (an authority's
    officers, an NHS body's partners, a partner organisation's members)."""
    addressee = _addressee(step)
    if addressee.answers_for(step.user):
        return []
    return [f"Only people who answer for {addressee.name} can do this"]


def not_answered_yet(step: Step) -> list[str]:
    """An addressee answers once; its answer stands as published."""
    addressee = _addressee(step)
    return [f"{addressee.name} has already answered"] if addressee.answered_at else []


def not_acknowledged_yet(step: Step) -> list[str]:
    """An addressee acknowledges once: the date kept is the first."""
    addressee = _addressee(step)
    return (
        [f"{addressee.name} has already acknowledged the offer"]
        if addressee.acknowledged_at
        else []
    )


def meeting_recorded(step: Step) -> list[str]:
    """Issue 21, "Stages" (an optional meeting, recorded): its date, not in the future, and who
    took part, by role."""
    values, problems = step.kwargs["values"], []
    held_on = values.get("held_on")
    if not held_on:
        problems.append("Enter the date of the meeting")
    elif held_on > timezone.localdate():
        problems.append("The date of the meeting cannot be in the future")
    if not (values.get("attendees") or "").strip():
        problems.append("Enter who took part, by role")
    return problems


def reasoned_answer(step: Step) -> list[str]:
    """Issue 21, "Stages": taken forward says into what (law.OFFER_ROUTES); not taken forward
    gives written reasons against the published criteria (law.OFFER_CRITERIA); referred names the
    right body and why."""
    values = step.kwargs["values"]
    outcome = values.get("outcome")
    if outcome not in dict(law.OFFER_OUTCOMES):
        return ["Select the answer"]
    problems = []
    if not (values.get("reasons") or "").strip():
        problems.append("Enter the reasons for the answer")
    if outcome == "taken_forward" and values.get("route") not in dict(law.OFFER_ROUTES):
        problems.append("Select what the offer is taken forward into")
    if outcome == "not_taken_forward":
        criteria = values.get("criteria") or []
        if not criteria or set(criteria) - dict(law.OFFER_CRITERIA).keys():
            problems.append("Select the published criteria the offer does not meet")
    if outcome == "referred" and not (values.get("referred_to") or "").strip():
        problems.append("Enter the body the offer is referred to")
    return problems


def fair_competition(step: Step) -> list[str]:
    """Procurement Act 2023 s.12(2)-(3), s.16(3)-(5) and s.17 (law.OFFER_FAIR_COMPETITION): an
    offer taken into market engagement or a procurement records the steps taken so that its
    author gains no unfair advantage, and a summary published to all suppliers."""
    values = step.kwargs["values"]
    if values.get("outcome") != "taken_forward":
        return []
    if values.get("route") not in law.OFFER_FAIR_COMPETITION_ROUTES:
        return []
    problems = []
    if not (values.get("fair_competition_steps") or "").strip():
        problems.append(
            "Record the steps taken so that the offeror gains no unfair advantage "
            f"({law.OFFER_FAIR_COMPETITION_SOURCE})"
        )
    if not (values.get("supplier_summary") or "").strip():
        problems.append("Enter the summary published to all suppliers")
    return problems


def reason_given(step: Step) -> list[str]:
    """A withdrawal is recorded with the offeror's reason, shown to the addressees."""
    return [] if (step.kwargs.get("reason") or "").strip() else ["Enter the reason"]


def some_acknowledged(step: Step) -> list[str]:
    """The offer is acknowledged once any addressee has acknowledged it (each answers for
    itself; the offer's stage follows the first)."""
    if step.obj.addressees.exclude(acknowledged_at=None).exists():
        return []
    return ["No addressee has acknowledged the offer yet"]


def some_assessing(step: Step) -> list[str]:
    """The offer is under assessment once any addressee has started assessing it."""
    if step.obj.addressees.exclude(assessing_since=None).exists():
        return []
    return ["No addressee has started assessing the offer yet"]


def every_addressee_answered(step: Step) -> list[str]:
    """The offer is answered once every addressee has answered for itself."""
    return [
        f"{a.name} has not answered yet" for a in step.obj.addressees.all() if not a.answered_at
    ]


# --- writes ---------------------------------------------------------------------------------------


def write_offer(step: Step) -> Offer:
    values, organisation = step.kwargs["values"], step.kwargs["organisation"]
    today = timezone.localdate()
    addressees = step.kwargs["addressees"]
    lead = next(a["authority"] for a in addressees if a.get("authority"))
    offeror_type = values["offeror_type"]
    fields = {
        name: (values.get(name) or "").strip()
        for name in ("title", "summary", "area_of_need", "confidential_reasons")
    }
    offer = Offer.objects.create(
        reference=ReferenceCounter.next_reference(lead, REFERENCE_KIND, today.year),
        organisation=organisation,
        offeror_type=offeror_type,
        sector=law.OFFEROR_SECTOR[offeror_type] or values["sector"],
        submitted_by=step.user,
        service=values.get("service"),
        evidence_kinds=list(values.get("evidence_kinds") or []),
        confidential_fields=list(values.get("confidential_fields") or []),
        received_on=today,
        synthetic=bool(values.get("synthetic")),
        **fields,
        **{slug: values[slug].strip() for slug, _ in law.OFFER_CONTENTS},
    )
    for entry in addressees:
        row = OfferAddressee(
            offer=offer,
            authority=entry.get("authority"),
            nhs_body=entry.get("nhs_body"),
            organisation=entry.get("organisation"),
            contact_role=(entry.get("contact_role") or "").strip(),
        )
        row.apply_standard(today)
        if not row.contact_role and row.standard:  # the role its standard names answers
            row.contact_role = row.standard.answering_role
        row.save()
    step.changes.update(
        addressees=[a.name for a in offer.addressees.all()],
        sector=offer.sector,
        confidential=offer.confidential_fields,
    )
    return offer


def _stamp(step: Step, **fields) -> OfferAddressee:
    addressee = _addressee(step)
    for name, value in fields.items():
        if getattr(addressee, name) is None:
            setattr(addressee, name, value)
    addressee.save(update_fields=list(fields))
    Offer.objects.filter(pk=step.obj.pk).update(updated_at=timezone.now())
    step.changes["addressee"] = addressee.name
    step.kwargs["reason"] = step.kwargs.get("reason") or addressee.name
    return addressee


def write_acknowledgement(step: Step) -> OfferAddressee:
    return _stamp(step, acknowledged_at=timezone.now())


def write_assessment_start(step: Step) -> OfferAddressee:
    now = timezone.now()
    return _stamp(step, acknowledged_at=now, assessing_since=now)


def write_meeting(step: Step) -> OfferMeeting:
    addressee = write_assessment_start(step)
    values = step.kwargs["values"]
    meeting = OfferMeeting.objects.create(
        offer=step.obj,
        addressee=addressee,
        held_on=values["held_on"],
        attendees=values["attendees"].strip(),
        summary=(values.get("summary") or "").strip(),
    )
    step.changes["held_on"] = meeting.held_on.isoformat()
    return meeting


def write_answer(step: Step) -> OfferAddressee:
    values = step.kwargs["values"]
    addressee = write_assessment_start(step)
    outcome = values["outcome"]
    addressee.answered_at = timezone.now()
    addressee.answered_by = step.user
    addressee.answering_role = (
        addressee.standard.answering_role if addressee.standard else ""
    ) or (values.get("answering_role") or "").strip()
    addressee.outcome = outcome
    addressee.reasons = values["reasons"].strip()
    addressee.route = values.get("route", "") if outcome == "taken_forward" else ""
    addressee.next_step = (values.get("next_step") or "").strip()
    addressee.criteria = (
        list(values.get("criteria") or []) if outcome == "not_taken_forward" else []
    )
    addressee.referred_to = (
        (values.get("referred_to") or "").strip() if outcome == "referred" else ""
    )
    if addressee.route in law.OFFER_FAIR_COMPETITION_ROUTES:
        addressee.fair_competition_steps = values["fair_competition_steps"].strip()
        addressee.supplier_summary = values["supplier_summary"].strip()
    addressee.save()
    step.changes.update(
        outcome=outcome,
        route=addressee.route,
        criteria=addressee.criteria,
        timing=addressee.answer_timing(),
    )
    return addressee


def acting_for_the_addressee(step: Step) -> str:
    return step.kwargs["addressee"].acting_role()


def reindex(step: Step) -> None:
    """Queue the offer's search entry in this transaction: the outbox row commits with the step
    (and is applied after the commit) or rolls back with it."""
    from search.indexing import queue_update

    queue_update(step.obj)


# --- the machine ----------------------------------------------------------------------------------

S = OfferState

PUBLIC_EVENTS = {
    "submit": "Offer received",
    "acknowledge_receipt": "An addressee acknowledged the offer",
    "start_assessment": "An addressee started assessing the offer",
    "record_meeting": "An addressee met the offeror",
    "give_answer": "An addressee answered",
    "acknowledge": "Offer acknowledged",
    "assess": "Offer under assessment",
    "answer": "Every addressee has answered",
    "withdraw": "Offer withdrawn by the offeror",
}
PUBLIC_STATES = {
    S.SUBMITTED: "Received, waiting to be acknowledged",
    S.ACKNOWLEDGED: "Acknowledged",
    S.UNDER_ASSESSMENT: "Being assessed",
    S.ANSWERED: "Answered by every addressee",
    S.WITHDRAWN: "Withdrawn",
}

ACTIONS = [
    Action(
        "submit",
        "Make an offer",
        write_offer,
        role=BODY_MEMBER,
        conditions=(
            member_of_the_offeror,
            required_contents,
            subject_given,
            addressed_to_an_authority,
            confidential_parts_explained,
            not_a_statutory_challenge,
        ),
        creates=True,
        publishes=True,
    ),
    Action(
        "acknowledge_receipt",
        "Acknowledge the offer",
        write_acknowledgement,
        states=ADDRESSEE_STATES,
        acting_role=acting_for_the_addressee,
        conditions=(answers_for_the_addressee, not_acknowledged_yet),
    ),
    Action(
        "start_assessment",
        "Start assessing the offer",
        write_assessment_start,
        states=ADDRESSEE_STATES,
        acting_role=acting_for_the_addressee,
        conditions=(answers_for_the_addressee, not_answered_yet),
    ),
    Action(
        "record_meeting",
        "Record a meeting",
        write_meeting,
        states=ADDRESSEE_STATES,
        acting_role=acting_for_the_addressee,
        conditions=(answers_for_the_addressee, not_answered_yet, meeting_recorded),
    ),
    Action(
        "give_answer",
        "Give your answer",
        write_answer,
        states=ADDRESSEE_STATES,
        acting_role=acting_for_the_addressee,
        conditions=(answers_for_the_addressee, not_answered_yet, reasoned_answer, fair_competition),
        publishes=True,
    ),
]

MACHINE = register(
    Machine(
        name="offer",
        public_events=PUBLIC_EVENTS,
        public_states=PUBLIC_STATES,
        noun="offer",
        title="Innovation offer",
        model=Offer,
        states=OfferState,
        final=(S.ANSWERED, S.WITHDRAWN),
        role_problems={
            BODY_MEMBER: lambda o: f"Only members of {o.organisation.name} can do this",
            SYSTEM: lambda o: (
                "Only people who answer for one of the offer's addressees can do this"
            ),
        },
        role_legend={BODY_MEMBER: "the offeror", SYSTEM: "the portal, after an addressee's step"},
        actions=ACTIONS,
        transitions=[
            Transition(
                "acknowledge",
                "Mark the offer acknowledged",
                conditions=(some_acknowledged,),
                publishes=True,
            ),
            Transition(
                "assess",
                "Mark the offer under assessment",
                conditions=(some_assessing,),
                publishes=True,
            ),
            Transition(
                "answer",
                "Mark the offer answered",
                conditions=(every_addressee_answered,),
                publishes=True,
            ),
            Transition(
                "withdraw", "Withdraw the offer", conditions=(reason_given,), publishes=True
            ),
        ],
    )
)
MACHINE.hook("search")(reindex)
LABELS = {t.name: t.label for t in MACHINE.transitions}

"""The transfer agreement's machine, declared against the portal's workflow engine: proposal,
consultation, negotiation, each party's approval (recorded separately, by that party's own
people), signing once every party has approved, coming into force, annual review with variations
kept as versions, termination, abandonment. Run its transitions with
`portal.workflow.perform("agreement", agreement, name, user, **kwargs)`; proposing, editing and
approving (not changes of state) are here too."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from agreements import attachments
from agreements.models import (
    PUBLISHED_STATES,
    AgreementParty,
    AgreementState,
    AgreementVersion,
    Contribution,
    StaffArrangement,
    TransferAgreement,
    is_lead_officer,
)
from portal import law, permissions
from portal.models import Role
from portal.roles import DECISION_MAKER, NHS_PARTNER, OFFICER
from portal.workflow import Action, Machine, Refused, Step, Transition, act, register
from procurement import signals
from procurement.models.common import next_reference

DECISIONS = {"sign", "terminate"}
EDITABLE_STATES = {
    AgreementState.PROPOSED,
    AgreementState.CONSULTATION,
    AgreementState.NEGOTIATION,
    AgreementState.UNDER_REVIEW,
}
PARTY_STATES = {AgreementState.PROPOSED, AgreementState.CONSULTATION, AgreementState.NEGOTIATION}
APPROVAL_STATES = {AgreementState.APPROVAL, AgreementState.UNDER_REVIEW}


# --- proposing, editing and approving: actions, run by portal.workflow.act -------------------
# The functions below keep their callers' signatures; each runs its action through the engine,
# which locks the agreement, checks state, role and conditions, audits and publishes the event.


def propose(user, *, lead_authority, title, agreement_type) -> TransferAgreement:
    """A new agreement in `proposed`, with the lead authority as its first party."""
    return act(
        "agreement",
        None,
        "propose",
        user,
        lead_authority=lead_authority,
        title=title,
        agreement_type=agreement_type,
    )


def update_terms(agreement, user, **values) -> TransferAgreement:
    """Change the terms (while proposed, in consultation or negotiation, or under review)."""
    return act("agreement", agreement, "update_terms", user, values=values)


def add_party(agreement, user, *, authority=None, nhs_body=None, is_host=False) -> AgreementParty:
    return act(
        "agreement",
        agreement,
        "add_party",
        user,
        authority=authority,
        nhs_body=nhs_body,
        is_host=is_host,
    )


def set_contribution(agreement, user, *, party, financial_year, amount) -> Contribution:
    return act(
        "agreement",
        agreement,
        "set_contribution",
        user,
        party=party,
        financial_year=financial_year,
        amount=amount,
    )


def add_staff(agreement, user, **values) -> StaffArrangement:
    return act("agreement", agreement, "add_staff", user, values=values)


def approve(agreement, party, user, *, approval_reference) -> AgreementParty:
    """Record one party's approval. The agreement row is locked while it is written (by the
    engine), so a signing waits for it and counts it; two parties approving at once both
    count."""
    return act(
        "agreement", agreement, "approve", user, party=party, approval_reference=approval_reference
    )


def officer_of_the_lead(step: Step) -> list[str]:
    """Localism Act practice as the portal runs it: the lead authority's officers propose an
    agreement (SI 2000/617 reg 4: the partners enter into it; the lead runs the paperwork)."""
    authority = step.kwargs["lead_authority"]
    if permissions.is_officer(step.user, authority):
        return []
    return [f"Only officers of {authority.nice_name} can propose an agreement"]


def prescribed_local_authority_problems(authority) -> list[str]:
    """SI 2000/617 reg 3(2) (law.AGREEMENT_LOCAL_AUTHORITY_TYPES): only a district, county,
    London borough council or the Common Council may be a partner."""
    if authority is None or authority.authority_type in law.AGREEMENT_LOCAL_AUTHORITY_TYPES:
        return []
    return [
        f"{authority.nice_name} cannot be a partner to a section 75 agreement: only a district, "
        "county or London borough council or the Common Council of the City of London can "
        f"({law.AGREEMENT_PARTNERS_SOURCE})"
    ]


def lead_is_a_prescribed_local_authority(step: Step) -> list[str]:
    """SI 2000/617 reg 3(2): the authority that proposes an agreement is one of its partners,
    so it is a local authority the regulation prescribes (a fire and rescue authority is not)."""
    return prescribed_local_authority_problems(step.kwargs.get("lead_authority"))


def party_is_a_prescribed_local_authority(step: Step) -> list[str]:
    """SI 2000/617 reg 3(2): an authority added as a party is a prescribed local authority."""
    return prescribed_local_authority_problems(step.kwargs.get("authority"))


def title_and_type(step: Step) -> list[str]:
    """NHS Act 2006 s.75 and SI 2000/617 regs 7-9: the arrangement is of one of the types the
    regulations allow (law.AGREEMENT_TYPES), and the agreement is named."""
    problems = []
    if not (step.kwargs.get("title") or "").strip():
        problems.append("Enter a title for the agreement")
    if step.kwargs.get("agreement_type") not in dict(law.AGREEMENT_TYPES):
        problems.append("Select the type of agreement")
    return problems


def write_proposal(step: Step) -> TransferAgreement:
    lead, kwargs = step.kwargs["lead_authority"], step.kwargs
    agreement = TransferAgreement.objects.create(
        reference=next_reference(lead, "agreement", timezone.localdate().year),
        lead_authority=lead,
        title=kwargs["title"].strip(),
        agreement_type=kwargs["agreement_type"],
        created_by=step.user,
    )
    AgreementParty.objects.create(agreement=agreement, authority=lead)
    step.changes["agreement_type"] = kwargs["agreement_type"]
    return agreement


def write_terms(step: Step) -> TransferAgreement:
    agreement, values = step.obj, step.kwargs["values"]
    changed = [k for k, v in values.items() if getattr(agreement, k) != v]
    for key, value in values.items():
        setattr(agreement, key, value)
    agreement.save(update_fields=[*values, "updated_at"])
    step.changes["fields"] = sorted(changed)
    return agreement


def one_body(step: Step) -> list[str]:
    """NHS Act 2006 s.75: each party is an NHS body or a local authority."""
    if (step.kwargs.get("authority") is None) == (step.kwargs.get("nhs_body") is None):
        return ["Select an authority or an NHS body"]
    return []


def not_yet_a_party(step: Step) -> list[str]:
    """A body is a party to an agreement once (the parties are listed in it, SI 2000/617
    regs 7(3), 9(3))."""
    kwargs = step.kwargs
    if kwargs.get("authority"):
        body = {"authority": kwargs["authority"]}
    elif kwargs.get("nhs_body"):
        body = {"nhs_body": kwargs["nhs_body"]}
    else:
        return []  # one_body says what is missing
    if step.obj.parties.filter(**body).exists():
        return ["That body is already a party to this agreement"]
    return []


def write_party(step: Step) -> AgreementParty:
    agreement, kwargs = step.obj, step.kwargs
    if kwargs.get("is_host"):
        agreement.parties.update(is_host=False)
    try:
        with transaction.atomic():
            party = AgreementParty.objects.create(
                agreement=agreement,
                authority=kwargs.get("authority"),
                nhs_body=kwargs.get("nhs_body"),
                is_host=bool(kwargs.get("is_host")),
            )
    except IntegrityError:  # added by someone else since the check
        raise Refused(["That body is already a party to this agreement"]) from None
    step.changes.update(party=party.name, host=bool(kwargs.get("is_host")))
    return party


def contribution_of_a_party(step: Step) -> list[str]:
    """SI 2000/617 reg 7 (each partner's contribution to a pooled fund, in pounds)."""
    problems = []
    if step.kwargs["party"].agreement_id != step.obj.pk:
        problems.append("Select one of the agreement's parties")
    amount = step.kwargs.get("amount")
    if amount is None or amount < 0:
        problems.append("Enter the contribution in pounds")
    return problems


def write_contribution(step: Step) -> Contribution:
    party, year, amount = (step.kwargs[k] for k in ("party", "financial_year", "amount"))
    contribution, _ = Contribution.objects.update_or_create(
        agreement=step.obj, party=party, financial_year=year, defaults={"amount": amount}
    )
    step.changes.update(party=party.name, year=year, amount=str(amount))
    return contribution


def staff_between_parties(step: Step) -> list[str]:
    """SI 2000/617 regs 7(3), 9(3) (the staff each partner provides): staff move from one of
    the agreement's parties to another."""
    values = step.kwargs["values"]
    if {values["from_party"].agreement_id, values["to_party"].agreement_id} != {step.obj.pk}:
        return ["Select the agreement's parties"]
    if values["from_party"].pk == values["to_party"].pk:
        return ["Staff move from one party to another"]
    return []


def write_staff(step: Step) -> StaffArrangement:
    staff = StaffArrangement.objects.create(agreement=step.obj, **step.kwargs["values"])
    step.changes.update(arrangement=staff.arrangement, headcount=staff.headcount)
    return staff


def approver_of_the_party(step: Step) -> list[str]:
    """SI 2000/617 reg 4 (each partner enters into the arrangements): an authority approves by
    its decision makers, an NHS body by its own NHS partners."""
    party = step.kwargs["party"]
    if party.agreement_id == step.obj.pk and party.may_approve(step.user):
        return []
    who = (
        f"{party.nhs_body.name}'s NHS partners"
        if party.is_nhs
        else f"a decision maker of {party.authority.nice_name}"
    )
    return [f"Only {who} can approve for {party.name}"]


def approval_decision_named(step: Step) -> list[str]:
    """Each approval names the decision that made it (a key decision, a board minute), so that
    the register shows under what authority each party agreed."""
    if not (step.kwargs.get("approval_reference") or "").strip():
        return ["Enter the decision that approved the agreement"]
    return []


def not_approved_yet(step: Step) -> list[str]:
    """A party approves once; a return to negotiation or a review clears every approval."""
    party = AgreementParty.objects.select_for_update().get(pk=step.kwargs["party"].pk)
    return [f"{party.name} has already approved"] if party.approved_at else []


def write_approval(step: Step) -> AgreementParty:
    party = AgreementParty.objects.get(pk=step.kwargs["party"].pk)
    party.approved_at = timezone.now()
    party.approved_by = step.user
    party.approval_reference = step.kwargs["approval_reference"].strip()
    party.save(update_fields=["approved_at", "approved_by", "approval_reference"])
    step.changes.update(party=party.name, decision=party.approval_reference)
    step.kwargs["reason"] = f"{party.name} approves"
    remaining = step.obj.parties.filter(approved_at=None).count()
    step.changes["awaiting"] = remaining
    return party


def approving_role(step: Step) -> str:
    return NHS_PARTNER if step.kwargs["party"].is_nhs else DECISION_MAKER


ACTIONS = [
    Action(
        "propose",
        "Propose an agreement",
        write_proposal,
        role=OFFICER,
        conditions=(officer_of_the_lead, lead_is_a_prescribed_local_authority, title_and_type),
        creates=True,
    ),
    Action(
        "update_terms",
        "Change the terms",
        write_terms,
        states=tuple(EDITABLE_STATES),
        permission=is_lead_officer,
    ),
    Action(
        "add_party",
        "Add a party",
        write_party,
        states=tuple(PARTY_STATES),
        permission=is_lead_officer,
        conditions=(one_body, not_yet_a_party, party_is_a_prescribed_local_authority),
    ),
    Action(
        "set_contribution",
        "Set a contribution",
        write_contribution,
        states=tuple(EDITABLE_STATES),
        permission=is_lead_officer,
        conditions=(contribution_of_a_party,),
    ),
    Action(
        "add_staff",
        "Add a staff arrangement",
        write_staff,
        states=tuple(EDITABLE_STATES),
        permission=is_lead_officer,
        conditions=(staff_between_parties,),
    ),
    Action(
        "document_added",
        "Upload the signed copy",
        attachments.write_signed_copy,
        states=tuple(PUBLISHED_STATES),
        role=OFFICER,
        conditions=(attachments.party_officer,),
    ),
    Action(
        "approve",
        "Approve the agreement",
        write_approval,
        states=tuple(APPROVAL_STATES),
        acting_role=approving_role,
        conditions=(approver_of_the_party, approval_decision_named, not_approved_yet),
    ),
]


def _reset_approvals(agreement):
    agreement.parties.update(approved_at=None, approved_by=None, approval_reference="")


def approvals_record(agreement) -> list[dict]:
    return [
        {
            "party": p.name,
            "approved_at": p.approved_at.isoformat(),
            "decision": p.approval_reference,
            "approved_by": p.approved_by_id,
        }
        for p in agreement.parties.select_related("authority", "nhs_body")
    ]


# --- conditions: one function per rule ----------------------------------------------------------


def functions_in_scope(step: Step) -> list[str]:
    """SI 2000/617 reg 5 (NHS functions that may not be included: law.AGREEMENT_OUT_OF_SCOPE;
    DOMAIN.md §3 "Out of scope") and regs 7(3), 9(3) (the agreement specifies the functions it
    covers)."""
    agreement = step.obj
    problems = [
        f"{law.label(law.AGREEMENT_NHS_FUNCTIONS, slug)} cannot be covered by a "
        f"partnership arrangement ({law.AGREEMENT_EXCLUSIONS_SOURCE})"
        for slug in agreement.out_of_scope_functions()
    ]
    if not agreement.council_functions and not agreement.nhs_functions:
        problems.append("Select the functions the agreement covers")
    return problems


def statutory_conditions_met(step: Step) -> list[str]:
    """SI 2000/617 reg 4 (law.AGREEMENT_CONDITIONS; DOMAIN.md §3 "Conditions"): the partners
    enter into arrangements only if they are likely to lead to an improvement in the way the
    functions are exercised and after jointly consulting those who appear to be affected, so
    the agreement records both before it is signed or takes effect."""
    agreement = step.obj
    cited = law.AGREEMENT_CONDITION_SOURCES
    sentences = {
        "improvement_expected": "Record how the arrangements are likely to improve the way the "
        f"functions are exercised ({cited['improvement_expected']}): edit the terms",
        "joint_consultation": "Record that the partners consulted those affected jointly "
        f"({cited['joint_consultation']}): the agreement cannot take effect without it",
    }
    return [sentences[slug] for slug in agreement.missing_conditions()]


def council_and_nhs_parties(step: Step) -> list[str]:
    """National Health Service Act 2006 s.75: an arrangement between NHS bodies and local
    authorities, so at least one of each is a party."""
    agreement, problems = step.obj, []
    if not agreement.authority_parties().exists():
        problems.append("Add at least one authority as a party")
    if not agreement.nhs_parties().exists():
        problems.append("Add at least one NHS body as a party")
    return problems


def consultation_recorded(step: Step) -> list[str]:
    """SI 2000/617 reg 4 (DOMAIN.md §3 "Consultation"): the partners consult jointly those
    affected, and the agreement records who was consulted and what they said."""
    if not (step.kwargs.get("consultation_summary") or "").strip():
        return ["Enter who was consulted and what they said"]
    return []


def required_contents(step: Step) -> list[str]:
    """SI 2000/617 regs 7(3), 8(2), 9(3) (DOMAIN.md §3 "What the written agreement must specify"),
    with the governance board, exit plan and first review date of usual practice."""
    agreement = step.obj
    labels = dict(law.AGREEMENT_CONTENTS)
    problems = [f"Enter {labels[slug].lower()}" for slug in agreement.missing_contents()]
    if not agreement.governance_board.strip():
        problems.append("Enter the governance board")
    if not agreement.exit_plan.strip():
        problems.append("Enter the exit plan")
    if not agreement.review_date:
        problems.append("Enter the date of the first review")
    return problems


def pooled_fund_arrangements(step: Step) -> list[str]:
    """SI 2000/617 reg 7 (a pooled fund has a host partner, a pool manager and contributions
    from the partners; DOMAIN.md §3 "Types")."""
    agreement = step.obj
    if not agreement.is_pooled_fund:
        return []
    problems = []
    if agreement.parties.filter(is_host=True).count() != 1:
        problems.append("Choose the partner that hosts the pooled fund")
    if not agreement.pool_manager_role.strip():
        problems.append("Enter the pool manager's job title")
    if agreement.contributions.values("party").distinct().count() < 2:
        problems.append("A pooled fund needs contributions from at least two partners")
    return problems


def reason_given(step: Step) -> list[str]:
    """SI 2000/617 regs 7(3), 9(3) (arrangements for variation and termination): returning,
    terminating or abandoning an agreement is recorded with its reason."""
    return [] if (step.kwargs.get("reason") or "").strip() else ["Enter the reason"]


def end_date_and_exit_plan(step: Step) -> list[str]:
    """SI 2000/617 regs 7(3), 9(3) (termination arrangements) and DOMAIN.md §3 "Lifecycle"
    (terminated, with an exit plan)."""
    problems = [] if step.kwargs.get("ended_on") else ["Enter the date the agreement ends"]
    if not step.obj.exit_plan.strip():
        problems.append("The agreement has no exit plan: add one before terminating")
    return problems


def _unapproved(agreement) -> list[str]:
    return [
        f"{p.name} has not approved the agreement"
        for p in agreement.parties.select_related("authority", "nhs_body")
        if not p.approved_at
    ]


def every_party_approved(step: Step) -> list[str]:
    """DESIGN.md "Statutory workflows": approval -> signed needs the approval of every party
    (DOMAIN.md §3 "Lifecycle": the council's executive and the NHS body's board)."""
    return _unapproved(step.obj)


def signing_date(step: Step) -> list[str]:
    """DOMAIN.md §3 "Lifecycle" (signed): the date of signing, not in the future."""
    signed_on = step.kwargs.get("signed_on")
    if not signed_on:
        return ["Enter the date the agreement was signed"]
    if signed_on > timezone.localdate():
        return ["The date of signing cannot be in the future"]
    return []


def in_force_after_signing(step: Step) -> list[str]:
    """DOMAIN.md §3 "Lifecycle" (signed -> in force): not in force before it is signed."""
    day = step.kwargs.get("in_force_from")
    if not day:
        return ["Enter the date the agreement comes into force"]
    if day < step.obj.signed_on:
        return ["The agreement cannot come into force before it is signed"]
    return []


def review_outcome(step: Step) -> list[str]:
    """SI 2000/617 regs 7(3), 9(3) (review and variation arrangements): a review records its
    outcome and date; a variation or renewal is approved by every party, stays in scope, says
    what it changes and changes something; a renewal gives its new end."""
    agreement, kwargs = step.obj, step.kwargs
    outcome = kwargs.get("outcome")
    if outcome not in dict(law.REVIEW_OUTCOMES):
        return ["Select the outcome of the review"]
    problems = [] if kwargs.get("reviewed_on") else ["Enter the date of the review"]
    if outcome in ("varied", "renewed"):
        problems += _unapproved(agreement) + functions_in_scope(step)
        if not (kwargs.get("summary") or "").strip():
            problems.append("Summarise what the variation or renewal changes")
    if outcome == "varied" and not _diff(agreement):
        problems.append("Nothing in the agreement has changed since its last version")
    if outcome == "renewed" and not kwargs.get("ends_on"):
        problems.append("Enter the date the renewed agreement ends")
    return problems


# --- effects ------------------------------------------------------------------------------------


def _diff(agreement) -> dict:
    last = agreement.versions.order_by("-number").first()
    before = last.terms if last else {}
    after = agreement.snapshot()
    return {
        key: {"before": before.get(key), "after": value}
        for key, value in after.items()
        if before.get(key) != value
    }


def _new_version(agreement, kind, made_on, summary) -> AgreementVersion:
    number = agreement.versions.count() + 1
    return AgreementVersion.objects.create(
        agreement=agreement,
        number=number,
        kind=kind,
        made_on=made_on,
        summary=summary,
        changes=_diff(agreement) if number > 1 else {},
        terms=agreement.snapshot(),
        approvals=approvals_record(agreement),
    )


def reset_approvals(step: Step) -> None:
    """A new text to approve: every party approves again."""
    _reset_approvals(step.obj)


def signed_version(step: Step) -> dict:
    agreement = step.obj
    version = _new_version(agreement, "signed", agreement.signed_on, "As signed")
    return {"version": version.number}


def store_signed_copy(step: Step) -> dict:
    """The signed copy, if one was given, in the transition's transaction (documents.atomic
    removes it if the transition rolls back; a storage failure raises StorageUnavailable)."""
    upload = step.kwargs.get("signed_copy")
    if not upload:
        return {}
    confidential = bool(step.kwargs.get("confidential"))
    document = attachments.store_signed_copy(upload, step.obj, step.user, confidential)
    return {"signed_copy": {**document.audit_summary(), "confidential": confidential}}


def review_version(step: Step) -> dict:
    outcome = step.kwargs["outcome"]
    if outcome not in ("varied", "renewed"):
        return {}
    version = _new_version(
        step.obj, outcome, step.kwargs["reviewed_on"], step.kwargs["summary"].strip()
    )
    return {"version": version.number, "changed": sorted(version.changes)}


def signing_changes(step: Step) -> dict:
    return {"signed_on": step.obj.signed_on.isoformat()}


def in_force_changes(step: Step) -> dict:
    return {
        "in_force_from": step.obj.in_force_from.isoformat(),
        "review_date": step.obj.review_date.isoformat(),
    }


def review_changes(step: Step) -> dict:
    return {"outcome": step.kwargs["outcome"], "review_date": step.obj.review_date.isoformat()}


def announce(step: Step) -> None:
    """After the commit: other apps (search) re-read what the public may see."""
    signals.announce("agreement", step.obj.pk)


# --- the machine --------------------------------------------------------------------------------

A = AgreementState

# Plain words for public pages (never state names).
PUBLIC_EVENTS = {
    "propose": "Agreement proposed",
    "update_terms": "Terms updated",
    "add_party": "Partner added",
    "set_contribution": "Contribution recorded",
    "add_staff": "Staff transfer recorded",
    "approve": "A partner approved the agreement",
    "document_added": "A document was added",
    "start_consultation": "Consultation started",
    "start_negotiation": "Consultation finished and negotiation started",
    "seek_approval": "Sent to the partners for approval",
    "return_to_negotiation": "Returned to negotiation",
    "sign": "Agreement signed",
    "bring_into_force": "Agreement came into force",
    "start_review": "Annual review started",
    "complete_review": "Review completed",
    "terminate": "Agreement ended",
    "abandon": "Agreement abandoned",
}
PUBLIC_STATES = {
    A.PROPOSED: "Proposed",
    A.CONSULTATION: "Consulting those affected",
    A.NEGOTIATION: "Being negotiated",
    A.APPROVAL: "Waiting for the partners' approval",
    A.SIGNED: "Signed, not yet in force",
    A.IN_FORCE: "In force",
    A.UNDER_REVIEW: "Being reviewed",
    A.TERMINATED: "Ended",
    A.ABANDONED: "Abandoned",
}


MACHINE = register(
    Machine(
        name="agreement",
        public_events=PUBLIC_EVENTS,
        public_states=PUBLIC_STATES,
        noun="agreement",
        title="Transfer agreement",
        model=TransferAgreement,
        states=AgreementState,
        final=(A.TERMINATED, A.ABANDONED),
        role_problems={
            OFFICER: lambda a: f"Only officers of {a.lead_authority.nice_name} can do this",
            DECISION_MAKER: lambda a: (
                f"Only a decision maker of {a.lead_authority.nice_name} can do this"
            ),
        },
        role_legend={OFFICER: "officers", DECISION_MAKER: "decision makers"},
        actions=ACTIONS,
        transitions=[
            Transition(
                "start_consultation",
                "Start the consultation",
                conditions=(council_and_nhs_parties, functions_in_scope),
            ),
            Transition(
                "start_negotiation",
                "Record the consultation and start negotiating",
                conditions=(consultation_recorded,),
            ),
            Transition(
                "seek_approval",
                "Send to the parties for approval",
                conditions=(
                    council_and_nhs_parties,
                    functions_in_scope,
                    required_contents,
                    pooled_fund_arrangements,
                ),
                after_save=(reset_approvals,),
            ),
            Transition(
                "return_to_negotiation",
                "Return to negotiation",
                conditions=(reason_given,),
                after_save=(reset_approvals,),
            ),
            Transition(
                "sign",
                "Record the signing",
                conditions=(every_party_approved, statutory_conditions_met, signing_date),
                after_save=(signed_version,),
                documents=(store_signed_copy,),
                changes=(signing_changes,),
                extra_kwargs=frozenset({"signed_copy", "confidential"}),
            ),
            Transition(
                "bring_into_force",
                "Bring into force",
                conditions=(statutory_conditions_met, in_force_after_signing),
                changes=(in_force_changes,),
            ),
            Transition(
                "start_review",
                "Start the annual review",
                after_save=(reset_approvals,),
            ),
            Transition(
                "complete_review",
                "Complete the review",
                conditions=(review_outcome,),
                after_save=(review_version,),
                changes=(review_changes,),
                extra_kwargs=frozenset({"summary"}),
            ),
            Transition(
                "terminate",
                "Terminate the agreement",
                conditions=(reason_given, end_date_and_exit_plan),
            ),
            Transition(
                "abandon",
                "Abandon the agreement",
                conditions=(reason_given,),
            ),
        ],
    )
)
MACHINE.hook("commit")(announce)
LABELS = {t.name: t.label for t in MACHINE.transitions}


def approvable_parties(agreement, user) -> list[AgreementParty]:
    """The parties this person may approve for, which have not approved yet."""
    if agreement.state not in APPROVAL_STATES:
        return []
    # AgreementParty.may_approve's answer for every party, with the person's roles read once
    # (not once a party).
    nhs_bodies = permissions.nhs_body_ids(user)
    deciding = permissions.authority_ids(user, (Role.DECISION_MAKER,))
    site_admin = permissions.is_site_admin(user)

    def may_approve(party) -> bool:
        if party.is_nhs:
            return party.nhs_body_id in nhs_bodies
        return site_admin or party.authority_id in deciding

    return [
        p
        for p in agreement.parties.select_related("authority", "nhs_body")
        if not p.approved_at and may_approve(p)
    ]

"""The transfer agreement's machine: proposal, consultation, negotiation, each party's approval
(recorded separately, by that party's own people), signing once every party has approved,
coming into force, annual review with variations kept as versions, termination, abandonment."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from portal import audit, documents, law, permissions
from portal.models import Role

from . import attachments, signals
from . import workflow as runner
from .models import (
    AgreementParty,
    AgreementState,
    AgreementVersion,
    Contribution,
    StaffArrangement,
    TransferAgreement,
)
from .models.common import DECISION_MAKER, NHS_PARTNER, OFFICER, ReferenceCounter
from .workflow import Refused

LABELS = {
    "start_consultation": "Start the consultation",
    "start_negotiation": "Record the consultation and start negotiating",
    "seek_approval": "Send to the parties for approval",
    "return_to_negotiation": "Return to negotiation",
    "sign": "Record the signing",
    "bring_into_force": "Bring into force",
    "start_review": "Start the annual review",
    "complete_review": "Complete the review",
    "terminate": "Terminate the agreement",
    "abandon": "Abandon the agreement",
}
DECISIONS = {"sign", "terminate"}
EDITABLE_STATES = {
    AgreementState.PROPOSED,
    AgreementState.CONSULTATION,
    AgreementState.NEGOTIATION,
    AgreementState.UNDER_REVIEW,
}
PARTY_STATES = {AgreementState.PROPOSED, AgreementState.CONSULTATION, AgreementState.NEGOTIATION}
APPROVAL_STATES = {AgreementState.APPROVAL, AgreementState.UNDER_REVIEW}


# --- proposing and editing -----------------------------------------------------------------------


def propose(user, *, lead_authority, title, agreement_type) -> TransferAgreement:
    """A new agreement in `proposed`, with the lead authority as its first party."""
    if not permissions.is_officer(user, lead_authority):
        raise Refused([f"Only officers of {lead_authority.nice_name} can propose an agreement"])
    problems = []
    if not (title or "").strip():
        problems.append("Enter a title for the agreement")
    if agreement_type not in dict(law.AGREEMENT_TYPES):
        problems.append("Select the type of agreement")
    if problems:
        raise Refused(problems)
    year = timezone.localdate().year
    with transaction.atomic():
        agreement = TransferAgreement.objects.create(
            reference=ReferenceCounter.next_reference(lead_authority, "agreement", year),
            lead_authority=lead_authority,
            title=title.strip(),
            agreement_type=agreement_type,
            created_by=user,
        )
        AgreementParty.objects.create(agreement=agreement, authority=lead_authority)
        audit.record(
            agreement,
            transition="propose",
            from_state="",
            to_state=agreement.state,
            actor=user,
            role=OFFICER,
            changes={"state": agreement.state, "agreement_type": agreement_type},
        )
    return agreement


def _check_editable(agreement, user, states=EDITABLE_STATES):
    if not permissions.is_officer(user, agreement.lead_authority_id):
        raise Refused([f"Only officers of {agreement.lead_authority.nice_name} can change this"])
    if agreement.state not in states:
        raise Refused(
            [f"The agreement is {agreement.get_state_display().lower()}: it cannot be changed now"]
        )


def update_terms(agreement, user, **values) -> TransferAgreement:
    """Change the terms (while proposed, in consultation or negotiation, or under review)."""
    _check_editable(agreement, user)
    with transaction.atomic():
        locked = TransferAgreement.objects.select_for_update().get(pk=agreement.pk)
        if locked.state != agreement.state:
            raise Refused(["Someone else changed this agreement: check it and try again"])
        changed = [k for k, v in values.items() if getattr(agreement, k) != v]
        for key, value in values.items():
            setattr(agreement, key, value)
        agreement.save(update_fields=[*values, "updated_at"])
        if changed:
            audit.record(
                agreement,
                transition="update_terms",
                from_state=agreement.state,
                to_state=agreement.state,
                actor=user,
                role=OFFICER,
                changes={"fields": sorted(changed)},
            )
    return agreement


def add_party(agreement, user, *, authority=None, nhs_body=None, is_host=False) -> AgreementParty:
    _check_editable(agreement, user, PARTY_STATES)
    if (authority is None) == (nhs_body is None):
        raise Refused(["Select an authority or an NHS body"])
    try:
        with transaction.atomic():
            if is_host:
                agreement.parties.update(is_host=False)
            party = AgreementParty.objects.create(
                agreement=agreement, authority=authority, nhs_body=nhs_body, is_host=is_host
            )
            audit.record(
                agreement,
                transition="add_party",
                from_state=agreement.state,
                to_state=agreement.state,
                actor=user,
                role=OFFICER,
                changes={"party": party.name, "host": is_host},
            )
    except IntegrityError:
        raise Refused(["That body is already a party to this agreement"]) from None
    return party


def set_contribution(agreement, user, *, party, financial_year, amount) -> Contribution:
    _check_editable(agreement, user)
    if party.agreement_id != agreement.pk:
        raise Refused(["Select one of the agreement's parties"])
    if amount is None or amount < 0:
        raise Refused(["Enter the contribution in pounds"])
    with transaction.atomic():
        contribution, _ = Contribution.objects.update_or_create(
            agreement=agreement,
            party=party,
            financial_year=financial_year,
            defaults={"amount": amount},
        )
        audit.record(
            agreement,
            transition="set_contribution",
            from_state=agreement.state,
            to_state=agreement.state,
            actor=user,
            role=OFFICER,
            changes={"party": party.name, "year": financial_year, "amount": str(amount)},
        )
    return contribution


def add_staff(agreement, user, **values) -> StaffArrangement:
    _check_editable(agreement, user)
    parties = {values["from_party"].agreement_id, values["to_party"].agreement_id}
    if parties != {agreement.pk}:
        raise Refused(["Select the agreement's parties"])
    if values["from_party"].pk == values["to_party"].pk:
        raise Refused(["Staff move from one party to another"])
    with transaction.atomic():
        staff = StaffArrangement.objects.create(agreement=agreement, **values)
        audit.record(
            agreement,
            transition="add_staff",
            from_state=agreement.state,
            to_state=agreement.state,
            actor=user,
            role=OFFICER,
            changes={"arrangement": staff.arrangement, "headcount": staff.headcount},
        )
    return staff


# --- approvals ----------------------------------------------------------------------------------


def approve(agreement, party, user, *, approval_reference) -> AgreementParty:
    """Record one party's approval. The agreement row is locked while it is written, so a
    signing waits for it and counts it; two parties approving at once both count."""
    if not party.may_approve(user):
        who = (
            f"{party.nhs_body.name}'s NHS partners"
            if party.is_nhs
            else f"a decision maker of {party.authority.nice_name}"
        )
        raise Refused([f"Only {who} can approve for {party.name}"])
    if not (approval_reference or "").strip():
        raise Refused(["Enter the decision that approved the agreement"])
    with transaction.atomic():
        locked = TransferAgreement.objects.select_for_update().get(pk=agreement.pk)
        state = locked.state
        if state not in APPROVAL_STATES:
            raise Refused(
                [f"The agreement is {locked.get_state_display().lower()}: it is not for approval"]
            )
        party = AgreementParty.objects.select_for_update().get(pk=party.pk)
        if party.approved_at:
            raise Refused([f"{party.name} has already approved"])
        party.approved_at = timezone.now()
        party.approved_by = user
        party.approval_reference = approval_reference.strip()
        party.save(update_fields=["approved_at", "approved_by", "approval_reference"])
        audit.record(
            agreement,
            transition="approve",
            from_state=state,
            to_state=state,
            actor=user,
            role=NHS_PARTNER if party.is_nhs else DECISION_MAKER,
            reason=f"{party.name} approves",
            changes={"party": party.name, "decision": party.approval_reference},
        )
    return party


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


# --- conditions ---------------------------------------------------------------------------------


def _scope_problems(agreement) -> list[str]:
    problems = []
    for slug in agreement.out_of_scope_functions():
        problems.append(
            f"{law.label(law.AGREEMENT_NHS_FUNCTIONS, slug)} cannot be covered by a "
            "partnership arrangement (SI 2000/617 reg 6)"
        )
    if not agreement.council_functions and not agreement.nhs_functions:
        problems.append("Select the functions the agreement covers")
    return problems


def _party_problems(agreement) -> list[str]:
    problems = []
    if not agreement.authority_parties().exists():
        problems.append("Add at least one authority as a party")
    if not agreement.nhs_parties().exists():
        problems.append("Add at least one NHS body as a party")
    return problems


def _unapproved(agreement) -> list[str]:
    return [
        f"{p.name} has not approved the agreement"
        for p in agreement.parties.select_related("authority", "nhs_body")
        if not p.approved_at
    ]


def conditions(agreement, name, user, kwargs) -> list[str]:
    if name == "start_consultation":
        return _party_problems(agreement) + _scope_problems(agreement)
    if name == "start_negotiation":
        if not (kwargs.get("consultation_summary") or "").strip():
            return ["Enter who was consulted and what they said"]
        return []
    if name == "seek_approval":
        labels = dict(law.AGREEMENT_CONTENTS)
        problems = _party_problems(agreement) + _scope_problems(agreement)
        problems += [f"Enter {labels[slug].lower()}" for slug in agreement.missing_contents()]
        if not agreement.governance_board.strip():
            problems.append("Enter the governance board")
        if not agreement.exit_plan.strip():
            problems.append("Enter the exit plan")
        if not agreement.review_date:
            problems.append("Enter the date of the first review")
        if agreement.is_pooled_fund:
            if agreement.parties.filter(is_host=True).count() != 1:
                problems.append("Choose the partner that hosts the pooled fund")
            if not agreement.pool_manager_role.strip():
                problems.append("Enter the pool manager's job title")
            contributors = agreement.contributions.values("party").distinct().count()
            if contributors < 2:
                problems.append("A pooled fund needs contributions from at least two partners")
        return problems
    if name in ("return_to_negotiation", "terminate", "abandon"):
        problems = [] if (kwargs.get("reason") or "").strip() else ["Enter the reason"]
        if name == "terminate":
            if not kwargs.get("ended_on"):
                problems.append("Enter the date the agreement ends")
            if not agreement.exit_plan.strip():
                problems.append("The agreement has no exit plan: add one before terminating")
        return problems
    if name == "sign":
        problems = _unapproved(agreement)
        if not kwargs.get("signed_on"):
            problems.append("Enter the date the agreement was signed")
        elif kwargs["signed_on"] > timezone.localdate():
            problems.append("The date of signing cannot be in the future")
        return problems
    if name == "bring_into_force":
        day = kwargs.get("in_force_from")
        if not day:
            return ["Enter the date the agreement comes into force"]
        if day < agreement.signed_on:
            return ["The agreement cannot come into force before it is signed"]
        return []
    if name == "complete_review":
        outcome = kwargs.get("outcome")
        problems = []
        if outcome not in dict(law.REVIEW_OUTCOMES):
            return ["Select the outcome of the review"]
        if not kwargs.get("reviewed_on"):
            problems.append("Enter the date of the review")
        if outcome in ("varied", "renewed"):
            problems += _unapproved(agreement) + _scope_problems(agreement)
            if not (kwargs.get("summary") or "").strip():
                problems.append("Summarise what the variation or renewal changes")
        if outcome == "varied" and not _diff(agreement):
            problems.append("Nothing in the agreement has changed since its last version")
        if outcome == "renewed" and not kwargs.get("ends_on"):
            problems.append("Enter the date the renewed agreement ends")
        return problems
    return []


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


def after_save(agreement, name, user, kwargs) -> dict:
    if name in ("seek_approval", "return_to_negotiation", "start_review"):
        _reset_approvals(agreement)
    if name == "sign":
        version = _new_version(agreement, "signed", agreement.signed_on, "As signed")
        extra = {"version": version.number}
        if kwargs.get("signed_copy"):
            confidential = bool(kwargs.get("confidential"))
            document = attachments.store_signed_copy(
                kwargs["signed_copy"], agreement, user, confidential
            )
            extra["signed_copy"] = {**document.audit_summary(), "confidential": confidential}
        return extra
    if name == "complete_review" and kwargs["outcome"] in ("varied", "renewed"):
        version = _new_version(
            agreement, kwargs["outcome"], kwargs["reviewed_on"], kwargs["summary"].strip()
        )
        return {"version": version.number, "changed": sorted(version.changes)}
    return {}


def changes(agreement, name, kwargs) -> dict:
    if name == "sign":
        return {"signed_on": agreement.signed_on.isoformat()}
    if name == "bring_into_force":
        return {
            "in_force_from": agreement.in_force_from.isoformat(),
            "review_date": agreement.review_date.isoformat(),
        }
    if name == "complete_review":
        return {"outcome": kwargs["outcome"], "review_date": agreement.review_date.isoformat()}
    return {}


def _role_problem(agreement, name) -> str:
    if name in DECISIONS:
        return f"Only a decision maker of {agreement.lead_authority.nice_name} can do this"
    return f"Only officers of {agreement.lead_authority.nice_name} can do this"


MACHINE = runner.Machine(
    noun="agreement",
    name="agreement",
    labels=LABELS,
    roles={name: DECISION_MAKER if name in DECISIONS else OFFICER for name in LABELS},
    role_problem=_role_problem,
    conditions=conditions,
    after_save=after_save,
    changes=changes,
    extra_kwargs={"summary", "signed_copy", "confidential"},
    on_commit=lambda pk, name, state: signals.announce("agreement", pk),
)


def perform(agreement, name, user, **kwargs) -> TransferAgreement:
    """Run a transition; a signed copy given to "sign" is stored in the same transaction (its
    object is removed again if the transition rolls back). Raises documents.StorageUnavailable."""
    with documents.atomic():
        return runner.perform(MACHINE, agreement, name, user, **kwargs)


def allowed(agreement, name, user) -> bool:
    return runner.allowed(MACHINE, agreement, name, user)


def available(agreement, user) -> list[str]:
    return runner.available(MACHINE, agreement, user)


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

"""Documents of a challenge: the body's evidence, its partners' documents, files attached to
clarification replies, and the decision letter PDF; who may download each.

Evidence (financial and capability evidence, partners' documents, replies) stays private even
after the decision: it may hold personal and financial data, and s.84(9) asks only for the
decision to be published. The decision letter of a published decision is public.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from documents import stored as documents
from documents.models import StoredDocument
from portal import permissions
from portal.models import Authority
from portal.workflow import act

from . import letters
from .models import Challenge, Message, Partner, State, is_body_member, is_case_officer

FINANCIAL, CAPABILITY = "financial_evidence", "capability_evidence"
PARTNER, REPLY, DECISION_LETTER = "partner_evidence", "clarification_reply", "decision_letter"
SECTION_KINDS = {"financial_resources": FINANCIAL, "capability_evidence": CAPABILITY}
LETTER_UNAVAILABLE = (
    "The decision could not be recorded because the document store, which keeps the decision "
    "letter, is not available. Nothing was saved: try again later"
)


def folder(challenge: Challenge) -> str:
    """Keys of a draft's documents carry its number; a submitted case's, its reference."""
    return challenge.reference or f"draft-{challenge.pk}"


def _placed(challenge: Challenge, kind: str, user, owner=None) -> dict:
    """Where and as what a challenge's document is stored (documents.store()'s fields)."""
    return {
        "owner": owner or challenge,
        "authority": challenge.authority,
        "folder": folder(challenge),
        "kind": kind,
        "uploaded_by": user,
    }


def store(upload, challenge: Challenge, kind: str, user, owner=None) -> StoredDocument:
    """Store one checked upload for the challenge (inside the caller's documents.atomic())."""
    return documents.store(upload, **_placed(challenge, kind, user, owner))


def add_to_draft(upload, challenge: Challenge, kind: str, user, owner=None) -> StoredDocument:
    """A document added to a draft: stored and audited ("document_added") in one engine step.

    Raises documents.StorageUnavailable, leaving neither object nor row nor event behind.
    """
    return act(
        "challenge", challenge, "document_added", user, attachments=[upload], kind=kind, owner=owner
    )


def remove_from_draft(document: StoredDocument, challenge: Challenge, user) -> None:
    """A document taken off a draft: the row now, the object after the commit, and an event."""
    act("challenge", challenge, "document_removed", user, document=document)


def write_added(step) -> StoredDocument:
    """The "document_added" action's write: the step's one upload, stored for the draft."""
    challenge, kwargs = step.obj, step.kwargs
    (upload,) = step.attachments
    document = store(upload, challenge, kwargs["kind"], step.user, kwargs.get("owner"))
    step.changes.update(documents.kind_and_summary(document))
    return document


def write_removed(step) -> None:
    """The "document_removed" action's write."""
    document = step.kwargs["document"]
    step.changes.update({"kind": document.kind, **document.audit_summary()})
    documents.delete(document)


def of_draft(challenge: Challenge, pk):
    """The draft's own documents (its sections' and its partners'), or None."""
    owned = list(documents.for_owner(challenge).filter(pk=pk))
    for partner in challenge.partners.all():
        owned += list(documents.for_owner(partner).filter(pk=pk))
    return owned[0] if owned else None


def store_decision_letter(challenge: Challenge) -> StoredDocument:
    """The decision letter as a PDF, stored at the moment of the decision (in the transition's
    transaction)."""
    return documents.store_bytes(
        letters.render_decision_letter_pdf(challenge),
        f"decision-letter-{challenge.reference}.pdf",
        owner=challenge,
        authority=challenge.authority,
        folder=folder(challenge),
        kind=DECISION_LETTER,
        title=letters.decision_letter_title(challenge),
    )


def remove_partner(partner: Partner) -> None:
    """A partner taken off a draft takes its documents with it."""
    for document in list(documents.for_owner(partner)):
        documents.delete(document)
    partner.delete()


KIND_LABELS = [
    (FINANCIAL, "Financial resources"),
    (CAPABILITY, "Capability to run the service"),
    (PARTNER, "Consortium members and subcontractors"),
    (REPLY, "Clarification replies"),
]


def for_challenge(challenge: Challenge) -> list[tuple[str, list[StoredDocument]]]:
    """The evidence of a challenge (partners' and replies' documents included) by kind, oldest
    first; the decision letter is shown on its own."""
    owned = (
        list(documents.for_owner(challenge))
        + list(_owned_by(Partner, challenge.partners.values("pk")))
        + list(_owned_by(Message, challenge.messages.values("pk")))
    )
    return [
        (label, docs)
        for kind, label in KIND_LABELS
        if (docs := sorted((d for d in owned if d.kind == kind), key=lambda d: d.created_at))
    ]


def _owned_by(model, pks):
    """Documents of every row of `model` among `pks` (one query, however many rows)."""
    return StoredDocument.objects.filter(
        owner_type=ContentType.objects.get_for_model(model), owner_id__in=pks
    )


def decision_letter(challenge: Challenge) -> StoredDocument | None:
    return (
        documents.for_owner(challenge).filter(kind=DECISION_LETTER).order_by("-created_at").first()
    )


# --- who may download -------------------------------------------------------------------------


def _may_view(user, document, challenge: Challenge) -> bool:
    if document.kind == DECISION_LETTER and challenge.is_published:
        return True
    if is_body_member(challenge, user):
        return True
    # Officers of the lead and partner authorities, once the challenge is submitted.
    return challenge.state != State.DRAFT and is_case_officer(challenge, user)


@permissions.register_document_policy("challenges.challenge")
def challenge_documents(user, document, challenge) -> bool:
    return _may_view(user, document, challenge)


@permissions.register_document_policy("challenges.partner")
def partner_documents(user, document, partner) -> bool:
    return _may_view(user, document, partner.challenge)


@permissions.register_document_policy("challenges.message")
def reply_documents(user, document, message: Message) -> bool:
    return _may_view(user, document, message.challenge)


@permissions.register_organisation_authorities
def challenged_authorities(organisation_id: int):
    """The authorities (lead or partner) of an organisation's challenges, drafts aside."""
    challenges = Challenge.objects.filter(organisation_id=organisation_id).exclude(
        state=State.DRAFT
    )
    return Authority.objects.filter(
        Q(pk__in=challenges.values("authority_id")) | Q(joint_services__challenges__in=challenges)
    )

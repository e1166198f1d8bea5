"""The signed copy of a transfer agreement, and who may download it: the officers of the party
authorities and the NHS partners; once the agreement is published (signed or later) anyone, unless
it was marked commercially confidential when it was uploaded (the mark is the document's kind, so
each copy carries its own)."""

from agreements.models import PUBLISHED_STATES, TransferAgreement
from documents import stored as documents
from documents.models import StoredDocument
from portal import permissions
from portal.workflow import act

SIGNED_COPY = "signed_agreement"


SIGNED_COPY_CONFIDENTIAL = "signed_agreement_confidential"


SIGNED_KINDS = (SIGNED_COPY, SIGNED_COPY_CONFIDENTIAL)


def agreement_folder(agreement: TransferAgreement) -> str:
    return agreement.reference


def signed_kind(confidential: bool) -> str:
    return SIGNED_COPY_CONFIDENTIAL if confidential else SIGNED_COPY


def _signed_copy_placed(agreement: TransferAgreement, user, confidential: bool) -> dict:
    """Where and as what a signed copy is stored (documents.store()'s fields)."""
    return {
        "owner": agreement,
        "authority": agreement.lead_authority,
        "folder": agreement_folder(agreement),
        "kind": signed_kind(confidential),
        "title": f"Signed agreement {agreement.reference}",
        "uploaded_by": user,
    }


def store_signed_copy(upload, agreement: TransferAgreement, user, confidential=False):
    """Store the signed copy (inside the caller's documents.atomic(), e.g. the sign transition)."""
    return documents.store(upload, **_signed_copy_placed(agreement, user, confidential))


def party_authority_ids(agreement: TransferAgreement) -> set[int]:
    ids = set(
        agreement.parties.filter(authority__isnull=False).values_list("authority_id", flat=True)
    )
    return ids | {agreement.lead_authority_id}


def may_upload_signed_copy(agreement: TransferAgreement, user) -> bool:
    """Officers of a party authority, once the agreement is signed."""
    return agreement.state in PUBLISHED_STATES and any(
        permissions.is_officer(user, pk) for pk in party_authority_ids(agreement)
    )


def add_signed_copy(upload, agreement: TransferAgreement, user, confidential=False):
    """A signed copy uploaded after signing: the agreement machine's "document_added" action."""
    return act(
        "agreement",
        agreement,
        "document_added",
        user,
        attachments=[upload],
        confidential=confidential,
    )


def party_officer(step) -> list[str]:
    """The officers of a party authority keep the signed copy (the parties hold the agreement,
    SI 2000/617 regs 7(3), 9(3))."""
    if may_upload_signed_copy(step.obj, step.user):
        return []
    return ["Only officers of the party authorities can upload the signed copy"]


def write_signed_copy(step):
    """The "document_added" action's write: the signed copy, marked confidential or not."""
    confidential = bool(step.kwargs.get("confidential"))
    (upload,) = step.attachments
    document = documents.store(upload, **_signed_copy_placed(step.obj, step.user, confidential))
    step.changes.update({**documents.kind_and_summary(document), "confidential": confidential})
    return document


def signed_copies(agreement: TransferAgreement):
    return documents.for_owner(agreement).filter(kind__in=SIGNED_KINDS).order_by("-created_at")


def public_signed_copy(agreement: TransferAgreement) -> StoredDocument | None:
    if agreement.state not in PUBLISHED_STATES:
        return None
    return signed_copies(agreement).filter(kind=SIGNED_COPY).first()


@permissions.register_document_policy("procurement.transferagreement")
def agreement_documents(user, document, agreement: TransferAgreement) -> bool:
    if document.kind == SIGNED_COPY and agreement.state in PUBLISHED_STATES:
        return True
    if any(permissions.is_officer(user, pk) for pk in party_authority_ids(agreement)):
        return True
    nhs_bodies = set(permissions.nhs_body_ids(user))
    return bool(nhs_bodies) and agreement.parties.filter(nhs_body__in=nhs_bodies).exists()

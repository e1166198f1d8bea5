"""Documents of procurement records: what a provider attaches to its expression of interest, and
the signed copy of a transfer agreement; who may download each.

A provider's documents (its bid, its capability statement) are never public: they hold
commercial and sometimes personal data. The members of the provider see them; the officers of
the authority running the exercise see them once the expression of interest is submitted (as
they see the expression of interest itself). The signed copy of an agreement is seen by the
officers of the party authorities and the NHS partners; once the agreement is published (signed
or later) it is public unless it was marked commercially confidential when it was uploaded (the
mark is the document's kind, so each copy carries its own).
"""

from django.db.models import Q

from documents import stored as documents
from documents.models import StoredDocument
from portal import permissions
from portal.models import Authority

from .models import ExpressionOfInterest, InterestState, ProcurementExercise, TransferAgreement
from .models.agreements import PUBLISHED_STATES
from .models.common import BODY, OFFICER

INTEREST_DOCUMENT = "interest_document"
SIGNED_COPY = "signed_agreement"
SIGNED_COPY_CONFIDENTIAL = "signed_agreement_confidential"
SIGNED_KINDS = (SIGNED_COPY, SIGNED_COPY_CONFIDENTIAL)


def interest_folder(interest: ExpressionOfInterest) -> str:
    """Keys carry the exercise and the interest (its reference once submitted)."""
    return f"{interest.exercise.reference}-{interest.reference or f'eoi-draft-{interest.pk}'}"


def add_to_interest(upload, interest: ExpressionOfInterest, user) -> StoredDocument:
    """A document added to a draft: stored and audited ("document_added") in one transaction.

    Raises documents.StorageUnavailable, leaving neither object nor row nor event behind.
    """
    return documents.store_and_audit(
        upload,
        audited=interest,
        role=BODY,
        authority=interest.exercise.authority,
        folder=interest_folder(interest),
        kind=INTEREST_DOCUMENT,
        uploaded_by=user,
    )


def for_interest(interest: ExpressionOfInterest):
    return documents.for_owner(interest).order_by("created_at")


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
    """A signed copy uploaded after signing, with its own "document_added" event."""
    return documents.store_and_audit(
        upload,
        audited=agreement,
        role=OFFICER,
        changes=lambda document: {
            **documents.kind_and_summary(document),
            "confidential": confidential,
        },
        **_signed_copy_placed(agreement, user, confidential),
    )


def signed_copies(agreement: TransferAgreement):
    return documents.for_owner(agreement).filter(kind__in=SIGNED_KINDS).order_by("-created_at")


def public_signed_copy(agreement: TransferAgreement) -> StoredDocument | None:
    if agreement.state not in PUBLISHED_STATES:
        return None
    return signed_copies(agreement).filter(kind=SIGNED_COPY).first()


# --- who may download -------------------------------------------------------------------------


@permissions.register_document_policy("procurement.expressionofinterest")
def interest_documents(user, document, interest: ExpressionOfInterest) -> bool:
    if permissions.is_member(user, interest.organisation_id):
        return True
    return interest.state != InterestState.DRAFT and permissions.is_officer(
        user, interest.exercise.authority_id
    )


@permissions.register_document_policy("procurement.transferagreement")
def agreement_documents(user, document, agreement: TransferAgreement) -> bool:
    if document.kind == SIGNED_COPY and agreement.state in PUBLISHED_STATES:
        return True
    if any(permissions.is_officer(user, pk) for pk in party_authority_ids(agreement)):
        return True
    nhs_bodies = set(permissions.nhs_body_ids(user))
    return bool(nhs_bodies) and agreement.parties.filter(nhs_body__in=nhs_bodies).exists()


@permissions.register_organisation_authorities
def procuring_authorities(organisation_id: int):
    """The authorities whose exercises an organisation expressed interest in (drafts aside) or
    won a contract in."""
    interests = ExpressionOfInterest.objects.filter(organisation_id=organisation_id).exclude(
        state=InterestState.DRAFT
    )
    return Authority.objects.filter(
        Q(pk__in=interests.values("exercise__authority_id"))
        | Q(
            pk__in=ProcurementExercise.objects.filter(supplier_id=organisation_id).values(
                "authority_id"
            )
        )
    )

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
from portal.workflow import act
from procurement.models import ExpressionOfInterest, InterestState, ProcurementExercise

INTEREST_DOCUMENT = "interest_document"


def interest_folder(interest: ExpressionOfInterest) -> str:
    """Keys carry the exercise and the interest (its reference once submitted)."""
    return f"{interest.exercise.reference}-{interest.reference or f'eoi-draft-{interest.pk}'}"


def add_to_interest(upload, interest: ExpressionOfInterest, user) -> StoredDocument:
    """A document added to a draft: stored and audited ("document_added", the interest
    machine's action) in one engine step.

    Raises documents.StorageUnavailable, leaving neither object nor row nor event behind.
    """
    return act("interest", interest, "document_added", user, attachments=[upload])


def write_interest_document(step) -> StoredDocument:
    """The "document_added" action's write: the step's one upload, stored for the interest."""
    interest = step.obj
    (upload,) = step.attachments
    document = documents.store(
        upload,
        owner=interest,
        authority=interest.exercise.authority,
        folder=interest_folder(interest),
        kind=INTEREST_DOCUMENT,
        uploaded_by=step.user,
    )
    step.changes.update(documents.kind_and_summary(document))
    return document


def for_interest(interest: ExpressionOfInterest):
    return documents.for_owner(interest).order_by("created_at")


# --- who may download -------------------------------------------------------------------------


@permissions.register_document_policy("procurement.expressionofinterest")
def interest_documents(user, document, interest: ExpressionOfInterest) -> bool:
    if permissions.is_member(user, interest.organisation_id):
        return True
    return interest.state != InterestState.DRAFT and permissions.is_officer(
        user, interest.exercise.authority_id
    )


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

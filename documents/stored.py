"""Storing documents and handing them out: the API every app uses.

    from portal import documents
    from documents.uploads import DocumentField   # in the form: evidence = DocumentField(...)

    try:
        with documents.atomic():                # a transaction that also removes its objects
            case = form.save()                  # from the storage if it rolls back
            doc = documents.store(
                form.cleaned_data["evidence"], owner=case, authority=case.authority,
                folder=case.reference, kind="financial_evidence", uploaded_by=request.user,
            )
            audit.record(..., changes={"evidence": doc.audit_summary()})  # sha256 included
    except documents.StorageUnavailable as exc:
        form.add_error("evidence", exc.message)    # the other answers stay in the form

A document added on its own, with its audit event ("document_added", the case's state kept,
the document's kind and audit_summary() as the changes), in one such transaction:

    doc = documents.store_and_audit(upload, audited=case, role="body_member", authority=...,
                                    folder=case.reference, kind=..., uploaded_by=request.user)

An owner model lists its documents with
    documents = GenericRelation("documents.StoredDocument", content_type_field="owner_type",
                                object_id_field="owner_id")

Downloads go through doc.get_absolute_url() (/files/<id>/, the permission-checked view). Who may
see a document is decided by portal.permissions.can_view_document, with a policy per owner kind:

    @permissions.register_document_policy("challenges.decision")
    def decision_documents(user, document, decision):
        return decision.is_published or permissions.is_officer(user, decision.authority)

Without a policy, the uploader and the staff of the document's authority may see it; site
admins always may.
"""

import contextvars
import logging
import re
import uuid
from contextlib import contextmanager

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import FileResponse, HttpResponseRedirect

from documents import storage
from documents.models import StoredDocument
from documents.uploads import CSV, CheckedUpload, check_upload
from portal import audit, spreadsheets

logger = logging.getLogger(__name__)

STORAGE_FAILURE_MESSAGE = (
    "The file could not be saved because the document store is not available. "
    "Your other answers have been kept: select the file again and try again later"
)
_pending: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "portal_documents_pending", default=None
)


class StorageUnavailable(Exception):
    """The storage did not answer or refused the file: nothing was kept."""

    def __init__(self, message: str = STORAGE_FAILURE_MESSAGE):
        super().__init__(message)
        self.message = message


def _segment(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", str(text)).strip("-")[:60] or "general"


def storage_key(authority, folder: str, name: str) -> str:
    """`<authority code>/<case reference or kind>/<random>-<safe name>`."""
    prefix = authority.code if authority is not None else "portal"
    return f"{_segment(prefix)}/{_segment(folder)}/{uuid.uuid4().hex}-{name}"


def _save(key: str, content) -> str:
    try:
        return storage.backend().save(key, content)
    except (BotoCoreError, ClientError, OSError) as exc:
        # The key may carry a file name someone chose: log only what went wrong and where.
        logger.warning("document storage refused a file under %s: %s", key.split("/")[0], exc)
        raise StorageUnavailable() from exc


def _delete_quietly(key: str) -> None:
    try:
        storage.backend().delete(key)
    except (BotoCoreError, ClientError, OSError):
        logger.warning("could not remove a stored object; storage_orphans will find it")


@transaction.atomic
def _create_row(**fields) -> StoredDocument:
    return StoredDocument.objects.create(**fields)


def store(
    upload: CheckedUpload,
    *,
    owner=None,
    authority=None,
    folder: str = "",
    kind: str = "",
    title: str = "",
    uploaded_by=None,
) -> StoredDocument:
    """Put a checked upload in the storage, then record it. Raises StorageUnavailable.

    `folder` is the case reference (or, without a case, the kind of owner). Either both the
    object and its row exist afterwards, or neither does.
    """
    if not isinstance(upload, CheckedUpload):
        upload = check_upload(upload)
    key = storage_key(authority, folder or kind, upload.name)
    has_formulas = upload.file_type is CSV and spreadsheets.has_formulas(upload.file)
    saved_key = _save(key, upload.file)
    try:
        document = _create_row(
            owner_type=ContentType.objects.get_for_model(owner) if owner is not None else None,
            owner_id=owner.pk if owner is not None else None,
            authority=authority,
            kind=kind,
            title=title,
            original_name=upload.original_name,
            name=upload.name,
            content_type=upload.file_type.mime,
            size=upload.size,
            sha256=upload.sha256,
            has_formulas=has_formulas,
            storage_key=saved_key,
            uploaded_by=uploaded_by if getattr(uploaded_by, "is_authenticated", False) else None,
        )
    except BaseException:
        _delete_quietly(saved_key)
        raise
    pending = _pending.get()
    if pending is not None:
        pending.append(saved_key)
    return document


def store_bytes(data: bytes, name: str, **kwargs) -> StoredDocument:
    """Store a file the portal wrote itself (a decision letter PDF), after the same checks."""
    return store(check_upload(ContentFile(data, name=name)), **kwargs)


def kind_and_summary(document: StoredDocument) -> dict:
    """An added document's audit changes: its kind and its audit_summary()."""
    return {"kind": document.kind, **document.audit_summary()}


def store_and_audit(
    upload,
    *,
    audited,
    role: str,
    transition: str = "document_added",
    changes=kind_and_summary,
    **fields,
) -> StoredDocument:
    """Store an upload (store()'s `fields`; the owner is `audited` unless given) and record one
    audit event about `audited`: the uploader acting in `role`, its state unchanged, and
    `changes(document)` as the changes. Both happen in one atomic(): raises StorageUnavailable,
    leaving neither object nor row nor event behind."""
    fields.setdefault("owner", audited)
    with atomic():
        document = store(upload, **fields)
        state = getattr(audited, "state", "")
        audit.record(
            audited,
            transition=transition,
            from_state=state,
            to_state=state,
            actor=fields.get("uploaded_by"),
            role=role,
            changes=changes(document),
        )
    return document


@contextmanager
def atomic():
    """transaction.atomic() that also removes the objects stored inside it if it rolls back."""
    saved: list[str] = []
    outer = _pending.get()
    token = _pending.set(saved)
    try:
        with transaction.atomic():
            yield
    except BaseException:
        for key in saved:
            _delete_quietly(key)
        raise
    finally:
        _pending.reset(token)
    if outer is not None:
        outer.extend(saved)


def delete(document: StoredDocument) -> None:
    """Remove the row now and the object once the transaction commits."""
    key = document.storage_key
    document.delete()
    transaction.on_commit(lambda: _delete_quietly(key))


def delete_owned(sender, instance, **kwargs) -> None:
    """pre_delete receiver: an owner's documents go with it (rows now, objects after commit)."""
    for document in list(for_owner(instance)):
        delete(document)


def for_owner(owner):
    return StoredDocument.objects.filter(
        owner_type=ContentType.objects.get_for_model(owner), owner_id=owner.pk
    )


def download_response(document: StoredDocument):
    """A redirect to a short-lived presigned URL on S3; the file itself, streamed, otherwise.

    Call only after permissions.can_view_document() said yes.
    """
    backend = storage.backend()
    disposition = f'attachment; filename="{document.name}"'
    if storage.is_s3(backend):
        url = backend.url(
            document.storage_key,
            parameters={
                "ResponseContentDisposition": disposition,
                "ResponseContentType": document.content_type,
            },
            expire=settings.DOCUMENT_URL_EXPIRY,
        )
        response = HttpResponseRedirect(url)
    else:
        response = FileResponse(
            backend.open(document.storage_key, "rb"),
            as_attachment=True,
            filename=document.name,
            content_type=document.content_type,
        )
    response["Cache-Control"] = "private, no-store"
    return response

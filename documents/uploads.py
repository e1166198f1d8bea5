"""Checking uploaded files: size, type by content (never by the name), safe names, SHA-256.

Every upload is streamed by StreamingUploadHandler (settings.FILE_UPLOAD_HANDLERS) to a temporary
file in chunks of settings.UPLOAD_CHUNK_BYTES, hashing each chunk as it arrives; bytes beyond
settings.UPLOAD_MAX_BYTES are counted but not kept. check_upload() then decides what the file is
by reading its bytes: PDF, DOCX, XLSX, ODT, ODS, CSV, PNG or JPEG. Anything else (a renamed
program, a script, a macro-enabled workbook) is refused with a GOV.UK error message.

Forms use DocumentField, whose cleaned value is a CheckedUpload ready for documents.store().
"""

import codecs
import csv
import hashlib
import io
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from wagtail.documents.forms import BaseDocumentForm

from portal.spreadsheets import Unclosable


@dataclass(frozen=True)
class FileType:
    key: str
    label: str
    mime: str
    extension: str


PDF = FileType("pdf", "PDF", "application/pdf", "pdf")
DOCX = FileType(
    "docx",
    "DOCX",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docx",
)
XLSX = FileType(
    "xlsx", "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"
)
ODT = FileType("odt", "ODT", "application/vnd.oasis.opendocument.text", "odt")
ODS = FileType("ods", "ODS", "application/vnd.oasis.opendocument.spreadsheet", "ods")
CSV = FileType("csv", "CSV", "text/csv", "csv")
PNG = FileType("png", "PNG", "image/png", "png")
JPEG = FileType("jpeg", "JPEG", "image/jpeg", "jpg")
ALLOWED = (PDF, DOCX, XLSX, ODT, ODS, CSV, PNG, JPEG)
ALLOWED_LABELS = ", ".join(t.label for t in ALLOWED[:-1]) + f" or {ALLOWED[-1].label}"
ACCEPT = ",".join(
    [f".{t.extension}" for t in ALLOWED] + [".jpeg"] + [t.mime for t in ALLOWED if t is not CSV]
)

# Office Open XML: the main part's content type in [Content_Types].xml says what the package is.
OOXML_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
ODF_MIMETYPES = {ODT.mime: ODT, ODS.mime: ODS}
MAX_ZIP_ENTRIES = 10_000
MAX_CONTENT_TYPES_BYTES = 1024 * 1024
# Text that is a program or a page, not data, even though it would parse as CSV.
TEXT_REFUSED_PREFIXES = ("#!", "<", "@echo")
_OVERRIDE = re.compile(rb"<(?:\w+:)?Override\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(rb'(PartName|ContentType)\s*=\s*"([^"]*)"')


class StreamingUploadHandler(TemporaryFileUploadHandler):
    """Streams each uploaded file to a temporary file, hashing it chunk by chunk.

    Bytes past the size limit are counted and dropped, so an oversized upload costs no disk or
    memory and can still be reported with its size.
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.chunk_size = settings.UPLOAD_CHUNK_BYTES

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.digest = hashlib.sha256()
        self.received = 0
        self.limit = settings.UPLOAD_MAX_BYTES

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received <= self.limit:
            self.digest.update(raw_data)
            self.file.write(raw_data)

    def file_complete(self, file_size):
        # An oversized file keeps its real size, so that every size check refuses it; its
        # content is cut short and it carries no checksum, so it is never stored.
        file = super().file_complete(file_size)
        file.truncated = file_size > self.limit
        file.sha256 = None if file.truncated else self.digest.hexdigest()
        return file


@dataclass
class CheckedUpload:
    """An upload that passed every check: what documents.store() takes."""

    file: object
    file_type: FileType
    size: int
    sha256: str
    original_name: str
    name: str  # safe, with the extension of its real type


def human_size(size: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            value = size / factor
            return f"{value:.0f}{unit}" if value == int(value) else f"{value:.1f}{unit}"
    return f"{size} bytes"


def sha256_of(file, chunk_size: int | None = None) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(chunk_size or settings.UPLOAD_CHUNK_BYTES), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def safe_name(original: str, file_type: FileType) -> str:
    """A name safe in a URL, a key and a Content-Disposition header, with the real extension."""
    base = re.split(r"[\\/]", original or "")[-1].lstrip(".")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip(".-_")[:80] or "document"
    return f"{stem}.{file_type.extension}"


def detect(file) -> FileType | None:
    """What the bytes are, among the allowed types; None for anything else."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
            return PNG
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(b"PK\x03\x04"):
            return _zip_type(file)
        return CSV if _is_csv(file) else None
    finally:
        file.seek(0)


def _zip_type(file) -> FileType | None:
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            return None
        names = {entry.filename: entry for entry in entries}
        if any(name.lower().endswith("vbaproject.bin") for name in names):
            return None  # macros: not one of the allowed types whatever the package claims
        try:
            mimetype = names.get("mimetype")
            if mimetype is not None and mimetype.file_size <= 100:
                return ODF_MIMETYPES.get(archive.read(mimetype).decode("ascii", "replace").strip())
            types = names.get("[Content_Types].xml")
            if types is None or types.file_size > MAX_CONTENT_TYPES_BYTES:
                return None
            for override in _OVERRIDE.findall(archive.read(types)):
                attrs = dict(_ATTRIBUTE.findall(override))
                found = OOXML_MAIN_PARTS.get(attrs.get(b"ContentType", b"").decode())
                part = attrs.get(b"PartName", b"").decode().lstrip("/")
                if found and part in names:
                    return found
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, ValueError):
            return None  # damaged, encrypted or compressed in a way we cannot read
    return None


def _is_csv(file) -> bool:
    """UTF-8 text, no NULs, not a script or a page, that the csv module parses strictly."""
    text = io.TextIOWrapper(Unclosable(file), encoding="utf-8-sig", newline="")
    try:
        start = text.read(64)
        if not start.strip() or start.lstrip().startswith(TEXT_REFUSED_PREFIXES):
            return False
        text.seek(0)
        rows = 0
        for row in csv.reader(text, strict=True):
            if any("\x00" in field for field in row):
                return False
            rows += 1
        return rows > 0
    except (UnicodeDecodeError, csv.Error, ValueError):
        return False
    finally:
        text.detach()


codecs.lookup("utf-8-sig")  # fail at import, not per upload, if the codec were ever missing


def check_upload(upload) -> CheckedUpload:
    """Size, emptiness and type by content; raises ValidationError with a GOV.UK message."""
    limit = settings.UPLOAD_MAX_BYTES
    size = upload.size
    if size > limit or getattr(upload, "truncated", False):
        raise ValidationError(
            f"The selected file must be smaller than {human_size(limit)}", code="too_large"
        )
    if size == 0:
        raise ValidationError("The selected file is empty", code="empty")
    file_type = detect(upload)
    if file_type is None:
        raise ValidationError(f"The selected file must be a {ALLOWED_LABELS}", code="file_type")
    sha256 = getattr(upload, "sha256", None) or sha256_of(upload)
    upload.sha256 = sha256  # PrivateS3Storage sends it to S3, which checks the bytes it gets
    upload.content_type = file_type.mime
    original = os.path.basename(str(upload.name or ""))[:255]
    return CheckedUpload(
        file=upload,
        file_type=file_type,
        size=size,
        sha256=sha256,
        original_name=original,
        name=safe_name(original, file_type),
    )


class DocumentField(forms.FileField):
    """A file input whose cleaned value is a CheckedUpload."""

    widget = forms.FileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "help_text",
            f"{ALLOWED_LABELS}, smaller than {human_size(settings.UPLOAD_MAX_BYTES)}.",
        )
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", ACCEPT)
        self.error_messages["empty"] = "The selected file is empty"

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload in (None, False) or isinstance(upload, CheckedUpload):
            return upload
        return check_upload(upload)


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form (settings.WAGTAILDOCS_DOCUMENT_FORM_BASE) with the same checks."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            checked = check_upload(upload)
            # The file name is kept (Wagtail shows it) but made safe, with its real extension.
            upload.name = checked.name
        return upload


__all__ = [
    "ALLOWED",
    "CheckedDocumentForm",
    "CheckedUpload",
    "DocumentField",
    "StreamingUploadHandler",
    "check_upload",
    "detect",
    "safe_name",
]

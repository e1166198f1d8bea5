"""Type, size and name checks by content (documents.uploads), without storage."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from documents import uploads
from tests.documents import samples


@pytest.mark.parametrize("key", sorted(samples.ALLOWED))
def test_each_allowed_type_is_recognised_by_its_bytes(key):
    name, data = samples.ALLOWED[key]
    checked = uploads.check_upload(SimpleUploadedFile(name, data))
    assert checked.file_type.key == key
    assert checked.sha256 == hashlib.sha256(data).hexdigest()
    assert checked.size == len(data)
    assert checked.file.content_type == checked.file_type.mime


@pytest.mark.parametrize("key", sorted(samples.ALLOWED))
def test_the_extension_does_not_decide_the_type(key):
    _name, data = samples.ALLOWED[key]
    checked = uploads.check_upload(SimpleUploadedFile("misnamed.txt", data))
    assert checked.file_type.key == key
    assert checked.name == f"misnamed.{checked.file_type.extension}"


@pytest.mark.parametrize("what", sorted(samples.REFUSED))
def test_files_that_are_not_allowed_types_are_refused(what):
    name, data = samples.REFUSED[what]
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(SimpleUploadedFile(name, data))
    assert refused.value.messages == [
        "The selected file must be a PDF, DOCX, XLSX, ODT, ODS, CSV, PNG or JPEG"
    ]


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="The selected file is empty"):
        uploads.check_upload(SimpleUploadedFile("empty.pdf", b""))


def test_a_file_over_the_limit_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="smaller than 1KB"):
        uploads.check_upload(SimpleUploadedFile("big.csv", b"a,b\n" * 300))


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\pat\\My accounts (final).PDF", "My-accounts-final.pdf"),
        ("Éducation été.pdf", "Education-ete.pdf"),
        (".htaccess", "htaccess.pdf"),
        ("", "document.pdf"),
        ("a" * 300 + ".pdf", "a" * 80 + ".pdf"),
        ("report.exe", "report.pdf"),
    ],
)
def test_stored_names_are_safe(original, expected):
    assert uploads.safe_name(original, uploads.PDF) == expected


def test_human_sizes():
    assert uploads.human_size(20 * 1024 * 1024) == "20MB"
    assert uploads.human_size(1536) == "1.5KB"
    assert uploads.human_size(12) == "12 bytes"

"""StreamingUploadHandler under Django's own multipart parser: hashed while streaming, spooled to
disk, and bytes past the size limit counted but never kept."""

import hashlib
import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.http.multipartparser import MultiPartParser
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from documents.uploads import StreamingUploadHandler


def parse(data: dict):
    body = encode_multipart(BOUNDARY, data)
    meta = {"CONTENT_TYPE": MULTIPART_CONTENT, "CONTENT_LENGTH": str(len(body))}
    return MultiPartParser(meta, io.BytesIO(body), [StreamingUploadHandler()]).parse()


def test_the_settings_name_this_handler_alone(settings):
    assert settings.FILE_UPLOAD_HANDLERS == ["documents.uploads.StreamingUploadHandler"]


@pytest.mark.parametrize("chunk", [4, 4096, 256 * 1024])
def test_files_are_hashed_and_spooled_while_streaming(settings, tmp_path, chunk):
    settings.UPLOAD_CHUNK_BYTES = chunk
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    data = os.urandom(50_000) + f"\r\n--{BOUNDARY[:-1]}x".encode() + b"a,b\n" * 10_000
    post, files = parse(
        {"title": "Accounts \u2013 \u00e9t\u00e9", "file": SimpleUploadedFile("f.csv", data)}
    )
    upload = files["file"]
    assert isinstance(upload, TemporaryUploadedFile)  # on disk, not in memory
    assert os.path.dirname(upload.temporary_file_path()) == str(tmp_path)
    assert upload.sha256 == hashlib.sha256(data).hexdigest()  # set by the handler, not re-read
    assert (upload.size, upload.truncated, upload.read()) == (len(data), False, data)
    assert post["title"] == "Accounts \u2013 \u00e9t\u00e9"


def test_bytes_past_the_limit_are_counted_not_kept(settings):
    settings.UPLOAD_MAX_BYTES = 1000
    settings.UPLOAD_CHUNK_BYTES = 256
    _post, files = parse({"file": SimpleUploadedFile("f.csv", b"a,b\n" * 1000)})
    upload = files["file"]
    assert (upload.size, upload.truncated, upload.sha256) == (4000, True, None)
    assert len(upload.read()) <= 1000  # never more than the limit on disk


def test_each_file_gets_its_own_hash():
    first, second = b"a,b\n1,2\n", b"%PDF-1.7\n" + bytes(range(256)) * 40
    _post, files = parse(
        {"first": SimpleUploadedFile("a.csv", first), "second": SimpleUploadedFile("b.pdf", second)}
    )
    assert files["first"].sha256 == hashlib.sha256(first).hexdigest()
    assert files["second"].sha256 == hashlib.sha256(second).hexdigest()

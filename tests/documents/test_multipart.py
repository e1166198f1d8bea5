"""portal.multipart reads bodies exactly as Django's parser does, at any block size."""

import hashlib
import io
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http.multipartparser import MultiPartParser, MultiPartParserError
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from portal import multipart
from portal.uploads import StreamingUploadHandler

NEAR_MISS = f"\r\n--{BOUNDARY[:-1]}x\r\n--{BOUNDARY[:10]}".encode()


def body_of(data: dict) -> bytes:
    return encode_multipart(BOUNDARY, data)


def with_django(body: bytes):
    meta = {"CONTENT_TYPE": MULTIPART_CONTENT, "CONTENT_LENGTH": str(len(body))}
    post, files = MultiPartParser(meta, io.BytesIO(body), [StreamingUploadHandler()]).parse()
    return post, files


def with_portal(body: bytes, chunk_size: int):
    handler = StreamingUploadHandler()
    handler.chunk_size = chunk_size
    return multipart.parse(handler, io.BytesIO(body), len(body), BOUNDARY.encode(), "utf-8")


def summary(post, files):
    return (
        {k: post.getlist(k) for k in post},
        {
            k: [(f.name, f.content_type, f.read(), f.sha256) for f in files.getlist(k)]
            for k in files
        },
    )


def sample_data(seed: int) -> dict:
    rng = random.Random(seed)
    blob = bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 5000))) + NEAR_MISS
    return {
        "title": "Accounts for 2025 \u2013 \u00e9t\u00e9",
        "empty": "",
        "many": ["one", "two"],
        "file": SimpleUploadedFile("a b/../accounts.pdf", blob, "application/pdf"),
        "second": SimpleUploadedFile("figures.csv", b"a,b\r\n1,2\r\n", "text/csv"),
        "blank": SimpleUploadedFile("empty.csv", b"", "text/csv"),
    }


@pytest.mark.parametrize("chunk_size", [1, 2, 3, 7, 13, 64, 71, 1000, 65536])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_same_result_as_djangos_parser(settings, chunk_size, seed):
    body = body_of(sample_data(seed))
    assert summary(*with_portal(body, chunk_size)) == summary(*with_django(body))


def test_files_are_hashed_while_streaming():
    data = b"x,y\n" * 10_000
    _post, files = with_portal(body_of({"file": SimpleUploadedFile("f.csv", data)}), 4096)
    assert files["file"].sha256 == hashlib.sha256(data).hexdigest()
    assert files["file"].size == len(data)


def test_a_truncated_body_is_an_error():
    body = body_of({"file": SimpleUploadedFile("f.csv", b"a,b\n" * 100)})
    with pytest.raises(MultiPartParserError):
        with_portal(body[:-40], 64)


def test_too_many_fields_are_refused(settings):
    from django.core.exceptions import TooManyFieldsSent

    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 3
    with pytest.raises(TooManyFieldsSent):
        with_portal(body_of({"a": ["1", "2", "3", "4"]}), 64)


@pytest.mark.parametrize("parser", ["django", "portal"])
def test_bytes_past_the_limit_are_counted_not_kept(settings, parser):
    settings.UPLOAD_MAX_BYTES = 1000
    body = body_of({"file": SimpleUploadedFile("f.csv", b"a,b\n" * 1000)})
    _post, files = with_django(body) if parser == "django" else with_portal(body, 256)
    upload = files["file"]
    assert (upload.size, upload.truncated, upload.sha256) == (4000, True, None)
    assert len(upload.read()) <= 1000  # never more than the limit on disk

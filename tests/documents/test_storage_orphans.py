"""manage.py storage_orphans against the S3 server and local files; /readyz's storage check."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from documents import storage
from documents import stored as documents
from documents.models import StoredDocument
from tests import builders
from tests.documents import samples
from tests.documents.conftest import keys, point_storage_at


def run(*args) -> str:
    out = io.StringIO()
    call_command("storage_orphans", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("backend", ["s3", "local"])
def test_orphans_are_listed_then_removed(request, db, backend):
    request.getfixturevalue("fresh_bucket" if backend == "s3" else "local_storage")
    files = storage.backend()
    trafford = builders.authority("TRF")
    kept = documents.store_bytes(samples.PDF, "kept.pdf", authority=trafford, folder="TRF-CH-1")
    lost = documents.store_bytes(samples.CSV, "lost.csv", authority=trafford, folder="TRF-CH-1")
    files.delete(lost.storage_key)  # a row without its object
    stray = files.save("TRF/TRF-CH-1/stray.pdf", ContentFile(samples.PDF))  # no row

    assert f"object without a row: {stray}" not in run()  # younger than the default hour
    listed = run("--min-age", "0")
    assert f"object without a row: {stray}" in listed
    assert f"row without an object: {lost.pk} {lost.storage_key}" in listed
    assert kept.storage_key not in listed
    assert stray in keys() and StoredDocument.objects.filter(pk=lost.pk).exists()

    removed = run("--min-age", "0", "--delete")
    assert "Removed 1 object(s) without a row and 1 row(s) without an object" in removed
    assert stray not in keys() and kept.storage_key in keys()
    assert list(StoredDocument.objects.all()) == [kept]
    assert "Found 0 object(s) without a row and 0 row(s)" in run("--min-age", "0")


def test_verify_finds_an_object_that_changed(local_storage, db):
    document = documents.store_bytes(samples.PDF, "a.pdf", folder="letters")
    assert "Verified: 0 checksum(s) differ" in run("--verify")
    local_storage.delete(document.storage_key)
    local_storage.save(document.storage_key, ContentFile(samples.PDF + b"tampered"))
    with pytest.raises(CommandError, match="do not match their SHA-256"):
        run("--verify")


def test_verify_reads_the_checksum_s3_keeps(s3, db):
    documents.store_bytes(samples.PDF, "a.pdf", folder="letters")
    assert "Verified: 0 checksum(s) differ\n" in run("--verify")


def test_an_unreachable_storage_is_a_one_line_error(s3, db, settings):
    point_storage_at(settings, "http://127.0.0.1:1", "nowhere")
    with pytest.raises(CommandError, match="The storage did not answer"):
        run()


def test_readyz_reports_the_storage(s3, client, settings):
    body = client.get("/readyz").json()
    assert body["components"]["storage"]["status"] == "ok"
    assert body["components"]["storage"]["backend"] == "s3"
    point_storage_at(settings, s3.endpoint_url, "no-such-bucket")
    failing = client.get("/readyz")
    assert failing.status_code == 503
    assert failing.json()["components"]["storage"]["status"] == "error"


def test_readyz_reports_local_files(local_storage, client):
    assert client.get("/readyz").json()["components"]["storage"]["backend"] == "local"


def test_an_unsupported_storage_is_a_configuration_error():
    from django.core.exceptions import ImproperlyConfigured
    from django.core.files.storage import InMemoryStorage

    from documents.storage import iter_keys

    with pytest.raises(ImproperlyConfigured, match="S3 or local files only"):
        list(iter_keys(InMemoryStorage()))

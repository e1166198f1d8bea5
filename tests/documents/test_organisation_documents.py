"""Uploads through a view onto the real S3 API (moto), and downloads through presigned URLs."""

import base64
import hashlib
import tracemalloc
import urllib.parse
import urllib.request

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from documents import stored as documents
from documents.models import StoredDocument
from portal import permissions
from portal.models import Role
from tests import builders
from tests.documents import samples
from tests.documents.conftest import keys, point_storage_at
from tests.documents.s3_servers import CuttingProxy, MotoProcess


def upload(client, organisation, name, data, title="Constitution"):
    return client.post(
        f"/account/organisations/{organisation.slug}/documents/",
        {"title": title, "file": SimpleUploadedFile(name, data)},
    )


def test_upload_through_the_view_then_download_through_a_presigned_url(
    s3, s3_client, member, client
):
    person, organisation = member
    name, data = samples.ALLOWED["pdf"]
    response = upload(client, organisation, "Our constitution.pdf", data)
    assert response.status_code == 302

    document = StoredDocument.objects.get()
    assert document.owner == organisation
    assert document.uploaded_by == person
    assert (document.size, document.sha256) == (len(data), hashlib.sha256(data).hexdigest())
    assert document.name == "Our-constitution.pdf"
    assert document.original_name == "Our constitution.pdf"
    assert document.content_type == "application/pdf"
    assert document.storage_key.startswith(f"portal/organisation-{organisation.pk}/")
    assert document.storage_key.endswith("-Our-constitution.pdf")

    head = s3_client.head_object(
        Bucket=s3.bucket_name, Key=document.storage_key, ChecksumMode="ENABLED"
    )
    assert head["ServerSideEncryption"] == "AES256"
    assert head["ContentType"] == "application/pdf"
    assert head["ChecksumSHA256"] == base64.b64encode(hashlib.sha256(data).digest()).decode()
    acl = s3_client.get_object_acl(Bucket=s3.bucket_name, Key=document.storage_key)
    assert all("URI" not in grant["Grantee"] for grant in acl["Grants"])  # no public grants

    listing = client.get(f"/account/organisations/{organisation.slug}/documents/")
    assert "Constitution" in listing.content.decode()
    assert document.get_absolute_url() in listing.content.decode()

    download = client.get(document.get_absolute_url())
    assert download.status_code == 302
    assert download["Cache-Control"] == "private, no-store"
    url = download["Location"]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
    assert query["X-Amz-Expires"] == ["60"]
    with urllib.request.urlopen(url, timeout=10) as fetched:
        assert fetched.read() == data
        assert fetched.headers["Content-Disposition"] == (
            'attachment; filename="Our-constitution.pdf"'
        )


def test_permission_refusals(s3, member, client):
    person, organisation = member
    name, data = samples.ALLOWED["csv"]
    assert upload(client, organisation, name, data).status_code == 302
    document = StoredDocument.objects.get()
    url = document.get_absolute_url()

    client.logout()
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/account/sign-in/")

    outsider, _other_org = builders.provider("Another Trust")
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.get(f"/account/organisations/{organisation.slug}/documents/").status_code == 404

    # Only the staff of authorities the organisation has a case with (tests/security).
    officer = builders.staff(Role.OFFICER, builders.authority("TRF"))
    client.force_login(officer)
    assert client.get(url).status_code == 404


def test_default_policy_and_registered_policies(s3, db, client, monkeypatch):
    trafford, manchester = builders.authority("TRF"), builders.authority("MAN")
    uploader = builders.user()
    document = documents.store_bytes(
        samples.PDF,
        "letter.pdf",
        authority=trafford,
        folder="TRF-CH-2026-0001",
        kind="decision_letter",
        uploaded_by=uploader,
    )
    assert document.storage_key.startswith("TRF/TRF-CH-2026-0001/")
    url = document.get_absolute_url()
    for person, allowed in [
        (uploader, True),
        (builders.staff(Role.OFFICER, trafford), True),
        (builders.staff(Role.OFFICER, manchester), False),
        (builders.user(), False),
    ]:
        client.force_login(person)
        assert (client.get(url).status_code == 302) is allowed
    client.logout()
    assert client.get(url)["Location"].startswith("/account/sign-in/")

    # An app's policy for its owner kind decides instead: here, public once "published".
    monkeypatch.setitem(permissions.DOCUMENT_POLICIES, "portal.authority", lambda u, d, o: True)
    public = documents.store_bytes(samples.PDF, "notice.pdf", owner=trafford, authority=trafford)
    response = client.get(public.get_absolute_url())
    assert response.status_code == 302 and "X-Amz-Signature" in response["Location"]


REFUSALS = [
    ("renamed executable", "accounts.pdf", samples.EXE, "must be a PDF, DOCX, XLSX"),
    ("empty file", "accounts.pdf", b"", "The selected file is empty"),
    ("oversized file", "figures.csv", b"a,b\n" * 40_000, "must be smaller than 64KB"),
    ("3 MB over a 64KB limit", "figures.csv", b"a,b\n" * 786_432, "must be smaller than 64KB"),
]


@pytest.mark.parametrize(
    ("what", "name", "data", "message"), REFUSALS, ids=[r[0] for r in REFUSALS]
)
def test_refused_files_leave_nothing_behind(
    s3, member, client, settings, tmp_path, what, name, data, message
):
    """The form error (not a 400 page from the parser), no row, no object, no temporary file."""
    settings.UPLOAD_MAX_BYTES = 64 * 1024
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    _person, organisation = member
    before = keys()
    response = upload(client, organisation, name, data, title="Accounts 2025")
    page = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in page and message in page
    assert 'value="Accounts 2025"' in page  # the other answer is kept
    assert StoredDocument.objects.count() == 0
    assert keys() == before
    assert list(tmp_path.iterdir()) == []


def test_s3_refusing_keeps_the_answers_and_writes_nothing(s3, member, client, settings):
    point_storage_at(settings, s3.endpoint_url, "no-such-bucket")
    _person, organisation = member
    response = upload(client, organisation, *samples.ALLOWED["png"], title="Logo")
    page = response.content.decode()
    assert response.status_code == 400
    assert "document store is not available" in page and 'value="Logo"' in page
    assert StoredDocument.objects.count() == 0


def test_s3_server_stopped_mid_upload(s3, member, client, settings):
    server = MotoProcess()
    proxy = CuttingProxy(server, cut_after=512 * 1024)
    try:
        point_storage_at(settings, proxy.url, server.bucket)
        _person, organisation = member
        data = b"amount,note\n" + b"1,padding padding padding padding\n" * 100_000  # 3.4 MB
        response = upload(client, organisation, "figures.csv", data, title="Figures")
        assert proxy.cut.is_set()  # the server died while the file was on its way
        assert server.process.poll() is not None
    finally:
        proxy.close()
        server.stop()
    page = response.content.decode()
    assert response.status_code == 400
    assert "document store is not available" in page and 'value="Figures"' in page
    assert StoredDocument.objects.count() == 0


def test_local_storage_streams_the_file(local_storage, member, client):
    _person, organisation = member
    name, data = samples.ALLOWED["xlsx"]
    assert upload(client, organisation, name, data, title="Budget").status_code == 302
    document = StoredDocument.objects.get()
    assert local_storage.exists(document.storage_key)
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Disposition"] == 'attachment; filename="budget.xlsx"'


def test_removing_a_document_removes_its_object(
    s3, member, client, django_capture_on_commit_callbacks
):
    _person, organisation = member
    upload(client, organisation, *samples.ALLOWED["odt"])
    document = StoredDocument.objects.get()
    assert document.storage_key in keys()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/account/organisations/{organisation.slug}/documents/{document.pk}/remove/"
        )
    assert response.status_code == 302
    assert not StoredDocument.objects.exists()
    assert document.storage_key not in keys()


def test_atomic_removes_the_objects_of_a_rolled_back_transaction(s3, db):
    trafford = builders.authority("TRF")
    before = keys()
    with pytest.raises(RuntimeError), documents.atomic():
        documents.store_bytes(samples.PDF, "a.pdf", authority=trafford, folder="TRF-CH-1")
        documents.store_bytes(samples.CSV, "b.csv", authority=trafford, folder="TRF-CH-1")
        raise RuntimeError("the audit write failed")
    assert StoredDocument.objects.count() == 0
    assert keys() == before


def test_a_large_upload_is_streamed_not_held_in_memory(s3, member, client, settings, tmp_path):
    """6 MB through the view (Django's parser, the checks, the S3 PUT): memory grows by less
    than four chunks, where holding the file would take six."""
    settings.UPLOAD_CHUNK_BYTES = 1024 * 1024
    _person, organisation = member
    data = b"%PDF-1.7\n" + bytes(range(256)) * (6 * 4096)
    body = tmp_path / "body"
    body.write_bytes(
        encode_multipart(BOUNDARY, {"title": "Large", "file": SimpleUploadedFile("l.pdf", data)})
    )
    upload(client, organisation, "warm-up.pdf", samples.PDF)  # first-request allocations

    with body.open("rb") as stream:
        tracemalloc.start()
        try:
            baseline = tracemalloc.get_traced_memory()[0]
            response = client.request(
                REQUEST_METHOD="POST",
                PATH_INFO=f"/account/organisations/{organisation.slug}/documents/",
                CONTENT_TYPE=MULTIPART_CONTENT,
                CONTENT_LENGTH=str(body.stat().st_size),
                **{"wsgi.input": stream},
            )
            peak = tracemalloc.get_traced_memory()[1] - baseline
        finally:
            tracemalloc.stop()
    assert response.status_code == 302
    assert StoredDocument.objects.get(title="Large").sha256 == hashlib.sha256(data).hexdigest()
    assert peak < 4 * settings.UPLOAD_CHUNK_BYTES


def test_a_nested_atomic_hands_its_objects_to_the_outer_one(s3, db):
    trafford = builders.authority("TRF")
    before = keys()
    with pytest.raises(RuntimeError), documents.atomic():
        with documents.atomic():
            documents.store_bytes(samples.PDF, "a.pdf", authority=trafford, folder="TRF-CH-3")
        raise RuntimeError("the outer block failed after the inner one committed")
    assert StoredDocument.objects.count() == 0
    assert keys() == before


def test_when_the_row_cannot_be_written_the_object_is_removed(s3, db):
    from django.db import DataError

    before = keys()
    with pytest.raises(DataError):
        documents.store_bytes(samples.PDF, "a.pdf", folder="letters", kind="k" * 60)
    assert keys() == before


def test_deleting_an_organisation_removes_its_document_rows(s3, member, client):
    _person, organisation = member
    upload(client, organisation, *samples.ALLOWED["pdf"])
    key = StoredDocument.objects.get().storage_key
    organisation.delete()
    assert not StoredDocument.objects.exists()
    assert key in keys()  # the object is an orphan now: storage_orphans removes it


def test_an_unknown_document_is_not_found(client, db):
    assert client.get("/files/00000000-0000-0000-0000-000000000000/").status_code == 404

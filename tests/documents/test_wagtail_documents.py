"""Wagtail's documents (on service specification pages) use the same storage and checks."""

import urllib.request

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from tests import builders
from tests.documents import samples
from tests.documents.conftest import keys


@pytest.fixture
def editor(db, client):
    person = builders.user(is_superuser=True, is_staff=True)
    client.force_login(person)
    return person


def add_document(client, name, data, title="Service specification"):
    return client.post(
        "/admin/documents/add/",
        {
            "title": title,
            "file": SimpleUploadedFile(name, data),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_a_renamed_executable_is_refused_by_the_cms(s3, editor, client):
    before = keys()
    response = add_document(client, "specification.pdf", samples.EXE)
    assert response.status_code == 200
    assert "must be a PDF, DOCX, XLSX, ODT, ODS, CSV, PNG or JPEG" in response.content.decode()
    assert not Document.objects.exists()
    assert keys() == before


def test_a_document_on_a_service_page_is_served_through_a_presigned_url(s3, editor, client):
    response = add_document(client, "Library spec (2026).pdf", samples.PDF)
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.file.name.startswith("documents/Library-spec-2026")
    assert document.file.name in keys()

    page = builders.service(builders.authority("TRF"), body=[("document", document)])
    html = client.get(page.url).content.decode()
    assert document.url in html and "Service specification" in html and "(PDF, " in html

    client.logout()
    served = client.get(document.url)
    assert served.status_code == 302 and "X-Amz-Signature" in served["Location"]
    with urllib.request.urlopen(served["Location"], timeout=10) as fetched:
        assert fetched.read() == samples.PDF


def test_a_private_collection_needs_a_sign_in(s3, editor, client):
    add_document(client, "internal.pdf", samples.PDF)
    root = Collection.get_first_root_node()
    private = root.add_child(name="Officers only")
    document = Document.objects.get()
    document.collection = private
    document.save()
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 302 and "X-Amz-Signature" not in response["Location"]

"""Procurement documents on the real S3 API (moto): what a provider attaches to its expression of
interest, and the signed copy of a transfer agreement; refusals that leave nothing behind, who
may download each, and the SHA-256 in the audit event."""

import hashlib
import urllib.request

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from agreements import attachments as agreement_attachments
from documents.models import StoredDocument
from documents.uploads import check_upload
from portal import audit
from portal.models import Role
from portal.workflow import perform
from procurement import attachments, interest_workflow
from procurement.models import InterestState
from tests import builders
from tests.dates import date_input
from tests.documents import samples
from tests.documents.conftest import keys, point_storage_at

from .agreements_helpers import approve_all, proposed, to_approval
from .conftest import fresh, open_plain, to_tender


def fetch(client, url) -> bytes:
    """Download through /files/<id>/: a redirect to a presigned URL, fetched over HTTP."""
    response = client.get(url)
    assert response.status_code == 302, response.status_code
    assert "X-Amz-Signature" in response["Location"]
    with urllib.request.urlopen(response["Location"], timeout=10) as fetched:
        return fetched.read()


def draft_interest(world):
    exercise = to_tender(world, open_plain(world))
    return interest_workflow.start(world.provider, exercise, world.organisation)


def events(obj, transition):
    return audit.events_for(obj).filter(transition=transition)


def test_a_bid_is_attached_to_the_draft_and_submitted_with_it(s3, client, world):
    eoi = draft_interest(world)
    client.force_login(world.provider)
    name, data = samples.ALLOWED["pdf"]
    response = client.post(
        eoi.get_absolute_url(),
        {
            "proposal": "Four clubs, five nights a week.",
            "price": "800000",
            "document": SimpleUploadedFile("Our bid.pdf", data),
            "submit": "yes",
        },
    )
    assert response.status_code == 302
    eoi = fresh(eoi)
    assert eoi.state == InterestState.SUBMITTED and eoi.proposal.startswith("Four clubs")

    document = StoredDocument.objects.get()
    assert document.owner == eoi and document.kind == attachments.INTEREST_DOCUMENT
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.storage_key.startswith(f"TRF/{eoi.exercise.reference}-eoi-draft-{eoi.pk}/")
    assert document.storage_key in keys()
    (event,) = events(eoi, "document_added")
    assert event.changes["sha256"] == document.sha256
    assert event.changes["kind"] == attachments.INTEREST_DOCUMENT

    page = client.get(eoi.get_absolute_url()).content.decode()
    assert document.get_absolute_url() in page and "Our-bid.pdf" in page
    assert fetch(client, document.get_absolute_url()) == data

    # The officers of the exercise's authority see it once submitted, on the same page.
    client.force_login(world.officer)
    assert document.get_absolute_url() in client.get(eoi.get_absolute_url()).content.decode()
    assess = client.get(f"/procurement/manage/interests/{eoi.pk}/assess/").content.decode()
    assert document.get_absolute_url() in assess
    assert fetch(client, document.get_absolute_url()) == data


def test_a_renamed_executable_is_refused_and_the_answers_are_kept(s3, client, world):
    eoi = draft_interest(world)
    client.force_login(world.provider)
    before = keys()
    response = client.post(
        eoi.get_absolute_url(),
        {
            "proposal": "Ten years of youth work",
            "price": "750000",
            "document": SimpleUploadedFile("capability.pdf", samples.EXE),
            "submit": "yes",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "The selected file must be a PDF, DOCX" in page
    assert "Ten years of youth work" in page and 'value="750000"' in page
    assert StoredDocument.objects.count() == 0 and keys() == before
    assert fresh(eoi).state == InterestState.DRAFT and fresh(eoi).proposal == ""
    assert not events(eoi, "document_added").exists()


def test_storage_unavailable_keeps_the_answers_and_writes_nothing(s3, client, world, settings):
    eoi = draft_interest(world)
    point_storage_at(settings, s3.endpoint_url, "no-such-bucket")
    client.force_login(world.provider)
    response = client.post(
        eoi.get_absolute_url(),
        {
            "proposal": "A new answer",
            "price": "700000",
            "document": SimpleUploadedFile(*samples.ALLOWED["docx"]),
            "submit": "yes",
        },
    )
    page = response.content.decode()
    assert "govuk-error-summary" in page and "document store is not available" in page
    assert "A new answer" in page
    eoi = fresh(eoi)
    assert eoi.state == InterestState.DRAFT and eoi.proposal == ""  # the save was undone too
    assert StoredDocument.objects.count() == 0
    assert not events(eoi, "document_added").exists()


def test_who_may_download_an_interests_documents(s3, client, world, manchester):
    eoi = draft_interest(world)
    document = attachments.add_to_interest(
        check_upload(SimpleUploadedFile(*samples.ALLOWED["xlsx"])), eoi, world.provider
    )
    url = document.get_absolute_url()
    client.force_login(world.officer)
    assert client.get(url).status_code == 404  # a draft is the provider's alone
    client.force_login(world.provider)
    assert client.get(url).status_code == 302

    interest_workflow.save_draft(eoi, world.provider, proposal="Four clubs.", price=800_000)
    perform("interest", eoi, "submit", world.provider)
    colleague, _ = builders.provider("Another Trust")
    colleague.memberships.create(organisation=world.organisation, approved=True)
    for person, allowed in [
        (world.provider, True),
        (colleague, True),  # another member of the same provider
        (world.officer, True),
        (world.decider, True),
        (world.rival, False),  # another provider bidding in the same exercise
        (builders.staff(Role.OFFICER, manchester), False),  # another authority's officer
        (world.stranger, False),
    ]:
        client.force_login(person)
        assert (client.get(url).status_code == 302) is allowed, person
    client.logout()
    assert client.get(url)["Location"].startswith("/account/sign-in/")

    # Another provider cannot attach to (or even open) this expression of interest.
    client.force_login(world.rival)
    response = client.post(
        eoi.get_absolute_url(),
        {"proposal": "x", "price": "1", "document": SimpleUploadedFile(*samples.ALLOWED["pdf"])},
    )
    assert response.status_code == 403 and StoredDocument.objects.count() == 1


def signing_url(agreement):
    return f"/agreements/manage/{agreement.reference}/do/sign/"


def test_the_signed_copy_is_uploaded_when_signing_and_published(s3, client, partners):
    world = partners
    agreement = to_approval(world, proposed(world))
    approve_all(world, agreement)
    client.force_login(world.decider)
    name, data = samples.ALLOWED["pdf"]
    response = client.post(
        signing_url(agreement),
        {
            **date_input("signed_on", timezone.localdate()),
            "signed_copy": SimpleUploadedFile("Signed agreement.pdf", data),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    agreement = fresh(agreement)
    assert agreement.state == "signed"
    document = StoredDocument.objects.get()
    assert document.owner == agreement and document.kind == agreement_attachments.SIGNED_COPY
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.storage_key.startswith(f"TRF/{agreement.reference}/")
    (event,) = events(agreement, "sign")
    assert event.changes["signed_copy"]["sha256"] == document.sha256
    assert event.changes["signed_copy"]["confidential"] is False

    url = document.get_absolute_url()
    for person in (world.officer, world.icb_partner):
        client.force_login(person)
        assert url in client.get(agreement.get_absolute_url()).content.decode()
        assert fetch(client, url) == data
    # Published and not marked confidential: public, linked from the public page.
    client.logout()
    assert url in client.get(agreement.get_public_url()).content.decode()
    assert fetch(client, url) == data


def test_a_confidential_copy_stays_with_the_parties(s3, client, partners, manchester):
    world = partners
    agreement = to_approval(world, proposed(world))
    approve_all(world, agreement)
    perform("agreement", agreement, "sign", world.decider, signed_on=timezone.localdate())
    client.force_login(world.officer)
    upload_url = f"/agreements/manage/{agreement.reference}/signed-copy/"
    response = client.post(
        upload_url,
        {"signed_copy": SimpleUploadedFile(*samples.ALLOWED["pdf"]), "confidential": "on"},
    )
    assert response.status_code == 302
    document = StoredDocument.objects.get()
    assert document.kind == agreement_attachments.SIGNED_COPY_CONFIDENTIAL
    (event,) = events(agreement, "document_added")
    assert event.changes["sha256"] == document.sha256 and event.changes["confidential"] is True

    url = document.get_absolute_url()
    for person, allowed in [
        (world.officer, True),
        (world.icb_partner, True),
        (world.trust_partner, False),  # an NHS body not party to it
        (builders.staff(Role.OFFICER, manchester), False),  # another authority's officer
        (world.stranger, False),
    ]:
        client.force_login(person)
        assert (client.get(url).status_code == 302) is allowed, person
    client.logout()
    assert url not in client.get(agreement.get_public_url()).content.decode()

    # Another authority's officer may not upload one.
    client.force_login(builders.staff(Role.OFFICER, manchester))
    response = client.post(upload_url, {"signed_copy": SimpleUploadedFile(*samples.ALLOWED["pdf"])})
    assert response.status_code in (403, 404) and StoredDocument.objects.count() == 1


def test_a_signed_copy_must_be_a_pdf_and_a_refusal_signs_nothing(s3, client, partners, settings):
    world = partners
    agreement = to_approval(world, proposed(world))
    approve_all(world, agreement)
    client.force_login(world.decider)
    before = keys()
    today = date_input("signed_on", timezone.localdate())
    response = client.post(
        signing_url(agreement),
        {**today, "signed_copy": SimpleUploadedFile(*samples.ALLOWED["docx"])},
    )
    page = response.content.decode()
    assert "govuk-error-summary" in page and "The signed copy must be a PDF" in page
    assert f'value="{today["signed_on_0"]}"' in page and f'value="{today["signed_on_2"]}"' in page
    assert fresh(agreement).state == "approval" and StoredDocument.objects.count() == 0
    assert keys() == before

    point_storage_at(settings, s3.endpoint_url, "no-such-bucket")
    response = client.post(
        signing_url(agreement),
        {**today, "signed_copy": SimpleUploadedFile(*samples.ALLOWED["pdf"])},
    )
    page = response.content.decode()
    assert "govuk-error-summary" in page and "document store is not available" in page
    assert fresh(agreement).state == "approval"  # the signing was undone with the file
    assert not agreement.versions.exists() and not events(agreement, "sign").exists()
    assert StoredDocument.objects.count() == 0

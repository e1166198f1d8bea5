"""A challenge's documents on the real S3 API (moto): evidence uploaded through the provider
journey, refusals that leave nothing behind, who may download, and the decision letter PDF."""

import hashlib
import io
import urllib.request

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from challenges import evidence
from challenges.models import Message, Partner, State
from documents.models import StoredDocument
from documents.uploads import check_upload
from portal.models import AuditEvent, Role
from tests import builders
from tests.challenges.conftest import advance, decide_through_pages, draft
from tests.documents import samples
from tests.documents.conftest import keys, point_storage_at


def section_url(challenge, slug="financial_resources"):
    return f"/challenges/{challenge.pk}/sections/{slug}/"


def events(challenge, transition):
    return AuditEvent.objects.filter(object_id=str(challenge.pk), transition=transition)


def fetch(client, url) -> bytes:
    """Download through /files/<id>/: the view redirects to a presigned URL, fetched over HTTP."""
    response = client.get(url)
    assert response.status_code == 302, response.status_code
    assert "X-Amz-Signature" in response["Location"]
    with urllib.request.urlopen(response["Location"], timeout=10) as fetched:
        return fetched.read()


def test_evidence_uploaded_through_the_section_page(s3, client, world, challenge):
    client.force_login(world.provider)
    name, data = samples.ALLOWED["pdf"]
    response = client.post(
        section_url(challenge),
        {
            "financial_resources": "Reserves of six months.",
            "evidence": SimpleUploadedFile("Accounts 2025.pdf", data),
        },
    )
    assert response.status_code == 302 and response["Location"] == f"/challenges/{challenge.pk}/"

    document = StoredDocument.objects.get()
    assert document.owner == challenge and document.kind == evidence.FINANCIAL
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.storage_key.startswith(f"TRF/draft-{challenge.pk}/")
    assert document.storage_key in keys()
    challenge.refresh_from_db()
    assert challenge.financial_resources == "Reserves of six months."
    (event,) = events(challenge, "document_added")
    assert event.changes["sha256"] == document.sha256
    assert event.changes["kind"] == evidence.FINANCIAL

    page = client.get(section_url(challenge)).content.decode()
    assert document.get_absolute_url() in page and "Accounts-2025.pdf" in page
    assert fetch(client, document.get_absolute_url()) == data


def test_a_renamed_executable_is_refused_and_the_answers_are_kept(s3, client, world, challenge):
    client.force_login(world.provider)
    before = keys()
    response = client.post(
        section_url(challenge, "capability_evidence"),
        {
            "capability_evidence": "Ten years of youth work",
            "evidence": SimpleUploadedFile("quality-mark.pdf", samples.EXE),
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "The selected file must be a PDF, DOCX" in page
    assert "Ten years of youth work" in page  # the answer is still in the form
    assert StoredDocument.objects.count() == 0 and keys() == before
    assert not events(challenge, "document_added").exists()


def test_storage_unavailable_keeps_the_answers_and_writes_nothing(
    s3, client, world, challenge, settings
):
    point_storage_at(settings, s3.endpoint_url, "no-such-bucket")
    client.force_login(world.provider)
    response = client.post(
        section_url(challenge),
        {
            "financial_resources": "A new answer",
            "evidence": SimpleUploadedFile(*samples.ALLOWED["csv"]),
        },
    )
    page = response.content.decode()
    assert "govuk-error-summary" in page and "document store is not available" in page
    assert "A new answer" in page
    challenge.refresh_from_db()
    assert challenge.financial_resources != "A new answer"  # the answer's save was undone too
    assert StoredDocument.objects.count() == 0
    assert not events(challenge, "document_added").exists()

    response = client.post(
        f"/challenges/{challenge.pk}/partners/",
        {
            "name": "Acme Catering Ltd",
            "role": Partner.SUBCONTRACTOR,
            "partner_type": "commercial",
            "financial_resources": "Turnover £2m",
            "capability": "Runs 30 cafés",
            "evidence": SimpleUploadedFile(*samples.ALLOWED["xlsx"]),
        },
    )
    page = response.content.decode()
    assert "document store is not available" in page and 'value="Acme Catering Ltd"' in page
    assert not Partner.objects.exists() and StoredDocument.objects.count() == 0


def test_partner_documents_follow_the_partner(s3, client, world, challenge):
    client.force_login(world.provider)
    response = client.post(
        f"/challenges/{challenge.pk}/partners/",
        {
            "name": "Acme Catering Ltd",
            "role": Partner.SUBCONTRACTOR,
            "partner_type": "commercial",
            "financial_resources": "Turnover £2m",
            "capability": "Runs 30 cafés",
            "evidence": SimpleUploadedFile(*samples.ALLOWED["xlsx"]),
        },
    )
    assert response.status_code == 302
    partner = Partner.objects.get()
    document = StoredDocument.objects.get()
    assert document.owner == partner and document.kind == evidence.PARTNER
    (event,) = events(challenge, "document_added")
    assert event.changes["sha256"] == document.sha256
    assert document.get_absolute_url() in client.get(response["Location"]).content.decode()

    client.post(f"/challenges/{challenge.pk}/partners/{partner.pk}/remove/")
    assert not Partner.objects.exists() and not StoredDocument.objects.exists()


def test_clarification_reply_with_a_document(s3, client, world, challenge):
    advance(challenge, world, "submit", "start_assessment", "request_clarification")
    client.force_login(world.provider)
    name, data = samples.ALLOWED["csv"]
    response = client.post(
        f"/challenges/{challenge.pk}/answer/",
        {"answer": "See the staff list.", "attachment": SimpleUploadedFile("staff.csv", data)},
    )
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.state == State.UNDER_ASSESSMENT
    reply = Message.objects.get(from_authority=False)
    document = StoredDocument.objects.get()
    assert document.owner == reply and document.kind == evidence.REPLY
    assert document.storage_key.startswith(f"TRF/{challenge.reference}/")
    (event,) = events(challenge, "answer_clarification")
    assert event.changes["documents"][0]["sha256"] == hashlib.sha256(data).hexdigest()

    client.force_login(world.officer)
    page = client.get(f"/casework/{challenge.pk}/").content.decode()
    assert document.get_absolute_url() in page
    assert fetch(client, document.get_absolute_url()) == data


def test_a_refused_reply_keeps_the_answer_and_the_state(s3, client, world, challenge, settings):
    advance(challenge, world, "submit", "start_assessment", "request_clarification")
    point_storage_at(settings, s3.endpoint_url, "no-such-bucket")
    client.force_login(world.provider)
    response = client.post(
        f"/challenges/{challenge.pk}/answer/",
        {
            "answer": "See the staff list.",
            "attachment": SimpleUploadedFile(*samples.ALLOWED["png"]),
        },
    )
    page = response.content.decode()
    assert "document store is not available" in page and "See the staff list." in page
    challenge.refresh_from_db()
    assert challenge.state == State.CLARIFICATION_REQUESTED
    assert not Message.objects.filter(from_authority=False).exists()
    assert not events(challenge, "answer_clarification").exists()
    assert StoredDocument.objects.count() == 0


def test_who_may_download_evidence(s3, client, world, challenge, manchester):
    document = evidence.add_to_draft(
        check_upload(SimpleUploadedFile(*samples.ALLOWED["pdf"])),
        challenge,
        evidence.FINANCIAL,
        world.provider,
    )
    url = document.get_absolute_url()
    client.force_login(world.officer)
    assert client.get(url).status_code == 404  # a draft is the body's alone

    advance(challenge, world, "submit", "start_assessment")
    colleague, _ = builders.provider("Another Trust")
    colleague.memberships.create(organisation=challenge.organisation, approved=True)
    for person, allowed in [
        (world.provider, True),
        (colleague, True),  # another member of the same body
        (world.officer, True),
        (world.decider, True),
        (builders.provider("Greenway Community Transport")[0], False),  # another body
        (builders.staff(Role.OFFICER, manchester), False),  # another authority's officer
        (world.stranger, False),
    ]:
        client.force_login(person)
        assert (client.get(url).status_code == 302) is allowed, person

    # Evidence stays private after the decision is published; the letter becomes public.
    advance(challenge, world, "accept")
    client.logout()
    assert client.get(url)["Location"].startswith("/account/sign-in/")
    client.force_login(world.stranger)
    assert client.get(url).status_code == 404
    assert client.get(evidence.decision_letter(challenge).get_absolute_url()).status_code == 302
    # The register's timeline shows the stages of the case, not the documents of its draft.
    register = client.get(f"/decisions/{challenge.reference}/").content.decode()
    assert "The council started assessing the challenge" in register
    assert "A document was added" not in register
    assert document.get_absolute_url() not in register


def test_partner_authority_officers_see_a_joint_challenges_evidence(s3, client, world, manchester):
    joint = builders.service(manchester, "Shared youth justice support")
    joint.partner_authorities.set([world.authority])
    joint.save_revision().publish()
    builders.open_window(manchester, joint)
    challenge = draft(joint, world.organisation, world.provider)
    document = evidence.add_to_draft(
        check_upload(SimpleUploadedFile(*samples.ALLOWED["docx"])),
        challenge,
        evidence.CAPABILITY,
        world.provider,
    )
    advance(challenge, world, "submit")
    client.force_login(world.officer)  # Trafford: the partner authority
    assert client.get(document.get_absolute_url()).status_code == 302
    client.force_login(builders.staff(Role.OFFICER, builders.authority("SLF")))
    assert client.get(document.get_absolute_url()).status_code == 404


def test_the_decision_letter_pdf_is_stored_published_and_matches_its_audit_event(
    s3, client, world, challenge, mailoutbox, django_capture_on_commit_callbacks
):
    advance(challenge, world, "submit", "start_assessment")
    assert evidence.decision_letter(challenge) is None
    client.force_login(world.decider)
    with django_capture_on_commit_callbacks(execute=True):
        response = decide_through_pages(
            client,
            challenge,
            {
                "decision": "reject",
                "grounds": ["body_unsuitable"],
                "reasons": "No safeguarding policy for the club’s evening sessions.",
                "rejection_wellbeing": "Unsafe sessions would harm the area.",
            },
        )
    assert response.status_code == 302
    challenge.refresh_from_db()
    letter = evidence.decision_letter(challenge)
    assert letter.kind == evidence.DECISION_LETTER and letter.content_type == "application/pdf"
    assert letter.storage_key.startswith(f"TRF/{challenge.reference}/")
    (event,) = events(challenge, "reject")
    assert event.changes["decision_letter"]["sha256"] == letter.sha256
    assert letter.get_absolute_url() in client.get(f"/casework/{challenge.pk}/").content.decode()
    (email,) = [m for m in mailoutbox if m.to == [world.provider.email]]
    assert "The letter as a PDF: http" in email.body and letter.get_absolute_url() in email.body

    # The public: a link in the register, then the file through the presigned URL.
    client.logout()
    page = client.get(f"/decisions/{challenge.reference}/").content.decode()
    assert letter.get_absolute_url() in page and "Download the decision letter (PDF" in page
    data = fetch(client, letter.get_absolute_url())
    assert hashlib.sha256(data).hexdigest() == event.changes["decision_letter"]["sha256"]

    pdf = PdfReader(io.BytesIO(data))
    assert pdf.metadata.title == f"Decision on expression of interest {challenge.reference}"
    text = pdf.pages[0].extract_text()
    assert "No safeguarding policy for the club’s evening sessions." in text
    assert "we reject your expression of interest" in text
    # The letter's heading, and under it its sections, as the PDF's outline.
    top, sections = pdf.outline
    assert top.title == f"Decision on your expression of interest {challenge.reference}"
    assert [s.title for s in sections] == ["Grounds for rejection", "Reasons", "What happens next"]
    assert world.decider.email not in text


def test_a_decision_is_not_recorded_when_its_letter_cannot_be_stored(
    s3, client, world, challenge, settings
):
    advance(challenge, world, "submit", "start_assessment")
    point_storage_at(settings, s3.endpoint_url, "no-such-bucket")
    client.force_login(world.decider)
    response = decide_through_pages(
        client,
        challenge,
        {
            "decision": "reject",
            "grounds": ["body_unsuitable"],
            "reasons": "Not costed.",
            "rejection_wellbeing": "W.",
        },
    )
    page = response.content.decode()  # the check page again, with the problem
    assert "govuk-error-summary" in page and "document store" in page
    assert "Not costed." in page
    challenge.refresh_from_db()
    assert challenge.state == State.UNDER_ASSESSMENT and not challenge.outcome
    assert not events(challenge, "reject").exists() and not StoredDocument.objects.exists()


def test_a_document_is_removed_from_a_draft_and_audited(
    s3, client, world, challenge, django_capture_on_commit_callbacks
):
    document = evidence.add_to_draft(
        check_upload(SimpleUploadedFile(*samples.ALLOWED["pdf"])),
        challenge,
        evidence.CAPABILITY,
        world.provider,
    )
    url = f"/challenges/{challenge.pk}/documents/{document.pk}/remove/"
    client.force_login(builders.provider("Greenway Community Transport")[0])
    assert client.post(url).status_code == 404  # another body's draft
    assert StoredDocument.objects.filter(pk=document.pk).exists()

    client.force_login(world.provider)
    assert (
        f'action="{url}"'
        in client.get(section_url(challenge, "capability_evidence")).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response["Location"] == section_url(challenge, "capability_evidence")
    assert not StoredDocument.objects.filter(pk=document.pk).exists()
    assert document.storage_key not in keys()
    (event,) = events(challenge, "document_removed")
    assert event.changes["sha256"] == document.sha256

    advance(challenge, world, "submit")
    other = evidence.store(
        check_upload(SimpleUploadedFile(*samples.ALLOWED["csv"])),
        challenge,
        evidence.FINANCIAL,
        world.provider,
    )
    response = client.post(f"/challenges/{challenge.pk}/documents/{other.pk}/remove/")
    assert response["Location"] == f"/challenges/{challenge.pk}/"  # submitted: evidence stays
    assert StoredDocument.objects.filter(pk=other.pk).exists()

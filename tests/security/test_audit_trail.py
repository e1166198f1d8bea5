"""Every change the penetration test found outside the audit trail now writes one event:
organisations and their members, organisation documents, a draft's sections, an authority's
s.84 timescales, s.82 windows, and pages published or unpublished."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.actions.unpublish_page import UnpublishPageAction

from documents.models import StoredDocument
from portal import audit
from portal.models import AuditEvent, ChallengeWindow, Membership, Organisation
from tests import builders
from tests.challenges.conftest import draft
from tests.documents import samples

pytestmark = pytest.mark.django_db


def last_event(obj=None) -> AuditEvent:
    events = audit.events_for(obj) if obj is not None else AuditEvent.objects.order_by("seq")
    return events.last()


def no_personal_data(event, *people):
    text = str(event.changes) + event.reason + event.reference
    for person in people:
        assert person.email not in text
        assert not person.last_name or person.last_name not in text


def test_creating_an_organisation(client, world):
    client.force_login(world.stranger)
    response = client.post(
        "/account/organisations/new/",
        {"name": "Partington Youth Collective", "body_type": "voluntary_community_body"},
    )
    assert response.status_code == 302, response.content.decode()[:1000]
    organisation = Organisation.objects.get(name="Partington Youth Collective")
    event = last_event(organisation)
    assert (event.transition, event.actor, event.object_kind) == (
        "create_organisation",
        world.stranger,
        "portal.organisation",
    )


@pytest.mark.parametrize("decision", ["approve", "refuse"])
def test_asking_to_join_and_the_admins_answer(client, world, decision):
    client.force_login(world.stranger)
    client.post("/account/organisations/join/", {"organisation": world.organisation.pk})
    membership = Membership.objects.get(user=world.stranger, organisation=world.organisation)
    asked = last_event(membership)
    assert (asked.transition, asked.to_state, asked.actor) == (
        "ask_to_join",
        "pending",
        world.stranger,
    )
    assert asked.changes == {"organisation": world.organisation.pk}

    client.force_login(world.provider)  # the organisation's admin
    client.post(f"/account/memberships/{membership.pk}/", {"decision": decision})
    answered = last_event(membership)
    assert answered.transition == f"{decision}_member"
    assert answered.to_state == ("member" if decision == "approve" else "refused")
    assert answered.actor == world.provider
    assert answered.changes == {"organisation": world.organisation.pk, "user": world.stranger.pk}
    no_personal_data(answered, world.stranger, world.provider)
    assert Membership.objects.filter(pk=membership.pk).exists() is (decision == "approve")


def test_uploading_and_removing_an_organisation_document(client, world):
    client.force_login(world.provider)
    url = f"/account/organisations/{world.organisation.slug}/documents/"
    response = client.post(
        url, {"title": "Constitution", "file": SimpleUploadedFile("c.pdf", samples.PDF)}
    )
    assert response.status_code == 302
    document = StoredDocument.objects.get(owner_id=world.organisation.pk, title="Constitution")
    uploaded = last_event(world.organisation)
    assert (uploaded.transition, uploaded.actor) == ("upload_document", world.provider)
    assert uploaded.changes["document"]["sha256"] == document.sha256

    client.post(f"{url}{document.pk}/remove/")
    removed = last_event(world.organisation)
    assert removed.transition == "remove_document"
    assert removed.changes["document"]["document"] == str(document.pk)


def test_editing_a_draft_section(client, world):
    challenge = draft(world.service, world.organisation, world.provider)
    client.force_login(world.provider)
    response = client.post(
        f"/challenges/{challenge.pk}/sections/service_and_area/",
        {"service_area": "Partington only."},
    )
    assert response.status_code == 302, response.content.decode()[:1000]
    event = last_event(challenge)
    assert (event.transition, event.actor, event.object_kind) == (
        "section_edited",
        world.provider,
        "challenges.challenge",
    )
    assert event.changes == {"section": "service_and_area", "fields": ["service_area"]}
    # Not a stage of the case: the public register leaves it out.
    from challenges.register_views import DRAFT_EDITS

    assert "section_edited" in DRAFT_EDITS


def test_editing_an_authoritys_timescales(client, trafford):
    builders.site_tree()  # the admin's CMS groups come with the authority's workspace
    admin = builders.staff("authority_admin", trafford)
    client.force_login(admin)
    response = client.post(
        f"/admin/snippets/portal/authority/edit/{trafford.pk}/",
        {
            "decision_period": "45",
            "decision_period_unit": "working_days",
            "procurement_min_period": "2",
            "procurement_min_period_unit": "months",
            "procurement_max_period": "6",
            "procurement_max_period_unit": "months",
            "timescales_published_on": "2026-04-01",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("/authority/")
    event = last_event(trafford)
    assert (event.transition, event.actor, event.reference) == ("edit_timescales", admin, "TRF")
    assert event.changes["decision_period"] == 45
    assert event.changes["procurement_min_period_unit"] == "months"


def test_creating_changing_and_deleting_a_window(client, trafford):
    builders.site_tree()
    admin = builders.staff("authority_admin", trafford)
    client.force_login(admin)
    base = "/admin/snippets/portal/challengewindow/"
    fields = {"authority": trafford.pk, "opens_on": "2026-03-01", "closes_on": "2026-04-30"}
    assert client.post(f"{base}add/", {**fields, "notes": ""}).status_code == 302
    window = ChallengeWindow.objects.get(authority=trafford, opens_on=date(2026, 3, 1))
    created = last_event(window)
    assert (created.transition, created.actor) == ("create_window", admin)
    assert created.changes["closes_on"] == "2026-04-30"

    response = client.post(
        f"{base}edit/{window.pk}/", {**fields, "closes_on": "2026-05-31", "notes": ""}
    )
    assert response.status_code == 302
    assert last_event(window).transition == "edit_window"
    assert last_event(window).changes["closes_on"] == "2026-05-31"

    pk = window.pk
    assert client.post(f"{base}delete/{pk}/").status_code == 302
    assert not ChallengeWindow.objects.filter(pk=pk).exists()
    deleted = AuditEvent.objects.filter(object_kind="portal.challengewindow", object_id=str(pk))
    assert list(deleted.values_list("transition", flat=True)) == [
        "create_window",
        "edit_window",
        "delete_window",
    ]
    assert deleted.last().actor == admin


def test_publishing_and_unpublishing_a_page(trafford):
    editor = builders.user(is_superuser=True)
    page = builders.service(trafford, "Parks and open spaces")
    page.title = "Parks, gardens and open spaces"
    page.save_revision(user=editor).publish(user=editor)
    published = last_event(page)
    assert (published.transition, published.to_state, published.actor) == (
        "publish_page",
        "live",
        editor,
    )
    assert published.object_kind == "portal.servicespecificationpage"

    UnpublishPageAction(page, user=editor).execute()
    unpublished = last_event(page)
    assert (unpublished.transition, unpublished.actor) == ("unpublish_page", editor)
    checked, broken, message = audit.verify_chain()
    assert checked >= 2 and broken is None, message

"""Issue 23, items 1 and 2: privileges and the bodies they reach, changed through Wagtail's admin
with the test client, each write an event to the hash chain naming what changed (roles, the
superuser flag, group membership, NHS bodies, authorities, organisations); a delete that records
depend on is refused with a message naming them; the other 500s of the review answer 404/400."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from portal import audit
from portal.models import (
    AuditEvent,
    Authority,
    NhsBody,
    Organisation,
    RoleAssignment,
    User,
)
from tests import builders
from tests.challenges.conftest import draft

pytestmark = pytest.mark.django_db


def events_about(kind: str, pk) -> list[tuple]:
    """(transition, actor id, role, changes) of each event about one object, oldest first."""
    return list(
        AuditEvent.objects.filter(object_kind=kind, object_id=str(pk))
        .order_by("seq")
        .values_list("transition", "actor_id", "actor_role", "changes")
    )


@pytest.fixture
def site_admin(client):
    admin = builders.user(is_superuser=True, is_staff=True)
    client.force_login(admin)
    return admin


def test_a_role_assignment_created_changed_and_deleted(client, world, site_admin):
    person, trafford = world.stranger, world.authority
    base = "/admin/snippets/portal/roleassignment/"
    fields = {"user": person.pk, "role": "officer", "authority": trafford.pk, "nhs_body": ""}
    assert client.post(f"{base}add/", fields).status_code == 302
    assignment = RoleAssignment.objects.get(user=person)
    assert client.post(f"{base}edit/{assignment.pk}/", {**fields, "role": "decision_maker"})
    assert client.post(f"{base}delete/{assignment.pk}/").status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()

    created = {"user_id": person.pk, "role": "officer", "authority_id": trafford.pk}
    assert events_about("portal.roleassignment", assignment.pk) == [
        (
            "create_roleassignment",
            site_admin.pk,
            "site_admin",
            {"created": {**created, "nhs_body_id": None}},
        ),
        (
            "change_roleassignment",
            site_admin.pk,
            "site_admin",
            {"changed": {"role": ["officer", "decision_maker"]}},
        ),
        (
            "delete_roleassignment",
            site_admin.pk,
            "site_admin",
            {"deleted": {**created, "role": "decision_maker", "nhs_body_id": None}},
        ),
    ]
    # The role put the person in Trafford's editors' group and took them out again.
    groups = [(t, c) for t, _a, _r, c in events_about("portal.user", person.pk) if "groups" in t]
    assert groups == [
        ("add_to_groups", {"added": ["TRF editors"]}),
        ("remove_from_groups", {"removed": ["TRF editors"]}),
    ]
    assert audit.verify_chain()[1] is None


def test_the_superuser_flag_and_groups_set_in_the_users_admin(client, world, site_admin):
    person = world.stranger
    response = client.post(
        reverse("wagtailusers_users:edit", args=[person.pk]),
        {
            "username": person.username,
            "email": person.email,
            "first_name": "Sam",
            "last_name": "Stranger",
            "is_active": "on",
            "is_superuser": "on",
            "groups": [],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(pk=person.pk).is_superuser
    assert events_about("portal.user", person.pk)[-1] == (
        "change_user",
        site_admin.pk,
        "site_admin",
        {"changed": {"is_superuser": [False, True]}},
    )
    # Wagtail's group admin adds members from the other side of the relation.
    editors = world.officer.groups.get(name="TRF editors")
    editors.user_set.add(person)
    assert events_about("portal.user", person.pk)[-1] == (
        "add_to_groups",
        None,
        "system",  # no request: a shell or a command
        {"added": ["TRF editors"]},
    )


def test_an_nhs_body_created_changed_and_deleted(client, site_admin):
    base = "/admin/snippets/portal/nhsbody/"
    fields = {"name": "NHS Greater Manchester ICB", "ods_code": "QOP", "kind": "icb"}
    response = client.post(f"{base}add/", fields)
    assert response.status_code == 302, response.content.decode()[:2000]
    body = NhsBody.objects.get(ods_code="QOP")
    client.post(f"{base}edit/{body.pk}/", {**fields, "name": "NHS Greater Manchester"})
    client.post(f"{base}delete/{body.pk}/")
    assert [(t, c) for t, _a, _r, c in events_about("portal.nhsbody", body.pk)] == [
        ("create_nhsbody", {"created": fields}),
        (
            "change_nhsbody",
            {"changed": {"name": ["NHS Greater Manchester ICB", "NHS Greater Manchester"]}},
        ),
        ("delete_nhsbody", {"deleted": {**fields, "name": "NHS Greater Manchester"}}),
    ]


def test_an_authority_changed_and_deleted(client, site_admin):
    owner = builders.authority("ZZT", name="Zedshire Council")
    client.post(
        f"/admin/snippets/portal/authority/edit/{owner.pk}/",
        {
            "decision_period": "45",
            "decision_period_unit": "working_days",
            "procurement_min_period": "3",
            "procurement_min_period_unit": "months",
            "procurement_max_period": "6",  # s.83(4)(b): published with the others
            "procurement_max_period_unit": "months",
            "timescales_published_on": "2025-04-01",
        },
    )
    assert client.post(f"/admin/snippets/portal/authority/delete/{owner.pk}/").status_code == 302
    assert not Authority.objects.filter(pk=owner.pk).exists()
    transitions = [(t, a, c) for t, a, _r, c in events_about("portal.authority", owner.pk)]
    assert [t for t, _a, _c in transitions] == [
        "create_authority",  # by the builder: no request, the system
        "change_authority",
        "edit_timescales",  # the CMS's own event of the published s.84 periods
        "delete_authority",
    ]
    assert transitions[0][1] is None
    assert transitions[1] == (
        "change_authority",
        site_admin.pk,
        {"changed": {"decision_period": [60, 45]}},
    )
    assert transitions[3][2]["deleted"]["code"] == "ZZT"
    assert AuditEvent.objects.filter(object_id=str(owner.pk)).last().reference == "ZZT"


def test_an_organisation_changed_in_the_admin(client, world, site_admin):
    organisation = world.organisation
    response = client.post(
        f"/admin/snippets/portal/organisation/edit/{organisation.pk}/",
        {
            "name": "Riverside Youth Trust CIO",
            "slug": organisation.slug,
            "body_type": organisation.body_type,
            "charity_number": "1234567",
            "company_number": "",
            "employer": "",
            "employee_count": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert events_about("portal.organisation", organisation.pk)[-1] == (
        "change_organisation",
        site_admin.pk,
        "site_admin",
        {
            "changed": {
                "name": ["Riverside Youth Trust", "Riverside Youth Trust CIO"],
                "charity_number": ["", "1234567"],
            }
        },
    )


def test_deleting_an_organisation_with_a_challenge_is_refused_by_name(client, world, site_admin):
    challenge = draft(world.service, world.organisation, world.provider)
    organisation = world.organisation
    address = f"/admin/snippets/portal/organisation/delete/{organisation.pk}/"
    before = AuditEvent.objects.count()
    response = client.post(address)
    assert response.status_code == 302
    assert response["Location"] == "/admin/snippets/portal/organisation/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"Riverside Youth Trust cannot be deleted: 1 challenge ({challenge}) depend on it. "
        "Delete or move those first."
    ]
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert AuditEvent.objects.count() == before
    assert client.get(address).status_code == 302  # the confirmation page says the same


def test_the_other_500s_of_the_review_are_answered(client, world):
    from django.test import Client

    anyone = Client(raise_request_exception=False)
    assert anyone.get(f"/alerts/service/{2**64}/").status_code == 404
    assert anyone.get(f"/alerts/service/{2**63}/").status_code == 404
    client.force_login(world.provider)
    assert client.post("/tasks/notifications/read/", {"id": str(2**64)}).status_code == 404
    assert client.post("/tasks/notifications/read/", {"id": "x"}).status_code == 404
    staff = Client(raise_request_exception=False)
    staff.force_login(builders.user(is_superuser=True, is_staff=True))
    assert staff.get("/admin/failwhale/").status_code == 404

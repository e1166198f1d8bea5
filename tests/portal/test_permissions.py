"""An officer of one authority can reach nothing of another's: in the permission module, in the
CMS pages, and in the snippets (timescales, windows)."""

from datetime import date

import pytest

from portal import permissions
from portal.models import ChallengeWindow
from tests import builders


def denied(response) -> bool:
    """Wagtail answers a refused admin request with a redirect to its home (or its login)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"].startswith("/admin/")
    )


@pytest.fixture
def two_authorities(trafford, manchester):
    builders.site_tree()
    return {
        "trafford_page": builders.service(trafford, "Trafford libraries"),
        "manchester_page": builders.service(manchester, "Manchester libraries"),
        "trafford_officer": builders.staff("officer", trafford),
        "trafford_admin": builders.staff("authority_admin", trafford),
        "manchester_window": ChallengeWindow.objects.create(
            authority=manchester, opens_on=date(2026, 1, 1), closes_on=date(2026, 2, 1)
        ),
        "trafford_window": ChallengeWindow.objects.create(
            authority=trafford, opens_on=date(2026, 1, 1), closes_on=date(2026, 2, 1)
        ),
    }


@pytest.mark.django_db
def test_permission_module_scopes_by_authority(two_authorities, trafford, manchester):
    officer = two_authorities["trafford_officer"]
    assert permissions.is_officer(officer, trafford)
    assert not permissions.is_officer(officer, manchester)
    assert not permissions.is_decision_maker(officer, trafford)
    assert list(permissions.authorities(officer)) == [trafford]
    windows = permissions.scope_to_authorities(ChallengeWindow.objects.all(), officer)
    assert list(windows) == [two_authorities["trafford_window"]]


@pytest.mark.django_db
def test_anonymous_and_providers_hold_no_authority_role(trafford):
    from django.contrib.auth.models import AnonymousUser

    person, organisation = builders.provider()
    for who in (AnonymousUser(), person):
        assert not permissions.is_officer(who, trafford)
        assert not permissions.is_site_admin(who)
    assert permissions.is_member(person, organisation)
    assert permissions.is_organisation_admin(person, organisation)


@pytest.mark.django_db
def test_site_admin_reaches_everything(trafford, manchester):
    admin = builders.user(is_superuser=True)
    assert permissions.is_officer(admin, trafford) and permissions.is_decision_maker(
        admin, manchester
    )
    assert permissions.authorities(admin).count() == 2


@pytest.mark.django_db
def test_officer_edits_own_pages_only_in_the_cms(client, two_authorities):
    client.force_login(two_authorities["trafford_officer"])
    own = two_authorities["trafford_page"]
    other = two_authorities["manchester_page"]
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    assert denied(client.get(f"/admin/pages/{other.pk}/edit/"))
    assert denied(client.post(f"/admin/pages/{other.pk}/edit/", {"title": "Hijacked"}))
    other.refresh_from_db()
    assert other.title == "Manchester libraries"
    assert denied(client.get(f"/admin/pages/{other.get_parent().pk}/add_subpage/"))


@pytest.mark.django_db
def test_authority_admin_edits_own_windows_and_timescales_only(
    client, two_authorities, trafford, manchester
):
    client.force_login(two_authorities["trafford_admin"])
    own, other = two_authorities["trafford_window"], two_authorities["manchester_window"]
    listing = client.get("/admin/snippets/portal/challengewindow/")
    assert listing.status_code == 200
    assert f"/admin/snippets/portal/challengewindow/edit/{own.pk}/" in listing.content.decode()
    assert (
        f"/admin/snippets/portal/challengewindow/edit/{other.pk}/" not in listing.content.decode()
    )
    assert client.get(f"/admin/snippets/portal/challengewindow/edit/{own.pk}/").status_code == 200
    assert denied(client.get(f"/admin/snippets/portal/challengewindow/edit/{other.pk}/"))
    assert denied(client.post(f"/admin/snippets/portal/challengewindow/delete/{other.pk}/"))
    assert ChallengeWindow.objects.filter(pk=other.pk).exists()

    assert client.get(f"/admin/snippets/portal/authority/edit/{trafford.pk}/").status_code == 200
    assert denied(client.get(f"/admin/snippets/portal/authority/edit/{manchester.pk}/"))
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
    assert response.status_code == 302, response.content.decode()[:2000]
    trafford.refresh_from_db()
    assert (trafford.decision_period, trafford.procurement_min_period_unit) == (45, "months")
    assert trafford.separate_decision_maker is False


@pytest.mark.django_db
def test_a_window_cannot_be_created_for_another_authority(client, two_authorities, manchester):
    client.force_login(two_authorities["trafford_admin"])
    response = client.post(
        "/admin/snippets/portal/challengewindow/add/",
        {
            "authority": manchester.pk,
            "opens_on": "2026-03-01",
            "closes_on": "2026-04-30",
            "notes": "",
        },
    )
    assert response.status_code == 200  # the form is shown again with an error
    assert not ChallengeWindow.objects.filter(authority=manchester, opens_on="2026-03-01").exists()


@pytest.mark.django_db
def test_officers_cannot_edit_timescales_or_manage_roles(client, two_authorities, trafford):
    client.force_login(two_authorities["trafford_officer"])
    assert denied(client.get(f"/admin/snippets/portal/authority/edit/{trafford.pk}/"))
    assert denied(client.get("/admin/snippets/portal/roleassignment/"))

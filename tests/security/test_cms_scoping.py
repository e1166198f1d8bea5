"""An authority admin reaches every CMS view of their own authority's record and windows, and
none of another authority's: edit and delete, and also history, usage and copy."""

from datetime import date

import pytest

from portal.models import ChallengeWindow
from tests import builders

pytestmark = pytest.mark.django_db

VIEWS = ["edit", "delete", "history", "history-results", "usage", "copy"]


def refused(response) -> bool:
    """403, 404, or Wagtail's redirect to its dashboard for a refused admin request."""
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"].startswith("/admin/")
    )


@pytest.fixture
def windows(trafford, manchester):
    builders.site_tree()  # the admins' CMS groups come with their authority's workspace
    dates = {"opens_on": date(2026, 1, 1), "closes_on": date(2026, 2, 1)}
    return (
        ChallengeWindow.objects.create(authority=trafford, **dates),
        ChallengeWindow.objects.create(authority=manchester, **dates),
    )


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("model", ["authority", "challengewindow"])
def test_another_authoritys_objects_are_out_of_reach(
    client, trafford, manchester, windows, model, view
):
    client.force_login(builders.staff("authority_admin", trafford))
    own, other = (trafford, manchester) if model == "authority" else windows
    base = f"/admin/snippets/portal/{model}"
    assert refused(client.get(f"{base}/{view}/{other.pk}/")), view
    if view not in ("delete", "copy") or model == "challengewindow":
        assert client.get(f"{base}/{view}/{own.pk}/").status_code == 200, view
    if view in ("edit", "delete", "copy"):
        assert refused(client.post(f"{base}/{view}/{other.pk}/", {})), view


def test_beyond_64_bits_is_refused_not_an_error(client, trafford, windows):
    from django.test import Client

    admin = Client(raise_request_exception=False)
    admin.force_login(builders.staff("authority_admin", trafford))
    for view in VIEWS:
        response = admin.get(f"/admin/snippets/portal/challengewindow/{view}/{2**64}/")
        assert response.status_code < 500


def test_site_admins_reach_every_authority(client, manchester, windows):
    client.force_login(builders.user(is_superuser=True, is_staff=True))
    for view in ("edit", "history", "usage"):
        assert (
            client.get(f"/admin/snippets/portal/authority/{view}/{manchester.pk}/").status_code
            == 200
        )


def test_another_authoritys_page_is_refused_by_every_view_that_shows_one(
    client, trafford, manchester
):
    """Issue 23: the move confirmation had opened (and shown a draft's title); the same for
    copy, preview, draft, compare, history and usage."""
    own = builders.service(trafford, "Parks and open spaces")
    other = builders.service(manchester, "Libraries")
    other.title = "Closing Wythenshawe library"  # a draft: not yet public
    other.save_revision()
    client.force_login(builders.staff("authority_admin", trafford))
    own_parent = own.get_parent().pk
    for template in (
        "/admin/pages/{}/move/",
        f"/admin/pages/{{}}/move/{own_parent}/confirm/",
        "/admin/pages/{}/copy/",
        "/admin/pages/{}/edit/preview/",
        "/admin/pages/{}/view_draft/",
        "/admin/pages/{}/revisions/compare/earliest...latest/",
        "/admin/pages/{}/history/",
        "/admin/pages/{}/usage/",
    ):
        response = client.get(template.format(other.pk))
        assert response.status_code == 403, template
        assert "Wythenshawe" not in response.content.decode(), template
        assert client.get(template.format(own.pk)).status_code != 403, template

"""The pages every GOV.UK service has: cookies, privacy, accessibility, contact, feedback, and the
service status and open data pages the footer and home page link to."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from messaging.models import OutboxMessage
from portal import info_views
from portal.models import Feedback, RoleAssignment, WorkerHeartbeat
from tests import builders

pytestmark = pytest.mark.django_db
PAGES = {
    "/cookies/": "Cookies",
    "/privacy/": "Privacy notice",
    "/accessibility/": "Accessibility statement",
    "/contact/": "Contact us",
    "/feedback/": "Give feedback on the Challenge and Transfer Portal",
    "/service-status/": "Service status",
    "/open-data/": "Open data",
}


def h1(html: str) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()


def test_each_page_answers_and_the_footer_links_to_all_of_them(client):
    builders.site_tree()
    for path, heading in PAGES.items():
        response = client.get(path)
        assert response.status_code == 200, path
        assert h1(response.content.decode()) == heading
    footer = client.get("/cookies/").content.decode().split('class="govuk-footer"')[1]
    for path in PAGES:
        if path != "/feedback/":
            assert f'href="{path}"' in footer, path
    assert 'href="/readyz"' not in footer
    home = client.get("/").content.decode()
    assert 'href="/open-data/"' in home and "/readyz" not in home


def test_the_phase_banner_links_to_feedback_from_the_page_it_is_on(client):
    html = client.get("/privacy/").content.decode()
    banner = html.split('class="govuk-phase-banner"')[1].split("</div>")[0]
    assert 'href="/feedback/?from=/privacy/"' in banner


def test_the_cookies_page_names_every_cookie_the_portal_sets(
    client, django_capture_on_commit_callbacks
):
    """Walks a journey that sets every kind of cookie, and checks each one set is listed."""
    set_names = set()

    def visit(response):
        set_names.update(response.cookies.keys())
        return response

    visit(client.get("/account/register/"))  # a form: the CSRF cookie
    with django_capture_on_commit_callbacks(execute=True):
        visit(
            client.post(
                "/account/register/",
                {
                    "first_name": "Pat",
                    "last_name": "Provider",
                    "email": "pat@example.org",
                    "password": builders.PASSWORD,
                },
            )
        )
    link = re.search(r"/account/confirm/\S+/", OutboxMessage.objects.get().body).group(0)
    visit(client.post(link))  # a message for the next page
    visit(client.get("/account/sign-in/"))
    visit(
        client.post(
            "/account/sign-in/", {"email": "pat@example.org", "password": builders.PASSWORD}
        )
    )
    assert {"csrftoken", "sessionid", "messages"} <= set_names
    page = client.get("/cookies/").content.decode()
    listed = set(re.findall(r"<code>([^<]+)</code>", page))
    assert set_names <= listed, set_names - listed
    assert (
        "After 14 days" in page and "After 1 year" in page
    )  # the session's age, from the settings


def test_the_privacy_notice_names_the_controller_from_the_settings(client, settings):
    settings.SERVICE_OWNER = "Trafford Metropolitan Borough Council"
    settings.CONTACT_EMAIL = "dpo@trafford.example"
    html = client.get("/privacy/").content.decode()
    assert "The data controller is Trafford Metropolitan Borough Council" in html
    assert 'href="mailto:dpo@trafford.example"' in html
    for heading in ("What data we collect", "lawful basis", "How long we keep it", "Your rights"):
        assert heading in html
    assert "Article 6(1)(e)" in html and "ico.org.uk" in html


def test_the_accessibility_statement_says_how_it_was_tested_and_how_to_complain(client):
    html = client.get("/accessibility/").content.decode()
    for words in (
        "partially compliant",
        "2.2</a> AA standard",
        "axe-core",
        "320 CSS pixels",
        "Enforcement procedure",
        "Equality Advisory and Support Service",
        "Reporting accessibility problems",
    ):
        assert words in html, words


def test_feedback_reaches_site_admins_without_asking_for_personal_data(
    client, trafford, django_capture_on_commit_callbacks
):
    superuser = builders.user("root@example.org", is_superuser=True)
    site_admin = builders.user("admin@example.org")
    RoleAssignment.objects.create(user=site_admin, role="site_admin")
    builders.staff("officer", trafford, "officer@example.org")

    form = client.get("/feedback/?from=/services/").content.decode()
    assert 'name="page" value="/services/"' in form
    inside = form.split('<form method="post"')[1].split("</form>")[0]
    asked = set(re.findall(r'name="([^"]+)"', inside))
    assert asked == {"csrfmiddlewaretoken", "rating", "comments", "page"}  # no name, no email

    empty = client.post("/feedback/", {"page": "/services/"})
    assert "Select how you felt about the service" in empty.content.decode()
    too_long = client.post("/feedback/", {"rating": "satisfied", "comments": "x" * 1201})
    assert "1,200 characters or fewer" in too_long.content.decode()
    assert not Feedback.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            "/feedback/",
            {
                "rating": "dissatisfied",
                "comments": "The map was hard to read.",
                "page": "/services/",
            },
        )
    assert sent.status_code == 200 and "Feedback sent" in sent.content.decode()
    entry = Feedback.objects.get()
    assert (entry.rating, entry.comments, entry.page) == (
        "dissatisfied",
        "The map was hard to read.",
        "/services/",
    )
    emails = OutboxMessage.objects.filter(kind="feedback_received")
    assert sorted(e.recipient for e in emails) == [site_admin.email, superuser.email]
    assert "The map was hard to read." in emails[0].body and "Dissatisfied" in emails[0].subject

    client.post("/feedback/", {"rating": "satisfied", "page": "https://evil.example/"})
    assert Feedback.objects.order_by("-pk").first().page == ""


def test_feedback_needs_csrf_and_is_rate_limited(client, settings):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/feedback/", {"rating": "satisfied"}).status_code == 403
    settings.FEEDBACK_PER_NETWORK_ADDRESS = 3
    answers = [client.post("/feedback/", {"rating": "satisfied"}).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    assert Feedback.objects.count() == 3
    other = Client(REMOTE_ADDR="10.9.9.9")
    assert other.post("/feedback/", {"rating": "satisfied"}).status_code == 200


def test_site_admins_read_feedback_in_the_cms_and_nobody_else(client, trafford):
    Feedback.objects.create(rating="satisfied", comments="Clear and quick.", page="/")
    client.force_login(builders.user(is_superuser=True))
    listing = client.get("/admin/feedback/")
    assert listing.status_code == 200 and "Clear and quick." in listing.content.decode()
    officer = Client()
    officer.force_login(builders.staff("authority_admin", trafford))
    refused = officer.get("/admin/feedback/")
    assert refused.status_code == 403 or (
        refused.status_code == 302 and refused["Location"].startswith("/admin/")
    )


def test_service_status_reads_the_readiness_checks_without_internals(client):
    down = client.get("/service-status/").content.decode()
    assert "Some parts of the service are not working normally" in down
    row = down.split("Background work (reminders, alerts, search updates)")[1].split("</div>")[0]
    assert "Not working" in row  # no worker has reported
    for internal in ("heartbeat", "NotReady", "oldest_waiting", "postgresql", '"ms"'):
        assert internal not in down
    ready = client.get("/readyz").json()["components"]
    assert down.count("govuk-tag--green") == sum(c["status"] == "ok" for c in ready.values())

    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="w1", hostname="h", pid=1, started_at=now, last_seen=now
    )
    up = client.get("/service-status/").content.decode()
    row = up.split("Background work (reminders, alerts, search updates)")[1].split("</div>")[0]
    assert "Working" in row and "Not working" not in row


def test_open_data_lists_what_exists_and_links_the_api_only_once_it_is_served(client):
    html = client.get("/open-data/").content.decode()
    for href in ("/feeds/decisions/", "/feeds/notices/", "/feeds/windows/", "format=csv"):
        assert href in html, href
    assert "Open Data Standard" in html or "Open Contracting Data Standard" in html
    assert info_views._serves("/search/") and not info_views._serves("/no-such-page/")
    assert ('href="/api/v1/"' in html) == info_views._serves("/api/v1/")
    assert ('href="/data/"' in html) == info_views._serves("/data/")

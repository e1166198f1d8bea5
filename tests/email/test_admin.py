"""Site admins see the outbox in the CMS and can send a failed message again; nobody else can."""

import pytest

from messaging import outbox
from messaging.models import OutboxMessage
from tests import builders

pytestmark = pytest.mark.django_db
Status = OutboxMessage.Status
INDEX = "/admin/outbox/"


def denied(response) -> bool:
    """Wagtail answers a refused admin request with a redirect to its home (or its login)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"].startswith("/admin/")
    )


@pytest.fixture
def failed(smtp_server):
    smtp_server.handler.refuse.add("gone@example.org")
    (pk,) = outbox.queue("confirm_email", ["gone@example.org"], confirm_url="http://x/c/1/")
    (ok,) = outbox.queue("confirm_email", ["pat@example.org"], confirm_url="http://x/c/2/")
    outbox.deliver_due()
    assert OutboxMessage.objects.get(pk=pk).status == Status.FAILED
    return OutboxMessage.objects.get(pk=pk), OutboxMessage.objects.get(pk=ok)


def test_site_admin_lists_sees_the_error_and_retries(
    client, failed, smtp_server, django_capture_on_commit_callbacks
):
    message, delivered = failed
    client.force_login(builders.user(is_superuser=True))
    page = client.get(INDEX).content.decode()
    assert "gone@example.org" in page and "pat@example.org" in page
    assert "SMTP recipient refused: 550" in page and "Failed" in page and "Sent" in page
    retry_url = f"{INDEX}retry/{message.pk}/"
    assert retry_url in page
    assert f"{INDEX}retry/{delivered.pk}/" not in page  # only failed messages have the action
    assert client.get(f"{INDEX}inspect/{message.pk}/").status_code == 200
    assert "Send it again" in client.get(retry_url).content.decode()
    assert client.get(f"{INDEX}retry/{delivered.pk}/").status_code == 404

    # Read-only: no adding, editing or deleting, even for a site admin.
    for url in (f"{INDEX}new/", f"{INDEX}edit/{message.pk}/", f"{INDEX}delete/{message.pk}/"):
        assert denied(client.get(url)), url

    smtp_server.handler.refuse.clear()  # the address works again
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(retry_url)
    assert response.status_code == 302 and response["Location"] == INDEX
    message.refresh_from_db()
    assert (message.status, message.last_error) == (Status.SENT, "")
    assert [e for e, _ in smtp_server.handler.received] == [
        ["pat@example.org"],
        ["gone@example.org"],
    ]


def test_no_one_else_reaches_the_outbox(client, failed, trafford):
    message, _ = failed
    for person in (
        builders.staff("authority_admin", trafford),
        builders.staff("officer", trafford),
        builders.user(),
    ):
        client.force_login(person)
        for url in (INDEX, f"{INDEX}inspect/{message.pk}/", f"{INDEX}retry/{message.pk}/"):
            assert denied(client.get(url)), (person, url)
        assert denied(client.post(f"{INDEX}retry/{message.pk}/"))
        home = client.get("/admin/")
        assert home.status_code != 200 or INDEX not in home.content.decode()
    message.refresh_from_db()
    assert message.status == Status.FAILED

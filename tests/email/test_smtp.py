"""SMTP (EMAIL_URL) against a real SMTP server on loopback."""

import logging

import pytest

from messaging import outbox
from messaging.models import OutboxMessage
from messaging.outbox import delivery

from .conftest import later, rows

pytestmark = pytest.mark.django_db
Status = OutboxMessage.Status


def test_each_recipient_gets_their_own_message(smtp_server):
    ids = outbox.queue(
        "interest_outcome",
        ["ann@example.org", "bob@example.org"],
        exercise_reference="TRF-PR-2026-0001",
        exercise_title="Youth clubs",
        reference="TRF-EOI-2026-0001",
        outcome="successful",
        interest_url="http://portal.example/procurement/interests/1/",
    )
    assert outbox.deliver_due() == {"interrupted": 0, "sent": 2, "retrying": 0, "failed": 0}
    received = smtp_server.handler.received
    assert sorted(envelope for envelope, _ in received) == [
        ["ann@example.org"],
        ["bob@example.org"],
    ]
    for envelope, message in received:
        assert message["To"] == envelope[0]  # nobody sees the other address
        assert message["Subject"] == "Outcome of TRF-PR-2026-0001: your tender was successful"
        assert "TRF-EOI-2026-0001 was successful" in message.get_content()
    sent = rows(pk__in=ids)
    assert {r.status for r in sent} == {Status.SENT}
    # The provider's id is the Message-ID the server received.
    assert sorted(r.provider_id for r in sent) == sorted(m["Message-ID"] for _, m in received)
    assert all(r.provider_id.startswith(f"<outbox-{r.pk}-") for r in sent)


def test_a_busy_server_is_retried_and_the_message_delivered_once(smtp_server):
    smtp_server.handler.busy = 2  # 451 twice, then accept
    (pk,) = outbox.queue("confirm_email", ["pat@example.org"], confirm_url="http://x/confirm/1/")
    assert outbox.deliver_due()["retrying"] == 1
    row = OutboxMessage.objects.get(pk=pk)
    assert (row.status, row.attempts) == (Status.QUEUED, 1)
    assert "451" in row.last_error and row.next_attempt_at > row.created_at
    assert outbox.deliver_due()["sent"] == 0  # not due yet
    later()
    assert outbox.deliver_due()["retrying"] == 1
    later()
    assert outbox.deliver_due()["sent"] == 1
    later()
    assert outbox.deliver_due()["sent"] == 0
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == (Status.SENT, 3, "")
    assert [envelope for envelope, _ in smtp_server.handler.received] == [["pat@example.org"]]


def test_a_refused_recipient_fails_at_once_and_is_not_logged(smtp_server, caplog):
    smtp_server.handler.refuse.add("gone@example.org")
    (pk,) = outbox.queue("confirm_email", ["gone@example.org"], confirm_url="http://x/c/1/")
    with caplog.at_level(logging.INFO, logger="portal"):
        assert outbox.deliver_due()["failed"] == 1
    row = OutboxMessage.objects.get(pk=pk)
    assert (row.status, row.attempts) == (Status.FAILED, 1)
    assert "recipient refused: 550" in row.last_error
    later()
    assert outbox.deliver_due()["sent"] == 0 and smtp_server.handler.received == []
    assert f"email {pk} (confirm_email)" in caplog.text
    assert "gone@example.org" not in caplog.text


def test_an_unreachable_server_is_retried_until_it_gives_up(smtp_server, settings):
    smtp_server.stop()  # connection refused from now on
    (pk,) = outbox.queue("confirm_email", ["pat@example.org"], confirm_url="http://x/c/1/")
    waits = []
    for _ in range(delivery.MAX_ATTEMPTS):
        row = OutboxMessage.objects.get(pk=pk)
        assert row.status == Status.QUEUED
        outbox.deliver_due()
        row.refresh_from_db()
        if row.status == Status.QUEUED:
            waits.append(round((row.next_attempt_at - row.updated_at).total_seconds() / 60))
        later()
    row.refresh_from_db()
    assert row.status == Status.FAILED and row.attempts == delivery.MAX_ATTEMPTS
    assert "ConnectionRefusedError" in row.last_error and "gave up after 10" in row.last_error
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60, 60]

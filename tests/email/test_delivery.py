"""The outbox's guarantees: nothing sent for a rolled-back change, nothing lost when the enqueue
fails, no message sent twice by racing workers, an interrupted send never resent blindly."""

import threading
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from messaging import outbox
from messaging.models import OutboxMessage
from messaging.outbox import delivery

from .conftest import rows

Status = OutboxMessage.Status


def confirm(address="pat@example.org", n=1):
    return outbox.queue("confirm_email", [address], confirm_url=f"http://x/confirm/{n}/")


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_sends_nothing_and_a_committed_one_is_sent_after_commit():
    with pytest.raises(RuntimeError), transaction.atomic():
        confirm()
        raise RuntimeError("the transition failed")
    assert rows() == [] and mail.outbox == []
    with transaction.atomic():
        (pk,) = confirm()
        assert mail.outbox == []  # not before the commit
    assert [m.to for m in mail.outbox] == [["pat@example.org"]]
    assert OutboxMessage.objects.get(pk=pk).status == Status.SENT


@pytest.mark.django_db(transaction=True)
def test_a_failed_enqueue_loses_nothing_the_sweep_sends_it(settings):
    # A task backend that refuses the task (no such queue): enqueue raises after the commit.
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["elsewhere"],
        }
    }
    (pk,) = confirm()
    assert OutboxMessage.objects.get(pk=pk).status == Status.QUEUED and mail.outbox == []
    out = StringIO()
    call_command("send_queued_email", stdout=out)
    assert out.getvalue() == "Sent 1; 0 to retry; 0 failed; 0 interrupted.\n"
    assert [m.to for m in mail.outbox] == [["pat@example.org"]]


@pytest.mark.django_db(transaction=True)
def test_a_transient_failure_schedules_a_sweep_on_the_database_task_queue(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens: refused
    (pk,) = confirm()
    (task,) = DBTaskResult.objects.all()  # the delivery task, enqueued after the commit
    assert task.args_kwargs["args"] == [[pk]]
    delivery.deliver(ids=[pk])
    row = OutboxMessage.objects.get(pk=pk)
    assert row.status == Status.QUEUED
    sweep = DBTaskResult.objects.exclude(pk=task.pk).get()
    assert sweep.task_path.endswith("deliver_due_task") and sweep.run_after == row.next_attempt_at


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_send_each_message_once(notify, deferred_tasks):
    ids = [confirm(f"person{i}@example.org", i)[0] for i in range(30)]
    notify.delay = 0.05  # each send takes a while, so the workers overlap
    results, errors = [], []

    def worker():
        try:
            results.append(delivery.deliver_due())
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(r["sent"] for r in results) == 30
    assert all(r["sent"] > 0 for r in results), results  # both really worked
    assert notify.requests == 30
    assert sorted(n["reference"] for n in notify.sent) == sorted(f"outbox-{pk}" for pk in ids)
    assert {r.status for r in rows()} == {Status.SENT}


@pytest.mark.django_db
def test_an_interrupted_send_is_marked_for_a_check_not_resent(notify):
    (stuck,) = confirm("a@example.org", 1)
    (recent,) = confirm("b@example.org", 2)
    long_ago = timezone.now() - delivery.STUCK_AFTER - timedelta(minutes=1)
    OutboxMessage.objects.filter(pk=stuck).update(
        status=Status.SENDING, claimed_at=long_ago, attempts=1
    )
    OutboxMessage.objects.filter(pk=recent).update(
        status=Status.SENDING, claimed_at=timezone.now(), attempts=1
    )
    assert outbox.deliver_due() == {"interrupted": 1, "sent": 0, "retrying": 0, "failed": 0}
    assert notify.requests == 0  # neither is sent again
    row = OutboxMessage.objects.get(pk=stuck)
    assert row.status == Status.FAILED and "may have been delivered" in row.last_error
    assert f"outbox-{stuck}" in row.last_error
    assert OutboxMessage.objects.get(pk=recent).status == Status.SENDING  # a worker is on it
    # A site admin who checked may send it again.
    assert outbox.retry(stuck) and not outbox.retry(recent)
    assert outbox.deliver_due()["sent"] == 1
    assert [n["reference"] for n in notify.sent] == [f"outbox-{stuck}"]


@pytest.mark.django_db
def test_backlog_counts_waiting_and_failed_messages():
    assert outbox.outbox_backlog() == {"queued": 0, "failed": 0, "oldest_queued_seconds": 0}
    first, second, third = confirm(n=1)[0], confirm(n=2)[0], confirm(n=3)[0]
    OutboxMessage.objects.filter(pk=first).update(created_at=timezone.now() - timedelta(minutes=10))
    OutboxMessage.objects.filter(pk=second).update(status=Status.FAILED)
    OutboxMessage.objects.filter(pk=third).update(status=Status.SENT)
    backlog = outbox.outbox_backlog()
    assert (backlog["queued"], backlog["failed"]) == (1, 1)
    assert 600 <= backlog["oldest_queued_seconds"] < 660


@pytest.mark.django_db
def test_queue_refuses_an_unknown_kind_or_missing_fields():
    with pytest.raises(ValueError, match="Unknown kind"):
        outbox.queue("newsletter", ["a@example.org"])
    with pytest.raises(ValueError, match="missing \\['confirm_url'\\]"):
        outbox.queue("confirm_email", ["a@example.org"])
    assert rows() == []

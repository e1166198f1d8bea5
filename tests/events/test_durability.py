"""Events are stored with the change that causes them and delivered once: a rolled-back change
publishes nothing; an event whose task failed is delivered by the sweep, once; two deliverers
racing deliver it once."""

import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from messaging import events
from messaging.models import EventRecord, Notification, OutboxMessage
from tests import components

from .conftest import make_challenge

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenge(cast):
    subject = make_challenge(cast)
    # The transitions that built it published events of their own: out of these tests' way.
    EventRecord.objects.update(delivered_at=timezone.now())
    return subject


@pytest.fixture
def deferred_tasks(settings):
    """Tasks are recorded, not run: as if the task queue lost them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def extra_receiver():
    added = []

    def add(fn):
        events.receiver(fn)
        added.append(fn)

    yield add
    for fn in added:
        events._RECEIVERS.remove(fn)


def submitted(challenge, **extra):
    return events.Event("challenge.submit", challenge, **extra)


def test_an_event_is_stored_with_its_subject_actor_and_reference(
    cast, challenge, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pk = events.publish(submitted(challenge, actor=cast.provider, data={"note": "x"}))
    row = EventRecord.objects.get(pk=pk)
    assert (row.kind, row.subject, row.actor, row.reference) == (
        "challenge.submit",
        challenge,
        cast.provider,
        challenge.reference,
    )
    assert row.data == {"note": "x"} and row.delivered_at is not None


def test_a_rolled_back_transaction_publishes_nothing(challenge, django_capture_on_commit_callbacks):
    before = EventRecord.objects.count()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        events.publish(submitted(challenge))
        raise RuntimeError("the transition failed")
    assert callbacks == []
    assert EventRecord.objects.count() == before


def test_nothing_is_delivered_before_the_commit(challenge, django_capture_on_commit_callbacks):
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pk = events.publish(submitted(challenge))
    assert EventRecord.objects.get(pk=pk).delivered_at is None
    assert not Notification.objects.exists()
    assert len(callbacks) == 1


def test_an_event_whose_task_was_lost_is_delivered_by_the_sweep_once(
    challenge, deferred_tasks, django_capture_on_commit_callbacks
):
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        pk = events.publish(submitted(challenge))
    assert EventRecord.objects.get(pk=pk).delivered_at is None  # the task never ran
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("deliver_events", stdout=out)
    assert "Delivered" in out.getvalue()
    assert EventRecord.objects.get(pk=pk).delivered_at is not None
    told = Notification.objects.filter(event_id=pk).count()
    assert told == 4  # the body's member, the officer, the two decision makers
    emails = OutboxMessage.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        assert events.deliver_pending() == 0
        assert events.deliver(pk) is False
    assert Notification.objects.filter(event_id=pk).count() == told
    assert OutboxMessage.objects.count() == emails


def test_a_failing_receiver_leaves_the_event_for_the_sweep(
    challenge, extra_receiver, django_capture_on_commit_callbacks
):
    Notification.objects.all().delete()
    OutboxMessage.objects.all().delete()
    failures = []

    def flaky(event):
        if not failures:
            failures.append(event.id)
            raise ConnectionError("the receiver's service is down")

    extra_receiver(flaky)
    with django_capture_on_commit_callbacks(execute=True):
        pk = events.publish(submitted(challenge))
    row = EventRecord.objects.get(pk=pk)
    assert row.delivered_at is None and row.attempts == 1
    assert "ConnectionError" in row.last_error
    # The notifications and emails written before the failure rolled back with it.
    assert not Notification.objects.exists() and not OutboxMessage.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert events.deliver_pending() == 1
        assert events.deliver_pending() == 0
    assert Notification.objects.filter(event_id=pk).count() == 4
    assert OutboxMessage.objects.filter(kind="challenge_received").count() == 1


def test_a_keyed_event_is_published_once(challenge, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = events.publish(events.Event("challenge.overdue", challenge, key="due:2026-01-05"))
        again = events.publish(events.Event("challenge.overdue", challenge, key="due:2026-01-05"))
        other = events.publish(events.Event("challenge.overdue", challenge, key="due:2026-02-05"))
    assert first and other and again is None
    assert EventRecord.objects.filter(kind="challenge.overdue").count() == 2


def test_a_bad_kind_is_refused(challenge):
    with pytest.raises(ValueError, match="<machine>.<name>"):
        events.publish(events.Event("submitted", challenge))


@pytest.mark.django_db(transaction=True)
def test_two_deliverers_racing_deliver_once(cast, extra_receiver, deferred_tasks):
    components.require("postgresql")  # SKIP LOCKED
    challenge = make_challenge(cast)
    Notification.objects.all().delete()
    pk = events.publish(submitted(challenge))  # autocommit: committed at once, task deferred
    inside, release = threading.Event(), threading.Event()
    calls = []

    def slow(event):
        calls.append(event.id)
        inside.set()
        release.wait(10)

    extra_receiver(slow)
    results = {}

    def run(name):
        try:
            results[name] = events.deliver(pk)
        finally:
            connection.close()

    first = threading.Thread(target=run, args=("first",))
    first.start()
    assert inside.wait(10)  # the first holds the row's lock inside its transaction
    second = threading.Thread(target=run, args=("second",))
    second.start()
    second.join(10)
    assert results == {"second": False}  # it skipped the locked row rather than waiting
    release.set()
    first.join(10)
    assert results == {"first": True, "second": False}
    assert calls == [pk]
    assert Notification.objects.filter(event_id=pk).count() == 4
    assert events.deliver(pk) is False

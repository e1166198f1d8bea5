"""The daily digest for 10,000 subscribers (goal: built and queued in under 60 s).

Builds a scratch test database with 10,000 people, each with three notifications waiting for
their daily summary (from three events), then times `messaging.digests.send_digests()`: one email
per person in the outbox (delivery tasks are recorded, not run). The baseline is a bare bulk
insert of the same number of outbox rows; the ratio says what gathering, grouping, rendering
and marking cost on top of writing the emails.
"""

import time

from bench.runner import env_int, in_scratch_database

SUBSCRIBERS = env_int("BENCH_SUBSCRIBERS", 10_000, smoke_size=20)
PER_PERSON = 3
GOAL_SECONDS = 60.0
BATCH = 5_000


def build_world():
    from django.contrib.auth.hashers import make_password
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from messaging.models import EventRecord, Notification
    from portal.models import Authority, User

    password = make_password(None)
    with transaction.atomic():
        authority = Authority.objects.create(
            code="BEN",
            gss_code="E99999999",
            name="Bench Council",
            nice_name="Bench",
            slug="bench",
            authority_type="MD",
            region="North West",
        )
        subject_type = ContentType.objects.get_for_model(Authority)
        kinds = ["challenge.withdraw", "challenge.overdue", "agreement.sign"]
        events = EventRecord.objects.bulk_create(
            EventRecord(
                kind=kind,
                subject_type=subject_type,
                subject_id=authority.pk,
                reference=f"BEN-CH-2026-{n:04d}",
            )
            for n, kind in enumerate(kinds[:PER_PERSON], 1)
        )
        users = User.objects.bulk_create(
            (
                User(username=f"p{n}@bench.invalid", email=f"p{n}@bench.invalid", password=password)
                for n in range(SUBSCRIBERS)
            ),
            batch_size=BATCH,
        )
        Notification.objects.bulk_create(
            (
                Notification(
                    user=user,
                    event=event,
                    role="officers",
                    url=f"/casework/{event.pk}/",
                    email=Notification.Email.DAILY,
                )
                for user in users
                for event in events
            ),
            batch_size=BATCH,
        )


def baseline() -> float:
    """A bare bulk insert of one outbox row per person, contents prepared in advance."""
    from django.db import transaction

    from messaging.models import OutboxMessage

    rows = [
        OutboxMessage(
            kind="daily_digest",
            recipient=f"p{n}@bench.invalid",
            personalisation={"count": "3"},
            subject="Your daily summary: 3 update(s)",
            body="- The challenge was withdrawn: BEN-CH-2026-0001\n" * PER_PERSON,
        )
        for n in range(SUBSCRIBERS)
    ]
    began = time.perf_counter()
    with transaction.atomic():
        OutboxMessage.objects.bulk_create(rows, batch_size=2000)
    seconds = time.perf_counter() - began
    OutboxMessage.objects.all().delete()
    return seconds


def measure() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings

    from messaging.digests import send_digests
    from messaging.models import Notification, OutboxMessage

    if connection.vendor != "postgresql":
        print(f"(on {connection.vendor}, not PostgreSQL: the goal is set for PostgreSQL)")
    build_world()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    bare = baseline()
    tasks = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with override_settings(TASKS=tasks), CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        sent = send_digests()
        seconds = time.perf_counter() - began
    queued = OutboxMessage.objects.filter(kind="daily_digest").count()
    left = Notification.objects.filter(email="daily", emailed_at=None).count()
    if sent != SUBSCRIBERS or queued != SUBSCRIBERS or left:
        raise SystemExit(f"send_digests queued {queued} of {SUBSCRIBERS}; {left} left behind")
    if send_digests() != 0:
        raise SystemExit("a second run the same day queued more digests")
    verdict = "met" if seconds < GOAL_SECONDS else "NOT met"
    print(
        f"send_digests: {SUBSCRIBERS:,} digests ({SUBSCRIBERS * PER_PERSON:,} notifications) "
        f"built and queued in {seconds:.2f} s with {len(queries)} queries; "
        f"goal under {GOAL_SECONDS:.0f} s: {verdict}"
    )
    print(
        f"ratio to a bare bulk insert of {SUBSCRIBERS:,} outbox rows ({bare:.2f} s): "
        f"{seconds / bare:.1f}x; {seconds / GOAL_SECONDS:.3f} of the goal"
    )


def main() -> None:
    in_scratch_database(measure)

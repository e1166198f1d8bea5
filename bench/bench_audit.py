"""verify_audit over a 100,000-event chain on PostgreSQL: events per second (goal: under 10 s).

Builds a scratch test database, bulk-inserts a valid chain (hashes computed here, the same way
`portal.audit.record` computes them; the triggers refuse only UPDATE and DELETE), then times
`verify_chain()` and drops the database.
"""

import statistics
import time
from datetime import UTC, datetime, timedelta

from bench.runner import env_int, in_scratch_database

EVENTS = env_int("BENCH_EVENTS", 100_000, smoke_size=200)
GOAL_SECONDS = 10.0
BATCH = 5_000
RUNS = env_int("BENCH_RUNS", 3, smoke_size=1)
STATES = ["draft", "submitted", "under_assessment", "accepted", "procurement_started", "closed"]


def build_chain(n: int):
    """Yield unsaved AuditEvent rows forming one valid chain of n events."""
    from portal.models import AuditEvent
    from portal.models.audit import GENESIS_HASH

    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    prev_hash = GENESIS_HASH
    for seq in range(1, n + 1):
        case = seq // 6
        step = seq % 6
        event = AuditEvent(
            seq=seq,
            object_kind="bench.case",
            object_id=str(case),
            reference=f"TRF-CH-2026-{case % 10_000:04d}",
            transition=f"to_{STATES[(step + 1) % 6]}",
            from_state=STATES[step],
            to_state=STATES[(step + 1) % 6],
            actor=None,
            actor_role="officer",
            at=start + timedelta(seconds=seq, microseconds=seq % 997),
            reason="Assessed against the published specification; see the case notes.",
            changes={"step": step, "case": case, "due": "2026-03-31"},
            prev_hash=prev_hash,
        )
        event.hash = event.computed_hash()
        prev_hash = event.hash
        yield event


def insert_chain(n: int) -> float:
    from django.db import transaction

    from portal.models import AuditEvent

    began = time.perf_counter()
    batch = []
    with transaction.atomic():
        for event in build_chain(n):
            batch.append(event)
            if len(batch) == BATCH:
                AuditEvent.objects.bulk_create(batch)
                batch = []
        if batch:
            AuditEvent.objects.bulk_create(batch)
    return time.perf_counter() - began


def measure() -> None:
    from django.db import connection

    from portal.audit import verify_chain

    if connection.vendor != "postgresql":
        print(f"(on {connection.vendor}, not PostgreSQL: the goal is set for PostgreSQL)")
    inserted = insert_chain(EVENTS)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE portal_auditevent")
    print(f"inserted {EVENTS:,} chained events in {inserted:.1f} s")
    timings = []
    for _ in range(RUNS):
        began = time.perf_counter()
        count, broken, message = verify_chain()
        timings.append(time.perf_counter() - began)
        if count != EVENTS or broken is not None:
            raise SystemExit(f"verify_chain did not find a sound chain: {message}")
    seconds = statistics.median(timings)
    rate = EVENTS / seconds
    verdict = "met" if seconds < GOAL_SECONDS else "NOT met"
    print(
        f"verify_chain: {EVENTS:,} events in {seconds:.2f} s (median of {RUNS}), "
        f"{rate:,.0f} events/s; goal 100,000 in under {GOAL_SECONDS:.0f} s: {verdict}"
    )


def main() -> None:
    in_scratch_database(measure)

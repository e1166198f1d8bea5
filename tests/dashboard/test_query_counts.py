"""The dashboard's SQL stays flat: working out every figure (England, the league table, one
authority) and rendering the pages send the same statements with 5 challenges and 2 authorities
as with 305 challenges and 12 authorities: the aggregates run in the database, not in a loop."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from challenges.models import Challenge, Outcome, State
from dashboard import refresh, statistics
from portal.models import Organisation
from tests import builders


def grow(cases, extra_challenges: int, extra_authorities: int) -> None:
    """Rows in bulk (no workflow: only what the aggregates read)."""
    for n in range(extra_authorities):
        builders.authority(f"X{n:02d}", region="South West")
    bodies = [
        Organisation.objects.create(name=f"Body {n}", body_type="voluntary_community_body")
        for n in range(10)
    ]
    start = timezone.now() - timedelta(days=400)
    rows = []
    for n in range(extra_challenges):
        decided = n % 3 != 0
        received = start + timedelta(days=n % 300)
        rows.append(
            Challenge(
                service=cases.c1.service,
                authority=cases.west,
                organisation=bodies[n % 10],
                created_by=cases.c1.created_by,
                state=State.REJECTED if decided else State.UNDER_ASSESSMENT,
                outcome=Outcome.REJECTED if decided else "",
                grounds=["body_unsuitable"] if decided else [],
                received_at=received,
                decision_due=(received + timedelta(days=30)).date(),
                decided_at=received + timedelta(days=20) if decided else None,
            )
        )
    Challenge.objects.bulk_create(rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def statements(fn) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return [q["sql"] for q in captured.captured_queries]


def measure(client, cases) -> dict[str, int]:
    refresh._cache().clear()
    counts = {
        "national figures": len(statements(refresh._national_entry)),
        "authority figures": len(statements(lambda: statistics.authority(cases.west))),
    }
    refresh._cache().clear()
    counts["/dashboard/ cold"] = len(statements(lambda: client.get(reverse("dashboard:england"))))
    counts["/dashboard/ warm"] = len(statements(lambda: client.get(reverse("dashboard:england"))))
    url = reverse("dashboard:authority", args=["westshire"])
    counts["authority page cold"] = len(statements(lambda: client.get(url)))
    counts["authority page warm"] = len(statements(lambda: client.get(url)))
    return counts


def test_statements_do_not_grow_with_the_rows(client, cases):
    small = measure(client, cases)
    grow(cases, extra_challenges=300, extra_authorities=10)
    large = measure(client, cases)
    assert Challenge.objects.count() == 305
    assert large == small
    # +2 procurement exercises, +1 period versions; +4 offers (England's and the league's
    # figures and standards), +1 synthetic records counted from the records
    assert small["national figures"] <= 24
    assert small["/dashboard/ warm"] <= 4

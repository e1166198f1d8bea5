"""One reference counter for every kind of case (issue 18): each kind, authority and year counts
on its own, and the counters that the challenges and procurement apps kept until migration
portal 0015 carry on from their last numbers."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from portal.models import Authority, ReferenceCounter
from tests import builders


@pytest.mark.django_db
def test_each_kind_authority_and_year_counts_on_its_own():
    trafford = builders.authority("TRX")
    bury = builders.authority("BRX")
    assert ReferenceCounter.next_reference(trafford, "CH", 2026) == "TRX-CH-2026-0001"
    assert ReferenceCounter.next_reference(trafford, "CH", 2026) == "TRX-CH-2026-0002"
    assert ReferenceCounter.next_reference(trafford, "PR", 2026) == "TRX-PR-2026-0001"
    assert ReferenceCounter.next_reference(trafford, "CH", 2027) == "TRX-CH-2027-0001"
    assert ReferenceCounter.next_reference(bury, "CH", 2026) == "BRX-CH-2026-0001"


@pytest.mark.django_db(transaction=True)
def test_the_apps_counters_move_into_the_kernel_and_carry_on():
    before = [
        ("challenges", "0003_wellbeing_consideration"),
        ("procurement", "0005_exercise_cpv_code"),
        ("portal", "0015_referencecounter"),
    ]
    after = [
        ("challenges", "0004_counters_move_to_the_kernel"),
        ("procurement", "0006_counters_move_to_the_kernel"),
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    authority = old.get_model("portal", "Authority").objects.create(
        name="Trafford", nice_name="Trafford", code="TRF", slug="trafford", gss_code="E08000009"
    )
    old.get_model("challenges", "ReferenceCounter").objects.create(
        authority_id=authority.pk, year=2026, last=41
    )
    old.get_model("procurement", "ReferenceCounter").objects.create(
        authority_id=authority.pk, kind="EI", year=2026, last=7
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    rows = ReferenceCounter.objects.values_list("authority__code", "kind", "year", "last")
    assert sorted(rows) == [("TRF", "CH", 2026, 41), ("TRF", "EI", 2026, 7)]
    trafford = Authority.objects.get(code="TRF")
    assert ReferenceCounter.next_reference(trafford, "CH", 2026) == "TRF-CH-2026-0042"
    assert ReferenceCounter.next_reference(trafford, "EI", 2026) == "TRF-EI-2026-0008"

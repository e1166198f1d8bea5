"""The demo makes exercises in every state and agreements through the transitions, and every
demo exercise's release package is valid OCDS 1.1 (checked offline with the official schema)."""

from collections import Counter
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from agreements.models import AgreementState, TransferAgreement
from portal import audit, law
from procurement.models import ExpressionOfInterest, ProcurementExercise, State

from .conftest import open_plain, to_tender
from .ocds_schema import errors

pytestmark = pytest.mark.django_db


def test_the_schema_check_can_fail():
    assert errors({"version": "1.1", "releases": [{"ocid": 5}]})


def test_demo_exercises_agreements_and_their_release_packages(seeded_demo, client):
    exercises = list(ProcurementExercise.objects.select_related("challenge"))
    assert set(Counter(e.state for e in exercises)) == set(State.values)
    from_challenges = [e for e in exercises if e.challenge_id]
    assert {e.challenge.state for e in from_challenges} == {"closed"}
    results = {e.challenge.procurement_result for e in from_challenges}
    assert results == {"challenger_won", "other_bidder_won", "not_awarded"}
    for exercise in exercises:
        last = list(audit.events_for(exercise))[-1]
        assert last.to_state == exercise.state
    assert ExpressionOfInterest.objects.count() >= 15
    assert set(ExpressionOfInterest.objects.values_list("state", flat=True)) >= {
        "submitted",
        "under_evaluation",
        "shortlisted",
        "successful",
        "unsuccessful",
    }

    agreements = {a.agreement_type: a for a in TransferAgreement.objects.all()}
    pooled, integrated = agreements["pooled_fund"], agreements["integrated_provision"]
    assert pooled.state == AgreementState.IN_FORCE
    _, years, party_totals, _ = pooled.contribution_table()
    assert len(party_totals) == 2 and len(years) == 2
    assert integrated.state == AgreementState.APPROVAL

    prefix = settings.OCDS_PREFIX
    for exercise in exercises:
        url = reverse("procurement-public:ocds", args=[exercise.reference])
        package = client.get(url).json()
        assert errors(package) == [], exercise.reference
        releases = package["releases"]
        assert len(releases) == exercise.notices.count()
        assert {r["ocid"] for r in releases} == {f"{prefix}-{exercise.reference}"}
        assert len({r["id"] for r in releases}) == len(releases)
        assert [r["tag"] for r in releases] == [
            [law.OCDS_TAG_FOR_NOTICE[code]]
            for code in exercise.notices.values_list("code", flat=True)
        ]
        assert releases[0]["tag"] == ["planning"]
        buyer = releases[0]["buyer"]["id"]
        assert any(p["id"] == buyer and "buyer" in p["roles"] for p in releases[0]["parties"])
        if exercise.state in ("awarded", "in_delivery", "closed", "standstill"):
            award = next(r for r in releases if r["tag"] == ["award"])
            supplier = award["awards"][0]["suppliers"][0]
            assert supplier["name"] == exercise.supplier.name
        if exercise.state in ("in_delivery", "closed"):
            contract = next(r for r in releases if r["tag"] == ["contract"])
            assert contract["contracts"][0]["awardID"] == contract["awards"][0]["id"]
        codes = list(exercise.notices.values_list("code", flat=True))
        if exercise.state == "cancelled":
            assert releases[-1]["tag"] == ["tenderCancellation"]
            assert releases[-1]["tender"]["status"] == "cancelled"
            # SI 2023/1348 reg 15(4): an abandoned PSR procurement publishes its notice.
            expected = "PSR-AB" if exercise.regime == "provider_selection" else "UK12"
            assert codes[-1] == expected
        assert_obeys_the_time_limits(exercise, codes)
        # Releases are immutable: asking again gives the same ones.
        assert client.get(url).json()["releases"] == releases

    assert any(e.regime == "provider_selection" and e.state == "cancelled" for e in exercises)

    checked, broken, _ = audit.verify_chain()
    assert broken is None and checked > 100
    call_command("seed_demo", stdout=StringIO())
    assert ProcurementExercise.objects.count() == len(exercises)


def test_release_package_of_a_new_exercise_is_valid_and_stable(client, world):
    exercise = to_tender(world, open_plain(world))
    url = reverse("procurement-public:ocds", args=[exercise.reference])
    first = client.get(url).json()
    assert errors(first) == []
    assert [r["tag"] for r in first["releases"]] == [["planning"], ["planning"], ["tender"]]
    assert first["releases"][2]["tender"]["tenderPeriod"]["endDate"]
    again = client.get(url)
    assert again.json() == first
    assert again["Cache-Control"] == "public, no-cache" and again["ETag"].startswith('"')
    unchanged = client.get(url, headers={"If-None-Match": again["ETag"]})
    assert (unchanged.status_code, unchanged.content) == (304, b"")
    assert (
        client.get(reverse("procurement-public:ocds", args=["TRF-PR-1999-0001"])).status_code == 404
    )


def assert_obeys_the_time_limits(exercise, codes):
    """Every demo exercise keeps the procurement time limits: the s.54(4) minimum before its
    tender deadline, the standstill of s.51 (or SI 2023/1348 reg 12) before the award, the UK7
    of s.53 in time; one under the Provider Selection Regime names its process and publishes
    none of the Act's notices."""
    notices = dict(exercise.notices.values_list("code", "published_on"))
    if exercise.regime == "provider_selection":
        assert exercise.psr_process, exercise.reference
        assert not [c for c in codes if c.startswith("UK")], exercise.reference
    else:
        assert not exercise.psr_process
    if exercise.tender_period_row:
        tendered = notices.get("UK4") or notices.get("PSR-CN")
        period = exercise.tendering_period
        deadline = timezone.localtime(exercise.tender_deadline).date()
        assert deadline >= period.earliest_deadline(tendered), exercise.reference
    if exercise.standstill_starts_on:
        assert (exercise.standstill_days or 0) >= exercise.minimum_standstill
    if exercise.awarded_on:
        assert exercise.awarded_on >= exercise.earliest_award_on, exercise.reference
        if "UK7" in notices:
            assert notices["UK7"] <= exercise.contract_details_due, exercise.reference

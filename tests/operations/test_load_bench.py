"""The load benchmark's national data generator (bench/national_data.py), on a small size: its
rows must be what the workflows would have made, or the benchmark measures pages nobody sees."""

import json
import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Page

from bench import national_data
from challenges.models import Challenge
from challenges.models import State as ChallengeState
from portal.models import AuthorityServicesPage, ServiceSpecificationPage
from procurement.models import ProcurementExercise
from procurement.regimes import process_problems, regime_problems
from tests.procurement.ocds_schema import errors as ocds_errors

SIZES = national_data.Sizes(services=12, decisions=30, exercises=16, authorities=3)


@pytest.fixture
def built(db, settings):
    settings.ELASTICSEARCH_URL = ""  # the database search backend: no node needed
    return national_data.build(SIZES, log=lambda *_: None)


def test_it_makes_the_sizes_asked_for_in_the_chosen_authorities(built):
    assert built.counts["services"] == 12
    assert built.counts["decisions"] == 30
    assert built.counts["exercises"] == 16
    assert AuthorityServicesPage.objects.count() == 3
    assert ServiceSpecificationPage.objects.live().public().count() == 12
    authorities = set(ServiceSpecificationPage.objects.values_list("authority_id", flat=True))
    assert len(authorities) == 3
    assert set(Challenge.objects.values_list("authority_id", flat=True)) <= authorities


def test_the_page_tree_and_the_audit_chain_are_sound(built):
    assert all(not problems for problems in Page.find_problems())
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "chain sound" in out.getvalue()
    # every decided challenge and every exercise has its events
    assert re.search(r"(\d+) events checked", out.getvalue())
    assert int(re.search(r"(\d+) events", out.getvalue()).group(1)) >= 3 * 30 + 16


def test_every_decision_is_in_the_register_at_its_public_address(client, built):
    assert len(built.decision_refs) == 30
    for reference in built.decision_refs:
        response = client.get(f"/decisions/{reference}/")
        assert response.status_code == 200, reference
        assert reference in response.text
    challenge = Challenge.objects.get(reference=built.decision_refs[0])
    assert challenge.decision_letter.startswith('<div class="portal-letter">')
    assert challenge.decision_due == challenge.compute_decision_due()
    assert challenge.received_at < challenge.decided_at
    newest = Challenge.objects.published().order_by("-decided_at").first()
    assert newest.reference in client.get("/decisions/").text


def test_every_exercise_has_a_valid_ocds_package_with_its_ocid(client, built):
    for reference in built.exercise_refs:
        response = client.get(f"/procurement/{reference}.json")
        assert response.status_code == 200, reference
        package = json.loads(response.content)
        assert ocds_errors(package) == [], reference
        ocid = f"{settings.OCDS_PREFIX}-{reference}"
        assert package["releases"] and {r["ocid"] for r in package["releases"]} == {ocid}
        numbers = [int(r["id"].removeprefix(ocid + "-")[:3]) for r in package["releases"]]
        assert numbers == list(range(1, len(numbers) + 1))


def test_exercises_follow_the_rules_and_their_challenges(built):
    for exercise in ProcurementExercise.objects.select_related("challenge"):
        assert (
            regime_problems(
                exercise.contract_kind,
                exercise.regime,
                exercise.estimated_value,
                exercise.started_on,
            )
            == []
        )
        assert process_problems(exercise.regime, exercise.psr_process) == []
        notices = list(exercise.notices.order_by("published_on", "pk"))
        assert notices[0].code == "" and notices[0].release["tender"]["status"] == "planning"
        codes = {n.code for n in notices}
        if exercise.regime == "provider_selection":  # SI 2023/1348: none of the Act's notices
            assert not {c for c in codes if c.startswith("UK")}, exercise.reference
        period = exercise.tendering_period  # Procurement Act 2023 s.54(4)
        if period is not None:
            tendered = next(n.published_on for n in notices if n.code == "UK4")
            deadline = exercise.tender_deadline.date()
            assert deadline >= period.earliest_deadline(tendered), exercise.reference
        if exercise.challenge_id:
            challenge = exercise.challenge
            assert challenge.state == ChallengeState.PROCUREMENT_STARTED
            assert challenge.procurement_reference == exercise.reference
            assert exercise.started_on >= challenge.earliest_procurement_start()


def test_services_and_search_answer_for_the_data(client, built):
    for url in built.service_urls:
        assert client.get(url).status_code == 200, url
    reference = built.decision_refs[0]
    response = client.get("/search/", {"q": reference})
    assert response.status_code == 200
    assert reference in response.text

"""OCDS as its users check it: every demo exercise's release package passes libcoveocds with no
error and the official schema; its record package validates against the official record-package
schema and its compiled release is what ocdskit compiles from the release package; releases are
dated by their notices, tenders carry CPV items and documents, the publisher has scheme and uid,
and the addresses come from BASE_URL."""

import pytest
from django.conf import settings
from django.test import override_settings

from procurement import ocds
from procurement.models import ProcurementExercise
from tests.procurement.ocds_schema import errors as release_package_errors

from .ocds_tools import libcove_report, ocdskit_compile, record_package_errors

pytestmark = pytest.mark.django_db


def test_the_checks_can_fail():
    assert record_package_errors({"version": "1.1", "records": [{"ocid": 5}]})
    report = libcove_report({"version": "1.1", "releases": [{"ocid": "x", "tag": ["nonsense"]}]})
    assert report["validation_errors"]


def test_every_demo_package_passes_the_users_tools(demo, client):
    exercises = list(ProcurementExercise.objects.published().order_by("reference"))
    assert len(exercises) == 10
    for exercise in exercises:
        ref = exercise.reference
        releases = client.get(f"/api/v1/procurement/{ref}/releases").json()
        assert release_package_errors(releases) == [], ref
        report = libcove_report(releases)
        assert report["validation_errors"] == [], ref
        assert report.get("additional_closed_codelist_values", {}) == {}, ref
        assert releases["releases"] == client.get(f"/procurement/{ref}.json").json()["releases"]

        record_package = client.get(f"/api/v1/procurement/{ref}/record").json()
        assert record_package_errors(record_package) == [], ref
        [record] = record_package["records"]
        compiled = ocdskit_compile(releases)["records"][0]["compiledRelease"]
        assert record["compiledRelease"] == compiled, ref
        assert record["releases"] == releases["releases"]


def test_releases_are_dated_by_their_notices(demo):
    for exercise in ProcurementExercise.objects.published():
        for notice in exercise.notices.all():
            assert notice.release["date"][:10] == notice.published_on.isoformat()


def test_tenders_carry_cpv_items_and_documents(demo):
    for exercise in ProcurementExercise.objects.published():
        tender = exercise.notices.last().release["tender"]
        [item] = tender["items"]
        assert item["classification"]["scheme"] == "CPV"
        assert exercise.cpv_code.startswith(item["classification"]["id"])
        assert item["classification"]["description"]
        types = {d["documentType"] for d in tender["documents"]}
        assert "technicalSpecifications" in types
        assert all(d["url"].startswith(settings.BASE_URL) for d in tender["documents"])


@override_settings(
    BASE_URL="https://challenge.example.gov.uk",
    OCDS_PUBLISHER_SCHEME="GB-COH",
    OCDS_PUBLISHER_UID="01234567",
)
def test_publisher_uri_and_policy_come_from_the_settings(demo):
    exercise = ProcurementExercise.objects.published().first()
    for package in (ocds.release_package(exercise), ocds.record_package(exercise)):
        assert package["publisher"] == {
            "name": settings.WAGTAIL_SITE_NAME,
            "scheme": "GB-COH",
            "uid": "01234567",
            "uri": "https://challenge.example.gov.uk/",
        }
        assert package["uri"].startswith("https://challenge.example.gov.uk/")
        assert package["publicationPolicy"] == (
            "https://challenge.example.gov.uk/data/#publication-policy"
        )


def test_buyers_are_identified_by_their_gb_lae_code(demo):
    exercise = ProcurementExercise.objects.published().select_related("authority").first()
    release = exercise.notices.first().release
    buyer = next(p for p in release["parties"] if "buyer" in p["roles"])
    assert buyer["id"] == f"GB-LAE-{exercise.authority.code}"
    assert buyer["identifier"] == {
        "scheme": "GB-LAE",
        "id": exercise.authority.code,
        "legalName": exercise.authority.name,
    }

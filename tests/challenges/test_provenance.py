"""Provenance everywhere (issue 20 item 6): the demo's cases are synthetic and say so on every
surface that shows them (the register and the letter, feeds, the CSV, the API and its bulk
files' schema, OCDS, search with both backends), and the dashboard counts every record or real
ones only and says which. A case the demo lived in the past carries its own dates."""

import xml.etree.ElementTree as ET

import pytest

from agreements.models import TransferAgreement
from challenges.models import Challenge
from opendata.collections import AgreementOut, DecisionOut, ExerciseOut
from procurement.models import ProcurementExercise
from search import indexing
from tests.search.conftest import backend, index_prefix  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
WARNING = "Synthetic demonstration record: made up to show how the portal works"
MARK = "Synthetic demonstration record."


def closed_case():
    """Stockport's parks case (challenges/demo.py, "closed"): accepted 400 days ago."""
    return Challenge.objects.get(
        authority__code="SKP", service__title="Parks maintenance and friends-of-parks support"
    )


def test_every_demo_case_is_synthetic(seeded_demo):
    for model in (Challenge, ProcurementExercise, TransferAgreement):
        assert set(model.objects.values_list("provenance", flat=True)) == {"synthetic"}, model
    # the bulk files are written from the API's schemas: each carries the provenance
    for schema in (DecisionOut, ExerciseOut, AgreementOut):
        assert {"provenance", "synthetic", "source_file", "source_row"} <= set(schema.model_fields)


def test_a_case_lived_in_the_past_carries_its_own_dates(seeded_demo):
    from django.utils import timezone

    case = closed_case()  # accepted 400 days ago, received 40 days before that
    received, decided = case.received_at, case.decided_at
    assert (timezone.now() - decided).days == 400 and (decided - received).days == 40
    assert case.reference.split("-")[2] == str(timezone.localdate(received).year)
    assert f'<p class="govuk-body">{timezone.localdate(decided):%-d %B %Y}</p>' in (
        case.decision_letter
    )
    assert "Synthetic demonstration record: this letter was made up" in case.decision_letter


def test_the_register_the_csv_and_the_feeds_say_synthetic(seeded_demo, client):
    case = closed_case()
    page = client.get(f"/decisions/{case.reference}/").content.decode()
    assert WARNING in page and 'data-provenance="synthetic"' in page
    listing = client.get("/decisions/").content.decode()
    published = Challenge.objects.published().count()
    assert listing.count('<strong class="govuk-tag govuk-tag--purple"') == published
    lines = client.get("/decisions/?format=csv").getvalue().decode().splitlines()
    assert lines[0].endswith("Provenance,Source file,Source row")
    assert len(lines) == published + 1
    assert all(line.endswith("Synthetic demonstration record,,") for line in lines[1:])
    for feed in ("/feeds/decisions/", "/feeds/notices/"):
        root = ET.fromstring(client.get(feed).content)
        summaries = [e.findtext(f"{ATOM}summary") for e in root.findall(f"{ATOM}entry")]
        assert summaries and all(s.startswith(MARK) for s in summaries), feed


def test_the_api_and_ocds_say_synthetic(seeded_demo, client):
    for collection in ("decisions", "procurement", "agreements"):
        items = client.get(f"/api/v1/{collection}?limit=200").json()["items"]
        assert items, collection
        assert {(i["provenance"], i["synthetic"], i["source_file"]) for i in items} == {
            ("synthetic", True, "")
        }, collection
    exercise = ProcurementExercise.objects.published().first()
    package = client.get(f"/api/v1/procurement/{exercise.reference}/releases").json()
    assert all(r["tender"]["description"].startswith(MARK) for r in package["releases"])
    html = client.get(f"/procurement/{exercise.reference}/").content.decode()
    assert WARNING in html
    agreement = TransferAgreement.objects.published().first()
    assert WARNING in client.get(f"/agreements/{agreement.reference}/").content.decode()


def test_search_results_say_synthetic(seeded_demo, backend, client):  # noqa: F811
    indexing.rebuild()
    case = closed_case()
    html = client.get("/search/", {"q": case.reference, "kind": "decision"}).content.decode()
    assert f">{case.reference}: " in html
    assert 'data-provenance="synthetic">Synthetic demonstration record</strong>' in html
    found = client.get("/search/", {"q": case.reference, "kind": "decision", "format": "csv"})
    rows = found.content.decode().splitlines()
    assert rows[0].endswith(",synthetic") and rows[1].endswith(",yes")


def test_the_dashboard_counts_every_record_or_real_ones_only(seeded_demo, client):
    from dashboard import refresh

    refresh.rebuild()
    every = client.get("/dashboard/").content.decode()
    assert 'data-records="all"' in every and "Show real figures only" in every
    real = client.get("/dashboard/?records=real").content.decode()
    assert "These figures count real records only" in real
    assert "<span data-counted>0</span> challenges" in real
    api = client.get("/api/v1/statistics?records=real").json()
    assert (api["records"], api["england"]["totals"]["received"]) == ("real", 0)
    assert api["synthetic"]["challenges"] == Challenge.objects.exclude(received_at=None).count()


def test_make_demo_imports_the_sample_register_as_real_history(seeded_demo, client):
    """prepare_demo's demo command (dashboard.apps): Trafford's sample register, imported by its
    admin; the real-only figures then count those four cases and nothing synthetic."""
    from io import StringIO

    from django.core.management import call_command

    from dashboard import refresh
    from dashboard.apps import DEMO_IMPORTER

    out = StringIO()
    call_command("import_register", sample=True, authority="TRF", by=DEMO_IMPORTER, stdout=out)
    assert "imported 4 challenges and 2 publications of periods" in out.getvalue()
    call_command("import_register", sample=True, authority="TRF", by=DEMO_IMPORTER, stdout=out)
    assert "nothing changed" in out.getvalue()
    refresh.rebuild()
    api = client.get("/api/v1/statistics/trafford?records=real").json()
    assert (api["totals"]["received"], api["totals"]["decided"]) == (4, 3)
    real = client.get("/dashboard/?records=real").content.decode()
    assert "<span data-counted>4</span> challenges" in real

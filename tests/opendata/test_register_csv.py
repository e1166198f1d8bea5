"""The register of decisions downloads its current filter as CSV, every page of it."""

import csv
import io

import pytest

from challenges.models import Challenge
from portal.models import Organisation

pytestmark = pytest.mark.django_db


def rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_the_register_downloads_its_filter(demo, client):
    page = client.get("/decisions/?outcome=rejected").content.decode()
    assert "?outcome=rejected&amp;format=csv" in page
    everything = rows(client.get("/decisions/?format=csv"))
    assert {r["Reference"] for r in everything} == set(
        Challenge.objects.published().values_list("reference", flat=True)
    )
    rejected = rows(client.get("/decisions/?outcome=rejected&format=csv"))
    assert rejected and {r["Outcome"] for r in rejected} == {"Rejected"}
    assert len(rejected) == Challenge.objects.published().filter(outcome="rejected").count()
    assert all(r["Grounds"] for r in rejected)
    trafford = rows(client.get("/decisions/?authority=trafford&format=csv"))
    assert trafford and len(trafford) < len(everything)
    assert rows(client.get("/decisions/?year=1999&format=csv")) == []


def test_register_csv_cells_cannot_run_as_formulas(demo, client):
    challenge = Challenge.objects.published().select_related("organisation").first()
    Organisation.objects.filter(pk=challenge.organisation_id).update(name="@SUM(1+1)")
    [row] = [
        r
        for r in rows(client.get("/decisions/?format=csv"))
        if r["Reference"] == challenge.reference
    ]
    assert row["Body that challenged"] == "'@SUM(1+1)"

"""The daily bulk files: the worker's job builds each collection as gzipped CSV and JSON Lines
and an OCDS record package into the portal's storage (S3 here), lists each with its rows,
SHA-256, date and licence at /data/, and serves them; yesterday's files go."""

import csv
import gzip
import hashlib
import io
import json
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db.models import F
from django.test import Client

from challenges.models import Challenge
from opendata.collections import COLLECTIONS
from opendata.models import BulkFile
from portal import registry
from portal.models import Organisation
from procurement.models import ProcurementExercise
from tests import builders

from .ocds_tools import record_package_errors

pytestmark = pytest.mark.django_db


def download(client, name) -> bytes:
    response = client.get(f"/data/{name}")
    assert response.status_code == 200, name
    assert response["Access-Control-Allow-Origin"] == "*"
    return b"".join(response.streaming_content)


def api_count(client, collection) -> int:
    count, url = 0, f"/api/v1/{collection}?limit=200"
    while url:
        body = client.get(url).json()
        count, url = count + len(body["items"]), body["next"]
    return count


def test_the_daily_job_builds_every_file_into_storage(demo, client, s3):
    assert "build_open_data" in list(registry.daily_jobs)
    stale_key = s3.save("open-data/2000-01-01/decisions.csv.gz", ContentFile(b"old"))
    BulkFile.objects.create(
        name="old.csv.gz", collection="decisions", file_format="csv", key=stale_key,
        rows=0, size=3, sha256="0" * 64, built_at="2000-01-01T06:00:00Z",
    )  # fmt: skip
    call_command("build_open_data", stdout=StringIO())

    files = {f.name: f for f in BulkFile.objects.all()}
    expected = {f"{c.name}.{kind}.gz" for c in COLLECTIONS for kind in ("csv", "jsonl")}
    assert set(files) == expected | {"ocds-records.json.gz"}
    assert not s3.exists(stale_key)
    for name, bulk in files.items():
        assert s3.exists(bulk.key), name
        body = download(client, name)
        assert hashlib.sha256(body).hexdigest() == bulk.sha256 and len(body) == bulk.size
        text = gzip.decompress(body).decode()
        collection = name.split(".")[0]
        if name.endswith(".csv.gz"):
            rows = list(csv.reader(io.StringIO(text)))
            assert len(rows) - 1 == bulk.rows == api_count(client, collection), name
        elif name.endswith(".jsonl.gz"):
            lines = [json.loads(line) for line in text.splitlines()]
            assert len(lines) == bulk.rows == api_count(client, collection), name
            keys = {"authorities": "code", "services": "id", "decisions": "reference"}
            key = keys.get(collection, "reference")
            first = client.get(f"/api/v1/{collection}/{lines[0][key]}").json()
            assert lines[0] == first
        else:
            package = json.loads(text)
            assert record_package_errors(package) == []
            assert bulk.rows == len(package["records"])
            assert bulk.rows == ProcurementExercise.objects.published().count()

    page = client.get("/data/").content.decode().replace("<wbr>", "")
    assert "Open Government Licence v3.0" in page and 'id="publication-policy"' in page
    for name, bulk in files.items():
        assert f"/data/{name}" in page and bulk.sha256 in page
        assert f">{bulk.rows}<" in page

    # The page's ETag holds while the files do (its bytes differ each time: the CSP nonce).
    first, second = client.get("/data/"), client.get("/data/")
    assert first["ETag"] == second["ETag"] and first.content != second.content
    unchanged = client.get("/data/", headers={"If-None-Match": first["ETag"]})
    assert (unchanged.status_code, unchanged.content) == (304, b"")
    BulkFile.objects.filter(name="decisions.csv.gz").update(rows=F("rows") + 1)
    assert client.get("/data/", headers={"If-None-Match": first["ETag"]}).status_code == 200
    signed_in = Client()
    signed_in.force_login(builders.user())
    mine = signed_in.get("/data/", headers={"If-None-Match": first["ETag"]})
    assert mine.status_code == 200 and mine["Cache-Control"] == "private, no-store"

    bulk = files["decisions.csv.gz"]
    response = client.get("/data/decisions.csv.gz", headers={"If-None-Match": f'"{bulk.sha256}"'})
    assert response.status_code == 304
    assert client.get("/data/nothing.csv.gz").status_code == 404


def test_csv_cells_cannot_run_as_formulas(demo, client, s3):
    organisation = Organisation.objects.filter(challenges__in=Challenge.objects.published())[0]
    Organisation.objects.filter(pk=organisation.pk).update(name='=HYPERLINK("http://x","y")')
    call_command("build_open_data", stdout=StringIO())
    text = gzip.decompress(download(client, "decisions.csv.gz")).decode()
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert '\'=HYPERLINK("http://x","y")' in cells
    assert not any(cell.startswith("=") for cell in cells)


def test_the_page_says_when_nothing_was_built_yet(client, db):
    page = client.get("/data/")
    assert page.status_code == 200
    assert "have not been built yet" in page.content.decode()

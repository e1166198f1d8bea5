"""CSV formula injection: what the portal writes is neutralised; what providers upload is
flagged, and officers are warned before they open it."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import StoredDocument
from portal.spreadsheets import has_formulas, safe_cell
from tests import builders
from tests.challenges.conftest import advance, draft

FORMULAS = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tTAB", "\rCR", '=HYPERLINK("http://x","y")']


@pytest.mark.parametrize("value", FORMULAS)
def test_a_formula_cell_is_written_as_text(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Trafford", "", "12", "2026-04-01", "a=b", None, 45])
def test_other_cells_are_unchanged(value):
    assert safe_cell(value) == ("" if value is None else str(value))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"name,amount\nRiverside,1200\nRefund,-40\nIntl,+44\n", False),
        (b"name,amount\nRiverside,=SUM(B1:B9)\n", True),
        (b'name,link\nx,"=HYPERLINK(""http://evil"",""click"")"\n', True),
        (b"name,who\nx,@SUM(1)\n", True),
        (b"name,note\nx,-cmd|' /C calc'!A0\n", True),
    ],
)
def test_uploaded_csvs_with_formulas_are_recognised(content, expected):
    assert has_formulas(io.BytesIO(content)) is expected


@pytest.mark.django_db
def test_officers_are_warned_of_an_uploaded_csv_with_formulas(client, world):
    challenge = draft(world.service, world.organisation, world.provider)
    client.force_login(world.provider)
    for name, data in [
        ("plain.csv", b"year,income\n2025,1200\n"),
        ("figures.csv", b"year,income\n2025,=1200*2\n"),
    ]:
        response = client.post(
            f"/challenges/{challenge.pk}/sections/financial_resources/",
            {"financial_resources": "See the figures.", "evidence": SimpleUploadedFile(name, data)},
        )
        assert response.status_code == 302, response.content.decode()[:1000]
    flags = dict(StoredDocument.objects.values_list("original_name", "has_formulas"))
    assert flags == {"plain.csv": False, "figures.csv": True}

    advance(challenge, world, "submit")
    client.force_login(world.officer)
    page = client.get(f"/casework/{challenge.pk}/").content.decode()
    assert page.count("data-formula-warning") == 1
    assert "govuk-warning-text" in page
    figures = page.index("figures.csv") if "figures.csv" in page else page.index("figures")
    assert page.index("data-formula-warning") > figures


@pytest.mark.django_db
def test_the_cms_export_of_authorities_is_neutralised(client):
    builders.authority("EVL", name='=HYPERLINK("http://evil.example","Open")', nice_name="Evil")
    client.force_login(builders.user(is_superuser=True, is_staff=True))
    response = client.get("/admin/snippets/portal/authority/", {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    names = [row[0] for row in rows[1:]]
    assert "'" + '=HYPERLINK("http://evil.example","Open")' in names
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)

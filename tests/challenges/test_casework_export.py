"""The casework export for committee reports (/casework/export/): the cases in the queue during
a period with their decisions, as CSV and as .xlsx, for the authority's own staff only."""

import csv
import io
from datetime import UTC, datetime

import openpyxl
import pytest

from challenges.models import Challenge
from portal.workflow import perform
from tests import builders

from .conftest import advance, draft

pytestmark = pytest.mark.django_db

PERIOD = {"start_0": "1", "start_1": "4", "start_2": "2026", "end_0": "30", "end_1": "6"}
PERIOD["end_2"] = "2026"
SERVICE = "Youth clubs and detached youth work"
GROUND_3 = (
    "3. The relevant authority considers, based on the information in the expression of "
    "interest, that the relevant body or, where applicable, any member of the consortium of "
    "which it is a part, or any sub-contractor referred to in the expression of interest, is "
    "not suitable to provide or assist in providing the relevant service"
)
HEADER = [
    "Reference", "Body", "Service", "Received", "State", "Decided", "Outcome",
    "Grounds relied on", "Working days taken",
]  # fmt: skip


def at(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def case(world, reference, received, *steps, decided=None, withdrawn=None, by=None, **where):
    """A challenge moved through `steps`, then dated (received, decided, withdrawn) literally."""
    service = where.get("service", world.service)
    organisation = where.get("organisation", world.organisation)
    person = by or world.provider
    challenge = draft(service, organisation, person)
    perform("challenge", challenge, "submit", person)
    advance(challenge, world, *steps)
    Challenge.objects.filter(pk=challenge.pk).update(
        reference=reference,
        received_at=received,
        window_closes_on=None,
        decided_at=decided,
        withdrawn_at=withdrawn,
    )
    return challenge


@pytest.fixture
def cases(world, manchester):
    """Trafford's queue around April to June 2026 (British Summer Time from 29 March)."""
    from portal.models import Organisation

    Organisation.objects.filter(pk=world.rival_org.pk).update(name="=1+2 Community Group")
    rejected, accepted = ("start_assessment", "reject"), ("start_assessment", "accept")
    case(world, "TRF-CH-2026-0101", at(2026, 3, 2, 9), *rejected, decided=at(2026, 4, 15, 13))
    # decided at 00:30 on 1 April, London time: on the period's first day
    case(world, "TRF-CH-2026-0102", at(2026, 3, 10, 9), *accepted, decided=at(2026, 3, 31, 23, 30))
    case(world, "TRF-CH-2026-0103", at(2026, 5, 20, 11), "start_assessment", by=world.rival,
         organisation=world.rival_org)  # fmt: skip
    case(world, "TRF-CH-2026-0104", at(2026, 6, 30, 22, 30))  # 23:30 on 30 June in London
    # Not in the period: decided before it, received after it (00:10 on 1 July in London),
    # withdrawn before it, and Manchester's.
    case(world, "TRF-CH-2026-0105", at(2026, 2, 2, 9), *accepted, decided=at(2026, 3, 20, 12))
    case(world, "TRF-CH-2026-0106", at(2026, 6, 30, 23, 10))
    case(world, "TRF-CH-2026-0107", at(2026, 3, 3, 9), "withdraw", withdrawn=at(2026, 3, 31, 12))
    libraries = builders.service(manchester, "Manchester libraries")
    builders.open_window(manchester, libraries)
    case(world, "MAN-CH-2026-0108", at(2026, 4, 10, 9), service=libraries)


def get(client, **extra):
    return client.get("/casework/export/", {**PERIOD, **extra})


def test_the_csv_holds_the_period_literally(client, world, cases):
    client.force_login(world.officer)
    response = get(client, format="csv")
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="casework-2026-04-01-to-2026-06-30.csv"'
    )
    text = b"".join(response.streaming_content).decode()
    assert list(csv.reader(io.StringIO(text))) == [
        HEADER,
        ["TRF-CH-2026-0101", "Riverside Youth Trust", SERVICE, "2026-03-02", "Rejected",
         "2026-04-15", "Rejected", GROUND_3, "30"],
        ["TRF-CH-2026-0102", "Riverside Youth Trust", SERVICE, "2026-03-10", "Accepted",
         "2026-04-01", "Accepted", "", "16"],
        ["TRF-CH-2026-0103", "'=1+2 Community Group", SERVICE, "2026-05-20",
         "Under assessment", "", "", "", ""],
        ["TRF-CH-2026-0104", "Riverside Youth Trust", SERVICE, "2026-06-30", "Submitted",
         "", "", "", ""],
    ]  # fmt: skip


def test_the_spreadsheet_opens_with_the_header_dates_and_numbers(client, world, cases):
    client.force_login(world.decider)
    response = get(client, format="xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="casework-2026-04-01-to-2026-06-30.xlsx"'
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Casework"]
    sheet = workbook["Casework"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert rows[1:] == [
        ("TRF-CH-2026-0101", "Riverside Youth Trust", SERVICE, datetime(2026, 3, 2), "Rejected",
         datetime(2026, 4, 15), "Rejected", GROUND_3, 30),
        ("TRF-CH-2026-0102", "Riverside Youth Trust", SERVICE, datetime(2026, 3, 10), "Accepted",
         datetime(2026, 4, 1), "Accepted", None, 16),
        ("TRF-CH-2026-0103", "'=1+2 Community Group", SERVICE, datetime(2026, 5, 20),
         "Under assessment", None, None, None, None),
        ("TRF-CH-2026-0104", "Riverside Youth Trust", SERVICE, datetime(2026, 6, 30), "Submitted",
         None, None, None, None),
    ]  # fmt: skip
    assert sheet["B4"].data_type == "s"  # text, never a formula
    assert sheet["D2"].number_format == "yyyy-mm-dd" and sheet["A1"].font.bold


def test_another_authoritys_staff_get_only_their_own_cases(client, world, cases, manchester):
    client.force_login(builders.staff("officer", manchester))
    text = b"".join(get(client, format="csv").streaming_content).decode()
    assert [row[0] for row in csv.reader(io.StringIO(text))] == ["Reference", "MAN-CH-2026-0108"]


def test_providers_and_people_without_a_role_are_refused(client, world, cases):
    for person in (world.provider, world.stranger):
        client.force_login(person)
        assert get(client, format="csv").status_code == 403
        assert client.get("/casework/export/").status_code == 403
    client.logout()
    response = get(client, format="xlsx")
    assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/")


def test_the_form_and_its_error_summary(client, world):
    client.force_login(world.officer)
    page = client.get("/casework/export/").content.decode()
    assert "Download cases for a period" in page and "There is a problem" not in page
    assert 'href="/casework/export/"' in client.get("/casework/").content.decode()

    bad = client.get(
        "/casework/export/",
        {"start_0": "31", "start_1": "2", "start_2": "2026", "end_0": "", "end_1": "", "end_2": ""},
    )
    html = bad.content.decode()
    assert bad.status_code == 200 and bad["Content-Type"].startswith("text/html")
    assert "<title>Error: Download cases for a period" in html
    assert '<h2 class="govuk-error-summary__title">There is a problem</h2>' in html
    assert "The start of the period must be a real date" in html
    assert "Enter the end of the period" in html
    assert "Select a file type" in html

    backwards = get(client, format="csv", end_0="31", end_1="3").content.decode()
    assert "The end of the period must be the same as or after the start" in backwards
    future = client.get(
        "/casework/export/",
        {**PERIOD, "start_2": "2099", "end_2": "2099", "format": "csv"},
    ).content.decode()
    assert "The start of the period must be today or in the past" in future

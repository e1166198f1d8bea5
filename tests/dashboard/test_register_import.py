"""Real history in (issue 20 item 7): an authority's own register imported from the documented
CSV (data/samples/register-sample.csv) or JSON Lines, checked whole first, idempotent, one audit
event naming the file's SHA-256 and who imported it; the imported records in the register, the
API and the dashboard with their provenance; the upload for an authority admin, scoped to their
authority.

The sample, for Trafford: two publications of periods (from 1 April 2019: 90 calendar days to
decide; from 1 April 2023: 60 working days) and four cases:
row 3, TRF-CRTC-2021-01, accepted, told 30 July 2021 (due 8 August 2021: on time);
row 4, TRF-CRTC-2022-01, rejected on two grounds, told 20 June 2022 (due 15 May 2022: late);
row 5, TRF-CRTC-2023-02, modified, decided 2 October 2023 (due 27 November 2023), with a link to
the published decision; row 6, TRF-CRTC-2024-01, withdrawn.
"""

import hashlib
import io
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from challenges.models import Challenge
from dashboard import imports, statistics
from portal.models import AuditEvent, PeriodVersion, RegisterImport
from tests import builders

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
SAMPLE = (SAMPLES / "register-sample.csv").read_bytes()
SHA = hashlib.sha256(SAMPLE).hexdigest()


@pytest.fixture
def admin(world):
    return builders.staff("authority_admin", world.authority)


def test_the_sample_imports_whole_with_its_provenance(world, admin):
    before = AuditEvent.objects.count()
    report = imports.import_file(
        SAMPLE, "register-sample.csv", authority=world.authority, user=admin
    )
    assert report.ok and (report.challenges, report.periods) == (4, 2)
    imported = Challenge.objects.filter(provenance="imported").order_by("source_row")
    assert [(c.reference, c.state, c.outcome, c.source_row) for c in imported] == [
        ("TRF-CRTC-2021-01", "accepted", "accepted", 3),
        ("TRF-CRTC-2022-01", "rejected", "rejected", 4),
        ("TRF-CRTC-2023-02", "accepted", "modified", 5),
        ("TRF-CRTC-2024-01", "withdrawn", "", 6),
    ]
    assert [(c.received_on, c.decided_on, c.decision_due) for c in imported[:3]] == [
        (date(2021, 5, 10), date(2021, 7, 30), date(2021, 8, 8)),
        (date(2022, 2, 14), date(2022, 6, 20), date(2022, 5, 15)),
        (date(2023, 9, 4), date(2023, 10, 2), date(2023, 11, 27)),
    ]
    assert imported[1].grounds == ["body_unsuitable", "info_inadequate_or_inaccurate"]
    assert {c.source_import.sha256 for c in imported} == {SHA}
    assert list(
        PeriodVersion.objects.filter(authority=world.authority, effective_on__year__lt=2024)
        .order_by("effective_on")
        .values_list("effective_on", "decision_period", "decision_period_unit")
    ) == [(date(2019, 4, 1), 90, "calendar_days"), (date(2023, 4, 1), 60, "working_days")]
    # one audit event for the import, naming the file's SHA-256 and who imported it, after the
    # bodies the file named were created (each an audit event of its own, issue 23), by them
    events = AuditEvent.objects.order_by("seq")[before:]
    assert [(e.object_kind, e.transition, e.actor_id, e.actor_role) for e in events] == [
        *[("portal.organisation", "create_organisation", admin.pk, "authority_admin")] * 4,
        ("portal.registerimport", "import_register", admin.pk, "authority_admin"),
    ]
    assert events[4].changes["sha256"] == SHA and SHA in events[4].reason
    # re-importing the same bytes changes nothing
    again = imports.import_file(SAMPLE, "copy.csv", authority=world.authority, user=admin)
    assert again.ok and again.already_imported == report.created
    assert "nothing changed" in again.summary()
    assert (
        Challenge.objects.filter(provenance="imported").count(),
        AuditEvent.objects.count(),
    ) == (
        4,
        before + 5,
    )


def test_imported_records_in_the_register_api_and_dashboard(world, admin, client):
    imports.import_file(SAMPLE, "register-sample.csv", authority=world.authority, user=admin)
    page = client.get("/decisions/TRF-CRTC-2023-02/").content.decode()
    assert "Imported from Trafford's own register (file register-sample.csv, row 5)" in page
    assert 'href="https://www.trafford.gov.uk/about-your-council/decisions/crtc-2023-02"' in page
    items = client.get("/api/v1/decisions?authority=TRF&limit=50").json()["items"]
    rows = {i["reference"]: i for i in items if i["provenance"] == "imported"}
    assert sorted(rows) == ["TRF-CRTC-2021-01", "TRF-CRTC-2022-01", "TRF-CRTC-2023-02"]
    assert (rows["TRF-CRTC-2022-01"]["source_file"], rows["TRF-CRTC-2022-01"]["source_row"]) == (
        "register-sample.csv",
        4,
    )
    assert rows["TRF-CRTC-2022-01"]["source_sha256"] == SHA
    with statistics.counting(statistics.REAL):
        figures = statistics.challenge_figures(world.authority)
    assert (figures["received"], figures["decided"], figures["measured"]) == (4, 3, 3)
    assert (figures["within_period"], figures["withdrawn"], figures["rejected"]) == (2, 1, 1)


BAD = (
    "record_type,reference,body_name,body_type,service,received_on,notified_on,decided_on,"
    "outcome,grounds,reasons,decision_url,effective_on,decision_period,decision_period_unit,"
    "procurement_min_period,procurement_min_period_unit\n"
    "challenge,TRF-1,Body,charity,Libraries,2024-13-01,,2024-02-01,rejected,,,,,,,,\n"
    "challenge,TRF-1,Body,parish_council,Libraries,2024-01-01,,,accepted,,,,,,,,\n"
    "periods,,,,,,,,,,,,2020-01-01,ten,weeks,,\n"
    "decision,,,,,,,,,,,,,,,,\n"
)


def test_a_bad_file_is_reported_row_by_row_and_nothing_is_imported(world, admin):
    report = imports.import_file(BAD.encode(), "bad.csv", authority=world.authority, user=admin)
    assert report.problems == [
        "Row 1, column body_type: enter one of voluntary_community_body, charitable_trust, "
        "parish_council, employee_group, not 'charity'",
        "Row 1, column received_on: enter a date as YYYY-MM-DD, not '2024-13-01'",
        "Row 1, column grounds: a rejected decision cites its grounds",
        "Row 1, columns reasons and decision_url: give the reasons, or a link to the published "
        "decision",
        "Row 2, column reference: TRF-1 is already on an earlier row",
        "Row 2, column decided_on: enter a date",
        "Row 2, columns reasons and decision_url: give the reasons, or a link to the published "
        "decision",
        "Row 3, column decision_period: enter a whole number of 1 or more",
        "Row 3, column decision_period_unit: enter one of working_days, calendar_days, months, "
        "not 'weeks'",
        "Row 4, column record_type: enter challenge or periods, not 'decision'",
    ]
    assert not RegisterImport.objects.exists()
    assert not Challenge.objects.filter(reference="TRF-1").exists()


def test_json_lines_and_the_command(world, admin):
    out = io.StringIO()
    call_command(
        "import_register",
        str(SAMPLES / "register-sample.jsonl"),
        authority="TRF",
        by=admin.email,
        stdout=out,
    )
    assert "imported 1 challenges and 1 publications of periods" in out.getvalue()
    assert Challenge.objects.get(reference="TRF-CRTC-2021-01").provenance == "imported"
    bad = SAMPLES.parent.parent / "README.md"  # not in the schema: refused, nothing imported
    with pytest.raises(CommandError, match="nothing imported"):
        call_command(
            "import_register", str(bad), authority="TRF", by=admin.email, stderr=io.StringIO()
        )


def test_the_upload_is_scoped_to_the_admins_authority(world, admin, client):
    client.force_login(admin)
    page = client.get("/dashboard/import/").content.decode()
    assert '<option value="TRF" selected>Trafford</option>' in page
    assert "Manchester" not in page
    upload = SimpleUploadedFile("register-sample.csv", SAMPLE, content_type="text/csv")
    other = builders.manchester()
    refused = client.post("/dashboard/import/", {"authority": other.code, "file": upload})
    assert refused.status_code == 400
    assert "Select the authority whose register this is" in refused.content.decode()
    upload.seek(0)
    done = client.post("/dashboard/import/", {"authority": "TRF", "file": upload})
    assert done.status_code == 200 and "Register imported" in done.content.decode()
    assert RegisterImport.objects.get().imported_by == admin
    client.force_login(world.officer)
    assert client.get("/dashboard/import/").status_code == 404

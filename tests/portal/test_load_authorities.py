import csv
import io

import pytest
from django.core.management import CommandError, call_command

from portal.management.commands.load_authorities import DEFAULT_FILE
from portal.models import Authority


def load(**kwargs):
    out = io.StringIO()
    call_command("load_authorities", stdout=out, **kwargs)
    return out.getvalue()


@pytest.mark.django_db
def test_loads_every_relevant_english_authority():
    load()
    assert Authority.objects.count() >= 300
    trafford = Authority.objects.get(code="TRF")
    assert trafford.gss_code == "E08000009"
    assert trafford.authority_type == "MD"
    assert trafford.region == "North West"
    assert trafford.population > 200_000
    assert Authority.objects.filter(code="LND", authority_type="CC").exists()  # City of London
    assert Authority.objects.filter(authority_type="LBO").count() == 32
    # Not relevant authorities: Scotland, Wales, Northern Ireland, combined authorities.
    assert not Authority.objects.filter(gss_code__regex=r"^[SWN]").exists()
    assert not Authority.objects.filter(name__icontains="Combined Authority").exists()


@pytest.mark.django_db
def test_rerunning_updates_and_never_duplicates():
    load()
    count = Authority.objects.count()
    Authority.objects.filter(code="TRF").update(name="Renamed", decision_period=20)
    output = load()
    assert Authority.objects.count() == count
    assert "0 added" in output
    trafford = Authority.objects.get(code="TRF")
    assert trafford.name == "Trafford Metropolitan Borough Council"
    assert trafford.decision_period == 20  # the authority's own published timescale is kept


def copy_register(tmp_path, mutate):
    with DEFAULT_FILE.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows, fields = list(reader), reader.fieldnames
    mutate(rows)
    path = tmp_path / "register.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return path, rows


@pytest.mark.django_db
def test_a_malformed_row_stops_the_load_naming_it_and_loads_nothing(tmp_path):
    def break_last_english_row(rows):
        english = [
            i
            for i, r in enumerate(rows)
            if r["nation"] == "England" and r["local-authority-type"] == "UA"
        ]
        rows[english[-1]]["gss-code"] = "BROKEN"

    path, rows = copy_register(tmp_path, break_last_english_row)
    bad_line = next(i for i, r in enumerate(rows) if r["gss-code"] == "BROKEN") + 2
    with pytest.raises(CommandError, match=rf"line {bad_line}: the GSS code 'BROKEN'"):
        load(file=path)
    assert Authority.objects.count() == 0


@pytest.mark.django_db
def test_a_bad_population_names_the_row(tmp_path):
    def break_population(rows):
        row = next(r for r in rows if r["local-authority-code"] == "TRF")
        row["pop-2020"] = "many"

    path, _ = copy_register(tmp_path, break_population)
    with pytest.raises(CommandError, match="population 'many'"):
        load(file=path)
    assert not Authority.objects.exists()


@pytest.mark.django_db
def test_missing_columns_are_refused(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("code,name\nTRF,Trafford\n")
    with pytest.raises(CommandError, match="lacks the columns"):
        load(file=path)


@pytest.mark.django_db
def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        load(file=tmp_path / "nothing.csv")


@pytest.mark.django_db
def test_a_fire_authority_without_a_basis_or_reason_is_refused(tmp_path):
    """SI 2012/1647 reg 3: a fire and rescue authority is loaded with the paragraph that
    specifies it, or with the reason (portal/law.py) that none does."""
    path = tmp_path / "fire.csv"
    path.write_text(
        "code,name,nice_name,region,basis\n"
        "ZZF,Somewhere Fire Authority,Somewhere Fire,South West,\n"
    )
    with pytest.raises(CommandError, match="line 2: no basis is given"):
        load(fire_file=path)
    path.write_text(
        "code,name,nice_name,region,basis\n"
        "ZZF,Somewhere Fire Authority,Somewhere Fire,South West,reg9z\n"
    )
    with pytest.raises(CommandError, match="line 2: the basis 'reg9z' is not a paragraph"):
        load(fire_file=path)
    assert not Authority.objects.exists()

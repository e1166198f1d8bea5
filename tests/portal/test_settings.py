import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.settings import config

ROOT = Path(__file__).resolve().parents[2]


def test_defaults_are_the_embedded_demo():
    cfg = config.read({})
    assert cfg.database["ENGINE"] == "django.db.backends.sqlite3"
    assert cfg.database["NAME"].endswith("var/portal.sqlite3")
    assert cfg.secret_key == config.DEMO_SECRET_KEY
    assert cfg.elasticsearch_url == ""


def test_database_url_is_parsed():
    cfg = config.read({"DATABASE_URL": "postgres://u:p@db.example:5433/portal"})
    assert cfg.database["ENGINE"] == "django.db.backends.postgresql"
    assert (cfg.database["HOST"], cfg.database["PORT"], cfg.database["NAME"]) == (
        "db.example",
        5433,
        "portal",
    )


@pytest.mark.parametrize("url", ["nonsense", "foo://x/y"])
def test_bad_database_url_is_a_configuration_error(url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        config.read({"DATABASE_URL": url})


@pytest.mark.parametrize(("name", "value"), [("DEBUG", "perhaps"), ("UPLOAD_MAX_BYTES", "lots")])
def test_bad_values_are_configuration_errors(name, value):
    with pytest.raises(ImproperlyConfigured, match=name):
        config.read({name: value})


def test_production_refuses_the_demo_key():
    cfg = config.read({"DEBUG": "false"})
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        config.check_production_safety(cfg)


def test_production_refuses_debug():
    cfg = config.read({"SECRET_KEY": "x" * 50, "DEBUG": "true"})
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        config.check_production_safety(cfg)


SAFE = {
    "SECRET_KEY": "x" * 50,
    "DEBUG": "false",
    "OCDS_PREFIX": "ocds-a1b2c3",
    "OCDS_PUBLISHER_ID": "GB-COH-01234567",
}


def test_production_accepts_safe_settings():
    config.check_production_safety(config.read(SAFE))


@pytest.mark.parametrize("name", ["OCDS_PREFIX", "OCDS_PUBLISHER_ID"])
def test_production_refuses_the_demo_ocds_identifiers(name):
    with pytest.raises(ImproperlyConfigured, match=f"{name} must be set in production"):
        config.check_production_safety(config.read({**SAFE, name: ""}))


@pytest.mark.parametrize(
    ("name", "value"),
    [("OCDS_PREFIX", "ocds-xyz"), ("OCDS_PREFIX", "OCDS-ABCDEF"), ("OCDS_PUBLISHER_ID", "acme")],
)
def test_bad_ocds_identifiers_are_one_line_errors(name, value):
    with pytest.raises(ImproperlyConfigured, match=name):
        config.read({name: value})


def test_the_publisher_is_split_into_scheme_and_uid():
    cfg = config.read({"OCDS_PUBLISHER_ID": "GB-COH-01234567"})
    assert config.ocds_publisher(cfg) == ("GB-COH", "01234567")


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_manage_with_a_bad_database_url_says_one_line():
    result = run_manage("migrate", "--check", DATABASE_URL="nonsense://")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "DATABASE_URL" in lines[0]


def test_manage_with_an_unreachable_database_says_one_line():
    result = run_manage("migrate", "--check", DATABASE_URL="postgres://nobody@127.0.0.1:1/none")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Database error")


def test_production_settings_refuse_to_start_with_demo_key():
    result = run_manage(
        "check", DJANGO_SETTINGS_MODULE="portal.settings.production", DEBUG="false", SECRET_KEY=""
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "SECRET_KEY" in result.stderr.strip().splitlines()[-1]


def test_a_missing_register_file_is_a_one_line_error(tmp_path):
    result = run_manage(
        "load_authorities",
        "--file",
        str(tmp_path / "missing.csv"),
        DATABASE_URL="sqlite:///" + str(tmp_path / "x.db"),
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "does not exist" in result.stderr


def test_production_settings_refuse_to_start_with_the_demo_ocds_prefix():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DEBUG="false",
        SECRET_KEY="x" * 50,
        OCDS_PREFIX="",
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "OCDS_PREFIX must be set in production" in result.stderr.strip().splitlines()[-1]

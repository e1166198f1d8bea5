"""EMAIL_URL, NOTIFY_API_KEY and NOTIFY_TEMPLATE_* are read in config.py; mistakes are one line."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from messaging import email_kinds
from messaging.outbox import providers
from portal.settings import config

ROOT = Path(__file__).resolve().parents[2]
KEY = f"portal_live-{uuid.uuid4()}-{uuid.uuid4()}"


def every_template() -> dict:
    return {kind.setting: str(uuid.uuid4()) for kind in email_kinds.KINDS.values()}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://mail.example:2525", ("mail.example", 2525, "", "", False, False)),
        ("smtp://relay.example", ("relay.example", 25, "", "", False, False)),
        (
            "smtp+tls://portal%40council:p%2Fss@smtp.example",
            ("smtp.example", 587, "portal@council", "p/ss", True, False),
        ),
        ("smtps://u:p@smtp.example:1465", ("smtp.example", 1465, "u", "p", False, True)),
    ],
)
def test_email_url_becomes_djangos_smtp_settings(url, expected):
    smtp = config.read({"EMAIL_URL": url}).smtp
    assert smtp["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert expected == tuple(
        smtp[name]
        for name in (
            "EMAIL_HOST",
            "EMAIL_PORT",
            "EMAIL_HOST_USER",
            "EMAIL_HOST_PASSWORD",
            "EMAIL_USE_TLS",
            "EMAIL_USE_SSL",
        )
    )


def test_no_email_url_is_the_console():
    assert config.read({}).smtp == {}


@pytest.mark.parametrize("url", ["mail.example", "http://mail.example", "smtp://", "smtp://h:99x"])
def test_a_bad_email_url_is_one_line(url):
    with pytest.raises(ImproperlyConfigured, match="^EMAIL_URL is not a usable mail server"):
        config.read({"EMAIL_URL": url})


def test_notify_settings():
    templates = every_template()
    cfg = config.read({"NOTIFY_API_KEY": KEY, **templates})
    assert cfg.notify_base_url == "https://api.notifications.service.gov.uk"
    assert cfg.notify_templates == {
        kind.name: templates[kind.setting] for kind in email_kinds.KINDS.values()
    }
    email_kinds.check_templates(cfg.notify_api_key, cfg.notify_templates)
    assert (
        config.read({"NOTIFY_BASE_URL": "http://127.0.0.1:9999"}).notify_base_url
        == "http://127.0.0.1:9999"
    )


def test_notify_without_every_template_is_refused():
    templates = every_template()
    del templates["NOTIFY_TEMPLATE_DECISION"]
    with pytest.raises(ImproperlyConfigured) as refused:
        cfg = config.read({"NOTIFY_API_KEY": KEY, **templates})
        email_kinds.check_templates(cfg.notify_api_key, cfg.notify_templates)
    assert str(refused.value) == (
        "NOTIFY_API_KEY is set but NOTIFY_TEMPLATE_DECISION is not "
        "(one Notify template per kind of email)"
    )
    cfg = config.read({})
    email_kinds.check_templates(cfg.notify_api_key, cfg.notify_templates)  # no Notify: nothing


@pytest.mark.parametrize(
    ("name", "value"), [("NOTIFY_API_KEY", "not-a-key"), ("NOTIFY_TEMPLATE_DECISION", "abc")]
)
def test_bad_notify_values_are_one_line(name, value):
    with pytest.raises(ImproperlyConfigured, match=f"^{name}"):
        config.read({name: value})


def test_the_provider_follows_the_settings(settings):
    settings.NOTIFY_API_KEY = ""
    assert isinstance(providers.get_provider(), providers.DjangoMailProvider)
    settings.NOTIFY_API_KEY = KEY
    settings.NOTIFY_BASE_URL = "http://127.0.0.1:9"
    provider = providers.get_provider()
    assert isinstance(provider, providers.NotifyProvider)
    assert provider.client.base_url == "http://127.0.0.1:9"
    assert provider.client.service_id == KEY.split("-", 1)[1][:36]


def test_production_with_notify_and_a_missing_template_refuses_to_start():
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    templates = every_template()
    del templates["NOTIFY_TEMPLATE_CONFIRM_EMAIL"]
    environment.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DEBUG="false",
        OCDS_PREFIX="ocds-t3st01",
        OCDS_PUBLISHER_ID="GB-COH-01234567",
        SECRET_KEY="x" * 50,
        NOTIFY_API_KEY=KEY,
        **templates,
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "NOTIFY_TEMPLATE_CONFIRM_EMAIL is not" in line


def test_notify_templates_prints_each_template_with_notify_placeholders():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("notify_templates", stdout=out)
    text = out.getvalue()
    for kind in email_kinds.KINDS.values():
        assert f"== {kind.name} ({kind.setting})" in text
        for field in kind.fields:
            assert f"(({field}))" in text
    assert "Subject: Decision on your challenge ((reference))" in text
    assert "{" not in text  # every field converted


def test_deploy_check_warns_when_email_goes_to_the_console(settings):
    from django.core import checks

    from messaging.outbox.checks import CONSOLE

    settings.NOTIFY_API_KEY = ""
    settings.EMAIL_BACKEND = CONSOLE
    ids = [m.id for m in checks.run_checks(include_deployment_checks=True)]
    assert "portal.W101" in ids
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    ids = [m.id for m in checks.run_checks(include_deployment_checks=True)]
    assert "portal.W101" not in ids

"""Every variable the documentation names changes what the portal does (a setting read and never
used lost every email once): each is set to a value of its own in a production process, and the
setting, the gunicorn configuration or the script it feeds must show that value. A variable in a
`| variable | meaning | default |` table of the README or of docs/*.md (the tables live in
docs/configuration.md) with no check here fails `test_every_documented_variable_is_checked`."""

import json
import re
import subprocess
import uuid

import pytest

from messaging import email_kinds
from tests.operations.processes import PYTHON, ROOT, production_env

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
CONFIGURATION = ROOT / "docs" / "configuration.md"
TABLE_HEADER = "| variable | meaning | default |"
VARIABLE = re.compile(r"`([A-Z][A-Z0-9_]*(?:<KIND>)?)`")

NOTIFY_KEY = f"portal-{uuid.UUID(int=1)}-{uuid.UUID(int=2)}"

# variable → (the value it is given, a Python expression read in the production process, what
# that expression must then be). `settings` is django.conf.settings, `gunicorn` the module
# gunicorn.conf.py run with the same environment.
CHECKS = {
    "DJANGO_SETTINGS_MODULE": (
        "portal.settings.production", "settings.SETTINGS_MODULE", "portal.settings.production"
    ),
    "DATABASE_URL": (None, "settings.DATABASES['default']['ENGINE']",
                     "django.db.backends.postgresql"),
    "SECRET_KEY": ("k" * 60, "settings.SECRET_KEY", "k" * 60),
    "DEBUG": ("false", "settings.DEBUG", False),
    "ALLOWED_HOSTS": ("a.example.org,b.example.org", "settings.ALLOWED_HOSTS",
                      ["a.example.org", "b.example.org"]),
    "BASE_URL": ("https://portal.example.org",
                 "[settings.BASE_URL, settings.WAGTAILADMIN_BASE_URL]",
                 ["https://portal.example.org"] * 2),
    "DEFAULT_FROM_EMAIL": ("portal@example.org", "settings.DEFAULT_FROM_EMAIL",
                           "portal@example.org"),
    "EMAIL_URL": ("smtp+tls://mailer:pw@mail.example.org",
                  "[settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT, "
                  "settings.EMAIL_USE_TLS]",
                  ["django.core.mail.backends.smtp.EmailBackend", "mail.example.org", 587, True]),
    "ELASTICSEARCH_URL": ("http://es1.example.org:9200,http://es2.example.org:9200",
                          "settings.ELASTICSEARCH_URL",
                          "http://es1.example.org:9200,http://es2.example.org:9200"),
    "SEARCH_INDEX_PREFIX": ("council-b", "settings.SEARCH_INDEX_PREFIX", "council-b"),
    "SEARCH_INDEX_REPLICAS": ("2", "settings.SEARCH_INDEX_REPLICAS", "2"),
    "S3_BUCKET": ("portal-docs", "settings.STORAGES['default']['OPTIONS']['bucket_name']",
                  "portal-docs"),
    "S3_ENDPOINT_URL": ("http://minio.example.org:9000",
                        "settings.STORAGES['default']['OPTIONS']['endpoint_url']",
                        "http://minio.example.org:9000"),
    "AWS_ACCESS_KEY_ID": ("AKIAEXAMPLE", "boto3.session.Session().get_credentials().access_key",
                          "AKIAEXAMPLE"),
    "AWS_SECRET_ACCESS_KEY": ("secret-example",
                              "boto3.session.Session().get_credentials().secret_key",
                              "secret-example"),
    "AWS_DEFAULT_REGION": ("eu-west-1", "settings.STORAGES['default']['OPTIONS']['region_name']",
                           "eu-west-1"),
    "S3_URL_EXPIRY": ("45", "[settings.DOCUMENT_URL_EXPIRY, "
                      "settings.STORAGES['default']['OPTIONS']['querystring_expire']]", [45, 45]),
    "UPLOAD_MAX_BYTES": ("1048576", "settings.UPLOAD_MAX_BYTES", 1048576),
    "OCDS_PREFIX": ("ocds-abc123", "settings.OCDS_PREFIX", "ocds-abc123"),
    "OCDS_PUBLISHER_ID": ("GB-LAE-EXA", "[settings.OCDS_PUBLISHER_SCHEME, "
                          "settings.OCDS_PUBLISHER_UID]", ["GB-LAE", "EXA"]),
    "SERVICE_OWNER": ("Example Borough Council", "settings.SERVICE_OWNER",
                      "Example Borough Council"),
    "CONTACT_EMAIL": ("portal@example.gov.uk", "settings.CONTACT_EMAIL", "portal@example.gov.uk"),
    "CHALLENGE_REMINDER_DAYS": ("7", "settings.CHALLENGE_REMINDER_DAYS", 7),
    "STAFF_SESSION_IDLE_SECONDS": ("600", "settings.STAFF_SESSION_IDLE_SECONDS", 600),
    "STAFF_SESSION_MAX_SECONDS": ("7200", "settings.STAFF_SESSION_MAX_SECONDS", 7200),
    "SIGN_IN_FAILURE_LIMIT": ("3", "settings.AXES_FAILURE_LIMIT", 3),
    "SIGN_IN_ACCOUNT_FAILURE_LIMIT": ("12", "settings.SIGN_IN_ACCOUNT_FAILURE_LIMIT", 12),
    "SIGN_IN_ADDRESS_FAILURE_LIMIT": ("80", "settings.SIGN_IN_ADDRESS_FAILURE_LIMIT", 80),
    "SIGN_IN_COOLOFF_MINUTES": ("20", "settings.AXES_COOLOFF_TIME.total_seconds()", 1200.0),
    "TRUSTED_PROXY_COUNT": ("2", "settings.TRUSTED_PROXY_COUNT", 2),
    "ACCOUNT_EMAILS_PER_ADDRESS": ("4", "settings.ACCOUNT_EMAILS_PER_ADDRESS", 4),
    "FORMS_PER_NETWORK_ADDRESS": ("30", "settings.FORMS_PER_NETWORK_ADDRESS", 30),
    "FEEDBACK_PER_NETWORK_ADDRESS": ("7", "settings.FEEDBACK_PER_NETWORK_ADDRESS", 7),
    "RATE_LIMIT_WINDOW_MINUTES": ("45", "settings.RATE_LIMIT_WINDOW_MINUTES", 45),
    "API_REQUESTS_PER_MINUTE": ("300", "settings.API_REQUESTS_PER_MINUTE", 300),
    "VAR_DIR": ("/tmp/portal-var-check", "str(settings.VAR_DIR)", "/tmp/portal-var-check"),
    "LOG_FORMAT": ("plain", "settings.LOG_FORMAT", "plain"),
    "LOG_LEVEL": ("warning", "[settings.LOGGING['loggers']['portal']['level'], gunicorn.loglevel]",
                  ["WARNING", "warning"]),
    "SECURE_SSL_REDIRECT": ("false", "settings.SECURE_SSL_REDIRECT", False),
    "TRUST_X_FORWARDED_PROTO": ("false", "getattr(settings, 'SECURE_PROXY_SSL_HEADER', None)",
                                None),
    "HSTS_SECONDS": ("600", "settings.SECURE_HSTS_SECONDS", 600),
    "HSTS_INCLUDE_SUBDOMAINS": ("false", "settings.SECURE_HSTS_INCLUDE_SUBDOMAINS", False),
    "HSTS_PRELOAD": ("true", "settings.SECURE_HSTS_PRELOAD", True),
    "WORKER_HEARTBEAT_MAX_AGE": ("90", "settings.WORKER_HEARTBEAT_MAX_AGE", 90),
    "DAILY_JOBS_AT": ("04:30", "list(settings.DAILY_JOBS_AT)", [4, 30]),
    "PORT": ("8123", "gunicorn.bind", "127.0.0.2:8123"),
    "HOST": ("127.0.0.2", "gunicorn.bind", "127.0.0.2:8123"),
    "WEB_CONCURRENCY": ("3", "gunicorn.workers", 3),
    "GUNICORN_THREADS": ("4", "gunicorn.threads", 4),
    "GUNICORN_TIMEOUT": ("75", "gunicorn.timeout", 75),
    "GUNICORN_GRACEFUL_TIMEOUT": ("20", "gunicorn.graceful_timeout", 20),
    "FORWARDED_ALLOW_IPS": ("10.0.0.1", "gunicorn.forwarded_allow_ips", "10.0.0.1"),
}  # fmt: skip

# Notify replaces SMTP, so it is checked in a process of its own.
NOTIFY_CHECKS = {
    "NOTIFY_API_KEY": (NOTIFY_KEY, "settings.NOTIFY_API_KEY", NOTIFY_KEY),
    "NOTIFY_BASE_URL": ("https://notify.example.org", "settings.NOTIFY_BASE_URL",
                        "https://notify.example.org"),
    "NOTIFY_TEMPLATE_<KIND>": (
        None, "sorted(settings.NOTIFY_TEMPLATES.values())",
        sorted(str(uuid.UUID(int=100 + n)) for n in range(len(email_kinds.KINDS))),
    ),
}  # fmt: skip

# Read by a script, not by Python: the script must use it.
SCRIPT_VARIABLES = {"DEMO_ADDR": ROOT / "scripts" / "demo.sh"}


def documented_variables(documents=DOCUMENTS) -> set[str]:
    """The first column of every `| variable | meaning | default |` table in the documents."""
    found, in_table = set(), False
    for line in "\n".join(document.read_text() for document in documents).splitlines():
        if line.strip() == TABLE_HEADER:
            in_table = True
        elif in_table and line.startswith("|"):
            first_cell = line.split("|")[1]
            found.update(VARIABLE.findall(first_cell))
        else:
            in_table = False
    return found


PROBE = """
import json, os, runpy, sys, types
import boto3, django
django.setup()
from django.conf import settings
gunicorn = types.SimpleNamespace(**runpy.run_path("gunicorn.conf.py"))
print(json.dumps([eval(e) for e in json.loads(sys.argv[1])]))
"""


def probe(checks: dict, **extra) -> list:
    env = production_env(**extra)
    for variable, (value, _, _) in checks.items():
        if value is not None:
            env[variable] = value
    expressions = [expression for _, expression, _ in checks.values()]
    result = subprocess.run(
        [PYTHON, "-c", PROBE, json.dumps(expressions)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_every_documented_variable_is_checked():
    documented = documented_variables()
    assert len(documented) > 40  # the tables were found
    checked = set(CHECKS) | set(NOTIFY_CHECKS) | set(SCRIPT_VARIABLES)
    assert sorted(documented - checked) == [], "documented variables with no check here"
    assert sorted(checked - documented) == [], "checks of variables the documents no longer name"


def test_configuration_page_documents_every_checked_variable():
    """docs/configuration.md is the one place people look: every variable is in its tables."""
    checked = set(CHECKS) | set(NOTIFY_CHECKS) | set(SCRIPT_VARIABLES)
    assert sorted(checked - documented_variables([CONFIGURATION])) == []


@pytest.mark.django_db
def test_each_variable_reaches_its_setting():
    values = probe(CHECKS)
    wrong = {
        variable: actual
        for (variable, (_, _, expected)), actual in zip(CHECKS.items(), values, strict=True)
        if actual != expected
    }
    assert wrong == {}


@pytest.mark.django_db
def test_notify_variables_reach_their_settings():
    templates = {
        kind.setting: str(uuid.UUID(int=100 + n))
        for n, kind in enumerate(email_kinds.KINDS.values())
    }
    values = probe(NOTIFY_CHECKS, EMAIL_URL="", **templates)
    expected = [check[2] for check in NOTIFY_CHECKS.values()]
    assert values == expected


def test_scripts_use_their_variables():
    for variable, script in SCRIPT_VARIABLES.items():
        assert f"${{{variable}" in script.read_text() or f"${variable}" in script.read_text()

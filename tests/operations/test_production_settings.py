"""Production settings: check --deploy is clean, what the environment configures, and refusals."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.settings import config
from tests.operations.processes import manage, production_env

pytestmark = pytest.mark.django_db


def test_check_deploy_reports_nothing_under_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stderr


def test_check_deploy_catches_a_weakened_setting():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env=production_env(HSTS_SECONDS="0")
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr


def settings_of(env: dict, *names: str) -> dict:
    """The named settings as a process with this environment sees them."""
    script = (
        "import json; from django.conf import settings;"
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    result = manage("shell", "-c", script, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_read_from_the_environment():
    seen = settings_of(
        production_env(),
        "SECURE_SSL_REDIRECT",
        "SECURE_PROXY_SSL_HEADER",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "TASKS",
        "STORAGES",
        "LOGGING",
        "MIDDLEWARE",
    )
    assert seen["SECURE_SSL_REDIRECT"] is True
    assert seen["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert seen["SESSION_COOKIE_SECURE"] and seen["CSRF_COOKIE_SECURE"]
    assert seen["SECURE_HSTS_SECONDS"] == 31_536_000
    assert seen["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert (
        seen["STORAGES"]["staticfiles"]["BACKEND"]
        == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert seen["LOGGING"]["handlers"]["console"]["formatter"] == "json"
    security = seen["MIDDLEWARE"].index("django.middleware.security.SecurityMiddleware")
    assert seen["MIDDLEWARE"][security + 1] == "portal.static_files.StaticFilesMiddleware"

    changed = settings_of(
        production_env(SECURE_SSL_REDIRECT="false", TRUST_X_FORWARDED_PROTO="false"),
        "SECURE_SSL_REDIRECT",
        "SECURE_PROXY_SSL_HEADER",
    )
    assert changed == {"SECURE_SSL_REDIRECT": False, "SECURE_PROXY_SSL_HEADER": None}


def test_production_refuses_the_demo_key_in_one_line():
    result = manage("check", env=production_env(SECRET_KEY=""))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "Configuration error: SECRET_KEY must be set in production (the demo key is refused)"
    ]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DAILY_JOBS_AT", "6 o'clock"),
        ("DAILY_JOBS_AT", "25:00"),
        ("LOG_FORMAT", "xml"),
        ("ACCOUNT_EMAILS_PER_ADDRESS", "0"),
        ("FORMS_PER_NETWORK_ADDRESS", "-1"),
        ("FEEDBACK_PER_NETWORK_ADDRESS", "ten"),
        ("RATE_LIMIT_WINDOW_MINUTES", "0"),
        ("API_REQUESTS_PER_MINUTE", "0"),
    ],
)
def test_bad_operations_values_are_configuration_errors(name, value):
    with pytest.raises(ImproperlyConfigured, match=name):
        config.read({name: value})


def test_the_demo_settings_are_the_production_shape():
    demo = {
        **production_env(),
        "DJANGO_SETTINGS_MODULE": "portal.settings.demo",
        "DATABASE_URL": "",
        "SECRET_KEY": "",
        "ALLOWED_HOSTS": "",
        "DEBUG": "",
        "EMAIL_URL": "",
    }
    seen = settings_of(
        demo, "DEBUG", "TASKS", "ALLOWED_HOSTS", "DATABASES", "EMAIL_BACKEND", "STORAGES"
    )
    assert seen["DEBUG"] is False
    assert seen["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert seen["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]
    options = seen["DATABASES"]["default"]["OPTIONS"]
    assert "journal_mode=WAL" in options["init_command"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert seen["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert seen["STORAGES"]["staticfiles"]["BACKEND"] == config.MANIFEST_STATIC

"""Every setting that comes from the environment is read here, and only here (12-factor).

Defaults are the embedded demo: SQLite under var/, database search, local files, console email.
"""

import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Where the embedded demo keeps its SQLite database, local files and collected static files.
VAR_DIR = Path(os.environ.get("VAR_DIR") or BASE_DIR / "var").resolve()
DEMO_SECRET_KEY = "demo-only-secret-key-never-use-in-production"  # noqa: S105
# The demo's OCDS identifiers: production refuses them (a real publisher registers its own
# prefix with the Open Contracting Partnership and names itself by an org-id.guide identifier).
DEMO_OCDS_PREFIX = "ocds-cx7h2p"
DEMO_OCDS_PUBLISHER_ID = "GB-GOR-DEMO"
OCDS_PREFIX_FORMAT = re.compile(r"ocds-[a-z0-9]{6}")
NOTIFY_TEMPLATE_PREFIX = "NOTIFY_TEMPLATE_"
ORG_ID_FORMAT = re.compile(r"([A-Z]{2}-[A-Z0-9]+)-(\S+)")


def _bool(environ, name: str, default: bool) -> bool:
    raw = environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def _int(environ, name: str, default: int) -> int:
    raw = environ.get(name, "")
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def _replicas(environ) -> str:
    """SEARCH_INDEX_REPLICAS: a number of replicas ("1"), or a range that Elasticsearch adjusts to
    the number of data nodes ("0-1": one replica when a second node can hold it, none on one)."""
    raw = environ.get("SEARCH_INDEX_REPLICAS", "").strip() or "0-1"
    if re.fullmatch(r"\d+|\d+-(\d+|all)", raw):
        return raw
    raise ImproperlyConfigured(
        f"SEARCH_INDEX_REPLICAS must be a number of replicas (1) or a range (0-1, 0-all), "
        f"not {raw!r}"
    )


def _count(environ, name: str, default: int) -> int:
    """A whole number of one or more (a limit of 0 would refuse everyone)."""
    value = _int(environ, name, default)
    if value < 1:
        raise ImproperlyConfigured(f"{name} must be 1 or more, not {value}")
    return value


def _time_of_day(environ, name: str, default: str) -> tuple[int, int]:
    raw = environ.get(name) or default
    try:
        hours, minutes = (int(part) for part in raw.split(":"))
        if not (0 <= hours < 24 and 0 <= minutes < 60):
            raise ValueError
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be a time of day like 06:00, not {raw!r}"
        ) from None
    return hours, minutes


def _choice(environ, name: str, default: str, choices: set[str]) -> str:
    raw = (environ.get(name) or default).lower()
    if raw not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(sorted(choices))}")
    return raw


# SQLite serves the demo's web and worker processes at once: WAL lets readers and one writer
# work together, and IMMEDIATE transactions take the write lock up front, so two processes
# never deadlock upgrading a read lock (each waits up to `timeout` seconds instead).
SQLITE_OPTIONS = {
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL",
    "transaction_mode": "IMMEDIATE",
}


def database_config(url: str | None) -> dict:
    """Parse DATABASE_URL; SQLite under var/ when unset. A malformed URL is a one-line error."""
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "portal.sqlite3"),
            "OPTIONS": dict(SQLITE_OPTIONS),
        }
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except Exception as exc:  # dj-database-url raises several kinds for a bad address
        reason = str(exc).split(".")[0]
        raise ImproperlyConfigured(
            f"DATABASE_URL is not a usable database address ({reason})"
        ) from None
    if not config.get("ENGINE"):
        raise ImproperlyConfigured(
            "DATABASE_URL names a database engine the portal does not support"
        )
    return config


@dataclass(frozen=True)
class Config:
    secret_key: str
    debug: bool
    allowed_hosts: list[str]
    database: dict
    elasticsearch_url: str
    search_index_prefix: str
    search_index_replicas: str
    s3_bucket: str
    s3_endpoint_url: str
    s3_region: str
    s3_url_expiry: int
    email_url: str
    smtp: dict  # Django's EMAIL_* settings from EMAIL_URL; empty: the console
    notify_api_key: str
    notify_base_url: str
    notify_templates: dict  # kind -> Notify template id, from NOTIFY_TEMPLATE_<KIND>
    default_from_email: str
    base_url: str
    ocds_prefix: str
    ocds_publisher_id: str
    upload_max_bytes: int
    challenge_reminder_days: int
    staff_session_idle_seconds: int
    staff_session_max_seconds: int
    sign_in_failure_limit: int  # one account from one address (accounts/lockout.py)
    sign_in_account_failure_limit: int  # one account from any addresses
    sign_in_address_failure_limit: int  # one address on any accounts (a council's shared one)
    sign_in_cooloff_minutes: int
    account_emails_per_address: int  # rate limits (accounts/rate_limits.py), each a window
    forms_per_network_address: int
    feedback_per_network_address: int
    rate_limit_window_minutes: int
    api_requests_per_minute: int  # /api/v1/ (opendata/throttling.py)
    trusted_proxy_count: int  # proxies in front that append to X-Forwarded-For; 0: REMOTE_ADDR
    log_format: str
    log_level: str
    secure_ssl_redirect: bool
    trust_x_forwarded_proto: bool
    hsts_seconds: int
    hsts_include_subdomains: bool
    hsts_preload: bool
    worker_heartbeat_max_age: int
    daily_jobs_at: tuple[int, int]
    service_owner: str  # who runs the portal: the data controller named in the privacy notice
    contact_email: str


def read(environ=os.environ) -> Config:
    return Config(
        secret_key=environ.get("SECRET_KEY") or DEMO_SECRET_KEY,
        debug=_bool(environ, "DEBUG", False),
        allowed_hosts=[
            h.strip()
            for h in (environ.get("ALLOWED_HOSTS") or "127.0.0.1,localhost").split(",")
            if h.strip()
        ],
        database=database_config(environ.get("DATABASE_URL")),
        elasticsearch_url=environ.get("ELASTICSEARCH_URL", ""),
        search_index_prefix=environ.get("SEARCH_INDEX_PREFIX", "portal"),
        search_index_replicas=_replicas(environ),
        s3_bucket=environ.get("S3_BUCKET", ""),
        s3_endpoint_url=environ.get("S3_ENDPOINT_URL", ""),
        s3_region=environ.get("AWS_DEFAULT_REGION", "eu-west-2"),
        s3_url_expiry=_int(environ, "S3_URL_EXPIRY", 60),
        email_url=environ.get("EMAIL_URL", ""),
        smtp=smtp_settings(environ.get("EMAIL_URL", "")),
        notify_api_key=notify_api_key(environ.get("NOTIFY_API_KEY", "")),
        notify_base_url=environ.get("NOTIFY_BASE_URL") or NOTIFY_BASE_URL,
        notify_templates=notify_templates(environ),
        default_from_email=environ.get("DEFAULT_FROM_EMAIL", "no-reply@challenge-portal.invalid"),
        base_url=environ.get("BASE_URL", "http://127.0.0.1:8000"),
        ocds_prefix=_ocds_prefix(environ),
        ocds_publisher_id=_org_id(environ, "OCDS_PUBLISHER_ID", DEMO_OCDS_PUBLISHER_ID),
        upload_max_bytes=_int(environ, "UPLOAD_MAX_BYTES", 20 * 1024 * 1024),
        challenge_reminder_days=_int(environ, "CHALLENGE_REMINDER_DAYS", 5),
        staff_session_idle_seconds=_int(environ, "STAFF_SESSION_IDLE_SECONDS", 30 * 60),
        staff_session_max_seconds=_int(environ, "STAFF_SESSION_MAX_SECONDS", 12 * 3600),
        sign_in_failure_limit=_int(environ, "SIGN_IN_FAILURE_LIMIT", 5),
        sign_in_account_failure_limit=_int(environ, "SIGN_IN_ACCOUNT_FAILURE_LIMIT", 10),
        sign_in_address_failure_limit=_int(environ, "SIGN_IN_ADDRESS_FAILURE_LIMIT", 50),
        sign_in_cooloff_minutes=_int(environ, "SIGN_IN_COOLOFF_MINUTES", 15),
        account_emails_per_address=_count(environ, "ACCOUNT_EMAILS_PER_ADDRESS", 5),
        forms_per_network_address=_count(environ, "FORMS_PER_NETWORK_ADDRESS", 20),
        feedback_per_network_address=_count(environ, "FEEDBACK_PER_NETWORK_ADDRESS", 10),
        rate_limit_window_minutes=_count(environ, "RATE_LIMIT_WINDOW_MINUTES", 60),
        api_requests_per_minute=_count(environ, "API_REQUESTS_PER_MINUTE", 120),
        trusted_proxy_count=_int(environ, "TRUSTED_PROXY_COUNT", 0),
        log_format=_choice(environ, "LOG_FORMAT", "", {"", "json", "plain"}),
        log_level=_choice(environ, "LOG_LEVEL", "info", {"debug", "info", "warning", "error"}),
        secure_ssl_redirect=_bool(environ, "SECURE_SSL_REDIRECT", True),
        trust_x_forwarded_proto=_bool(environ, "TRUST_X_FORWARDED_PROTO", True),
        hsts_seconds=_int(environ, "HSTS_SECONDS", 31_536_000),
        hsts_include_subdomains=_bool(environ, "HSTS_INCLUDE_SUBDOMAINS", True),
        hsts_preload=_bool(environ, "HSTS_PRELOAD", False),
        worker_heartbeat_max_age=_int(environ, "WORKER_HEARTBEAT_MAX_AGE", 60),
        daily_jobs_at=_time_of_day(environ, "DAILY_JOBS_AT", "06:00"),
        service_owner=environ.get("SERVICE_OWNER", "").strip()
        or "the organisation that runs this portal",
        contact_email=environ.get("CONTACT_EMAIL", "").strip()
        or "contact@challenge-portal.invalid",
    )


SMTP_SCHEMES = {  # scheme -> (default port, STARTTLS, implicit TLS)
    "smtp": (25, False, False),
    "smtp+tls": (587, True, False),
    "smtps": (465, False, True),
}


def smtp_settings(url: str) -> dict:
    """Django's SMTP settings from EMAIL_URL: smtp://user:pass@host:25, smtp+tls:// (STARTTLS)
    or smtps:// (TLS from the start). Unset: {} (the console). A bad address is one line."""
    if not url:
        return {}
    problem = "EMAIL_URL is not a usable mail server address: expected smtp://, smtp+tls:// or "
    problem += "smtps://[user:password@]host[:port]"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured(problem) from None
    if parts.scheme not in SMTP_SCHEMES or not parts.hostname:
        raise ImproperlyConfigured(problem)
    default_port, starttls, implicit_tls = SMTP_SCHEMES[parts.scheme]
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port or default_port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": starttls,
        "EMAIL_USE_SSL": implicit_tls,
    }


NOTIFY_BASE_URL = "https://api.notifications.service.gov.uk"
NOTIFY_KEY = re.compile(r".+-[0-9a-f-]{36}-[0-9a-f-]{36}")


def notify_api_key(key: str) -> str:
    """Notify's keys read `name-<service id>-<secret>`; anything else is one line."""
    if key and not NOTIFY_KEY.fullmatch(key.strip()):
        raise ImproperlyConfigured(
            "NOTIFY_API_KEY is not a GOV.UK Notify API key (name-service id-secret)"
        )
    return key.strip()


def notify_templates(environ) -> dict:
    """Every NOTIFY_TEMPLATE_<KIND> variable, by kind ("decision"), each a Notify template id.
    Which kinds must have one is messaging's to say (messaging.email_kinds.check_templates)."""
    templates = {}
    for name, value in sorted(environ.items()):
        if not name.startswith(NOTIFY_TEMPLATE_PREFIX) or not value.strip():
            continue
        try:
            uuid.UUID(value.strip())
        except ValueError:
            raise ImproperlyConfigured(f"{name} must be a Notify template id") from None
        templates[name.removeprefix(NOTIFY_TEMPLATE_PREFIX).lower()] = value.strip()
    return templates


# Static files: collectstatic writes hashed names and gzip/brotli copies, and whitenoise serves
# them with far-future cache headers.
MANIFEST_STATIC = "whitenoise.storage.CompressedManifestStaticFilesStorage"
PLAIN_STATIC = "django.contrib.staticfiles.storage.StaticFilesStorage"


def storages(cfg: Config, media_root: Path, static_backend: str = PLAIN_STATIC) -> dict:
    """The STORAGES setting: a private S3 bucket when S3_BUCKET is set, files under media_root
    otherwise. Credentials come from the usual AWS variables, read by boto3 itself. Static files
    as named (base.py names the manifest; plain files need no collectstatic, for tests)."""
    if not cfg.s3_bucket:
        default = {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(media_root)},
        }
    else:
        default = {
            "BACKEND": "documents.storage.PrivateS3Storage",
            "OPTIONS": {
                "bucket_name": cfg.s3_bucket,
                "endpoint_url": cfg.s3_endpoint_url or None,
                "region_name": cfg.s3_region,
                # Private: no ACL on any object (the bucket's own policy applies), and every URL
                # handed out is presigned and short-lived.
                "default_acl": None,
                "querystring_auth": True,
                "querystring_expire": cfg.s3_url_expiry,
                "object_parameters": {"ServerSideEncryption": "AES256"},
                # Keys carry a random part, but Wagtail's documents keep their file names: never
                # overwrite an object that exists.
                "file_overwrite": False,
                "signature_version": "s3v4",
                "addressing_style": "path" if cfg.s3_endpoint_url else "virtual",
            },
        }
    return {
        "default": default,
        "staticfiles": {"BACKEND": static_backend},
    }


def logging_config(log_format: str, level: str) -> dict:
    """The LOGGING setting: one JSON object per line, or plain text for a person at a console.
    Each record carries the request id of the request that wrote it (portal.request_log)."""
    formatters = {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "plain": {"format": "%(levelname)s %(name)s %(message)s"},
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "portal.request_log.RequestIdFilter"},
            # DisallowedHost and the other client errors: warnings, no traceback, rate-limited
            "client_errors": {"()": "portal.client_errors_log.ClientErrorFilter"},
        },
        "formatters": {log_format: formatters[log_format]},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": log_format,
                "filters": ["client_errors", "request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": "WARNING"},
        "loggers": {
            "portal": {"level": level.upper()},
            "django_tasks": {"level": level.upper()},
            "django_tasks_db": {"level": level.upper()},
            # Errors are logged once, by Django's request handler, with the request id.
            "django.request": {"level": "ERROR"},
        },
    }


def _ocds_prefix(environ) -> str:
    prefix = environ.get("OCDS_PREFIX") or DEMO_OCDS_PREFIX
    if not OCDS_PREFIX_FORMAT.fullmatch(prefix):
        raise ImproperlyConfigured(
            "OCDS_PREFIX must be the prefix registered with the Open Contracting Partnership: "
            "ocds- and six lower-case letters or digits"
        )
    return prefix


def _org_id(environ, name: str, default: str) -> str:
    value = environ.get(name) or default
    if not ORG_ID_FORMAT.fullmatch(value):
        raise ImproperlyConfigured(
            f"{name} must be an org-id.guide identifier: scheme and id, e.g. GB-COH-01234567"
        )
    return value


def ocds_publisher(cfg: Config) -> tuple[str, str]:
    """(scheme, uid) of the OCDS publisher."""
    scheme, uid = ORG_ID_FORMAT.fullmatch(cfg.ocds_publisher_id).groups()
    return scheme, uid


def check_production_safety(cfg: Config) -> None:
    """Production refuses the demo secret key, DEBUG and the demo's OCDS identifiers."""
    if cfg.secret_key == DEMO_SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set in production (the demo key is refused)")
    if cfg.debug:
        raise ImproperlyConfigured("DEBUG must be off in production")
    if cfg.ocds_prefix == DEMO_OCDS_PREFIX:
        raise ImproperlyConfigured(
            "OCDS_PREFIX must be set in production (the demo prefix is refused)"
        )
    if cfg.ocds_publisher_id == DEMO_OCDS_PUBLISHER_ID:
        raise ImproperlyConfigured(
            "OCDS_PUBLISHER_ID must be set in production (the demo publisher is refused)"
        )

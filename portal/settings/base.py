"""Settings shared by every environment. Values from the environment come from config.read()."""

from datetime import timedelta

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from . import config

CONFIG = config.read()
BASE_DIR = config.BASE_DIR
VAR_DIR = config.VAR_DIR
DATA_DIR = BASE_DIR / "data"
NODE_MODULES = BASE_DIR / "node_modules"
GOVUK_FRONTEND_DIR = NODE_MODULES / "govuk-frontend" / "dist" / "govuk"

SECRET_KEY = CONFIG.secret_key
DEBUG = CONFIG.debug
ALLOWED_HOSTS = CONFIG.allowed_hosts
BASE_URL = CONFIG.base_url
WAGTAILADMIN_BASE_URL = CONFIG.base_url

INSTALLED_APPS = [
    "portal",
    "accounts",
    "messaging",
    "documents",
    "challenges",
    "procurement",
    "agreements",
    "offers",
    "search",
    "alerts",
    "dashboard",
    "opendata",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_ratelimit",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "csp",
]

MIDDLEWARE = [
    "portal.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # whitenoise (portal.static_files): /static/ (hashed, compressed) and GOV.UK's /assets/
    "portal.static_files.StaticFilesMiddleware",
    "portal.security_headers.PortalCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # /api/v1/ and /data/: CORS, ETag, Last-Modified and 304s; the API's errors as JSON
    "opendata.http.OpenDataHeadersMiddleware",
    "portal.null_characters.RefuseNullCharactersMiddleware",  # a 400, not a database error
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.audit.actor.AuditActorMiddleware",  # who acts, for privilege changes' events
    "portal.security_headers.NoStoreWhenSignedInMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.session_limits.StaffSessionLimitsMiddleware",
    "accounts.second_factor.RequireSecondFactorMiddleware",
    "accounts.password_change.RequirePasswordChangeMiddleware",  # a weak password, changed first
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.admin_addresses.AdminMalformedAddressMiddleware",  # Wagtail's lookups: 404, not 500
    "portal.protected_deletes.AdminProtectedDeleteMiddleware",  # a protected delete: a message
    "portal.cms_page_scope.CmsPageScopeMiddleware",  # the CMS's page views: own authority only
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the 429 page
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["portal.templatetags.portal_tags"],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]
FORM_RENDERER = "portal.forms.GovukFormRenderer"

DATABASES = {"default": CONFIG.database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "accounts.auth.EmailBackend"]
LOGIN_URL = "/account/sign-in/"
LOGIN_REDIRECT_URL = "/account/"
LOGOUT_REDIRECT_URL = "/"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "first_name", "last_name")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.passwords.ServiceWordsValidator"},
    {"NAME": "accounts.passwords.PublishedPasswordsValidator"},
    {"NAME": "accounts.passwords.StrengthValidator"},  # zxcvbn
]
DEMO_ACCOUNTS_KEEP_PASSWORD = False  # demo and tests: the README's password (password_change)
PASSWORD_MINIMAL_STRENGTH = 3  # zxcvbn's score, 0-4: 3 is "safely unguessable" online and off
PASSWORD_RESET_TIMEOUT = 3600  # a reset link works for one hour, and once (the token hashes
# the password)

# Accounts and sessions (accounts/session_limits.py, accounts/second_factor.py, accounts/lockout.py)
SESSION_COOKIE_AGE = 14 * 24 * 3600  # providers: two weeks
STAFF_SESSION_IDLE_SECONDS = CONFIG.staff_session_idle_seconds
STAFF_SESSION_MAX_SECONDS = CONFIG.staff_session_max_seconds
OTP_TOTP_ISSUER = "Challenge and Transfer Portal"
DEMO_COMMANDS = False  # `manage.py totp`: only the demo settings turn it on
# Three counts, each with its own limit (accounts/lockout.py): one account from one address at
# AXES_FAILURE_LIMIT; one account from anywhere at a higher limit; one network address, which
# may be a whole council's behind its proxy, only at a much higher one.
AXES_HANDLER = "accounts.lockout.ThreeCountsHandler"
AXES_FAILURE_LIMIT = CONFIG.sign_in_failure_limit
SIGN_IN_ACCOUNT_FAILURE_LIMIT = CONFIG.sign_in_account_failure_limit
SIGN_IN_ADDRESS_FAILURE_LIMIT = CONFIG.sign_in_address_failure_limit
AXES_COOLOFF_TIME = timedelta(minutes=CONFIG.sign_in_cooloff_minutes)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
AXES_USERNAME_CALLABLE = "accounts.lockout.username"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.locked_out_response"
AXES_SENSITIVE_PARAMETERS = ["password", "email", "username"]
AXES_CLIENT_STR_CALLABLE = "accounts.lockout.client_str"  # logs name no email and no address
AXES_DISABLE_ACCESS_LOG = True  # no row per successful sign-in
TRUSTED_PROXY_COUNT = CONFIG.trusted_proxy_count
# Rate limits on the forms that send email or store what anyone types (accounts/rate_limits.py,
# django-ratelimit) and on the open data API (opendata/throttling.py, django-ninja's throttles),
# counted in the shared cache so that they hold across web processes.
ACCOUNT_EMAILS_PER_ADDRESS = CONFIG.account_emails_per_address
FORMS_PER_NETWORK_ADDRESS = CONFIG.forms_per_network_address
FEEDBACK_PER_NETWORK_ADDRESS = CONFIG.feedback_per_network_address
RATE_LIMIT_WINDOW_MINUTES = CONFIG.rate_limit_window_minutes
API_REQUESTS_PER_MINUTE = CONFIG.api_requests_per_minute
RATELIMIT_USE_CACHE = "shared"
RATELIMIT_CACHE_PREFIX = "ratelimit:"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "portal" / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "portal.static_finders.GovukFrontendFinder",  # its compiled files and assets only
]
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = config.storages(CONFIG, MEDIA_ROOT, static_backend=config.MANIFEST_STATIC)
# GOV.UK Frontend's stylesheet asks for its fonts and images at /assets/ (portal.static_files).
GOVUK_ASSETS_URL = "/assets/"
S3_ENABLED = bool(CONFIG.s3_bucket)
# Uploads stream through one handler that hashes them and spools them to a temporary file
# (documents.uploads); they are never held whole in memory.
FILE_UPLOAD_HANDLERS = ["documents.uploads.StreamingUploadHandler"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
UPLOAD_MAX_BYTES = CONFIG.upload_max_bytes
UPLOAD_CHUNK_BYTES = 256 * 1024
DOCUMENT_URL_EXPIRY = CONFIG.s3_url_expiry  # seconds a presigned download address stays valid

# Every task queue the code uses (django-tasks refuses a task on another); run_worker drains all.
TASK_QUEUES = ["default"]
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": TASK_QUEUES,
    }
}
# The worker (manage.py run_worker, portal/worker.py): every HEARTBEAT seconds it records that it
# is alive, claims and queues the day's jobs, and queues each sweep that is due.
WORKER_HEARTBEAT_SECONDS = 5
WORKER_HEARTBEAT_MAX_AGE = CONFIG.worker_heartbeat_max_age  # /readyz: older is not ready
DAILY_JOBS_AT = CONFIG.daily_jobs_at  # (hour, minute), local time
# Each app adds its daily jobs and sweeps to portal.registry in its AppConfig.ready().
EMAIL_BACKLOG_MAX_AGE = 900  # /readyz: seconds the oldest waiting email may wait

# Email: every message is an outbox row (messaging/outbox/) delivered by GOV.UK Notify when
# NOTIFY_API_KEY is set, otherwise by Django's backend: SMTP from EMAIL_URL, or the console.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
globals().update(CONFIG.smtp)  # EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, ... from EMAIL_URL
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = CONFIG.default_from_email
NOTIFY_API_KEY = CONFIG.notify_api_key
NOTIFY_BASE_URL = CONFIG.notify_base_url
NOTIFY_TEMPLATES = CONFIG.notify_templates

# Each process's own memory: it holds only what may differ between processes for a while
# (Wagtail's map of Sites to root pages, read for every page URL, so a shared cache would cost a
# query per link). Entries expire after five minutes, so an edit to a Site reaches every process
# by then. Everything that must be shared (sessions, tasks, emails, lockouts) is in the database.
# "shared" is a table in the database (made by `createcachetable`: the release step, the demo's
# preparation, Django's test databases), for what every process must see at once: the public
# lists' filter options and totals (portal/public_lists.py).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "TIMEOUT": 300,
    },
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_shared_cache",
    },
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content Security Policy (django-csp; portal.security_headers): inline scripts only with the
# request's nonce, in the admin too (portal/wagtail_csp.py); the admin's inline styles are allowed.
_CSP_COMMON = {
    "default-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "form-action": [SELF],
    "base-uri": [SELF],
    "object-src": [NONE],
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_CSP_COMMON,
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "frame-ancestors": [NONE],
    }
}
CSP_ADMIN_PATH = "/admin/"
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **_CSP_COMMON,
        "img-src": [SELF, "data:", "blob:"],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "frame-src": [SELF],  # page previews
        "frame-ancestors": [SELF],
    }
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

WAGTAIL_SITE_NAME = "Challenge and Transfer Portal"
# Named on the privacy notice, contact and accessibility pages (portal/info_views.py).
SERVICE_OWNER = CONFIG.service_owner
CONTACT_EMAIL = CONFIG.contact_email
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Wagtail's documents live on the same storage and pass the same checks as every upload; on S3
# the serve view checks the collection's privacy, then redirects to a short-lived presigned URL.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "documents.uploads.CheckedDocumentForm"
WAGTAILDOCS_SERVE_METHOD = "redirect" if S3_ENABLED else "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv", "png", "jpg", "jpeg"]
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILADMIN_COMMENTS_ENABLED = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # staff email hashes never go to Gravatar
WAGTAIL_ENABLE_UPDATE_CHECK = False  # nor do staff browsers call wagtail.org from the CMS

ELASTICSEARCH_URL = CONFIG.elasticsearch_url
SEARCH_INDEX_PREFIX = CONFIG.search_index_prefix
SEARCH_INDEX_REPLICAS = CONFIG.search_index_replicas
OCDS_PREFIX = CONFIG.ocds_prefix
OCDS_PUBLISHER_SCHEME, OCDS_PUBLISHER_UID = config.ocds_publisher(CONFIG)

# One line per request (portal.request_log); JSON in production (LOG_FORMAT), plain text in the
# demo. Every line carries the request id of the request that wrote it.
LOG_FORMAT = CONFIG.log_format or "plain"
LOGGING = config.logging_config(LOG_FORMAT, CONFIG.log_level)
SILENCED_SYSTEM_CHECKS = [
    "models.W047",  # SQLite (the demo) cannot enforce NULLS NOT DISTINCT
    # django-ratelimit prefers memcached or Redis: the shared cache is a database table, whose
    # increment is a read then a write, so two requests at the same instant may count as one
    # (docs/security.md). Shared by every web process, which a per-process cache would not be.
    "django_ratelimit.E003",
    "django_ratelimit.W001",
]
# Each app adds its URLs, demo seeders, daily jobs and worker sweeps to portal.registry in its
# AppConfig.ready() (see docs/layout.md).
CHALLENGE_REMINDER_DAYS = (
    CONFIG.challenge_reminder_days
)  # remind decision makers this many days ahead

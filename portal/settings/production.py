"""Production: refuses to start with the demo secret key or with DEBUG on."""

from .base import *  # noqa: F403
from .base import CONFIG
from .config import check_email, check_production_safety

check_production_safety(CONFIG)
check_email(CONFIG)
DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31_536_000
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

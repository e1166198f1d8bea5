"""Production: refuses to start with the demo secret key or with DEBUG on.

`manage.py check --deploy` reports nothing with these settings (the release step fails if it
does); the one check silenced is explained where it is.
"""

from . import config
from .base import *  # noqa: F403
from .base import CONFIG, SILENCED_SYSTEM_CHECKS, TASK_QUEUES

config.check_production_safety(CONFIG)
DEBUG = False
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}

# Behind a load balancer or proxy that terminates TLS and says so in X-Forwarded-Proto.
# TRUST_X_FORWARDED_PROTO=false when nothing in front of the portal sets (and strips) it.
if CONFIG.trust_x_forwarded_proto:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = CONFIG.secure_ssl_redirect
# /healthz and /readyz answer on plain HTTP too: load balancers probe the process directly.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = CONFIG.hsts_seconds
SECURE_HSTS_INCLUDE_SUBDOMAINS = CONFIG.hsts_include_subdomains
SECURE_HSTS_PRELOAD = CONFIG.hsts_preload
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

SILENCED_SYSTEM_CHECKS = [
    *SILENCED_SYSTEM_CHECKS,
    # HSTS preloading commits the whole domain (a council's, usually) to HTTPS in browsers'
    # lists for good: the domain's owner decides it (HSTS_PRELOAD=true), not the portal.
    *([] if CONFIG.hsts_preload else ["security.W021"]),
    # SECURE_SSL_REDIRECT=false says that the load balancer redirects HTTP to HTTPS itself.
    *([] if CONFIG.secure_ssl_redirect else ["security.W008"]),
]

LOG_FORMAT = CONFIG.log_format or "json"
LOGGING = config.logging_config(LOG_FORMAT, CONFIG.log_level)

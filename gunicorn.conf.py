"""gunicorn's settings for the web process (`gunicorn --config gunicorn.conf.py portal.wsgi`).

PORT, WEB_CONCURRENCY (worker processes), GUNICORN_THREADS and GUNICORN_TIMEOUT come from the
environment. Requests are logged by the portal itself (portal.request_log, one JSON line each,
with a request id), so gunicorn's own access log is off; its error log goes to stderr.
"""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"  # noqa: S104
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * multiprocessing.cpu_count() + 1, 8))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
wsgi_app = "portal.wsgi:application"

# A request that takes longer than this is killed (and its worker restarted); uploads stream to
# disk, so even a large one fits. On SIGTERM, requests in flight get graceful_timeout to finish.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5  # behind a load balancer that keeps connections open

# Restart each worker now and then (jittered, so not all at once): a slow leak cannot grow.
max_requests = 2000
max_requests_jitter = 200

accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Load the application before forking: a configuration error stops the start with one message,
# and the workers share the imported code.
preload_app = True
# gunicorn 25+ opens a control socket at one path per user (~/.gunicorn/gunicorn.ctl), so two web
# processes on one host would fight over it; nothing here uses gunicornc.
control_socket_disable = True

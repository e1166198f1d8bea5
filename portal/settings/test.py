"""Tests: the real components named by the environment (make test sets DATABASE_URL and more)."""

import dataclasses
import os

from . import config
from .base import *  # noqa: F403
from .base import CONFIG, SEARCH_INDEX_PREFIX, TASK_QUEUES

# Each pytest-xdist worker ("gw0", "gw1", ...) has a test database of its own (pytest-django);
# its own search indices and files too, so that one worker never sees the other's.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")

DEBUG = False
ALLOWED_HOSTS = [*CONFIG.allowed_hosts, "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": TASK_QUEUES,
    }
}
if WORKER:
    SEARCH_INDEX_PREFIX = f"{SEARCH_INDEX_PREFIX}-{WORKER}"
MEDIA_ROOT = BASE_DIR / "test-output" / "media" / (WORKER or "main")  # noqa: F405
# Real files in a folder, which is quicker than the S3 server: tests about S3 itself ask for the
# `s3` fixture (tests/documents/conftest.py), which points the storage at the S3 server that
# S3_BUCKET names (S3_ENABLED says there is one). Static files straight from their folders,
# without collectstatic's manifest (tests/operations runs collectstatic and checks the manifest
# and whitenoise's headers).
STORAGES = config.storages(dataclasses.replace(CONFIG, s3_bucket=""), MEDIA_ROOT)
WAGTAILDOCS_SERVE_METHOD = "serve_view"
STATIC_ROOT = BASE_DIR / "test-output" / "static"  # noqa: F405
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing folder
# The seeded @demo.invalid accounts keep the README's password (accounts/password_change.py).
DEMO_ACCOUNTS_KEEP_PASSWORD = True

"""Tests: the real components named by the environment (make test sets DATABASE_URL and more)."""

from . import config
from .base import *  # noqa: F403
from .base import CONFIG, TASK_QUEUES

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
MEDIA_ROOT = BASE_DIR / "test-output" / "media"  # noqa: F405  (real files; S3 when S3_BUCKET is set)
# Static files straight from their folders, without collectstatic's manifest (tests/operations
# runs collectstatic and checks the manifest and whitenoise's headers).
STORAGES = config.storages(CONFIG, MEDIA_ROOT)
STATIC_ROOT = BASE_DIR / "test-output" / "static"  # noqa: F405
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing folder

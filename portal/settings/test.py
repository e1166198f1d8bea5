"""Tests: the real components named by the environment (make test sets DATABASE_URL and more)."""

from . import config
from .base import *  # noqa: F403
from .base import CONFIG

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = BASE_DIR / "test-output" / "media"  # noqa: F405  (real files; S3 when S3_BUCKET is set)
STORAGES = config.storages(CONFIG, MEDIA_ROOT)

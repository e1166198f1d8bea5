"""The name manage.py used before portal.settings.demo: the same settings."""

from .demo import *  # noqa: F403

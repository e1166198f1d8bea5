"""The embedded demo: `make demo`."""

from .base import *  # noqa: F403

DEMO_COMMANDS = True  # manage.py totp prints a demo staff account's current code

"""The embedded demo: `make demo`."""

from .base import *  # noqa: F403

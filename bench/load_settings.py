"""Settings for the load benchmark's gunicorn: the test settings (DEBUG off, the real components
named by the environment) with a URLconf that adds the framework's floor, /bench/floor, to the
portal's own addresses. The floor exists only here, never in portal.urls."""

from portal.settings.test import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.load_urls"

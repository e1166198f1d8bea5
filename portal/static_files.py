"""Static files through whitenoise: /static/ from collectstatic (hashed names cached for a year,
gzip and brotli copies), and GOV.UK Frontend's fonts and images at /assets/, where its stylesheet
asks for them."""

from pathlib import Path

from django.conf import settings
from whitenoise.middleware import WhiteNoiseMiddleware


def govuk_assets_dir() -> Path:
    """The collected copy when collectstatic has run (compressed, no node_modules needed at run
    time), otherwise GOV.UK Frontend's own folder."""
    collected = Path(settings.STATIC_ROOT or "") / "govuk" / "assets"
    if settings.STATIC_ROOT and collected.is_dir():
        return collected
    return settings.GOVUK_FRONTEND_DIR / "assets"


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    def __init__(self, get_response=None):
        super().__init__(get_response)
        self.add_files(str(govuk_assets_dir()), prefix=settings.GOVUK_ASSETS_URL)

"""GOV.UK Frontend's compiled stylesheet and script (with their source maps) and its fonts and
images, as /static/govuk/...: its dist folder also holds about 1,700 Sass, Nunjucks and module
sources that no page asks for, and collecting (hashing, gzip and brotli) those tripled the time
of every collectstatic (the demo's first start, the release step)."""

import os

from django.conf import settings
from django.contrib.staticfiles import utils
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage
from django.utils._os import safe_join

PREFIX = "govuk"
COMPILED = {
    "govuk-frontend.min.css",
    "govuk-frontend.min.css.map",
    "govuk-frontend.min.js",
    "govuk-frontend.min.js.map",
}
ASSETS = "assets/"


def kept(relative: str) -> bool:
    return relative in COMPILED or relative.startswith(ASSETS)


class GovukFrontendFinder(BaseFinder):
    def __init__(self, app_names=None, *args, **kwargs):
        self.storage = FileSystemStorage(location=settings.GOVUK_FRONTEND_DIR)
        self.storage.prefix = PREFIX

    def check(self, **kwargs):
        if not os.path.isdir(settings.GOVUK_FRONTEND_DIR):
            return [
                Error(
                    f"GOV.UK Frontend is not installed at {settings.GOVUK_FRONTEND_DIR}",
                    hint="Run `npm ci` (the Makefile's `deps`).",
                    id="portal.E010",
                )
            ]
        return []

    def find(self, path, find_all=False, **kwargs):
        find_all = find_all or kwargs.get("all", False)
        found = []
        relative = path.removeprefix(PREFIX + "/")
        if relative != path and kept(relative):
            full = safe_join(self.storage.location, relative)
            if os.path.isfile(full):
                found.append(full)
        if find_all:
            return found
        return found[0] if found else None

    def list(self, ignore_patterns):
        for path in utils.get_files(self.storage, ignore_patterns):
            if kept(path):
                yield path, self.storage

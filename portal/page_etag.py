"""Strong ETags for public pages whose bytes change on every request (the CSP nonce in each
page) although what they show does not: made from what the page shows and the version of the
templates, so that If-None-Match gets a 304 while both hold.

Only for anonymous requests with no one-off message waiting: a signed-in page carries the
person's own header (their tasks, their name) and is never cached by anyone (`private,
no-store`)."""

import functools
import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib import messages

PRIVATE = "private, no-store"


@functools.cache
def templates_version() -> str:
    """A digest of the portal's own templates (they change only with a release)."""
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    skipped = {".venv", "node_modules", "test-output", "var"}
    for path in sorted(root.glob("**/templates/**/*.html")):
        if skipped.isdisjoint(path.relative_to(root).parts):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def mark(request, response, *shown: str):
    """Give the response its ETag made of `shown`, or mark it private for a signed-in person;
    the conditional-GET middleware answers If-None-Match from it."""
    if getattr(request.user, "is_authenticated", False):
        response["Cache-Control"] = PRIVATE
        return response
    if len(messages.get_messages(request)):  # a message is shown once: never answer 304
        return response
    digest = hashlib.sha256(templates_version().encode())
    for part in shown:
        digest.update(b"\0" + part.encode())
    response["ETag"] = f'"{digest.hexdigest()[:40]}"'
    return response

"""The storage's part of /readyz."""

from portal.health import register_ready


@register_ready("storage")
def files() -> dict:
    """The default storage: which backend, and that it answers (S3: HEAD on the bucket)."""
    from documents import storage

    return storage.check()

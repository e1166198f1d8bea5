"""Where files live: a private S3 bucket through django-storages (boto3), or local files.

Everything that stores or reads a file goes through Django's default storage, so the same code
runs on the embedded demo (var/media) and on S3. This module adds what the portal needs on top:
the S3 backend's safe defaults, the storage's health, and listing every stored key (for
`manage.py storage_orphans`).
"""

import base64
import os
from collections.abc import Iterator

from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, storages
from storages.backends.s3 import S3Storage
from storages.utils import is_seekable

# One PUT up to this size: S3 takes a single request up to 5 GB, and a single request streams
# from the spooled file without holding parts in memory (multipart reads each part into memory).
SINGLE_PUT_LIMIT = 256 * 1024 * 1024


class PrivateS3Storage(S3Storage):
    """S3 with no public ACLs, server-side encryption, bounded retries and end-to-end integrity.

    Every object is written with its SHA-256 (a checked upload's, or computed here) as
    ChecksumSHA256: S3 refuses the object if the bytes it received differ, and keeps the checksum
    with the object (HEAD with ChecksumMode=ENABLED returns it; storage_orphans --verify uses it).
    """

    def __init__(self, **settings_):
        settings_.setdefault(
            "client_config",
            Config(
                s3={
                    "addressing_style": settings_.get("addressing_style") or "virtual",
                    # Every PUT carries a signed ChecksumSHA256 header that S3 checks the body
                    # against, so the body need not be hashed again for the signature (botocore
                    # would, over http, reading it in 1 MiB blocks).
                    "payload_signing_enabled": False,
                },
                signature_version=settings_.get("signature_version") or "s3v4",
                retries={"max_attempts": 3, "mode": "standard"},
                connect_timeout=5,
                read_timeout=60,
                # We send our own SHA-256; botocore need not compute a CRC as well.
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
            ),
        )
        settings_.setdefault(
            "transfer_config",
            TransferConfig(multipart_threshold=SINGLE_PUT_LIMIT, max_concurrency=1),
        )
        super().__init__(**settings_)

    def _get_write_parameters(self, name, content=None):
        params = super()._get_write_parameters(name, content)
        if getattr(content, "truncated", False):
            raise ValueError("an upload over UPLOAD_MAX_BYTES was cut short and cannot be stored")
        sha256 = getattr(content, "sha256", None)
        if not sha256 and content is not None and is_seekable(content):
            # Wagtail's renditions and anything else saved without a checked upload's hash.
            from documents.uploads import sha256_of

            sha256 = sha256_of(content)
        if sha256:
            params["ChecksumAlgorithm"] = "SHA256"
            params["ChecksumSHA256"] = base64.b64encode(bytes.fromhex(sha256)).decode()
        return params

    def iter_keys(self) -> Iterator[tuple[str, object]]:
        """Every key in the bucket with its last-modified time."""
        for summary in self.bucket.objects.all():
            yield summary.key, summary.last_modified

    def check(self) -> dict:
        self.connection.meta.client.head_bucket(Bucket=self.bucket_name)
        return {"backend": "s3", "bucket": self.bucket_name}


def backend():
    """The default storage itself (the instance behind Django's lazy default_storage)."""
    return storages["default"]


def is_s3(storage=None) -> bool:
    return isinstance(storage or backend(), S3Storage)


def iter_keys(storage=None) -> Iterator[tuple[str, object]]:
    """Every stored key with its last-modified time (an aware datetime)."""
    storage = storage or backend()
    if isinstance(storage, PrivateS3Storage):
        yield from storage.iter_keys()
        return
    if isinstance(storage, FileSystemStorage):
        root = storage.location
        for folder, _dirs, files in os.walk(root):
            for name in files:
                path = os.path.join(folder, name)
                key = os.path.relpath(path, root).replace(os.sep, "/")
                yield key, storage.get_modified_time(key)
        return
    raise ImproperlyConfigured(
        f"storage_orphans lists S3 or local files only, not {type(storage).__name__}"
    )


def check() -> dict:
    """Health: which backend, and whether it answers."""
    storage = backend()
    if isinstance(storage, PrivateS3Storage):
        return storage.check()
    location = getattr(storage, "location", settings.MEDIA_ROOT)
    os.makedirs(location, exist_ok=True)
    if not os.access(location, os.W_OK):
        raise PermissionError("media folder is not writable")
    return {"backend": "local"}

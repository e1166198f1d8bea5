"""List (and with --delete remove) stored objects that no row refers to, and document rows whose
object is missing. With --verify, also check each object's SHA-256 against its row."""

import base64
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from documents import storage
from documents.models import StoredDocument
from documents.uploads import sha256_of


def referenced_keys() -> set[str]:
    """Every key a row points to: stored documents, Wagtail's documents and images, and the
    open data bulk files."""
    from opendata.models import BulkFile

    keys = set(StoredDocument.objects.values_list("storage_key", flat=True))
    keys |= set(BulkFile.objects.values_list("key", flat=True))
    keys |= set(get_document_model().objects.values_list("file", flat=True))
    image_model = get_image_model()
    keys |= set(image_model.objects.values_list("file", flat=True))
    rendition_model = image_model.get_rendition_model()
    keys |= set(rendition_model.objects.values_list("file", flat=True))
    return keys


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="remove what is listed")
        parser.add_argument(
            "--min-age",
            type=int,
            default=60,
            metavar="MINUTES",
            help="leave objects younger than this alone: their row may not be committed yet "
            "(default 60)",
        )
        parser.add_argument(
            "--verify", action="store_true", help="check each object's SHA-256 against its row"
        )

    def handle(self, *args, delete=False, min_age=60, verify=False, **options):
        backend = storage.backend()
        try:
            stored = dict(storage.iter_keys(backend))
        except Exception as exc:  # one line for an unreachable or refusing storage
            raise CommandError(f"The storage did not answer: {type(exc).__name__}") from None
        cutoff = timezone.now() - timedelta(minutes=min_age)
        referenced = referenced_keys()

        objects = sorted(
            k for k, modified in stored.items() if k not in referenced and modified <= cutoff
        )
        rows = list(StoredDocument.objects.exclude(storage_key__in=stored).order_by("created_at"))
        for key in objects:
            self.stdout.write(f"object without a row: {key}")
            if delete:
                backend.delete(key)
        for row in rows:
            self.stdout.write(f"row without an object: {row.pk} {row.storage_key}")
            if delete:
                row.delete()
        verb = "Removed" if delete else "Found"
        self.stdout.write(
            f"{verb} {len(objects)} object(s) without a row "
            f"and {len(rows)} row(s) without an object"
        )
        if verify:
            self._verify(backend, stored)

    def _verify(self, backend, stored):
        mismatched = unchecked = 0
        for row in StoredDocument.objects.filter(storage_key__in=stored).iterator():
            if storage.is_s3(backend):
                head = backend.connection.meta.client.head_object(
                    Bucket=backend.bucket_name, Key=row.storage_key, ChecksumMode="ENABLED"
                )
                kept = head.get("ChecksumSHA256")
                if kept is None:
                    unchecked += 1
                    continue
                actual = base64.b64decode(kept).hex()
            else:
                with backend.open(row.storage_key, "rb") as file:
                    actual = sha256_of(file)
            if actual != row.sha256:
                mismatched += 1
                self.stdout.write(f"checksum differs: {row.pk} {row.storage_key}")
        self.stdout.write(
            f"Verified: {mismatched} checksum(s) differ"
            + (f", {unchecked} object(s) carry no checksum" if unchecked else "")
        )
        if mismatched:
            raise CommandError(f"{mismatched} document(s) do not match their SHA-256")

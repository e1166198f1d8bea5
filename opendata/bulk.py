"""The daily bulk downloads at /data/: each collection as gzipped CSV and JSON Lines, and every
procurement exercise's OCDS record in one gzipped record package, written to the portal's
storage (S3 in production) by the worker's daily job `build_open_data`.

Rows are the API's rows (opendata.collections), so a file never holds more than the public
pages show. Each file is listed with its row count, SHA-256 (of the gzipped bytes, as
downloaded), size and the moment it was built; the previous day's files are removed once the
new ones are stored.
"""

import gzip
import hashlib
import io
import itertools
import json
import logging
import tempfile

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from portal.spreadsheets import csv_lines
from procurement import ocds

from .collections import COLLECTIONS, Collection
from .exact_json import ExactTimesEncoder
from .models import BulkFile

log = logging.getLogger(__name__)
FOLDER = "open-data"
CHUNK = 500


class _HashingWriter(io.RawIOBase):
    """Writes to a temporary file, counting and hashing the bytes on the way."""

    def __init__(self, target):
        self.target, self.sha256, self.size = target, hashlib.sha256(), 0

    def writable(self):
        return True

    def write(self, data):
        self.sha256.update(data)
        self.size += len(data)
        return self.target.write(data)


def _rows(collection: Collection):
    queryset = collection.queryset().order_by(F(collection.modified).asc(nulls_first=True), "pk")
    for obj in queryset.iterator(chunk_size=CHUNK):
        row = collection.schema.model_validate(collection.row(obj)).model_dump()
        # Encoded as the API encodes it (dates, times to the millisecond), so a line of a file
        # is the API's answer for the row.
        yield json.loads(json.dumps(row, cls=ExactTimesEncoder))


def _cell(value):
    """A cell as the CSV shows it (csv_lines then passes it through safe_cell)."""
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _write_csv(collection, out) -> int:
    columns = list(collection.schema.model_fields)
    rows = ([_cell(row[c]) for c in columns] for row in _rows(collection))
    lines = 0
    for line in csv_lines(itertools.chain([columns], rows)):
        out.write(line.encode())
        lines += 1
    return lines - 1  # the header line is not a row


def _write_jsonl(collection, out) -> int:
    count = 0
    for row in _rows(collection):
        out.write(json.dumps(row, ensure_ascii=False).encode() + b"\n")
        count += 1
    return count


def _write_ocds(_collection, out) -> int:
    """One record package with the record of every published exercise."""
    from procurement.models import ProcurementExercise

    exercises = ProcurementExercise.objects.published().order_by("reference")
    records = [ocds.record(e) for e in exercises.iterator(chunk_size=CHUNK)]
    package = ocds.record_package_of(records, uri=ocds.bulk_uri())
    out.write(json.dumps(package, ensure_ascii=False).encode())
    return len(records)


def _files():
    """(name, collection, format, writer) of every bulk file."""
    for collection in COLLECTIONS:
        yield f"{collection.name}.csv.gz", collection, "csv", _write_csv
        yield f"{collection.name}.jsonl.gz", collection, "jsonl", _write_jsonl
    yield "ocds-records.json.gz", None, "ocds", _write_ocds


def _build_one(name, collection, file_format, writer, day) -> BulkFile:
    with tempfile.TemporaryFile() as tmp:
        hashing = _HashingWriter(tmp)
        with gzip.GzipFile(filename=name.removesuffix(".gz"), mode="wb", fileobj=hashing,
                           mtime=0) as gz:  # fmt: skip
            rows = writer(collection, gz)
        tmp.seek(0)
        key = f"{FOLDER}/{day.isoformat()}/{name}"
        if default_storage.exists(key):
            default_storage.delete(key)
        stored = default_storage.save(key, File(tmp, name=name))
    return BulkFile(
        name=name,
        collection=collection.name if collection else "procurement",
        file_format=file_format,
        key=stored,
        rows=rows,
        size=hashing.size,
        sha256=hashing.sha256.hexdigest(),
        built_at=timezone.now(),
    )


def build() -> list[BulkFile]:
    day = timezone.localdate()
    built = [_build_one(*spec, day) for spec in _files()]
    old_keys = set(BulkFile.objects.values_list("key", flat=True)) - {f.key for f in built}
    with transaction.atomic():
        BulkFile.objects.all().delete()
        BulkFile.objects.bulk_create(built)
    for key in old_keys:
        try:
            default_storage.delete(key)
        except Exception:  # a file left behind is listed by storage_orphans, not fatal here
            log.warning("could not remove the old open data file %s", key)
    log.info("built %d open data files", len(built))
    return built

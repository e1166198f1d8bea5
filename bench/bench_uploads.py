"""A 10 MB upload through the portal's view against boto3's upload_file to the same S3 server.

Prints the ratio of the two times (goal: view at least 0.7 as fast as boto3 alone) and the peak
memory growth of the upload request under tracemalloc as a multiple of UPLOAD_CHUNK_BYTES (goal:
under 4x: Django's multipart parser hands each chunk to documents.uploads.StreamingUploadHandler,
which hashes and spools it, so the file is never held whole). Needs S3_BUCKET and a database:
`make bench` starts PostgreSQL and the S3 server (moto) and sets both.
"""

import os
import statistics
import tempfile
import time
import tracemalloc
import uuid

from bench.runner import env_int, ready_database

SIZE = env_int("BENCH_UPLOAD_BYTES", 10 * 1024 * 1024, smoke_size=256 * 1024)
ROUNDS = env_int("BENCH_ROUNDS", 5, smoke_size=1)


def _pdf(path: str) -> None:
    """A 10 MB PDF: the header the type check reads, then a large binary stream."""
    with open(path, "wb") as out:
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Length " + str(SIZE).encode())
        out.write(b">>stream\n")
        remaining = SIZE - out.tell() - 32
        block = os.urandom(1024 * 1024)
        while remaining > 0:
            out.write(block[: min(remaining, len(block))])
            remaining -= len(block)
        out.write(b"\nendstream endobj\n%%EOF\n")


def _multipart(source: str, target: str, boundary: str) -> int:
    """Write the request body a browser would send, streaming the file into it."""
    with open(target, "wb") as out, open(source, "rb") as data:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n'
            f"Annual accounts\r\n--{boundary}\r\nContent-Disposition: form-data; "
            f'name="file"; filename="accounts.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
        )
        out.write(head.encode())
        while chunk := data.read(1024 * 1024):
            out.write(chunk)
        out.write(f"\r\n--{boundary}--\r\n".encode())
        return out.tell()


def main() -> None:
    from django.conf import settings
    from django.test import Client, override_settings

    from documents import storage
    from documents.models import StoredDocument

    if not settings.S3_ENABLED:
        print("S3_BUCKET is not set: run `make bench` (it starts the S3 server)")
        return
    ready_database("uploads")
    from portal.settings import config
    from tests import builders

    # The test settings keep files in a folder outside the S3 tests: this benchmark is about S3.
    override_settings(STORAGES=config.storages(config.read(), settings.MEDIA_ROOT)).enable()

    person, organisation = builders.provider(f"Bench Trust {uuid.uuid4().hex[:6]}")
    client = Client()
    client.force_login(person)
    backend = storage.backend()
    s3 = backend.connection.meta.client
    url = f"/account/organisations/{organisation.slug}/documents/"

    with tempfile.TemporaryDirectory() as folder:
        pdf, body = os.path.join(folder, "accounts.pdf"), os.path.join(folder, "body")
        _pdf(pdf)
        boundary = "BenchBoundary" + uuid.uuid4().hex
        length = _multipart(pdf, body, boundary)

        def through_view() -> None:
            with open(body, "rb") as stream:
                response = client.request(
                    REQUEST_METHOD="POST",
                    PATH_INFO=url,
                    CONTENT_TYPE=f"multipart/form-data; boundary={boundary}",
                    CONTENT_LENGTH=str(length),
                    **{"wsgi.input": stream},
                )
            assert response.status_code == 302, response.status_code

        def with_boto3(config=None) -> None:
            key = f"bench/{uuid.uuid4().hex}.pdf"
            s3.upload_file(pdf, backend.bucket_name, key, Config=config)

        single_put = backend.transfer_config  # the portal's own: one PUT, no parts

        through_view()  # warm up both paths (connections, templates, sessions)
        with_boto3()
        with_boto3(single_put)
        view_times, boto_times, single_times = [], [], []
        for _ in range(ROUNDS):
            for run, times in (
                (through_view, view_times),
                (with_boto3, boto_times),
                (lambda: with_boto3(single_put), single_times),
            ):
                started = time.perf_counter()
                run()
                times.append(time.perf_counter() - started)

        growth = {}
        for chunk in sorted({64 * 1024, settings.UPLOAD_CHUNK_BYTES, 1024 * 1024}):
            with override_settings(UPLOAD_CHUNK_BYTES=chunk):
                tracemalloc.start()
                baseline = tracemalloc.get_traced_memory()[0]
                tracemalloc.reset_peak()
                through_view()
                growth[chunk] = tracemalloc.get_traced_memory()[1] - baseline
                tracemalloc.stop()

    view, boto = statistics.median(view_times), statistics.median(boto_times)
    single = statistics.median(single_times)
    chunk = settings.UPLOAD_CHUNK_BYTES
    peak = growth[chunk]
    stored = StoredDocument.objects.filter(owner_id=organisation.pk).count()
    print(f"upload of {SIZE / 2**20:.0f} MB, median of {ROUNDS} rounds, {stored} documents stored")
    print(f"  through the view (check, SHA-256, S3 PUT, row): {view * 1000:.0f} ms")
    print(f"  boto3 upload_file to the same server:         {boto * 1000:.0f} ms")
    print(f"  ratio boto3/view: {boto / view:.2f} (goal >= 0.7)")
    print(f"  boto3 upload_file, one PUT like the portal:   {single * 1000:.0f} ms")
    print(f"  ratio boto3 one PUT/view: {single / view:.2f}")
    print(
        f"  peak memory growth of the request: {peak / 1024:.0f} KB; chunk {chunk / 1024:.0f} KB; "
        f"growth/chunk {peak / chunk:.2f} (goal < 4)"
    )
    print("  for comparison, with other chunk sizes (fixed costs weigh more on small chunks):")
    for size, grew in growth.items():
        print(f"    with {size / 1024:.0f} KB chunks: {grew / 1024:.0f} KB ({grew / size:.2f}x)")

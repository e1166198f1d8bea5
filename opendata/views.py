"""The open data pages: the API's documentation (/api/v1/, from its OpenAPI document) and the
bulk downloads (/data/, each file streamed from the portal's storage)."""

import json

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.http import http_date

from portal import page_etag

from .api import api
from .collections import COLLECTIONS
from .models import BulkFile

LICENCE = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
FORMATS = {"csv": "CSV", "jsonl": "JSON Lines", "ocds": "OCDS 1.1 record package"}


def _operations():
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    operations = []
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": p["in"],
                            "description": p.get("description", "")
                            or p.get("schema", {}).get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                }
            )
    return operations


def api_docs(request):
    operations = _operations()
    response = render(
        request,
        "opendata/api.html",
        {"operations": operations, "collections": COLLECTIONS, "licence": LICENCE},
    )
    return page_etag.mark(request, response, json.dumps(operations, sort_keys=True))


def data_index(request):
    files = list(BulkFile.objects.all())
    titles = {c.name: c.title for c in COLLECTIONS}
    for f in files:
        f.title = titles.get(f.collection, f.collection)
        f.format_label = FORMATS[f.file_format]
        f.sha256_parts = [f.sha256[i : i + 16] for i in range(0, len(f.sha256), 16)]
    response = render(
        request,
        "opendata/data.html",
        {
            "files": files,
            "built_at": max((f.built_at for f in files), default=None),
            "licence": LICENCE,
        },
    )
    shown = [f"{f.name} {f.sha256} {f.size} {f.rows} {f.built_at.isoformat()}" for f in files]
    return page_etag.mark(request, response, *shown)


def data_file(request, name):
    bulk = BulkFile.objects.filter(name=name).first()
    if bulk is None:
        raise Http404("No open data file has this name")
    try:
        handle = default_storage.open(bulk.key, "rb")
    except (FileNotFoundError, OSError):
        raise Http404("The file is being rebuilt; try again in a few minutes") from None
    response = FileResponse(
        handle, as_attachment=True, filename=bulk.name, content_type="application/gzip"
    )
    response["ETag"] = f'"{bulk.sha256}"'
    response["Last-Modified"] = http_date(bulk.built_at.timestamp())
    return response

"""The OCDS tools data users run, offline: the official record-package schema (data/ocds-1.1/),
libcoveocds with the standard's schema and codelists from the same folder (a ZIP laid out like
the standard's repository, instead of a download), and ocdskit's compile."""

import io
import json
import zipfile
from functools import cache
from pathlib import Path

from jsonschema import Draft4Validator
from libcoveocds.api import ocds_json_output
from libcoveocds.config import LibCoveOCDSConfig
from ocdsextensionregistry.versioned_release_schema import get_versioned_release_schema
from ocdskit.combine import merge
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

TAG = "1__1__5"
SCHEMAS = Path(__file__).resolve().parents[2] / "data" / "ocds-1.1"


@cache
def record_package_validator() -> Draft4Validator:
    documents = [
        json.loads((SCHEMAS / name).read_text())
        for name in ("record-package-schema.json", "release-schema.json")
    ]
    registry = Registry().with_resources(
        (d["id"], Resource.from_contents(d, default_specification=DRAFT4)) for d in documents
    )
    return Draft4Validator(
        documents[0], registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER
    )


def record_package_errors(document) -> list[str]:
    return [
        f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message}"
        for e in record_package_validator().iter_errors(document)
    ]


@cache
def _standard_zip() -> bytes:
    """The standard's schema folder as libcoveocds reads it; the versioned release schema is
    derived from the release schema by ocdsextensionregistry, as the standard's build does."""
    release = json.loads((SCHEMAS / "release-schema.json").read_text())
    versioned = get_versioned_release_schema(release, TAG)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(f"standard-{TAG}/", "")
        for path in sorted(SCHEMAS.rglob("*")):
            if path.is_file() and path.suffix in (".json", ".csv"):
                z.write(path, f"standard-{TAG}/schema/{path.relative_to(SCHEMAS)}")
        z.writestr(
            f"standard-{TAG}/schema/versioned-release-validation-schema.json", json.dumps(versioned)
        )
    return buffer.getvalue()


def libcove_report(package: dict) -> dict:
    config = LibCoveOCDSConfig({"context": "api", "standard_zip": _standard_zip()})
    return ocds_json_output(json_data=package, lib_cove_ocds_config=config)


def ocdskit_compile(release_package: dict) -> dict:
    """`ocdskit compile --package` on one release package, with the repository's schema."""
    schema = json.loads((SCHEMAS / "release-schema.json").read_text())
    packages = list(merge([release_package], return_package=True, schema=schema))
    assert len(packages) == 1
    return packages[0]

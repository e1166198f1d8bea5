"""The official OCDS 1.1 release-package schema, validated offline: the release schema's URL is
mapped to the file kept in the repository."""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SCHEMAS = Path(__file__).resolve().parents[2] / "data" / "ocds-1.1"


@cache
def package_validator() -> Draft4Validator:
    package = json.loads((SCHEMAS / "release-package-schema.json").read_text())
    release = json.loads((SCHEMAS / "release-schema.json").read_text())
    registry = Registry().with_resources(
        [
            (release["id"], Resource.from_contents(release, default_specification=DRAFT4)),
            (package["id"], Resource.from_contents(package, default_specification=DRAFT4)),
        ]
    )
    return Draft4Validator(
        package, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER
    )


def errors(document) -> list[str]:
    return [
        f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message}"
        for e in package_validator().iter_errors(document)
    ]

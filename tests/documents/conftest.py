import contextlib
import dataclasses
import os
import uuid

import boto3
import pytest

from documents import storage
from portal.settings import config
from tests import builders, components


@pytest.fixture(scope="session")
def s3_bucket():
    """This worker's bucket on the S3 server that make test started (moto): S3_BUCKET itself, or
    S3_BUCKET-gw0 and so on under pytest-xdist (tests here list every key of the bucket)."""
    components.require("s3")
    cfg = config.read()
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker:
        return cfg.s3_bucket
    name = f"{cfg.s3_bucket}-{worker}"
    client = boto3.client("s3", endpoint_url=cfg.s3_endpoint_url or None)
    with contextlib.suppress(client.exceptions.BucketAlreadyOwnedByYou):
        client.create_bucket(
            Bucket=name, CreateBucketConfiguration={"LocationConstraint": cfg.s3_region}
        )
    client.put_public_access_block(
        Bucket=name,
        PublicAccessBlockConfiguration=dict.fromkeys(
            ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"),
            True,
        ),
    )
    return name


@pytest.fixture
def s3(settings, s3_bucket):
    """The storage on the S3 server (other tests keep their files in a folder, which is
    quicker); tests that need S3 itself use this."""
    backend = point_storage_at(settings, config.read().s3_endpoint_url, s3_bucket)
    settings.WAGTAILDOCS_SERVE_METHOD = "redirect"
    assert storage.is_s3(backend)
    return backend


@pytest.fixture
def s3_client(s3):
    return boto3.client("s3", endpoint_url=config.read().s3_endpoint_url or None)


@pytest.fixture
def fresh_bucket(s3, s3_client, settings):
    """An empty bucket of its own on the same S3 server (other tests leave objects behind)."""
    name = f"fresh-{uuid.uuid4().hex[:12]}"
    s3_client.create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": s3.region_name}
    )
    return point_storage_at(settings, s3.endpoint_url, name)


@pytest.fixture
def local_storage(settings, tmp_path):
    settings.STORAGES = config.storages(
        dataclasses.replace(config.read(), s3_bucket=""), tmp_path / "media"
    )
    backend = storage.backend()
    assert not storage.is_s3(backend)
    return backend


def point_storage_at(settings, endpoint_url: str, bucket: str):
    cfg = dataclasses.replace(config.read(), s3_bucket=bucket, s3_endpoint_url=endpoint_url)
    settings.STORAGES = config.storages(cfg, settings.MEDIA_ROOT)
    return storage.backend()


@pytest.fixture
def member(db, client):
    person, organisation = builders.provider()
    client.force_login(person)
    return person, organisation


def keys() -> set[str]:
    return {key for key, _ in storage.iter_keys()}

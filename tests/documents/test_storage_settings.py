"""The storage comes from the environment: a private, encrypted S3 bucket, or local files."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from documents.storage import PrivateS3Storage
from portal.settings import config


def test_local_files_without_a_bucket():
    storages = config.storages(config.read({}), Path("/srv/media"))
    assert storages["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": "/srv/media"},
    }


def test_a_private_encrypted_bucket_when_s3_bucket_is_set():
    cfg = config.read(
        {
            "S3_BUCKET": "council-documents",
            "S3_ENDPOINT_URL": "http://127.0.0.1:9000",
            "AWS_DEFAULT_REGION": "eu-west-1",
            "S3_URL_EXPIRY": "120",
        }
    )
    default = config.storages(cfg, Path("/unused"))["default"]
    assert default["BACKEND"] == "documents.storage.PrivateS3Storage"
    options = default["OPTIONS"]
    assert options["bucket_name"] == "council-documents"
    assert options["endpoint_url"] == "http://127.0.0.1:9000"
    assert options["region_name"] == "eu-west-1"
    assert options["default_acl"] is None and options["querystring_auth"] is True
    assert options["querystring_expire"] == 120
    assert options["object_parameters"] == {"ServerSideEncryption": "AES256"}
    assert options["file_overwrite"] is False

    backend = PrivateS3Storage(**options)
    assert backend.client_config.s3["addressing_style"] == "path"
    assert backend.client_config.retries == {"max_attempts": 3, "mode": "standard"}
    assert backend.transfer_config.multipart_threshold >= 25 * 1024 * 1024


def test_aws_itself_uses_virtual_hosted_addresses():
    options = config.storages(config.read({"S3_BUCKET": "b"}), Path("/unused"))["default"]
    assert options["OPTIONS"]["endpoint_url"] is None
    assert options["OPTIONS"]["addressing_style"] == "virtual"


def test_a_bad_expiry_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="S3_URL_EXPIRY"):
        config.read({"S3_URL_EXPIRY": "soon"})

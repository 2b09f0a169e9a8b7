"""S3 bucket names (all of S3's rules) and the shape of AWS region codes."""

import pytest

from ansible_collections.mlflowops.tracking.plugins.test.aws_region import aws_region
from ansible_collections.mlflowops.tracking.plugins.test.s3_bucket_name import s3_bucket_name


@pytest.mark.parametrize("value", ["acme-mlflow-artifacts", "abc", "a" * 63, "acme.mlflow.prod", "123-mlflow",
                                   "mlflow-s3alias-x", "xn-mlflow"])
def test_valid_bucket_names_pass(value):
    assert s3_bucket_name(value)


@pytest.mark.parametrize("value", [
    "ab", "a" * 64, "Acme-mlflow", "acme_mlflow", "-acme", "acme-", ".acme", "acme.", "acme..mlflow",
    "acme.-mlflow", "acme-.mlflow", "192.168.1.1", "xn--acme", "sthree-acme", "amzn-s3-demo-bucket",
    "acme-s3alias", "acme--ol-s3", "acme.mrap", "acme--x-s3", "acme--table-s3", "acme mlflow", "",
    "s3://acme", None, 123])
def test_names_s3_refuses_fail(value):
    assert not s3_bucket_name(value)


@pytest.mark.parametrize("value", ["us-east-1", "eu-central-2", "ap-southeast-5", "us-gov-west-1", "us-iso-east-1",
                                   "us-isob-east-1", "cn-north-1", "ca-central-1", "ap-northeast-3",
                                   "eusc-de-east-1", "il-central-1"])
def test_region_codes_pass(value):
    assert aws_region(value)


@pytest.mark.parametrize("value", ["us-east", "US-EAST-1", "eu-west-1a", "mars-1", "useast1", "us-east-1 ",
                                   "", "us-east-0", None, 1])
def test_other_values_are_not_regions(value):
    assert not aws_region(value)

"""The collection's one rule for public URLs, origins and Host-header allow-lists."""

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.mlflowops.tracking.plugins.filter import urls


@pytest.mark.parametrize("scheme, port, expected", [
    ("https", None, "https://mlflow.example.com"),
    ("https", "", "https://mlflow.example.com"),
    ("https", 443, "https://mlflow.example.com"),
    ("https", "443", "https://mlflow.example.com"),
    ("https", 80, "https://mlflow.example.com:80"),      # https on 80: the port must be written
    ("http", 80, "http://mlflow.example.com"),
    ("http", 443, "http://mlflow.example.com:443"),      # http on 443: the port must be written
    ("http", None, "http://mlflow.example.com"),
    ("https", 8443, "https://mlflow.example.com:8443"),
])
def test_origin_writes_only_a_port_the_scheme_does_not_imply(scheme, port, expected):
    assert urls.origin("mlflow.example.com", scheme, port) == expected


def test_names_are_lower_cased():
    assert urls.origin("MLflow.Example.COM") == "https://mlflow.example.com"
    assert urls.allowed_hosts(["MLflow.Example.com"]) == ["mlflow.example.com", "mlflow.example.com:*"]


@pytest.mark.parametrize("prefix, expected", [
    ("", "https://a.example.com:8443"),
    ("/mlflow", "https://a.example.com:8443/mlflow"),
    ("/mlflow/", "https://a.example.com:8443/mlflow"),
    ("mlflow", "https://a.example.com:8443/mlflow"),
    (None, "https://a.example.com:8443"),
])
def test_public_url_is_the_first_names_origin_and_the_prefix(prefix, expected):
    assert urls.public_url(["a.example.com", "b.example.com"], "https", 8443, prefix) == expected


def test_public_url_takes_one_name_as_a_string_too():
    assert urls.public_url("a.example.com", "http", 8080) == "http://a.example.com:8080"


def test_cors_origins_are_every_names_origin_once():
    assert urls.cors_origins(["a.example.com", "B.example.com", "b.example.com"], "http", 443) == [
        "http://a.example.com:443", "http://b.example.com:443"]


def test_allowed_hosts_add_any_port_variants_and_extras_once():
    assert urls.allowed_hosts(["a.example.com"], ["localhost", "a.example.com"]) == [
        "a.example.com", "a.example.com:*", "localhost", "localhost:*"]


@pytest.mark.parametrize("call", [
    lambda: urls.origin("a.example.com", "ftp"),
    lambda: urls.origin("a.example.com", "https", 0),
    lambda: urls.origin("a.example.com", "https", 70000),
    lambda: urls.origin("a.example.com", "https", "https"),
    lambda: urls.public_url([]),
    lambda: urls.libpq_uri("sqlite:////var/lib/mlflow/mlflow.db"),
])
def test_bad_arguments_are_errors(call):
    with pytest.raises(AnsibleFilterError):
        call()


@pytest.mark.parametrize("uri, expected", [
    ("postgresql+psycopg2://mlflow:s3cr%40t:x@db.internal:5432/mlflow?sslmode=verify-full&sslrootcert=/etc/ca.pem",
     "postgresql://mlflow@db.internal:5432/mlflow?sslmode=verify-full&sslrootcert=/etc/ca.pem"),
    ("postgresql://mlflow:p@127.0.0.1/mlflow_auth", "postgresql://mlflow@127.0.0.1/mlflow_auth"),
    ("postgresql://mlflow@127.0.0.1/mlflow", "postgresql://mlflow@127.0.0.1/mlflow"),
    ("postgresql://127.0.0.1/mlflow", "postgresql://127.0.0.1/mlflow"),
])
def test_libpq_uri_drops_the_driver_and_the_password_only(uri, expected):
    assert urls.libpq_uri(uri) == expected


# What mlflow_server's store guard compares: one store, however it is written; another store, another string.
@pytest.mark.parametrize("uri, expected", [
    ("", ""),
    (None, ""),
    ("sqlite:////var/lib/mlflow/mlflow.db", "sqlite:/var/lib/mlflow/mlflow.db"),
    ("sqlite:////var/lib/mlflow/../mlflow/mlflow.db", "sqlite:/var/lib/mlflow/mlflow.db"),
    ("postgresql+psycopg2://mlflow:old-pass@db.internal:5432/mlflow", "postgresql://db.internal:5432/mlflow"),
    ("postgresql://mlflow:n%40w-pass@DB.internal/mlflow?sslmode=verify-full", "postgresql://db.internal:5432/mlflow"),
    ("postgres://other-user@db.internal:5433/mlflow", "postgresql://db.internal:5433/mlflow"),
    ("postgresql://mlflow@/mlflow?host=/var/run/postgresql", "postgresql:///var/run/postgresql:5432/mlflow"),
    ("/var/lib/mlflow/artifacts/", "file:/var/lib/mlflow/artifacts"),
    ("file:///var/lib/mlflow/artifacts", "file:/var/lib/mlflow/artifacts"),
    ("s3://acme-mlflow/mlflow/", "s3://acme-mlflow/mlflow"),
    ("s3://acme-mlflow/mlflow", "s3://acme-mlflow/mlflow"),
])
def test_store_identity(uri, expected):
    assert urls.store_identity(uri) == expected


@pytest.mark.parametrize("first, second", [
    ("postgresql://m:p@db1/mlflow", "postgresql://m:p@db2/mlflow"),
    ("postgresql://m:p@db1/mlflow", "postgresql://m:p@db1/mlflow_v2"),
    ("sqlite:////var/lib/mlflow/mlflow.db", "postgresql://m:p@127.0.0.1/mlflow"),
    ("s3://acme-mlflow/mlflow", "s3://acme-mlflow/mlflow-2"),
    ("/var/lib/mlflow/artifacts", "s3://acme-mlflow/mlflow"),
])
def test_store_identity_tells_stores_apart(first, second):
    assert urls.store_identity(first) != urls.store_identity(second)


def test_store_identity_never_holds_the_password():
    assert "s3cret" not in urls.store_identity("postgresql://mlflow:s3cret@db.internal/mlflow")

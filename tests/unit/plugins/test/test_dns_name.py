"""The collection's one test for bare DNS host names."""

import pytest

from ansible_collections.mlflowops.tracking.plugins.test.dns_name import dns_name


@pytest.mark.parametrize("name", [
    "mlflow.example.com", "localhost", "MLflow.Example.COM", "a", "x-1.example.test", "10.0.0.5",
    "a" * 63 + ".example.com", ".".join(["a" * 63] * 3) + "." + "b" * 61,
])
def test_bare_names_pass(name):
    assert dns_name(name)


@pytest.mark.parametrize("name", [
    "", "https://mlflow.example.com", "mlflow.example.com:443", "mlflow.example.com/mlflow",
    "mlflow.example.com.", ".example.com", "a..b", "-a.example.com", "a-.example.com", "a_b.example.com",
    "a b.example.com", "a" * 64 + ".example.com", ".".join(["a" * 63] * 4) + ".b", "*.example.com",
    "mlflow.*.com", "ex\u00e4mple.com", None, 42, ["a.example.com"], "a.example.com\n",
])
def test_anything_else_fails(name):
    assert not dns_name(name)


def test_one_leading_wildcard_only_when_asked():
    assert dns_name("*.example.com", wildcard=True)
    assert not dns_name("*", wildcard=True)
    assert not dns_name("*.*.example.com", wildcard=True)
    assert not dns_name("a.*.example.com", wildcard=True)

"""Addresses and CIDR networks, and networks of every address."""

import pytest

from ansible_collections.mlflowops.tracking.plugins.test.ip_network import ip_network


@pytest.mark.parametrize("value", ["10.0.0.5", "10.0.0.0/24", "10.0.0.5/24", "0.0.0.0/0", "2001:db8::/32", "::1",
                                   "203.0.113.7/32"])
def test_addresses_and_networks_pass(value):
    assert ip_network(value)


@pytest.mark.parametrize("value", ["10.0.0.300/24", "10.0.0.0/33", "10.0.0", "mlflow.example.com", "", " 10.0.0.1",
                                   "10.0.0.1\n", "2001:db8::/129", None, 10, ["10.0.0.0/8"]])
def test_anything_else_fails(value):
    assert not ip_network(value)


@pytest.mark.parametrize("value", ["0.0.0.0/0", "::/0", "10.0.0.0/0"])
def test_every_address_fails_when_asked(value):
    assert ip_network(value) and not ip_network(value, everyone=False)


@pytest.mark.parametrize("value, within", [
    ("203.0.113.7", ["203.0.113.0/24"]),
    ("203.0.113.7/32", ["10.0.0.0/8", "203.0.113.0/24"]),
    ("10.1.0.0/16", ["10.0.0.0/8"]),
    ("2001:db8::5", ["2001:db8::/32"]),
    ("10.0.0.1", ["0.0.0.0/0"]),
])
def test_inside_one_of_the_networks(value, within):
    assert ip_network(value, within=within)


@pytest.mark.parametrize("value, within", [
    ("203.0.114.7", ["203.0.113.0/24"]),
    ("10.0.0.0/7", ["10.0.0.0/8"]),
    ("2001:db8::5", ["203.0.113.0/24"]),
    ("203.0.113.7", []),
    ("203.0.113.7", ["not-a-network"]),
    ("nonsense", ["0.0.0.0/0"]),
])
def test_outside_every_network(value, within):
    assert not ip_network(value, within=within)

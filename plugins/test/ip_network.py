# -*- coding: utf-8 -*-
# Copyright: mlflowops maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Whether a value is an IPv4 or IPv6 address or CIDR network."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: ip_network
short_description: Is the value an IPv4 or IPv6 address or CIDR network?
version_added: 0.3.0
description:
  - True for C(10.0.0.5), C(10.0.0.0/24), C(2001:db8::/32) and the like (host bits may be set, as
    pg_hba.conf and security groups accept them); False for C(10.0.0.300/24), C(10.0.0.0/33), names
    and non-strings.
  - With I(everyone=false), a network of every address (C(0.0.0.0/0), C(::/0)) is False too.
  - A plugin because ansible.utils' C(ipaddr) needs the netaddr library, which the controller does not
    otherwise need; Python's ipaddress module answers the same question.
options:
  _input:
    description: The value to test.
    type: raw
    required: true
  everyone:
    description: Whether a network of every address counts.
    type: bool
    default: true
  within:
    description:
      - Networks (IPs or CIDRs); if given, the value must also lie wholly inside one of them
        (entries that are not networks are ignored).
    type: list
    elements: str
    version_added: 0.4.0
"""

EXAMPLES = r"""
- ansible.builtin.assert:
    that: postgres_backend_client_addresses | reject('mlflowops.tracking.ip_network') | list == []
- ansible.builtin.assert:
    that: aws_provision_admin_cidr is mlflowops.tracking.ip_network(everyone=false)
- ansible.builtin.assert:
    that: "'203.0.113.7' is mlflowops.tracking.ip_network(within=['203.0.113.0/24'])"
"""

RETURN = r"""
_value:
  description: Whether the value is an address or network (of fewer than every address, if asked).
  type: bool
"""

import ipaddress


def _network(value):
    if not isinstance(value, str) or not value or value != value.strip():
        return None
    try:
        return ipaddress.ip_network(value, strict=False)
    except ValueError:
        return None


def ip_network(value, everyone=True, within=None):
    network = _network(value)
    if network is None or not (everyone or network.prefixlen > 0):
        return False
    if within is None:
        return True
    outer = [n for n in map(_network, within) if n is not None and n.version == network.version]
    return any(network.subnet_of(n) for n in outer)


class TestModule(object):
    def tests(self):
        return {"ip_network": ip_network}

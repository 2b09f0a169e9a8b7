# -*- coding: utf-8 -*-
# Copyright: mlflowops maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Whether a value is a bare DNS host name (RFC 1123 labels), optionally a wildcard."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: dns_name
short_description: Is the value a bare DNS host name (no scheme, port, path or trailing dot)?
version_added: 0.2.0
description:
  - True for a host name of RFC 1123 labels, such as C(mlflow.example.com) or C(localhost); each
    label 1-63 letters, digits or C(-), not starting or ending with C(-); at most 253 characters.
  - With I(wildcard=true), one leading C(*.) label is allowed as well (C(*.example.com)).
  - False for anything with a scheme, port, path, space, underscore, empty label or trailing dot, and
    for non-strings. One test for every role, instead of a regex per role.
options:
  _input:
    description: The value to test.
    type: raw
    required: true
  wildcard:
    description: Allow one leading C(*.) label.
    type: bool
    default: false
"""

EXAMPLES = r"""
- ansible.builtin.assert:
    that: mlflow_server_public_hostnames | reject('mlflowops.tracking.dns_name') | list == []
"""

RETURN = r"""
_value:
  description: Whether the value is a bare DNS host name.
  type: bool
"""

import re


_LABEL = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")


def dns_name(value, wildcard=False):
    if not isinstance(value, str) or not value or len(value) > 253:
        return False
    labels = value.split(".")
    if wildcard and labels[0] == "*" and len(labels) > 1:
        labels = labels[1:]
    return all(_LABEL.fullmatch(label) for label in labels)


class TestModule(object):
    def tests(self):
        return {"dns_name": dns_name}

# -*- coding: utf-8 -*-
# Copyright: mlflowops maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Whether a value is a URL path prefix MLflow can serve under (empty, or /a/b)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: path_prefix
short_description: Is the value a plain URL path prefix, like /mlflow (or empty)?
version_added: 0.3.0
description:
  - True for an empty string and for one or more path segments of letters, digits and C(. _ ~ -),
    each after a C(/), with no C(/) at the end (C(/mlflow), C(/team-a/mlflow)).
  - False for anything else, non-strings included. The prefix goes into URLs and into Caddy's and
    nginx's configuration, so spaces, C(;), braces, quotes, C(%), C(..) segments and newlines are refused.
  - One test for mlflow_server, both proxies and the ALB, instead of a regex per role.
options:
  _input:
    description: The value to test.
    type: raw
    required: true
"""

EXAMPLES = r"""
- ansible.builtin.assert:
    that: mlflow_server_static_prefix is mlflowops.tracking.path_prefix
"""

RETURN = r"""
_value:
  description: Whether the value is empty or a plain path prefix.
  type: bool
"""

import re


_SEGMENT = re.compile(r"^[A-Za-z0-9._~-]+$")


def path_prefix(value):
    if not isinstance(value, str):
        return False
    if value == "":
        return True
    if not value.startswith("/"):
        return False
    segments = value[1:].split("/")
    return all(_SEGMENT.fullmatch(s) and s not in (".", "..") for s in segments)


class TestModule(object):
    def tests(self):
        return {"path_prefix": path_prefix}

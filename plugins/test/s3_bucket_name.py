# -*- coding: utf-8 -*-
# Copyright: mlflowops maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Whether a value is a name S3 accepts for a new general purpose bucket."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: s3_bucket_name
short_description: Is the value a valid S3 general purpose bucket name?
version_added: 0.4.0
description:
  - S3's naming rules for general purpose buckets, all of them, so a bad name fails before anything is
    created rather than at CreateBucket. 3-63 characters of lower-case letters, digits, dots and
    hyphens; a letter or digit first and last; no two dots in a row and no dot beside a hyphen (the
    name is a DNS label sequence); not shaped like an IPv4 address; none of the prefixes
    C(xn--), C(sthree-), C(amzn-s3-demo-) and none of the suffixes C(-s3alias), C(--ol-s3), C(.mrap),
    C(--x-s3) and C(--table-s3), which S3 reserves.
  - A plugin because no collection offers the check (amazon.aws validates only at the API call).
options:
  _input:
    description: The value to test.
    type: raw
    required: true
"""

EXAMPLES = r"""
- ansible.builtin.assert:
    that: aws_artifacts_bucket is mlflowops.tracking.s3_bucket_name
"""

RETURN = r"""
_value:
  description: Whether S3 would accept the name for a new bucket.
  type: bool
"""

import re

_SHAPE = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
_IPV4 = re.compile(r"^\d+\.\d+\.\d+\.\d+$")
_RESERVED_PREFIXES = ("xn--", "sthree-", "amzn-s3-demo-")
_RESERVED_SUFFIXES = ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")


def s3_bucket_name(value):
    if not isinstance(value, str) or not _SHAPE.match(value):
        return False
    if ".." in value or ".-" in value or "-." in value or _IPV4.match(value):
        return False
    return not value.startswith(_RESERVED_PREFIXES) and not value.endswith(_RESERVED_SUFFIXES)


class TestModule(object):
    def tests(self):
        return {"s3_bucket_name": s3_bucket_name}

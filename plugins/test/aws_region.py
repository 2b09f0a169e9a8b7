# -*- coding: utf-8 -*-
# Copyright: mlflowops maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Whether a value is shaped like an AWS region code."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: aws_region
short_description: Is the value shaped like an AWS region code?
version_added: 0.4.0
description:
  - True for codes such as C(us-east-1), C(eu-central-2), C(ap-southeast-5), C(us-gov-west-1),
    C(us-iso-east-1), C(cn-north-1) and C(eusc-de-east-1), that is an area, an optional partition or
    country, a direction (C(east), C(west), C(north), C(south), C(central), C(northeast), ...) and a
    number. False for C(us-east), C(US-EAST-1), C(eu-west-1a) (an availability zone) and non-strings.
  - The shape only, not the list of regions, since new regions keep that shape and open every year, and
    a region the account cannot use fails at its first API call anyway. What the shape stops is a typo
    or a zone name written into endpoint URLs and ARNs.
  - A plugin because no collection offers the check without an API call.
options:
  _input:
    description: The value to test.
    type: raw
    required: true
"""

EXAMPLES = r"""
- ansible.builtin.assert:
    that: aws_provision_region is mlflowops.tracking.aws_region
"""

RETURN = r"""
_value:
  description: Whether the value is shaped like a region code.
  type: bool
"""

import re

# An area (us, eu, ap, eusc), an optional partition or country (gov, iso, isob, de), a direction, a number.
_REGION = re.compile(r"^[a-z]{2,4}(-[a-z]{2,4})?-(north|south|east|west|central)(east|west)?-[1-9][0-9]?$")


def aws_region(value):
    return isinstance(value, str) and bool(_REGION.match(value))


class TestModule(object):
    def tests(self):
        return {"aws_region": aws_region}

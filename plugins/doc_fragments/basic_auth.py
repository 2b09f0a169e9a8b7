# -*- coding: utf-8 -*-
# Copyright: mlflowops maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Hash options shared by password_hash and htpasswd_user (plugin_utils/basic_auth.py).
    DOCUMENTATION = r"""
options:
  scheme:
    description:
      - Hash scheme.
      - C(bcrypt) is accepted by Caddy and nginx; C(apr1) and C(sha512_crypt) by nginx and Apache only.
    type: str
    choices: [bcrypt, apr1, sha512_crypt]
    default: bcrypt
  bcrypt_cost:
    description:
      - bcrypt work factor, from 4 to 31. Each step doubles the time a login costs the server.
      - A stored hash with another cost is replaced.
    type: int
    default: 12
  bcrypt_ident:
    description:
      - bcrypt label written into new hashes. C(2y) is what C(htpasswd -B) writes; C(2b) what the
        bcrypt library writes; C(2a) what Caddy writes. All three are the same algorithm.
      - A stored hash with another label is replaced.
    type: str
    choices: ['2y', '2b', '2a']
    default: '2y'
  sha512_rounds:
    description:
      - Rounds for C(sha512_crypt), from 1000 to 999999999. A stored hash with other rounds is replaced.
    type: int
    default: 5000
requirements:
  - libpass and bcrypt on the controller (requirements.txt). Hashes are made and checked there; the
    target needs no hashing library.
"""

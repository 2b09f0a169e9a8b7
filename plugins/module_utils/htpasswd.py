# -*- coding: utf-8 -*-
# Copyright: mlflowops maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The htpasswd file format and the hash options, shared by the controller and the target.

No hashing here: hashes are made and checked on the controller (plugin_utils/basic_auth.py, with
libpass), so a target needs no hashing library. The target side (the htpasswd_user module) only
reads, edits and writes the file.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

SCHEMES = ("bcrypt", "apr1", "sha512_crypt")
BCRYPT_IDENTS = ("2y", "2b", "2a")
BCRYPT_MAX_BYTES = 72
BCRYPT_COST_RANGE = (4, 31)
SHA512_DEFAULT_ROUNDS = 5000
SHA512_ROUNDS_RANGE = (1000, 999999999)

# Options of every plugin that makes a hash; documented in doc_fragments/basic_auth.py.
HASH_ARGUMENT_SPEC = dict(
    scheme=dict(type="str", default="bcrypt", choices=list(SCHEMES)),
    bcrypt_cost=dict(type="int", default=12),
    bcrypt_ident=dict(type="str", default="2y", choices=list(BCRYPT_IDENTS)),
    sha512_rounds=dict(type="int", default=SHA512_DEFAULT_ROUNDS),
)


class BasicAuthError(ValueError):
    """Bad input or an unusable file; the message says what to set."""


def validate_username(name):
    if not name:
        raise BasicAuthError("user name must not be empty")
    if ":" in name or any(c in name for c in "\r\n"):
        raise BasicAuthError("user name %r must not contain ':' or a line break" % name)


def parse_htpasswd(text):
    """Parse htpasswd content into an ordered list of [user, hash]; blank and # lines are dropped."""
    entries = []
    for lineno, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if ":" not in stripped:
            raise BasicAuthError("line %d of the htpasswd file is not 'user:hash'" % lineno)
        user, hashed = stripped.split(":", 1)
        entries.append([user, hashed])
    return entries


def format_htpasswd(entries):
    return "".join("%s:%s\n" % (user, hashed) for user, hashed in entries)

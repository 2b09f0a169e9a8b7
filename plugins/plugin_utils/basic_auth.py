# -*- coding: utf-8 -*-
# Copyright: mlflowops maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Basic-auth password hashes that Caddy and nginx accept, made and checked on the controller.

Used by the password_hash and htpasswd_user action plugins. Every scheme comes from libpass (the
maintained fork of passlib, imported as ``passlib``, the library behind Ansible's own
``password_hash`` filter); nothing here implements a hash. A stored hash is kept while it still
verifies the password with the requested scheme and parameters, so runs are idempotent.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.mlflowops.tracking.plugins.module_utils.htpasswd import (
    BCRYPT_COST_RANGE,
    BCRYPT_MAX_BYTES,
    SCHEMES,
    SHA512_DEFAULT_ROUNDS,
    SHA512_ROUNDS_RANGE,
    BasicAuthError,
)

try:
    from passlib.hash import apr_md5_crypt, bcrypt, sha512_crypt

    PASSLIB_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - depends on the controller
    PASSLIB_IMPORT_ERROR = exc

_BCRYPT_RE = re.compile(r"^\$(2[aby])\$(\d\d)\$[./A-Za-z0-9]{53}$")
_APR1_RE = re.compile(r"^\$apr1\$[^$]{0,8}\$[./A-Za-z0-9]{22}$")
_SHA512_RE = re.compile(r"^\$6\$(?:rounds=(\d+)\$)?[^$]{0,16}\$[./A-Za-z0-9]{86}$")


def _require_passlib():
    if PASSLIB_IMPORT_ERROR is not None:
        raise BasicAuthError("hashing runs on the controller and needs libpass and bcrypt there "
                             "(pip install -r requirements.txt): %s" % PASSLIB_IMPORT_ERROR)


def _handler(scheme):
    _require_passlib()
    return {"bcrypt": bcrypt, "apr1": apr_md5_crypt, "sha512_crypt": sha512_crypt}[scheme]


def validate_options(scheme, password, bcrypt_cost=12, sha512_rounds=SHA512_DEFAULT_ROUNDS):
    """Reject input no web server could use, before anything is hashed or written."""
    if scheme not in SCHEMES:
        raise BasicAuthError("scheme must be one of %s, got %r" % (", ".join(SCHEMES), scheme))
    if password is None or password == "":
        raise BasicAuthError("password must not be empty")
    size = len(password.encode("utf-8"))
    if scheme == "bcrypt":
        if size > BCRYPT_MAX_BYTES:
            raise BasicAuthError(
                "bcrypt uses at most %d bytes of a password and this one is %d bytes long; "
                "use a shorter password or scheme=sha512_crypt (nginx only)" % (BCRYPT_MAX_BYTES, size))
        low, high = BCRYPT_COST_RANGE
        if not low <= bcrypt_cost <= high:
            raise BasicAuthError("bcrypt_cost must be between %d and %d, got %d" % (low, high, bcrypt_cost))
    if scheme == "sha512_crypt":
        low, high = SHA512_ROUNDS_RANGE
        if not low <= sha512_rounds <= high:
            raise BasicAuthError("sha512_rounds must be between %d and %d, got %d" % (low, high, sha512_rounds))


def make_hash(password, scheme="bcrypt", bcrypt_cost=12, bcrypt_ident="2y",
              sha512_rounds=SHA512_DEFAULT_ROUNDS):
    validate_options(scheme, password, bcrypt_cost, sha512_rounds)
    if scheme == "bcrypt":
        return _handler("bcrypt").using(rounds=bcrypt_cost, ident=bcrypt_ident).hash(password)
    if scheme == "apr1":
        return _handler("apr1").hash(password)
    return _handler("sha512_crypt").using(rounds=sha512_rounds).hash(password)


def describe_hash(hashed):
    """Return (scheme, parameters) of a hash, or (None, {}) when it is not one we know."""
    hashed = hashed or ""
    match = _BCRYPT_RE.match(hashed)
    if match:
        return "bcrypt", {"ident": match.group(1), "cost": int(match.group(2))}
    if _APR1_RE.match(hashed):
        return "apr1", {}
    match = _SHA512_RE.match(hashed)
    if match:
        return "sha512_crypt", {"rounds": int(match.group(1)) if match.group(1) else SHA512_DEFAULT_ROUNDS}
    return None, {}


def verify(password, hashed):
    """True when ``hashed`` is a hash of ``password`` in any scheme we know."""
    scheme, dummy = describe_hash(hashed)
    if scheme is None:
        return False
    try:
        return _handler(scheme).verify(password, hashed)
    except ValueError:  # a password bcrypt cannot take, a malformed hash
        return False


def hash_is_current(password, hashed, scheme="bcrypt", bcrypt_cost=12, bcrypt_ident="2y",
                    sha512_rounds=SHA512_DEFAULT_ROUNDS):
    """True when ``hashed`` may be kept: right scheme and parameters, and it verifies ``password``."""
    current_scheme, params = describe_hash(hashed)
    if current_scheme != scheme:
        return False
    if scheme == "bcrypt" and (params["cost"] != bcrypt_cost or params["ident"] != bcrypt_ident):
        return False
    if scheme == "sha512_crypt" and params["rounds"] != sha512_rounds:
        return False
    return verify(password, hashed)


def ensure_hash(password, current_hash=None, **options):
    """Return (hash, changed): the current hash when it still fits, a fresh one otherwise."""
    validate_options(options.get("scheme", "bcrypt"), password,
                     options.get("bcrypt_cost", 12), options.get("sha512_rounds", SHA512_DEFAULT_ROUNDS))
    if current_hash and hash_is_current(password, current_hash, **options):
        return current_hash, False
    return make_hash(password, **options), True

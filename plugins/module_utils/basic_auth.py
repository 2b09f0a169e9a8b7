# -*- coding: utf-8 -*-
# Copyright: mlflowops maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Basic-auth password hashes that Caddy and nginx accept, with idempotent reuse.

Pure helpers, shared by the password_hash and htpasswd_user modules and unit-tested on their own.
apr1 and sha512_crypt are implemented here from their published specifications so that they run
on a stock target with only the standard library; bcrypt needs the ``bcrypt`` library (Debian and
Ubuntu: ``python3-bcrypt``), because a pure-Python bcrypt at cost 12 would take minutes.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import hmac
import os
import re

try:
    import bcrypt as _bcrypt

    HAS_BCRYPT = True
    BCRYPT_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - depends on the target
    _bcrypt = None
    HAS_BCRYPT = False
    BCRYPT_IMPORT_ERROR = exc

SCHEMES = ("bcrypt", "apr1", "sha512_crypt")
BCRYPT_IDENTS = ("2y", "2b", "2a")
BCRYPT_MAX_BYTES = 72
BCRYPT_COST_RANGE = (4, 31)
SHA512_DEFAULT_ROUNDS = 5000
SHA512_ROUNDS_RANGE = (1000, 999999999)

# Options shared by every module that makes a hash; documented in doc_fragments/basic_auth.py.
HASH_ARGUMENT_SPEC = dict(
    scheme=dict(type="str", default="bcrypt", choices=list(SCHEMES)),
    bcrypt_cost=dict(type="int", default=12),
    bcrypt_ident=dict(type="str", default="2y", choices=list(BCRYPT_IDENTS)),
    sha512_rounds=dict(type="int", default=SHA512_DEFAULT_ROUNDS),
)

_ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_BCRYPT_RE = re.compile(r"^\$(2[aby])\$(\d\d)\$[./A-Za-z0-9]{53}$")
_APR1_RE = re.compile(r"^\$apr1\$([^$]{0,8})\$[./A-Za-z0-9]{22}$")
_SHA512_RE = re.compile(r"^\$6\$(?:rounds=(\d+)\$)?([^$]{0,16})\$[./A-Za-z0-9]{86}$")


class BasicAuthError(ValueError):
    """Bad input or an unusable hash; the message says what to set."""


def _to_bytes(value):
    return value.encode("utf-8") if not isinstance(value, bytes) else value


def _b64_from_24bit(b2, b1, b0, count):
    word = (b2 << 16) | (b1 << 8) | b0
    out = []
    for dummy in range(count):
        out.append(_ITOA64[word & 0x3F])
        word >>= 6
    return "".join(out)


def _random_salt(length):
    return "".join(_ITOA64[b & 0x3F] for b in bytearray(os.urandom(length)))


def validate_options(scheme, password, bcrypt_cost=12, sha512_rounds=SHA512_DEFAULT_ROUNDS):
    """Reject input no web server could use, before anything is hashed or written."""
    if scheme not in SCHEMES:
        raise BasicAuthError("scheme must be one of %s, got %r" % (", ".join(SCHEMES), scheme))
    if password is None or password == "":
        raise BasicAuthError("password must not be empty")
    if scheme == "bcrypt":
        if len(_to_bytes(password)) > BCRYPT_MAX_BYTES:
            raise BasicAuthError(
                "bcrypt uses at most %d bytes of a password and this one is %d bytes long; "
                "use a shorter password or scheme=sha512_crypt (nginx only)"
                % (BCRYPT_MAX_BYTES, len(_to_bytes(password))))
        low, high = BCRYPT_COST_RANGE
        if not low <= bcrypt_cost <= high:
            raise BasicAuthError("bcrypt_cost must be between %d and %d, got %d" % (low, high, bcrypt_cost))
    if scheme == "sha512_crypt":
        low, high = SHA512_ROUNDS_RANGE
        if not low <= sha512_rounds <= high:
            raise BasicAuthError("sha512_rounds must be between %d and %d, got %d" % (low, high, sha512_rounds))


def validate_username(name):
    if not name:
        raise BasicAuthError("user name must not be empty")
    if ":" in name or any(c in name for c in "\r\n"):
        raise BasicAuthError("user name %r must not contain ':' or a line break" % name)


def apr1_crypt(password, salt):
    """Apache's MD5-based crypt ($apr1$), as in apr_md5.c."""
    pw = _to_bytes(password)
    salt = _to_bytes(salt)[:8]
    magic = b"$apr1$"
    ctx = pw + magic + salt
    final = hashlib.md5(pw + salt + pw).digest()
    length = len(pw)
    while length > 0:
        ctx += final[:min(16, length)]
        length -= 16
    i = len(pw)
    while i:
        ctx += b"\x00" if i & 1 else pw[:1]
        i >>= 1
    final = hashlib.md5(ctx).digest()
    for i in range(1000):
        step = pw if i & 1 else final
        if i % 3:
            step += salt
        if i % 7:
            step += pw
        step += final if i & 1 else pw
        final = hashlib.md5(step).digest()
    f = bytearray(final)
    encoded = "".join(_b64_from_24bit(f[a], f[b], f[c], 4)
                      for a, b, c in ((0, 6, 12), (1, 7, 13), (2, 8, 14), (3, 9, 15), (4, 10, 5)))
    encoded += _b64_from_24bit(0, 0, f[11], 2)
    return "$apr1$%s$%s" % (salt.decode("ascii"), encoded)


def _repeat_to(digest, length):
    return (digest * (length // len(digest) + 1))[:length]


def sha512_crypt(password, salt, rounds=SHA512_DEFAULT_ROUNDS):
    """SHA-512 crypt ($6$), as specified by Ulrich Drepper (glibc and libxcrypt)."""
    pw = _to_bytes(password)
    salt = _to_bytes(salt)[:16]
    custom_rounds = rounds != SHA512_DEFAULT_ROUNDS
    digest_b = hashlib.sha512(pw + salt + pw).digest()
    ctx = hashlib.sha512(pw + salt)
    ctx.update(_repeat_to(digest_b, len(pw)))
    i = len(pw)
    while i:
        ctx.update(digest_b if i & 1 else pw)
        i >>= 1
    digest_a = ctx.digest()
    p_bytes = _repeat_to(hashlib.sha512(pw * len(pw)).digest(), len(pw))
    s_bytes = _repeat_to(hashlib.sha512(salt * (16 + bytearray(digest_a)[0])).digest(), len(salt))
    c = digest_a
    for r in range(rounds):
        ctx = hashlib.sha512(p_bytes if r & 1 else c)
        if r % 3:
            ctx.update(s_bytes)
        if r % 7:
            ctx.update(p_bytes)
        ctx.update(c if r & 1 else p_bytes)
        c = ctx.digest()
    f = bytearray(c)
    order = ((0, 21, 42), (22, 43, 1), (44, 2, 23), (3, 24, 45), (25, 46, 4), (47, 5, 26), (6, 27, 48),
             (28, 49, 7), (50, 8, 29), (9, 30, 51), (31, 52, 10), (53, 11, 32), (12, 33, 54),
             (34, 55, 13), (56, 14, 35), (15, 36, 57), (37, 58, 16), (59, 17, 38), (18, 39, 60),
             (40, 61, 19), (62, 20, 41))
    encoded = "".join(_b64_from_24bit(f[a], f[b], f[c_], 4) for a, b, c_ in order)
    encoded += _b64_from_24bit(0, 0, f[63], 2)
    prefix = "$6$rounds=%d$" % rounds if custom_rounds else "$6$"
    return "%s%s$%s" % (prefix, salt.decode("ascii"), encoded)


def _require_bcrypt():
    if not HAS_BCRYPT:
        raise BasicAuthError("the bcrypt scheme needs the Python bcrypt library on the host that runs "
                             "the module (Debian/Ubuntu: apt install python3-bcrypt; pip: bcrypt)")


def bcrypt_hash(password, cost=12, ident="2y"):
    _require_bcrypt()
    hashed = _bcrypt.hashpw(_to_bytes(password), _bcrypt.gensalt(rounds=cost, prefix=b"2b")).decode("ascii")
    # $2b$ and $2y$ name the same algorithm (PHP's label for the fixed 2a); Apache writes $2y$.
    return "$%s$%s" % (ident, hashed[4:])


def make_hash(password, scheme="bcrypt", bcrypt_cost=12, bcrypt_ident="2y",
              sha512_rounds=SHA512_DEFAULT_ROUNDS):
    validate_options(scheme, password, bcrypt_cost, sha512_rounds)
    if scheme == "bcrypt":
        return bcrypt_hash(password, bcrypt_cost, bcrypt_ident)
    if scheme == "apr1":
        return apr1_crypt(password, _random_salt(8))
    return sha512_crypt(password, _random_salt(16), sha512_rounds)


def describe_hash(hashed):
    """Return (scheme, parameters) of a hash, or (None, {}) when it is not one we know."""
    hashed = hashed or ""
    match = _BCRYPT_RE.match(hashed)
    if match:
        return "bcrypt", {"ident": match.group(1), "cost": int(match.group(2))}
    match = _APR1_RE.match(hashed)
    if match:
        return "apr1", {"salt": match.group(1)}
    match = _SHA512_RE.match(hashed)
    if match:
        rounds = int(match.group(1)) if match.group(1) else SHA512_DEFAULT_ROUNDS
        return "sha512_crypt", {"salt": match.group(2), "rounds": rounds}
    return None, {}


def verify(password, hashed):
    """True when ``hashed`` is a hash of ``password`` in any scheme we know."""
    scheme, params = describe_hash(hashed)
    if scheme == "bcrypt":
        _require_bcrypt()
        # The library knows $2a$ and $2b$; $2y$ is the same algorithm under another label.
        candidate = "$2b$" + hashed[4:] if params["ident"] == "2y" else hashed
        try:
            return _bcrypt.checkpw(_to_bytes(password), candidate.encode("ascii"))
        except ValueError:
            return False
    if scheme == "apr1":
        computed = apr1_crypt(password, params["salt"])
    elif scheme == "sha512_crypt":
        computed = sha512_crypt(password, params["salt"], params["rounds"])
    else:
        return False
    return hmac.compare_digest(computed, hashed)


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

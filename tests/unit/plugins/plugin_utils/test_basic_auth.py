"""Hashes from plugin_utils/basic_auth.py (libpass on the controller), checked by independent tools:
Apache's htpasswd, OpenSSL and the bcrypt library."""

import shutil
import subprocess

import bcrypt
import pytest

from ansible_collections.mlflowops.tracking.plugins.module_utils import htpasswd as hp
from ansible_collections.mlflowops.tracking.plugins.plugin_utils import basic_auth as ba

PASSWORDS = ["correct horse battery", "p", "ünïcødé-pässwörd", "x" * 72, "a:b$c\\d'e\"f"]


def openssl_verifies(flag, hashed, password):
    """OpenSSL recomputes the hash from its salt: the same string means the same password."""
    salt = hashed.split("$")[-2] if flag == "-apr1" else hashed.split("$")[2]
    args = ["openssl", "passwd", flag, "-salt", salt, password]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout.strip() == hashed


@pytest.mark.parametrize("password", PASSWORDS)
def test_sha512_crypt_is_what_openssl_computes(password):
    assert openssl_verifies("-6", ba.make_hash(password, scheme="sha512_crypt"), password)


@pytest.mark.parametrize("password", PASSWORDS)
def test_apr1_is_what_openssl_computes(password):
    assert openssl_verifies("-apr1", ba.make_hash(password, scheme="apr1"), password)


@pytest.mark.parametrize("ident", ["2y", "2b", "2a"])
def test_bcrypt_hash_verified_by_bcrypt_library(ident):
    hashed = ba.make_hash("s3cret-password", bcrypt_cost=4, bcrypt_ident=ident)
    assert hashed.startswith("$%s$04$" % ident)
    # The library knows 2a/2b; a 2y hash is the same algorithm under another label.
    assert bcrypt.checkpw(b"s3cret-password", ("$2b$" + hashed[4:]).encode())
    assert not bcrypt.checkpw(b"wrong", ("$2b$" + hashed[4:]).encode())


@pytest.mark.parametrize("scheme", hp.SCHEMES)
def test_make_hash_verified_by_htpasswd(tmp_path, scheme):
    htpasswd = shutil.which("htpasswd")
    assert htpasswd, "apache2-utils must be installed (make test installs it)"
    hashed = ba.make_hash("open sesame 42", scheme=scheme, bcrypt_cost=4)
    path = tmp_path / "users"
    path.write_text(hp.format_htpasswd([["alice", hashed]]))
    ok = subprocess.run([htpasswd, "-vb", str(path), "alice", "open sesame 42"], capture_output=True, check=False)
    bad = subprocess.run([htpasswd, "-vb", str(path), "alice", "open sesame 43"], capture_output=True, check=False)
    assert ok.returncode == 0, ok.stderr
    assert bad.returncode != 0


def test_verify_accepts_hashes_made_by_htpasswd(tmp_path):
    path = tmp_path / "users"
    for flag, user in (("-B", "b"), ("-m", "m"), ("-5", "s")):
        cmd = ["htpasswd", "-b", flag] + (["-C", "4"] if flag == "-B" else []) + [str(path), user, "pw-" + user]
        if not path.exists():
            cmd.insert(2, "-c")
        subprocess.run(cmd, check=True, capture_output=True)
    entries = dict(hp.parse_htpasswd(path.read_text()))
    assert set(entries) == {"b", "m", "s"}
    # htpasswd -5 writes SHA-512 crypt ($6$) with its own salt: a third independent check.
    assert ba.verify("pw-b", entries["b"]) and not ba.verify("pw-x", entries["b"])
    assert ba.verify("pw-m", entries["m"]) and not ba.verify("pw-x", entries["m"])
    assert entries["s"].startswith("$6$")
    assert ba.verify("pw-s", entries["s"]) and not ba.verify("pw-x", entries["s"])


def test_ensure_hash_keeps_a_matching_hash_and_replaces_a_stale_one():
    first, changed = ba.ensure_hash("long-enough-pw", None, scheme="bcrypt", bcrypt_cost=4)
    assert changed
    again, changed = ba.ensure_hash("long-enough-pw", first, scheme="bcrypt", bcrypt_cost=4)
    assert (again, changed) == (first, False)
    for options in (dict(scheme="bcrypt", bcrypt_cost=5), dict(scheme="bcrypt", bcrypt_cost=4, bcrypt_ident="2b"),
                    dict(scheme="apr1")):
        replaced, changed = ba.ensure_hash("long-enough-pw", first, **options)
        assert changed and replaced != first
    replaced, changed = ba.ensure_hash("another-password", first, scheme="bcrypt", bcrypt_cost=4)
    assert changed and ba.verify("another-password", replaced)


def test_sha512_rounds_are_part_of_the_policy():
    hashed = ba.make_hash("pw-123456", scheme="sha512_crypt", sha512_rounds=6000)
    assert hashed.startswith("$6$rounds=6000$")
    assert ba.hash_is_current("pw-123456", hashed, scheme="sha512_crypt", sha512_rounds=6000)
    assert not ba.hash_is_current("pw-123456", hashed, scheme="sha512_crypt", sha512_rounds=5000)


@pytest.mark.parametrize("kwargs, message", [
    (dict(scheme="bcrypt", password=""), "must not be empty"),
    (dict(scheme="apr1", password=None), "must not be empty"),
    (dict(scheme="bcrypt", password="é" * 37), "at most 72 bytes"),
    (dict(scheme="bcrypt", password="pw", bcrypt_cost=3), "bcrypt_cost must be between 4 and 31"),
    (dict(scheme="bcrypt", password="pw", bcrypt_cost=32), "bcrypt_cost must be between 4 and 31"),
    (dict(scheme="sha512_crypt", password="pw", sha512_rounds=999), "sha512_rounds must be between"),
    (dict(scheme="md5", password="pw"), "scheme must be one of"),
])
def test_bad_input_is_rejected_with_what_to_set(kwargs, message):
    with pytest.raises(ba.BasicAuthError, match=message):
        ba.validate_options(**kwargs)


def test_seventy_two_bytes_is_still_accepted_for_bcrypt():
    ba.validate_options("bcrypt", "x" * 72)


@pytest.mark.parametrize("name", ["", "a:b", "a\nb"])
def test_bad_user_names(name):
    with pytest.raises(hp.BasicAuthError):
        hp.validate_username(name)


def test_parse_htpasswd_round_trip_and_errors():
    text = "# comment\nalice:$apr1$x$y\n\nbob:hash:with:colons\n"
    entries = hp.parse_htpasswd(text)
    assert entries == [["alice", "$apr1$x$y"], ["bob", "hash:with:colons"]]
    assert hp.format_htpasswd(entries) == "alice:$apr1$x$y\nbob:hash:with:colons\n"
    with pytest.raises(hp.BasicAuthError, match="line 2"):
        hp.parse_htpasswd("alice:x\nnot-an-entry\n")


def test_describe_hash_ignores_unknown_formats():
    assert ba.describe_hash("plain") == (None, {})
    assert ba.describe_hash(None) == (None, {})
    assert ba.verify("x", "plain") is False

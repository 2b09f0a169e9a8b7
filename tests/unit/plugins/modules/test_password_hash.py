"""password_hash (an action plugin, on the controller): same password, same hash; anything else, a fresh one."""

import subprocess

import pytest


def test_fresh_hash_then_reuse(run_action):
    first = run_action("password_hash", dict(password="caddy-password-1", bcrypt_cost=4))
    assert first["changed"] and first["hash"].startswith("$2y$04$") and first["scheme"] == "bcrypt"
    again = run_action("password_hash", dict(password="caddy-password-1", bcrypt_cost=4, current_hash=first["hash"]))
    assert not again["changed"] and again["hash"] == first["hash"]


def test_new_password_gives_new_hash(run_action):
    first = run_action("password_hash", dict(password="caddy-password-1", bcrypt_cost=4))
    result = run_action("password_hash", dict(password="caddy-password-2", bcrypt_cost=4, current_hash=first["hash"]))
    assert result["changed"] and result["hash"] != first["hash"]


def test_reads_current_hash_from_htpasswd_file(run_action, tmp_path):
    path = tmp_path / "users"
    subprocess.run(["htpasswd", "-cbB", "-C", "4", str(path), "bob", "bob-password-1"], check=True,
                   capture_output=True)
    stored = path.read_text().split(":", 1)[1].strip()
    kept = run_action("password_hash", dict(password="bob-password-1", bcrypt_cost=4, path=str(path), name="bob"))
    assert not kept["changed"] and kept["hash"] == stored
    missing_user = run_action("password_hash", dict(password="bob-password-1", bcrypt_cost=4, path=str(path),
                                                    name="carol"))
    assert missing_user["changed"]
    missing_file = run_action("password_hash", dict(password="x-password-1", path=str(tmp_path / "nope"), name="bob",
                                                    bcrypt_cost=4))
    assert missing_file["changed"]


@pytest.mark.parametrize("scheme, prefix", [("apr1", "$apr1$"), ("sha512_crypt", "$6$")])
def test_other_schemes(run_action, scheme, prefix):
    first = run_action("password_hash", dict(password="nginx-password", scheme=scheme))
    assert first["hash"].startswith(prefix)
    again = run_action("password_hash", dict(password="nginx-password", scheme=scheme, current_hash=first["hash"]))
    assert not again["changed"]


def test_diff_and_check_mode_never_show_hashes(run_action):
    result = run_action("password_hash", dict(password="caddy-password-1", bcrypt_cost=4), check_mode=True, diff=True)
    assert result["changed"]
    assert result["diff"] == {"before": "hash: absent\n", "after": "hash: new\n"}


@pytest.mark.parametrize("bad, message", [
    (dict(password=""), "must not be empty"),
    (dict(password="x" * 73), "at most 72 bytes"),
    (dict(password="pw", current_hash="$apr1$x$y", path="/tmp/x", name="u"), "mutually exclusive"),
    (dict(password="pw", path="/tmp/x"), "parameters are required together"),
])
def test_bad_input(run_action, bad, message):
    result = run_action("password_hash", bad)
    assert result.failed and message in result["msg"]


def test_the_password_never_reaches_the_target_module(run_module):
    from ansible_collections.mlflowops.tracking.plugins.modules import password_hash

    result = run_module(password_hash, dict(password="caddy-password-1"))
    assert result.failed and "runs on the controller" in result["msg"]


def test_through_ansible_playbook(playbook_action):
    first = playbook_action("password_hash", dict(password="caddy-password-1", bcrypt_cost=4))
    assert first["changed"] and first["hash"].startswith("$2y$04$")
    again = playbook_action("password_hash", dict(password="caddy-password-1", bcrypt_cost=4,
                                                  current_hash=first["hash"]))
    assert not again["changed"] and again["hash"] == first["hash"]

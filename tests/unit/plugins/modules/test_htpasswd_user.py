"""htpasswd_user (action plugin on the controller + module on the target) against real files, verified
by Apache's htpasswd -vb."""

import os
import stat
import subprocess

import pytest

from ansible_collections.mlflowops.tracking.plugins.modules import htpasswd_user


def htpasswd_accepts(path, user, password):
    return subprocess.run(["htpasswd", "-vb", str(path), user, password], capture_output=True,
                          check=False).returncode == 0


@pytest.fixture
def path(tmp_path):
    return tmp_path / "mlflow.htpasswd"


def args(path, **kwargs):
    base = dict(path=str(path), name="alice", password="alice-password-1", bcrypt_cost=4)
    base.update(kwargs)
    return base


def test_create_then_no_change(run_action, path):
    first = run_action("htpasswd_user", args(path, mode="0640"))
    assert first["changed"] and first["users"] == ["alice"]
    assert htpasswd_accepts(path, "alice", "alice-password-1")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    before = path.read_bytes()
    second = run_action("htpasswd_user", args(path, mode="0640"))
    assert not second["changed"]
    assert second["hash"] == first["hash"]
    assert path.read_bytes() == before


@pytest.mark.parametrize("scheme", ["bcrypt", "apr1", "sha512_crypt"])
def test_every_scheme_is_idempotent_and_accepted(run_action, path, scheme):
    assert run_action("htpasswd_user", args(path, scheme=scheme))["changed"]
    assert not run_action("htpasswd_user", args(path, scheme=scheme))["changed"]
    assert htpasswd_accepts(path, "alice", "alice-password-1")


def test_password_change_replaces_only_that_user(run_action, path):
    run_action("htpasswd_user", args(path, name="bob", password="bob-password-1"))
    run_action("htpasswd_user", args(path))
    bob_line = path.read_text().splitlines()[0]
    result = run_action("htpasswd_user", args(path, password="alice-password-2"), diff=True)
    assert result["changed"]
    assert result["users"] == ["bob", "alice"]
    assert "alice (password changed)" in result["diff"]["after"]
    assert "$2" not in result["diff"]["before"] + result["diff"]["after"], "diff must never show a hash"
    assert path.read_text().splitlines()[0] == bob_line
    assert htpasswd_accepts(path, "alice", "alice-password-2")
    assert not htpasswd_accepts(path, "alice", "alice-password-1")


def test_cost_change_rehashes(run_action, path):
    first = run_action("htpasswd_user", args(path))
    second = run_action("htpasswd_user", args(path, bcrypt_cost=5))
    assert second["changed"] and second["hash"].startswith("$2y$05$") and second["hash"] != first["hash"]


def test_absent_removes_user_and_is_idempotent(run_action, path):
    run_action("htpasswd_user", args(path))
    run_action("htpasswd_user", args(path, name="bob", password="bob-password-1"))
    assert run_action("htpasswd_user", dict(path=str(path), name="alice", state="absent"))["changed"]
    assert path.read_text().startswith("bob:")
    assert not run_action("htpasswd_user", dict(path=str(path), name="alice", state="absent"))["changed"]
    assert not run_action("htpasswd_user", dict(path=str(path / "missing"), name="x", state="absent"))["changed"]


def test_check_mode_reports_without_writing(run_action, path):
    result = run_action("htpasswd_user", args(path), check_mode=True)
    assert result["changed"] and not path.exists()
    run_action("htpasswd_user", args(path))
    before = path.read_bytes()
    result = run_action("htpasswd_user", args(path, password="other-password-1"), check_mode=True)
    assert result["changed"] and path.read_bytes() == before


@pytest.mark.parametrize("bad, message", [
    (dict(password=""), "must not be empty"),
    (dict(password="p" * 73), "at most 72 bytes"),
    (dict(name="a:b"), "must not contain"),
    (dict(bcrypt_cost=40), "bcrypt_cost must be between"),
])
def test_bad_input_fails_before_the_file_changes(run_action, path, bad, message):
    run_action("htpasswd_user", args(path))
    before = path.read_bytes()
    result = run_action("htpasswd_user", args(path, **bad))
    assert result.failed and message in result["msg"]
    assert path.read_bytes() == before


def test_missing_file_with_create_false_is_an_error(run_action, path):
    result = run_action("htpasswd_user", args(path, create=False))
    assert result.failed and "create=true" in result["msg"] and not path.exists()


def test_password_required_for_present(run_action, path):
    result = run_action("htpasswd_user", dict(path=str(path), name="alice"))
    assert result.failed and "password" in result["msg"]


def test_password_never_in_result(run_action, path):
    result = run_action("htpasswd_user", args(path), diff=True)
    assert "alice-password-1" not in repr(result)


def test_keep_only_removes_the_unlisted_users_and_keeps_the_rest(run_action, path):
    for name in ("alice", "bob", "carol"):
        run_action("htpasswd_user", args(path, name=name, password=name + "-password-1"))
    carol_line = path.read_text().splitlines()[2]
    result = run_action("htpasswd_user", dict(path=str(path), keep_only=["carol", "alice"]))
    assert result["changed"] and result["users"] == ["alice", "carol"]
    assert not htpasswd_accepts(path, "bob", "bob-password-1")
    assert htpasswd_accepts(path, "alice", "alice-password-1")
    assert path.read_text().splitlines()[1] == carol_line
    assert not run_action("htpasswd_user", dict(path=str(path), keep_only=["carol", "alice"]))["changed"]
    assert run_action("htpasswd_user", dict(path=str(path), keep_only=[]))["users"] == []


def test_keep_only_on_a_missing_file_changes_nothing(run_action, path):
    result = run_action("htpasswd_user", dict(path=str(path), keep_only=[]))
    assert not result["changed"] and not path.exists()


def test_keep_only_excludes_name_and_present_needs_a_password(run_action, path):
    assert run_action("htpasswd_user", dict(path=str(path), name="a", keep_only=["a"])).failed
    result = run_action("htpasswd_user", dict(path=str(path), name="a"))
    assert result.failed and "password" in result["msg"]


def test_the_module_alone_gets_a_hash_never_a_password(run_module, path):
    # What the target receives: the action plugin has swapped the password for the hash.
    result = run_module(htpasswd_user, dict(path=str(path), name="alice", password="alice-password-1"))
    assert result.failed and "action plugin hashes the password" in result["msg"] and not path.exists()
    hashed = "$2y$04$" + "a" * 53
    assert run_module(htpasswd_user, dict(path=str(path), name="alice", hash=hashed))["changed"]
    assert path.read_text() == "alice:%s\n" % hashed


def test_a_password_is_refused_as_the_hash_option(run_action, path):
    result = run_action("htpasswd_user", dict(path=str(path), name="alice", hash="$2y$04$" + "a" * 53))
    assert result.failed and "give password" in result["msg"]


def test_through_ansible_playbook(playbook_action, path):
    first = playbook_action("htpasswd_user", args(path, mode="0640"))
    assert first["changed"] and htpasswd_accepts(path, "alice", "alice-password-1")
    assert first["hash"].startswith("$2y$04$")
    assert not playbook_action("htpasswd_user", args(path, mode="0640"))["changed"]

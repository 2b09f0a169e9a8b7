"""Every collection a role, playbook, inventory or test names by FQCN is a declared dependency.

Runtime content (roles, playbooks, inventories, plugins) may use only the collections in galaxy.yml's
``dependencies``, which requirements.yml repeats for users who install with ``ansible-galaxy install
-r``. Test content (molecule scenarios, their shared tasks, the molecule config) may also use the
test-only collections of tests/requirements.yml. The ``ansible`` PyPI bundle hides a missing entry,
a Galaxy install does not.
"""

import glob
import os
import re

import pytest
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ALWAYS_THERE = {"ansible.builtin", "ansible.legacy", "mlflowops.tracking"}


def _installed_collections():
    """namespace.name of every collection this controller has (the ansible bundle, ~/.ansible, ...)."""
    import ansible_collections
    names = set()
    for top in ansible_collections.__path__:
        for path in glob.glob(os.path.join(top, "*", "*", "")):
            names.add("%s.%s" % tuple(path.rstrip(os.sep).split(os.sep)[-2:]))
    return names


# A dotted YAML key such as an RDS class (db.t3.micro:) looks like a module; only names of real
# collections count.
KNOWN = _installed_collections() | ALWAYS_THERE

_NAME = r"([a-z][a-z0-9_]*\.[a-z][a-z0-9_]*)\.[a-z][a-z0-9_]*"
# Where Ansible reads a plugin name: a task's module key, module_defaults' group/, a filter or test
# after | or is, a lookup/query or a map/select argument, an inventory plugin, a connection, a
# callback, a doc fragment.
USES = [re.compile(p, re.M) for p in (
    r"^\s*(?:-\s+)?" + _NAME + r":",
    r"group/" + _NAME,
    r"\|\s*" + _NAME,
    r"\bis\s+(?:not\s+)?" + _NAME,
    r"\b(?:lookup|query|q|map|select|reject|selectattr|rejectattr)\((?:\s*'[^']*'\s*,)?\s*['\"]" + _NAME,
    r"^\s*(?:plugin|ansible_connection|callbacks_enabled|stdout_callback|strategy):\s*['\"]?" + _NAME,
    r"^\s*-\s+" + _NAME + r"\s*$",
)]

RUNTIME = ["roles/*/tasks", "roles/*/handlers", "roles/*/vars", "roles/*/defaults", "roles/*/templates",
           "roles/*/meta", "playbooks", "inventories", "plugins", "meta"]
TEST = ["molecule", "roles/*/molecule", ".config", "tests/image"]


def _files(patterns):
    for pattern in patterns:
        for top in glob.glob(os.path.join(ROOT, pattern)):
            for path in glob.glob(os.path.join(top, "**", "*"), recursive=True):
                if os.path.isfile(path) and path.endswith((".yml", ".yaml", ".j2", ".py")):
                    yield path


def used_collections(patterns):
    """Map collection -> the first file (relative) that uses it."""
    found = {}
    for path in sorted(_files(patterns)):
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        for use in USES:
            for name in use.findall(text):
                if name in KNOWN:
                    found.setdefault(name, os.path.relpath(path, ROOT))
    return found


def _load(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def _requirements(path):
    return {c["name"] if isinstance(c, dict) else c for c in _load(path).get("collections", [])}


GALAXY = set(_load("galaxy.yml").get("dependencies") or {})
REQUIREMENTS = _requirements("requirements.yml")
TEST_REQUIREMENTS = _requirements("tests/requirements.yml")


def test_the_scan_sees_plugins_by_every_route():
    # The patterns themselves, on one line per route (a scan that finds nothing proves nothing).
    sample = ("- community.aws.s3_lifecycle:\n  group/amazon.aws.aws: {}\n  x: \"{{ a | community.general.dict }}\"\n"
              "  y: \"{{ b is ansible.utils.ipaddr }}\"\n  z: \"{{ lookup('community.crypto.x', 1) }}\"\n"
              "  w: \"{{ l | map('community.postgresql.f') }}\"\nplugin: amazon.aws.aws_ec2\n"
              "ansible_connection: community.docker.docker\n  - ansible.builtin.files\n"
              "host: mlflow.example.com\n")
    found = {n for use in USES for n in use.findall(sample)} & KNOWN
    assert found == {"community.aws", "amazon.aws", "community.general", "ansible.utils", "community.crypto",
                     "community.postgresql", "community.docker", "ansible.builtin"}


def test_requirements_yml_repeats_galaxy_yml():
    assert REQUIREMENTS == GALAXY, "only in galaxy.yml: %s; only in requirements.yml: %s" % (
        sorted(GALAXY - REQUIREMENTS), sorted(REQUIREMENTS - GALAXY))


def test_test_only_collections_are_not_runtime_ones():
    assert not TEST_REQUIREMENTS & GALAXY, "declared twice: %s" % sorted(TEST_REQUIREMENTS & GALAXY)


@pytest.mark.parametrize("scope, patterns, allowed", [
    ("runtime", RUNTIME, GALAXY),
    ("test", TEST, GALAXY | TEST_REQUIREMENTS),
])
def test_every_used_collection_is_declared(scope, patterns, allowed):
    used = used_collections(patterns)
    assert used, "the %s scan found no FQCN at all" % scope
    missing = {name: where for name, where in used.items() if name not in allowed | ALWAYS_THERE}
    assert not missing, "%s content uses undeclared collections (add them to %s): %s" % (
        scope, "galaxy.yml and requirements.yml" if scope == "runtime" else "tests/requirements.yml", missing)


def test_every_declared_collection_is_used():
    used = used_collections(RUNTIME)
    unused = sorted(GALAXY - set(used))
    assert not unused, "declared in galaxy.yml but no role, playbook or plugin uses them: %s" % unused
    used_in_tests = used_collections(TEST)
    assert not sorted(TEST_REQUIREMENTS - set(used_in_tests))

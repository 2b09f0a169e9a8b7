"""Every role's defaults/main.yml and meta/argument_specs.yml name the same variables with the same defaults."""

import glob
import os

import pytest
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
ROLES = sorted(os.path.basename(os.path.dirname(os.path.dirname(p)))
               for p in glob.glob(os.path.join(ROOT, "roles", "*", "meta", "argument_specs.yml")))
TYPES = {"str": str, "int": int, "bool": bool, "list": list, "dict": dict, "path": str}


def load(role, *parts):
    with open(os.path.join(ROOT, "roles", role, *parts)) as handle:
        return yaml.safe_load(handle) or {}


def test_every_role_has_argument_specs():
    roles = sorted(os.listdir(os.path.join(ROOT, "roles")))
    assert roles and roles == ROLES, "roles without meta/argument_specs.yml: %s" % sorted(set(roles) - set(ROLES))


@pytest.mark.parametrize("role", ROLES)
def test_defaults_and_specs_agree(role):
    defaults = load(role, "defaults", "main.yml")
    options = load(role, "meta", "argument_specs.yml")["argument_specs"]["main"]["options"]
    assert sorted(defaults) == sorted(options), (
        "only in defaults: %s; only in argument_specs: %s"
        % (sorted(set(defaults) - set(options)), sorted(set(options) - set(defaults))))
    for name, spec in options.items():
        assert spec.get("description"), "%s has no description" % name
        assert "default" in spec, "%s: argument_specs must state the default" % name
        assert spec["default"] == defaults[name], "%s: default %r in argument_specs, %r in defaults" % (
            name, spec["default"], defaults[name])
        templated = isinstance(defaults[name], str) and "{{" in defaults[name]
        assert templated or isinstance(defaults[name], TYPES[spec["type"]]), "%s is not a %s" % (name, spec["type"])


@pytest.mark.parametrize("role", ROLES)
def test_public_variables_carry_the_role_prefix(role):
    for name in load(role, "defaults", "main.yml"):
        assert name.startswith(role + "_"), "%s must start with %s_" % (name, role)

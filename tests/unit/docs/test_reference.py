"""The README and docs/variables.md describe the roles the collection has, with the variables their specs define."""

import os
import re
import subprocess
import sys

from conftest import ROOT

ROLES = sorted(os.listdir(os.path.join(ROOT, "roles")))


def read(*parts):
    with open(os.path.join(ROOT, *parts)) as handle:
        return handle.read()


def test_variable_reference_matches_the_argument_specs():
    result = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "variable-reference.py"), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_variable_reference_has_a_section_per_role():
    sections = re.findall(r"^## (\w+)$", read("docs", "variables.md"), re.M)
    assert sections == ROLES


def test_readme_names_every_role_and_links_the_references():
    readme = read("README.md")
    missing = [role for role in ROLES if "`%s`" % role not in readme]
    assert not missing, "README does not describe roles %s" % missing
    for link in ("docs/variables.md", "docs/runbooks/README.md"):
        assert "(%s)" % link in readme, "README does not link %s" % link


def test_readme_names_only_playbooks_that_exist():
    named = set(re.findall(r"playbooks/[\w/]+\.yml", read("README.md")))
    assert named, "README names no playbook"
    missing = sorted(p for p in named if not os.path.exists(os.path.join(ROOT, p)))
    assert not missing, "README names playbooks that do not exist: %s" % missing

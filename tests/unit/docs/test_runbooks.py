"""Every command in a runbook is one a test runs.

A runbook's command blocks are ```sh fences after a <!-- step: ID --> marker. Scenarios run them
through molecule/shared/tasks/runbook_step.yml with vars runbook/step (and runbook_also for blocks
that must be the same command). This checks that every block has a marker and is run somewhere,
and that every step a scenario names exists.
"""

import glob
import os
import re

import yaml

from conftest import ROOT

RUNBOOKS = os.path.join(ROOT, "docs", "runbooks")
BLOCK = re.compile(r"(?:<!-- step: (?P<step>[\w-]+) -->\s*)?```sh\n(?P<body>.*?)```", re.S)


def blocks():
    found = {}
    for path in sorted(glob.glob(os.path.join(RUNBOOKS, "*.md"))):
        for match in BLOCK.finditer(open(path).read()):
            found[(os.path.basename(path), match.group("step"))] = match.group("body")
    return found


def references():
    """(runbook, step) pairs that scenario files run, from their runbook/step/runbook_also vars."""
    found = set()

    def walk(node):
        if isinstance(node, dict):
            if "runbook" in node and "step" in node:
                found.add((node["runbook"], node["step"]))
                for other in node.get("runbook_also", []):
                    found.add(tuple(other.split("#")))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in glob.glob(os.path.join(ROOT, "molecule", "**", "*.yml"), recursive=True) + glob.glob(
            os.path.join(ROOT, "roles", "*", "molecule", "**", "*.yml"), recursive=True):
        with open(path) as handle:
            walk(yaml.safe_load(handle))
    return found


def test_there_are_runbooks_with_steps():
    assert len(blocks()) >= 10


def test_every_command_block_has_a_step_marker():
    unmarked = [runbook for (runbook, step) in blocks() if step is None]
    assert not unmarked, "sh blocks without <!-- step: ID --> in %s" % sorted(set(unmarked))


def test_every_command_block_is_run_by_a_test():
    missing = sorted(set(blocks()) - references())
    assert not missing, "runbook steps no scenario runs: %s" % missing


def test_every_step_a_test_names_exists():
    unknown = sorted(references() - set(blocks()))
    assert not unknown, "scenarios name runbook steps that do not exist: %s" % unknown

#!/usr/bin/env python
"""Write docs/variables.md, the role variable reference, from every role's meta/argument_specs.yml.

Usage (inside the venv, `source scripts/activate`): scripts/variable-reference.py [--check]
--check exits 1 when docs/variables.md differs from what the specs say (tests/unit/docs runs it).
"""

import glob
import json
import os
import re
import sys

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
TARGET = os.path.join(ROOT, "docs", "variables.md")
# Ansible's doc markup (I(), C(), B(), U(), M(), O(), V()) rendered as Markdown.
MARKUP = re.compile(r"\b([ICBUMOV])\(([^()]*)\)")


def markdown(text):
    text = MARKUP.sub(lambda m: "*%s*" % m.group(2) if m.group(1) == "I" else "`%s`" % m.group(2), text)
    return text.replace("|", "\\|").replace("\n", " ")


def default_cell(spec):
    value = spec.get("default")
    if value in (None, "", [], {}):
        return "*(empty)*" if value is not None else ""
    text = value if isinstance(value, str) else json.dumps(value)
    text = " ".join(text.split())
    return "`%s`" % text.replace("|", "\\|").replace("`", "'")


def type_cell(spec):
    kind = spec.get("type", "str")
    if kind == "list" and spec.get("elements"):
        kind = "list of %s" % spec["elements"]
    if spec.get("choices"):
        kind += ": " + ", ".join("`%s`" % c for c in spec["choices"])
    return kind


def describe(spec):
    description = spec.get("description", "")
    lines = description if isinstance(description, list) else [description]
    text = " ".join(markdown(line) for line in lines)
    if spec.get("required"):
        text = "**Required.** " + text
    if spec.get("no_log"):
        text += " *Secret (no_log).*"
    return text


def render():
    out = [
        "# Role variables",
        "",
        "Generated from each role's `meta/argument_specs.yml` by `scripts/variable-reference.py`;",
        "a unit test fails when this file and the specs differ. Ansible checks these types and choices",
        "before a role runs; each role's preflight adds the cross-checks (see its `tasks/preflight.yml`).",
        "",
    ]
    specs = sorted(glob.glob(os.path.join(ROOT, "roles", "*", "meta", "argument_specs.yml")))
    roles = [os.path.basename(os.path.dirname(os.path.dirname(p))) for p in specs]
    out += ["- [%s](#%s)" % (role, role) for role in roles] + [""]
    for role, path in zip(roles, specs):
        with open(path) as handle:
            main = yaml.safe_load(handle)["argument_specs"]["main"]
        out += ["## %s" % role, "", markdown(main.get("short_description", "")) + ".", ""]
        description = main.get("description", [])
        out += [markdown(line) for line in (description if isinstance(description, list) else [description])]
        out += ["", "| variable | type | default | what it does |", "|---|---|---|---|"]
        for name, spec in main["options"].items():
            out.append("| `%s` | %s | %s | %s |" % (name, type_cell(spec), default_cell(spec), describe(spec)))
        out.append("")
    return "\n".join(out)


def main():
    text = render()
    if "--check" in sys.argv[1:]:
        with open(TARGET) as handle:
            if handle.read() != text:
                sys.exit("docs/variables.md is stale: run scripts/variable-reference.py")
        return
    with open(TARGET, "w") as handle:
        handle.write(text)


if __name__ == "__main__":
    main()

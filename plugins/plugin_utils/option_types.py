# -*- coding: utf-8 -*-
# Copyright: mlflowops maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Checks of the values a role is given against its argument spec (lookup option_type_errors)."""

from __future__ import annotations

_TRUTHY_WORDS = {"yes", "no", "on", "off", "true", "false", "y", "n"}


def _kind(value):
    # Ansible hands over tagged subclasses of the plain types, so names come from isinstance.
    for plain, name in ((bool, "boolean"), (int, "number"), (float, "number"), (str, "string"),
                        (list, "list"), (dict, "mapping")):
        if isinstance(value, plain):
            return name
    return type(value).__name__


def _describe(value):
    return "the %s %r" % (_kind(value), str(value) if isinstance(value, str) else value)


def option_type_errors(values, options):
    """One message per option whose value is not the type the role uses it as.

    values: {option name: value as the role sees it}; options: argument_specs.<entry>.options.
    Ansible's argument validation accepts these (it converts a copy it then throws away), while the
    role's tasks use the value as given: a string "false" is true in a condition, an unquoted off is
    the boolean false (so a mode of "off" is not selected), a string where a list belongs is looped
    over character by character.
    """
    errors = []
    for name in sorted(values):
        spec, value = options.get(name), values[name]
        if spec is None or value is None:
            continue
        shown = "a %s" % _kind(value) if spec.get("no_log") else _describe(value)
        kind = spec.get("type", "str")
        choices = spec.get("choices") or []
        if kind == "bool" and not isinstance(value, bool):
            errors.append("%s is %s: write true or false without quotes (a quoted word is a string, and any "
                          "non-empty string counts as true)." % (name, shown))
        elif kind == "str" and isinstance(value, bool):
            words = [c for c in choices if isinstance(c, str) and c.lower() in _TRUTHY_WORDS]
            errors.append("%s is %s: YAML reads an unquoted %s as a boolean; quote it (%s: \"%s\")."
                          % (name, shown, "/".join(words) or "yes, no, on or off", name,
                             words[0] if words else "..." if spec.get("no_log") else value))
        elif kind == "int" and (isinstance(value, bool) or not isinstance(value, int)):
            if isinstance(value, str) and value.strip().lstrip("-").isdigit():
                continue  # "5" is used through | int everywhere; harmless
            errors.append("%s is %s: set a whole number." % (name, shown))
        elif kind == "list" and not isinstance(value, list):
            # Lists and mappings may hold passwords (users): their values are never shown.
            errors.append("%s is a %s: it must be a list; put a single item in [ ]." % (name, _kind(value)))
        elif kind == "dict" and not isinstance(value, dict):
            errors.append("%s is a %s: it must be a mapping (key: value pairs)." % (name, _kind(value)))
    return errors

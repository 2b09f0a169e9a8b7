# -*- coding: utf-8 -*-
# Copyright: mlflowops maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: option_type_errors
author:
  - mlflowops maintainers (@mlflowops)
version_added: 0.3.0
short_description: Options of a role whose values are not the type its argument spec declares
description:
  - >-
    Ansible's role argument validation checks a converted copy of each value and the role then uses
    the value as given. So an unquoted V(off) (YAML's boolean false) passes C(choices) of
    V([acme, internal, "off"]) but is not V('off') in a task, a quoted V("false") passes C(type=bool)
    but is true in a condition, and a string where a list belongs is looped over letter by letter.
  - Reads the entry point's options from the role's C(meta/argument_specs.yml) and the values the role
    sees, and returns one message per such option, naming it and saying how to write it. Every role's
    preflight fails on any. Values of secrets (C(no_log)), lists and mappings are never shown.
  - A plugin because no ansible.builtin or ansible.utils test compares values with an argument spec; a
    lookup because it needs the role's variables.
options:
  _terms:
    description: The role's directory, C(role_path).
    type: list
    elements: path
    required: true
  entry_point:
    description: The entry point of C(argument_specs) whose options are checked.
    type: str
    default: main
"""

EXAMPLES = r"""
- name: Every option holds the type its argument spec declares
  ansible.builtin.assert:
    that: __errors | length == 0
    fail_msg: "{{ __errors | join(' ') }}"
    quiet: true
  vars:
    __errors: "{{ query('mlflowops.tracking.option_type_errors', role_path) }}"
"""

RETURN = r"""
_raw:
  description: Messages, one per option, empty when every value has its declared type.
  type: list
  elements: str
"""

import os

import yaml

from ansible.errors import AnsibleLookupError
from ansible.plugins.lookup import LookupBase

from ansible_collections.mlflowops.tracking.plugins.plugin_utils.option_types import option_type_errors


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        entry_point = self.get_option("entry_point")
        variables = variables or {}
        errors = []
        for role_path in terms:
            spec_file = os.path.join(role_path, "meta", "argument_specs.yml")
            try:
                with open(spec_file, encoding="utf-8") as handle:
                    options = yaml.safe_load(handle)["argument_specs"][entry_point].get("options") or {}
            except (OSError, KeyError, TypeError, yaml.YAMLError) as exc:
                raise AnsibleLookupError("cannot read the options of %s in %s: %s" % (entry_point, spec_file, exc))
            # The values as the role's tasks see them: templated, as a vars lookup returns them.
            values = {name: self._templar.template(variables[name]) for name in options if name in variables}
            errors.extend(option_type_errors(values, options))
        return errors

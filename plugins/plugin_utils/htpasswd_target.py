# -*- coding: utf-8 -*-
# Copyright: mlflowops maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read a user's current hash from an htpasswd file on the target, from an action plugin."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64

from ansible.errors import AnsibleActionFail
from ansible.module_utils.common.text.converters import to_text

from ansible_collections.mlflowops.tracking.plugins.module_utils.htpasswd import BasicAuthError, parse_htpasswd


def current_hash(action, path, name, task_vars):
    """The hash of ``name`` in the file ``path`` on the target, or None (no file, no such user)."""
    result = action._execute_module(module_name="ansible.builtin.slurp", module_args=dict(src=path),
                                    task_vars=task_vars)
    if result.get("failed"):
        if "not found" in to_text(result.get("msg", "")):
            return None
        raise AnsibleActionFail("cannot read %s: %s" % (path, result.get("msg")))
    try:
        entries = parse_htpasswd(to_text(base64.b64decode(result["content"])))
    except BasicAuthError as exc:
        raise AnsibleActionFail("%s: %s" % (path, exc))
    return dict(entries).get(name)

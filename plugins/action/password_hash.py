# -*- coding: utf-8 -*-
# Copyright: mlflowops maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""password_hash runs on the controller: libpass makes or keeps the hash; the target is only read
(for I(path)), never given the password."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase

from ansible_collections.mlflowops.tracking.plugins.module_utils.htpasswd import HASH_ARGUMENT_SPEC, BasicAuthError
from ansible_collections.mlflowops.tracking.plugins.modules.password_hash import (
    ARGUMENT_SPEC,
    MUTUALLY_EXCLUSIVE,
    REQUIRED_TOGETHER,
)
from ansible_collections.mlflowops.tracking.plugins.plugin_utils.basic_auth import ensure_hash
from ansible_collections.mlflowops.tracking.plugins.plugin_utils.htpasswd_target import current_hash


class ActionModule(ActionBase):
    TRANSFERS_FILES = False

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        dummy, params = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC, mutually_exclusive=MUTUALLY_EXCLUSIVE,
                                                    required_together=REQUIRED_TOGETHER)
        try:
            current = params["current_hash"]
            if params["path"]:
                current = current_hash(self, params["path"], params["name"], task_vars)
            hashed, changed = ensure_hash(params["password"], current,
                                          **dict((k, params[k]) for k in HASH_ARGUMENT_SPEC))
        except BasicAuthError as exc:
            raise AnsibleActionFail(str(exc))
        result.update(changed=changed, hash=hashed, scheme=params["scheme"])
        if self._task.diff:
            result["diff"] = dict(
                before="hash: %s\n" % ("present" if current else "absent"),
                after="hash: %s\n" % ("replaced" if changed and current else "kept" if not changed else "new"),
            )
        return result

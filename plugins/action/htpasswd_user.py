# -*- coding: utf-8 -*-
# Copyright: mlflowops maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""htpasswd_user: the hash is made or kept on the controller, the module writes it on the target.

The target gets the hash, never the password, and needs no hashing library.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleActionFail
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.plugins.action import ActionBase

from ansible_collections.mlflowops.tracking.plugins.module_utils.htpasswd import (
    HASH_ARGUMENT_SPEC,
    BasicAuthError,
    validate_username,
)
from ansible_collections.mlflowops.tracking.plugins.modules.htpasswd_user import (
    ARGUMENT_SPEC,
    MUTUALLY_EXCLUSIVE,
    REQUIRED_ONE_OF,
)
from ansible_collections.mlflowops.tracking.plugins.plugin_utils.basic_auth import ensure_hash
from ansible_collections.mlflowops.tracking.plugins.plugin_utils.htpasswd_target import current_hash

MODULE = "mlflowops.tracking.htpasswd_user"


class ActionModule(ActionBase):
    TRANSFERS_FILES = False

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        args = dict(self._task.args)
        if "hash" in args:
            raise AnsibleActionFail("hash is set by this plugin; give password")
        # Only the options read here; the module checks the rest (file attributes) itself.
        own = dict((k, v) for k, v in args.items() if k in ARGUMENT_SPEC or k in ("dest", "username"))
        checked = ArgumentSpecValidator(ARGUMENT_SPEC, mutually_exclusive=MUTUALLY_EXCLUSIVE,
                                        required_one_of=REQUIRED_ONE_OF).validate(own)
        if checked.error_messages:
            raise AnsibleActionFail("; ".join(checked.error_messages))
        params = checked.validated_parameters
        module_args = dict(args)
        module_args.pop("password", None)
        if params["keep_only"] is None and params["state"] == "present":
            if params["password"] is None:
                raise AnsibleActionFail("state is present but all of the following are missing: password")
            try:
                validate_username(params["name"])
                current = current_hash(self, params["path"], params["name"], task_vars)
                module_args["hash"], dummy = ensure_hash(
                    params["password"], current, **dict((k, params[k]) for k in HASH_ARGUMENT_SPEC))
            except BasicAuthError as exc:
                raise AnsibleActionFail("%s: %s" % (params["path"], exc))
        result.update(self._execute_module(module_name=MODULE, module_args=module_args, task_vars=task_vars))
        # The module masks its no_log input in what it returns; the hash is this plugin's to hand back.
        if "hash" in module_args and not result.get("failed"):
            result["hash"] = module_args["hash"]
        return result

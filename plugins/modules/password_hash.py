#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: mlflowops maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: password_hash
short_description: Make a basic-auth password hash once and keep it while the password is unchanged
version_added: 0.1.0
description:
  - Returns a hash of I(password) for Caddy's C(basicauth) directive or an htpasswd file.
  - Idempotent by design, which the C(password_hash) filter is not (it salts anew on every run, so a
    config file templated from it changes and the proxy reloads every time). Given the hash stored
    now, in I(current_hash) or as user I(name) of the htpasswd file I(path) on the target, the module
    returns it unchanged with C(changed=false) when it still verifies I(password) with the requested
    scheme and parameters, and a fresh hash with C(changed=true) otherwise.
  - Nothing is written; use M(mlflowops.tracking.htpasswd_user) to keep users in an htpasswd file.
author:
  - mlflowops maintainers (@mlflowops)
extends_documentation_fragment:
  - mlflowops.tracking.basic_auth
options:
  password:
    description:
      - The clear-text password. Must not be empty; at most 72 bytes for bcrypt.
    type: str
    required: true
  current_hash:
    description:
      - The hash stored now, for example the one in the Caddyfile from the previous run.
      - Mutually exclusive with I(path).
    type: str
  path:
    description:
      - An htpasswd-format file on the target to read the current hash of user I(name) from.
      - A missing file or user means there is no current hash.
    type: path
  name:
    description:
      - User whose hash is read from I(path). Required with I(path).
    type: str
attributes:
  check_mode:
    support: full
    description: Nothing is written in any mode; check mode returns the same result.
  diff_mode:
    support: full
    description: Says whether the hash would be kept or replaced, without showing either hash.
notes:
  - The returned hash is not secret in the way the password is, but treat it with care, because it
    can be attacked offline.
seealso:
  - module: mlflowops.tracking.htpasswd_user
"""

EXAMPLES = r"""
- name: Read the hash used last time from a fact file, keep it when the password still matches
  mlflowops.tracking.password_hash:
    password: "{{ caddy_password }}"
    current_hash: "{{ ansible_local.caddy_users.alice | default(omit) }}"
  register: alice_hash
  no_log: true

- name: Reuse the hash of bob in an existing htpasswd file, with apr1 for an old nginx
  mlflowops.tracking.password_hash:
    password: "{{ bob_password }}"
    path: /etc/nginx/mlflow.htpasswd
    name: bob
    scheme: apr1
  register: bob_hash
"""

RETURN = r"""
hash:
  description: The hash to store; the current one when it still fits.
  returned: success
  type: str
  sample: "$2y$12$2y8v0sA1mJ7mJ0pYp8m7xOQ8mX3n0sK2Vv8n3K0G9t2sGk3hL5nNm"
scheme:
  description: The scheme of I(hash).
  returned: success
  type: str
  sample: bcrypt
"""

from ansible.module_utils.basic import AnsibleModule, missing_required_lib
from ansible.module_utils.common.text.converters import to_native

from ansible_collections.mlflowops.tracking.plugins.module_utils.basic_auth import (
    BCRYPT_IMPORT_ERROR,
    HAS_BCRYPT,
    HASH_ARGUMENT_SPEC,
    BasicAuthError,
    ensure_hash,
    parse_htpasswd,
)


def read_current_hash(path, name):
    try:
        with open(path, "r") as handle:
            entries = parse_htpasswd(handle.read())
    except (IOError, OSError):
        return None
    return dict(entries).get(name)


def main():
    argument_spec = dict(
        password=dict(type="str", required=True, no_log=True),
        current_hash=dict(type="str", no_log=False),
        path=dict(type="path"),
        name=dict(type="str"),
    )
    argument_spec.update(HASH_ARGUMENT_SPEC)
    module = AnsibleModule(
        argument_spec=argument_spec,
        mutually_exclusive=[("current_hash", "path")],
        required_together=[("path", "name")],
        supports_check_mode=True,
    )
    params = module.params
    if params["scheme"] == "bcrypt" and not HAS_BCRYPT:
        module.fail_json(msg=missing_required_lib("bcrypt (Debian/Ubuntu package python3-bcrypt)"),
                         exception=to_native(BCRYPT_IMPORT_ERROR))

    try:
        current = params["current_hash"]
        if params["path"]:
            current = read_current_hash(params["path"], params["name"])
        hashed, changed = ensure_hash(
            params["password"], current,
            scheme=params["scheme"], bcrypt_cost=params["bcrypt_cost"],
            bcrypt_ident=params["bcrypt_ident"], sha512_rounds=params["sha512_rounds"])
    except BasicAuthError as exc:
        module.fail_json(msg=to_native(exc))

    result = dict(changed=changed, hash=hashed, scheme=params["scheme"])
    if module._diff:
        result["diff"] = dict(
            before="hash: %s\n" % ("present" if current else "absent"),
            after="hash: %s\n" % ("replaced" if changed and current else "kept" if not changed else "new"),
        )
    module.exit_json(**result)


if __name__ == "__main__":
    main()

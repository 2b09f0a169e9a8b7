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
  - Runs on the controller (an action plugin) with libpass and bcrypt from the controller's
    requirements; with I(path), the target's file is only read. The password never reaches the target.
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

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.mlflowops.tracking.plugins.module_utils.htpasswd import HASH_ARGUMENT_SPEC

# Read by the action plugin (plugins/action/password_hash.py), which does the work on the controller.
ARGUMENT_SPEC = dict(
    password=dict(type="str", required=True, no_log=True),
    current_hash=dict(type="str", no_log=False),
    path=dict(type="path"),
    name=dict(type="str"),
)
ARGUMENT_SPEC.update(HASH_ARGUMENT_SPEC)
MUTUALLY_EXCLUSIVE = [("current_hash", "path")]
REQUIRED_TOGETHER = [("path", "name")]


def main():
    # Reached only when the action plugin is bypassed: the hash is made on the controller.
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, mutually_exclusive=MUTUALLY_EXCLUSIVE,
                           required_together=REQUIRED_TOGETHER, supports_check_mode=True)
    module.fail_json(msg="password_hash runs on the controller through its action plugin; "
                         "call it as mlflowops.tracking.password_hash")


if __name__ == "__main__":
    main()

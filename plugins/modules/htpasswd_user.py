#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: mlflowops maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: htpasswd_user
short_description: Keep a user in an htpasswd file without rehashing an unchanged password
version_added: 0.1.0
description:
  - Adds, updates or removes one user of an htpasswd-format file, as read by nginx's
    C(auth_basic_user_file) and Apache.
  - A stored hash is kept while it still verifies I(password) with the requested scheme and
    parameters, so a second run changes nothing and nginx is not reloaded.
  - The hash is made and checked on the controller by the action plugin of the same name, with
    libpass and bcrypt from the controller's requirements; the target only gets the hash, so it needs
    no hashing library. The password never leaves the controller.
  - Written here rather than using C(community.general.htpasswd) because that module hashes on the
    target with passlib, whose last release (1.7.4) fails every bcrypt hash with bcrypt 5, and it
    cannot tell a still-valid bcrypt hash from a stale one.
  - The file is replaced atomically; other users and their order are preserved; comments and blank
    lines are dropped.
author:
  - mlflowops maintainers (@mlflowops)
extends_documentation_fragment:
  - mlflowops.tracking.basic_auth
  - ansible.builtin.files
options:
  path:
    description: The htpasswd file.
    type: path
    required: true
    aliases: [dest]
  name:
    description:
      - The user name. Must not contain C(:) or a line break.
      - Required unless I(keep_only) is given.
    type: str
    aliases: [username]
  keep_only:
    description:
      - Instead of one user, remove every user of the file not named in this list (the others keep
        their hashes). Makes a list of users authoritative; used without I(name).
      - An empty list empties the file.
    type: list
    elements: str
    version_added: 0.2.0
  password:
    description:
      - The clear-text password. Required with I(state=present). At most 72 bytes for bcrypt.
      - Used on the controller only.
    type: str
  hash:
    description:
      - Internal, set by the action plugin; give I(password). The hash to store for I(name).
    type: str
    version_added: 0.2.0
  state:
    description: Whether the user is in the file.
    type: str
    choices: [present, absent]
    default: present
  create:
    description: Create the file when it does not exist. With C(false), a missing file is an error.
    type: bool
    default: true
attributes:
  check_mode:
    support: full
    description: Reports what would change without writing the file.
  diff_mode:
    support: full
    description: Shows the user names before and after and which password changed; never a hash.
seealso:
  - module: mlflowops.tracking.password_hash
"""

EXAMPLES = r"""
- name: Let alice through nginx's basic auth
  mlflowops.tracking.htpasswd_user:
    path: /etc/nginx/mlflow.htpasswd
    name: alice
    password: "{{ alice_password }}"
    owner: root
    group: www-data
    mode: "0640"

- name: Remove bob
  mlflowops.tracking.htpasswd_user:
    path: /etc/nginx/mlflow.htpasswd
    name: bob
    state: absent

- name: Remove everybody but alice and carol
  mlflowops.tracking.htpasswd_user:
    path: /etc/nginx/mlflow.htpasswd
    keep_only: [alice, carol]
"""

RETURN = r"""
hash:
  description: The hash stored for the user.
  returned: when I(state=present) and I(name) is given
  type: str
  sample: "$2y$12$2y8v0sA1mJ7mJ0pYp8m7xOQ8mX3n0sK2Vv8n3K0G9t2sGk3hL5nNm"
users:
  description: The users in the file afterwards, in file order.
  returned: success
  type: list
  elements: str
  sample: [alice, bob]
"""

import os
import tempfile

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.converters import to_bytes, to_native

from ansible_collections.mlflowops.tracking.plugins.module_utils.htpasswd import (
    HASH_ARGUMENT_SPEC,
    BasicAuthError,
    format_htpasswd,
    parse_htpasswd,
    validate_username,
)

# The options the action plugin (plugins/action/htpasswd_user.py) reads on the controller.
ARGUMENT_SPEC = dict(
    path=dict(type="path", required=True, aliases=["dest"]),
    name=dict(type="str", aliases=["username"]),
    keep_only=dict(type="list", elements="str"),
    password=dict(type="str", no_log=True),
    hash=dict(type="str", no_log=True),
    state=dict(type="str", default="present", choices=["present", "absent"]),
    create=dict(type="bool", default=True),
)
ARGUMENT_SPEC.update(HASH_ARGUMENT_SPEC)
MUTUALLY_EXCLUSIVE = [("name", "keep_only"), ("password", "keep_only")]
REQUIRED_ONE_OF = [("name", "keep_only")]


def plan(entries, name, state, hashed, keep_only=None):
    """Return (new_entries, hash, password_changed) for the requested state. Pure."""
    if keep_only is not None:
        return [e for e in entries if e[0] in keep_only], None, False
    current = dict(entries).get(name)
    if state == "absent":
        return [e for e in entries if e[0] != name], None, False
    if current is None:
        return entries + [[name, hashed]], hashed, True
    return [[u, hashed if u == name else h] for u, h in entries], hashed, current != hashed


def write_atomically(module, path, content):
    directory = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".htpasswd.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(to_bytes(content))
        # Keep the existing file's owner and mode until the file args below are applied.
        module.atomic_move(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def main():
    module = AnsibleModule(
        argument_spec=ARGUMENT_SPEC,
        add_file_common_args=True,
        required_one_of=REQUIRED_ONE_OF,
        mutually_exclusive=MUTUALLY_EXCLUSIVE,
        supports_check_mode=True,
    )
    params = module.params
    path, name, state, keep_only = params["path"], params["name"], params["state"], params["keep_only"]
    if keep_only is not None:
        state = "absent"
    elif state == "present" and not params["hash"]:
        module.fail_json(msg="state is present but no hash was given: run this module by its name, "
                             "mlflowops.tracking.htpasswd_user, so its action plugin hashes the password "
                             "on the controller")

    exists = os.path.exists(path)
    if not exists and state == "present" and not params["create"]:
        module.fail_json(msg="%s does not exist; create it or set create=true" % path)

    try:
        for username in keep_only if keep_only is not None else [name]:
            validate_username(username)
        entries = []
        if exists:
            with open(path, "r") as handle:
                entries = parse_htpasswd(handle.read())
        new_entries, hashed, password_changed = plan(entries, name, state, params["hash"], keep_only)
    except BasicAuthError as exc:
        module.fail_json(msg="%s: %s" % (path, to_native(exc)))
    except (IOError, OSError) as exc:
        module.fail_json(msg="cannot read %s: %s" % (path, to_native(exc)))

    content_changed = new_entries != entries
    if not exists and state == "absent":
        content_changed = False
    changed = content_changed

    if content_changed and not module.check_mode:
        write_atomically(module, path, format_htpasswd(new_entries))
    if (exists or content_changed) and not (module.check_mode and not exists):
        file_args = module.load_file_common_arguments(params)
        changed = module.set_fs_attributes_if_different(file_args, changed)

    result = dict(changed=changed, users=[entry[0] for entry in new_entries])
    if hashed is not None:
        result["hash"] = hashed
    if module._diff:
        marker = " (password changed)" if password_changed and name in dict(entries) else ""
        result["diff"] = dict(
            before_header=path, after_header=path,
            before="".join("%s\n" % entry[0] for entry in entries),
            after="".join("%s%s\n" % (entry[0], marker if entry[0] == name else "") for entry in new_entries),
        )
    module.exit_json(**result)


if __name__ == "__main__":
    main()

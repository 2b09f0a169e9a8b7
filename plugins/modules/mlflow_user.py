#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: mlflowops maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: mlflow_user
short_description: Manage a user of MLflow's basic-auth app, its admin flag and its permissions
version_added: 0.1.0
description:
  - Creates, updates or deletes a user through MLflow's REST API (C(--app-name basic-auth)), and grants
    permissions on experiments and registered models with C(/api/3.0/mlflow/users/permissions/grant).
  - Idempotent. A password is changed only when it no longer logs in; a grant only when it differs.
  - Rotates the password of the acting admin too. MLflow reads the admin password from its config
    only when it first creates the admin; afterwards the API is the only way to change it. Pass the
    new one as I(login_password) and the one in use as I(login_previous_password).
  - No collection module covers MLflow's user API; this one uses only the standard library and
    Ansible's C(open_url), so it runs on a stock target.
author:
  - mlflowops maintainers (@mlflowops)
extends_documentation_fragment:
  - mlflowops.tracking.mlflow_api
options:
  login_username:
    description: An admin user to act as. Required.
    type: str
  login_password:
    description: The admin's password. Required.
    type: str
  login_previous_password:
    description:
      - The admin's password in use before a rotation. Tried when I(login_password) is refused; when
        I(name) is I(login_username), the password is then changed to I(login_password).
    type: str
  name:
    description: The user to manage.
    type: str
    required: true
    aliases: [username]
  password:
    description:
      - The user's password, at least 12 characters (MLflow's policy). Required to create a user.
        When set for an existing user, the password is changed if it no longer logs in.
    type: str
  admin:
    description: Whether the user is an admin.
    type: bool
    default: false
  state:
    description: Whether the user exists.
    type: str
    choices: [present, absent]
    default: present
  permissions:
    description:
      - Grants of the user. Each names one resource by I(experiment) (name), I(experiment_id) or
        I(registered_model) (name).
      - Grants not listed are left alone unless I(purge_permissions) is set.
    type: list
    elements: dict
    default: []
    suboptions:
      experiment:
        description: Experiment name.
        type: str
      experiment_id:
        description: Experiment ID.
        type: str
      registered_model:
        description: Registered model name.
        type: str
      permission:
        type: str
        required: true
        choices: [READ, EDIT, MANAGE, DENY]
        description:
          - The permission on that resource. C(DENY) takes it away even where the default permission
            would give it; MLflow 3.17 refuses C(NO_PERMISSIONS) on one resource.
  purge_permissions:
    description:
      - Revoke experiment and registered-model grants not listed in I(permissions).
      - Off by default because MLflow grants C(MANAGE) to whoever creates an experiment or model.
    type: bool
    default: false
  create_missing_experiments:
    description: Create an experiment named in I(permissions) when it does not exist, instead of failing.
    type: bool
    default: false
attributes:
  check_mode:
    support: full
    description: Reads users, grants and experiments and reports what would change; writes nothing.
  diff_mode:
    support: none
    description: The result's C(actions) lists what changed.
notes:
  - Requires MLflow 3.x with the basic-auth app; the 2.x permission endpoints answer 404 there.
seealso:
  - module: mlflowops.tracking.mlflow_health
"""

EXAMPLES = r"""
- name: A data scientist who may edit one experiment and read everything else
  mlflowops.tracking.mlflow_user:
    login_username: admin
    login_password: "{{ mlflow_admin_password }}"
    name: alice
    password: "{{ alice_password }}"
    permissions:
      - {experiment: churn-model, permission: EDIT}
      - {registered_model: churn, permission: READ}
  no_log: true

- name: Rotate the admin password
  mlflowops.tracking.mlflow_user:
    login_username: admin
    login_password: "{{ new_admin_password }}"
    login_previous_password: "{{ old_admin_password }}"
    name: admin
    password: "{{ new_admin_password }}"
    admin: true
  no_log: true
"""

RETURN = r"""
user:
  description: The user afterwards (nothing when deleted).
  returned: success
  type: dict
  sample: {username: alice, is_admin: false}
actions:
  description: What was (or, in check mode, would be) changed, without secrets.
  returned: always
  type: list
  elements: str
  sample: ["create user alice", "grant EDIT on experiment 1"]
revoked:
  description:
    - Whether a credential or privilege was taken away (a password changed, the user deleted, the admin
      flag removed). MLflow's per-worker credential cache (C(auth_cache_ttl_seconds)) may honour the
      old one on other workers and hosts until its TTL has passed; the mlflow_server role waits that long.
  returned: always
  type: bool
  sample: true
"""

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.converters import to_native

from ansible_collections.mlflowops.tracking.plugins.module_utils.mlflow_api import (
    CONNECTION_ARGUMENT_SPEC,
    MlflowApi,
    MlflowApiError,
)

USERS = "/api/2.0/mlflow/users"
PERMISSIONS = "/api/3.0/mlflow/users/permissions"
MIN_PASSWORD = 12  # MLflow's own policy for every user (mlflow.utils.validation._validate_password)


def resource_of(grant):
    """Return (resource_type, key, label) of a permissions entry; exactly one resource must be named."""
    named = [k for k in ("experiment", "experiment_id", "registered_model") if grant.get(k)]
    if len(named) != 1:
        raise MlflowApiError("each permissions entry names exactly one of experiment, experiment_id or "
                             "registered_model; got %s" % (", ".join(named) or "none"))
    key = named[0]
    resource_type = "registered_model" if key == "registered_model" else "experiment"
    return resource_type, key, grant[key]


def plan_grants(current, desired, purge):
    """Compare {(type, id): permission} maps; return a list of (action, type, id, permission). Pure."""
    steps = []
    for resource, permission in sorted(desired.items()):
        have = current.get(resource)
        if have == permission:
            continue
        if have is not None:
            steps.append(("revoke", resource[0], resource[1], have))
        steps.append(("grant", resource[0], resource[1], permission))
    if purge:
        for resource, permission in sorted(current.items()):
            if resource not in desired and resource[0] in ("experiment", "registered_model"):
                steps.append(("revoke", resource[0], resource[1], permission))
    return steps


class UserManager(object):
    def __init__(self, module, api):
        self.module = module
        self.api = api
        self.params = module.params
        self.check_mode = module.check_mode
        self.actions = []
        self.auth = None
        self.rotated = False
        self.revoked = False

    def works(self, username, password):
        """True when username/password log in (a user may read itself)."""
        status, body, dummy = self.api.request("GET", USERS + "/get", auth=(username, password),
                                               query={"username": username})
        if status in (200, 403):
            return True
        if status == 401:
            return False
        raise MlflowApiError(self.api.describe("GET", USERS + "/get", status, body, 200), status)

    def login(self):
        """Pick working admin credentials; returns True when the previous password had to be used."""
        p = self.params
        if self.works(p["login_username"], p["login_password"]):
            self.auth = (p["login_username"], p["login_password"])
            return False
        if p["login_previous_password"] and self.works(p["login_username"], p["login_previous_password"]):
            self.auth = (p["login_username"], p["login_previous_password"])
            return True
        raise MlflowApiError("cannot log in to %s as %s with login_password%s (401)" % (
            self.api.url("/"), p["login_username"],
            " or login_previous_password" if p["login_previous_password"] else ""), 401)

    def write(self, description, method, path, payload, revokes=False):
        self.actions.append(description)
        self.revoked = self.revoked or revokes
        if not self.check_mode:
            self.api.call(method, path, auth=self.auth, payload=payload)

    def rotate_own_password(self):
        p = self.params
        self.write("change password of %s" % p["login_username"], "PATCH", USERS + "/update-password",
                   dict(username=p["login_username"], password=p["login_password"],
                        current_password=p["login_previous_password"]), revokes=True)
        self.rotated = True
        if not self.check_mode:
            self.auth = (p["login_username"], p["login_password"])

    def get_user(self, name):
        try:
            return self.api.call("GET", USERS + "/get", auth=self.auth, query={"username": name})["user"]
        except MlflowApiError as exc:
            if exc.error_code == "RESOURCE_DOES_NOT_EXIST" or exc.status == 404:
                return None
            raise

    def experiment_id(self, name):
        try:
            return self.api.call("GET", "/api/2.0/mlflow/experiments/get-by-name", auth=self.auth,
                                 query={"experiment_name": name})["experiment"]["experiment_id"]
        except MlflowApiError as exc:
            if exc.error_code != "RESOURCE_DOES_NOT_EXIST":
                raise
        if not self.params["create_missing_experiments"]:
            raise MlflowApiError("experiment %r does not exist; create it or set create_missing_experiments" % name)
        self.actions.append("create experiment %s" % name)
        if self.check_mode:
            return "(new:%s)" % name
        return self.api.call("POST", "/api/2.0/mlflow/experiments/create", auth=self.auth,
                             payload={"name": name})["experiment_id"]

    def desired_grants(self):
        desired = {}
        for grant in self.params["permissions"]:
            resource_type, key, value = resource_of(grant)
            resource_id = self.experiment_id(value) if key == "experiment" else str(value)
            desired[(resource_type, resource_id)] = grant["permission"]
        return desired

    def current_grants(self, name):
        listing = self.api.call("GET", PERMISSIONS + "/list", auth=self.auth, query={"username": name})
        return dict(((g["resource_type"], g["resource_pattern"]), g["permission"])
                    for g in listing.get("permissions", []))

    def ensure_present(self, user):
        p = self.params
        name = p["name"]
        if user is None:
            if not p["password"]:
                raise MlflowApiError("password is required to create user %s" % name)
            self.write("create user %s" % name, "POST", USERS + "/create", dict(username=name, password=p["password"]))
            user = dict(username=name, is_admin=False)
            exists = False
        else:
            exists = True
        if exists and p["password"] and not self.rotated and not self.works(name, p["password"]):
            self.write("change password of %s" % name, "PATCH", USERS + "/update-password",
                       dict(username=name, password=p["password"]), revokes=True)
        if bool(user.get("is_admin")) != p["admin"]:
            self.write("set admin=%s for %s" % (p["admin"], name), "PATCH", USERS + "/update-admin",
                       dict(username=name, is_admin=p["admin"]), revokes=not p["admin"])
            user["is_admin"] = p["admin"]
        if not p["permissions"] and not p["purge_permissions"]:
            return dict(username=name, is_admin=bool(user.get("is_admin")))
        current = self.current_grants(name) if exists or not self.check_mode else {}
        for action, resource_type, resource_id, permission in plan_grants(
                current, self.desired_grants(), p["purge_permissions"]):
            payload = dict(username=name, resource_type=resource_type, resource_id=resource_id)
            if action == "grant":
                payload["permission"] = permission
            self.write("%s %s on %s %s" % (action, permission, resource_type, resource_id), "POST",
                       PERMISSIONS + "/" + action, payload)
        return dict(username=name, is_admin=bool(user.get("is_admin")))

    def run(self):
        p = self.params
        name = p["name"]
        if name == p["login_username"] and p["state"] == "absent":
            raise MlflowApiError("refusing to delete %s, the user this module logs in as" % name)
        if self.login() and name == p["login_username"]:
            self.rotate_own_password()
        user = self.get_user(name)
        if p["state"] == "absent":
            if user is not None:
                self.write("delete user %s" % name, "DELETE", USERS + "/delete", dict(username=name), revokes=True)
            return None
        return self.ensure_present(user)


def main():
    argument_spec = dict(
        login_previous_password=dict(type="str", no_log=True),
        name=dict(type="str", required=True, aliases=["username"]),
        password=dict(type="str", no_log=True),
        admin=dict(type="bool", default=False),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        permissions=dict(type="list", elements="dict", default=[], options=dict(
            experiment=dict(type="str"),
            experiment_id=dict(type="str"),
            registered_model=dict(type="str"),
            permission=dict(type="str", required=True, choices=["READ", "EDIT", "MANAGE", "DENY"]),
        )),
        purge_permissions=dict(type="bool", default=False),
        create_missing_experiments=dict(type="bool", default=False),
    )
    argument_spec.update(CONNECTION_ARGUMENT_SPEC)
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    for required in ("login_username", "login_password"):
        if not module.params[required]:
            module.fail_json(msg="missing required arguments: %s (an admin to act as)" % required)
    p = module.params
    for key in ("password", "login_password"):
        if p[key] is not None and len(p[key]) < MIN_PASSWORD:
            module.fail_json(msg="%s: MLflow needs passwords of at least %d characters" % (key, MIN_PASSWORD))

    manager = None
    try:
        manager = UserManager(module, MlflowApi.from_params(p))
        user = manager.run()
    except MlflowApiError as exc:
        module.fail_json(msg=to_native(exc), actions=manager.actions if manager else [])
    result = dict(changed=bool(manager.actions), actions=manager.actions, revoked=manager.revoked)
    if user is not None:
        result["user"] = user
    module.exit_json(**result)


if __name__ == "__main__":
    main()

# -*- coding: utf-8 -*-
# Copyright: mlflowops maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # How modules reach MLflow's REST API (module_utils/mlflow_api.py).
    DOCUMENTATION = r"""
options:
  tracking_uri:
    description:
      - Base URL of the MLflow server, or of the proxy in front of it, without a path.
      - Set it once for both modules with C(module_defaults) and the action group
        C(group/mlflowops.tracking.mlflow).
    type: str
    default: http://127.0.0.1:5000
    aliases: [url]
  login_username:
    description: The basic-auth user the module logs in as.
    type: str
    aliases: [url_username]
  login_password:
    description: The password of I(login_username).
    type: str
    aliases: [url_password]
  static_prefix:
    description: The server's C(--static-prefix), if any, for example C(/mlflow).
    type: str
    default: ''
  host_header:
    description:
      - Send this C(Host) header instead of the one from the URL, for example the public name when
        talking to MLflow on 127.0.0.1.
    type: str
  validate_certs:
    description: Verify the server's TLS certificate. Set C(false) only for a lab.
    type: bool
    default: true
  ca_path:
    description: CA bundle to verify the server's certificate with, for a private CA.
    type: path
  timeout:
    description: Seconds to wait for each response.
    type: int
    default: 10
"""

"""Make the collection importable as ansible_collections.mlflowops.tracking and run modules in-process."""

import json
import os
import sys
import tempfile

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
_COLLECTIONS = tempfile.mkdtemp(prefix="mlflowops-unit-")
os.makedirs(os.path.join(_COLLECTIONS, "ansible_collections", "mlflowops"))
os.symlink(ROOT, os.path.join(_COLLECTIONS, "ansible_collections", "mlflowops", "tracking"))
sys.path.insert(0, _COLLECTIONS)

from ansible.module_utils.testing import patch_module_args  # noqa: E402


class ModuleResult(dict):
    @property
    def failed(self):
        return bool(self.get("failed"))


@pytest.fixture
def run_module(capsys):
    """Run a module's main() with args; return its JSON result (exit or fail)."""

    def _run(module, args, check_mode=False, diff=False):
        full = dict(args, _ansible_check_mode=check_mode, _ansible_diff=diff)
        with patch_module_args(full):
            with pytest.raises(SystemExit):
                module.main()
        out = capsys.readouterr().out
        return ModuleResult(json.loads(out))

    return _run


@pytest.fixture
def run_action(run_module):
    """Run one of this collection's action plugins in-process: its controller part for real, and the
    modules it calls (ansible.builtin.slurp, its own module) in-process on this machine's files.
    Returns the result as Ansible would register it, failed or not. playbook_action runs the same
    through a real ansible-playbook."""
    import base64
    import importlib
    import types

    from ansible.errors import AnsibleActionFail

    def execute_module(check_mode, diff):
        def _execute(module_name, module_args=None, task_vars=None, **kwargs):
            if module_name == "ansible.builtin.slurp":
                try:
                    with open(module_args["src"], "rb") as handle:
                        return {"content": base64.b64encode(handle.read()).decode()}
                except OSError as exc:
                    return {"failed": True, "msg": "file not found: %s (%s)" % (module_args["src"], exc)}
            namespace, collection, name = module_name.split(".")
            module = importlib.import_module("ansible_collections.%s.%s.plugins.modules.%s" % (namespace, collection, name))
            return dict(run_module(module, module_args, check_mode=check_mode, diff=diff))
        return _execute

    def _run(name, args, check_mode=False, diff=False):
        plugin = importlib.import_module("ansible_collections.mlflowops.tracking.plugins.action." + name)
        task = types.SimpleNamespace(args=dict(args), async_val=0, check_mode=check_mode, diff=diff,
                                     action="mlflowops.tracking." + name)
        connection = types.SimpleNamespace(_shell=types.SimpleNamespace(tmpdir="/nonexistent"))
        action = plugin.ActionModule(task, connection, None, None, None)
        action._execute_module = execute_module(check_mode, diff)
        try:
            return ModuleResult(action.run(task_vars={}))
        except AnsibleActionFail as exc:
            return ModuleResult(failed=True, msg=str(exc))

    return _run


@pytest.fixture
def playbook_action(tmp_path):
    """Run one task of this collection's action plugins in a real ansible-playbook on localhost
    (the controller part and the module it calls); return the registered result, failed or not.
    A few seconds each: for the wiring, while run_action covers the behaviour."""
    import subprocess

    import yaml

    counter = [0]

    def _run(name, args, check_mode=False, diff=False):
        counter[0] += 1
        out = tmp_path / ("result-%d.json" % counter[0])
        play = [{"hosts": "localhost", "gather_facts": False, "tasks": [
            {"name": "under test", "mlflowops.tracking." + name: args, "register": "under_test",
             "ignore_errors": True, "check_mode": check_mode, "diff": diff},
            {"name": "keep the result",
             "ansible.builtin.copy": {"content": "{{ under_test | to_json }}", "dest": str(out)},
             "check_mode": False, "diff": False},
        ]}]
        playbook = tmp_path / ("play-%d.yml" % counter[0])
        playbook.write_text(yaml.safe_dump(play))
        env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=_COLLECTIONS, ANSIBLE_NOCOLOR="1",
                   ANSIBLE_LOCALHOST_WARNING="0", ANSIBLE_INVENTORY_UNPARSED_WARNING="0")
        run = subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,",
                              "-c", "local", "-e", "ansible_python_interpreter=" + sys.executable, str(playbook)],
                             env=env, capture_output=True, text=True, check=False)
        assert out.exists(), run.stdout + run.stderr
        result = ModuleResult(json.loads(out.read_text()))
        result["_output"] = run.stdout + run.stderr
        return result

    return _run

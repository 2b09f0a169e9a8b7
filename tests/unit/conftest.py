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

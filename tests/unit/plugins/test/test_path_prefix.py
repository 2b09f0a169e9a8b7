"""The collection's one test for MLflow's URL path prefix."""

import pytest

from ansible_collections.mlflowops.tracking.plugins.test.path_prefix import path_prefix


@pytest.mark.parametrize("value", ["", "/mlflow", "/team-a/mlflow", "/a", "/ml.flow_v2~x"])
def test_plain_prefixes_pass(value):
    assert path_prefix(value)


@pytest.mark.parametrize("value", [
    "/", "mlflow", "/mlflow/", "//mlflow", "/ml flow", "/mlflow;return 200", "/mlflow}", "/ml{flow",
    "/mlflow\n", "/ml%20flow", "/..", "/a/../b", "/.", "/ml\"flow", "/mlflöw", None, 1, ["/mlflow"],
])
def test_anything_else_fails(value):
    assert not path_prefix(value)

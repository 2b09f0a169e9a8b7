"""Pure helpers of mlflow_user; the module itself runs against real MLflow in the molecule scenarios."""

import pytest

from ansible_collections.mlflowops.tracking.plugins.module_utils.mlflow_api import MlflowApiError
from ansible_collections.mlflowops.tracking.plugins.modules.mlflow_user import plan_grants, resource_of


def test_new_grant():
    assert plan_grants({}, {("experiment", "1"): "EDIT"}, purge=False) == [("grant", "experiment", "1", "EDIT")]


def test_same_grant_is_left_alone():
    assert plan_grants({("experiment", "1"): "EDIT"}, {("experiment", "1"): "EDIT"}, purge=False) == []


def test_changed_grant_is_revoked_then_granted():
    assert plan_grants({("experiment", "1"): "EDIT"}, {("experiment", "1"): "READ"}, purge=False) == [
        ("revoke", "experiment", "1", "EDIT"), ("grant", "experiment", "1", "READ")]


def test_unlisted_grants_stay_unless_purged():
    current = {("experiment", "1"): "MANAGE", ("registered_model", "churn"): "READ", ("prompt", "p"): "READ"}
    assert plan_grants(current, {}, purge=False) == []
    assert plan_grants(current, {}, purge=True) == [
        ("revoke", "experiment", "1", "MANAGE"), ("revoke", "registered_model", "churn", "READ")]


@pytest.mark.parametrize("grant, expected", [
    ({"experiment": "churn", "permission": "EDIT"}, ("experiment", "experiment", "churn")),
    ({"experiment_id": "7", "permission": "READ"}, ("experiment", "experiment_id", "7")),
    ({"registered_model": "churn", "permission": "READ"}, ("registered_model", "registered_model", "churn")),
])
def test_resource_of(grant, expected):
    assert resource_of(grant) == expected


@pytest.mark.parametrize("grant", [{"permission": "READ"}, {"experiment": "a", "experiment_id": "1"}])
def test_resource_of_needs_exactly_one_resource(grant):
    with pytest.raises(MlflowApiError, match="exactly one"):
        resource_of(grant)

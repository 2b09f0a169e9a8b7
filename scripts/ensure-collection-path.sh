#!/usr/bin/env bash
# Expose this checkout as the collection mlflowops.tracking under .cache/collections, so that
# ansible, molecule, ansible-lint and ansible-doc resolve mlflowops.tracking.* to the working tree.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$here/.cache/collections/ansible_collections/mlflowops"
ln -sfn ../../../.. "$here/.cache/collections/ansible_collections/mlflowops/tracking"

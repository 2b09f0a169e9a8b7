#!/usr/bin/env bash
# ansible-test sanity wants the collection at .../ansible_collections/<namespace>/<name>: test a copy.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dest="$work/ansible_collections/mlflowops/tracking"
mkdir -p "$dest"
# Only what git tracks or would track: no venv, caches or generated secrets.
(cd "$here" && git ls-files -z --cached --others --exclude-standard) \
  | (cd "$here" && xargs -0 cp --parents -t "$dest")
# ansible-test bootstraps pip in its venvs with a script it downloads from its own CI host; where
# that host is out of reach, give it a shim that uses ensurepip and the configured package index.
pip_version=$(python3 -c '
import pathlib, re, ansible_test
text = (pathlib.Path(ansible_test.__file__).parent / "_internal/python_requirements.py").read_text()
match = re.search(r"pip=.([0-9.]+).", text)
print(match.group(1) if match else "")')
cache="$HOME/.ansible/test/cache/get_pip_${pip_version//./_}.py"
if [ -n "$pip_version" ] && [ ! -f "$cache" ]; then
  mkdir -p "$(dirname "$cache")"
  cp "$here/scripts/lib/get-pip-shim.py" "$cache"
fi
cd "$dest"
git init -q && git add -A >/dev/null
ansible-test sanity --venv --python "$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')" "$@"

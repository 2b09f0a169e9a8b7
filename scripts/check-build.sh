#!/usr/bin/env bash
# Build the collection tarball, install it into an empty collections path that holds only the
# dependencies galaxy.yml declares (copied from the ansible bundle, so offline), hide every other
# collection, and run a playbook that uses the modules by FQCN plus ansible-doc for every role and
# plugin: proves the artifact a Galaxy user installs works, not only the working tree.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

ansible-galaxy collection build "$here" --output-path "$work" --force
tarball=$(ls "$work"/mlflowops-tracking-*.tar.gz)
echo "built $(basename "$tarball") ($(du -h "$tarball" | cut -f1))"
if tar -tzf "$tarball" | grep -E '(^|/)(tests|molecule|\.venv|\.cache|\.secrets)/' >/dev/null; then
  echo "ERROR: the tarball contains test, venv or secret files" >&2
  exit 1
fi
# The declared dependencies and theirs (from each MANIFEST.json), and nothing else.
python3 - "$here/galaxy.yml" "$work/collections" <<'PYTHON'
import json, os, shutil, sys
import ansible_collections
import yaml
bundle = list(ansible_collections.__path__)
wanted = list(yaml.safe_load(open(sys.argv[1]))["dependencies"])
seen = set()
while wanted:
    name = wanted.pop()
    if name in seen:
        continue
    seen.add(name)
    namespace, collection = name.split(".")
    source = next(os.path.join(top, namespace, collection) for top in bundle
                  if os.path.isdir(os.path.join(top, namespace, collection)))
    shutil.copytree(source, os.path.join(sys.argv[2], "ansible_collections", namespace, collection))
    with open(os.path.join(source, "MANIFEST.json")) as handle:
        wanted += list(json.load(handle)["collection_info"].get("dependencies") or {})
print("dependencies: " + " ".join(sorted(seen)))
PYTHON
export ANSIBLE_COLLECTIONS_PATH="$work/collections" ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false
ansible-galaxy collection install --offline -p "$work/collections" "$tarball"

# A stand-in /health for mlflow_health: a static file served on loopback.
mkdir -p "$work/www" && echo OK >"$work/www/health"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$work/www" "$port" >/dev/null 2>&1 &
server_pid=$!

cat >"$work/playbook.yml" <<PLAYBOOK
- name: Use the installed collection by FQCN
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Hash a password
      mlflowops.tracking.password_hash:
        password: installed-collection-pw
        bcrypt_cost: 4
      register: hashed
    - name: Keep the hash when the password is unchanged
      mlflowops.tracking.password_hash:
        password: installed-collection-pw
        bcrypt_cost: 4
        current_hash: "{{ hashed.hash }}"
      register: again
      failed_when: again is changed or again.hash != hashed.hash
    - name: Keep a user in an htpasswd file
      mlflowops.tracking.htpasswd_user:
        path: $work/htpasswd
        name: alice
        password: installed-collection-pw
        bcrypt_cost: 4
        mode: "0600"
    - name: Filters and tests by FQCN
      ansible.builtin.assert:
        that:
          - "['MLflow.example.com'] | mlflowops.tracking.public_url('http', 443, prefix='/m') == 'http://mlflow.example.com:443/m'"
          - "'mlflow.example.com' is mlflowops.tracking.dns_name"
          - "'mlflow.example.com:443' is not mlflowops.tracking.dns_name"
    - name: Health check, its URL from the action group's module_defaults
      mlflowops.tracking.mlflow_health:
        retries: 5
        delay: 1
      module_defaults:
        group/mlflowops.tracking.mlflow:
          tracking_uri: http://127.0.0.1:$port
PLAYBOOK
ansible-playbook -i localhost, -c local -e ansible_python_interpreter="$(command -v python3)" "$work/playbook.yml"
# Only the installed copy is visible: every role's and plugin's documentation renders from it.
listed=$(ansible-doc -t role -l mlflowops.tracking | sed -n 's/^\(mlflowops\.tracking\.[a-z_]*\):.*/\1/p')
[ "$(wc -w <<<"$listed")" -eq "$(find "$here/roles" -mindepth 1 -maxdepth 1 -type d | wc -l)" ] || {
  echo "ERROR: ansible-doc lists roles: $listed" >&2; exit 1; }
for role in $listed; do ansible-doc -t role "$role" >/dev/null; done
for module in "$here"/plugins/modules/*.py; do
  ansible-doc "mlflowops.tracking.$(basename "$module" .py)" >/dev/null
done
for filter in "$here"/plugins/filter/*.yml; do
  ansible-doc -t filter "mlflowops.tracking.$(basename "$filter" .yml)" >/dev/null
done
for test in "$here"/plugins/test/*.py; do
  ansible-doc -t test "mlflowops.tracking.$(basename "$test" .py)" >/dev/null
done
echo "installed collection works with only its declared dependencies; documented roles: $(tr '\n' ' ' <<<"$listed")"

#!/usr/bin/env bash
# Build the collection tarball, install it into an empty collections path and run a playbook that
# uses the modules by FQCN: proves the artifact users install works, not only the working tree.
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
# The bundled collections (amazon.aws, ...) come with the ansible package: --no-deps.
ANSIBLE_COLLECTIONS_PATH="$work/collections" ansible-galaxy collection install --no-deps -p "$work/collections" "$tarball"

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
    - name: Health check
      mlflowops.tracking.mlflow_health:
        url: http://127.0.0.1:$port
        retries: 5
        delay: 1
PLAYBOOK
ANSIBLE_COLLECTIONS_PATH="$work/collections" ansible-playbook -i localhost, -c local \
  -e ansible_python_interpreter="$(command -v python3)" "$work/playbook.yml"
ANSIBLE_COLLECTIONS_PATH="$work/collections" ansible-doc mlflowops.tracking.mlflow_user >/dev/null
echo "installed collection works"

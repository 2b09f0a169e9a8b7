#!/usr/bin/env bash
# Make sure a Docker engine answers. On Debian/Ubuntu as root, install the distro's docker.io and
# start dockerd in the background (sandboxes and CI machines have no init to do it for us).
set -euo pipefail

log() { printf '==> %s\n' "$*" >&2; }

if docker info >/dev/null 2>&1; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  cat >&2 <<'MSG'
ERROR: no Docker engine answers `docker info`.
Install and start Docker (https://docs.docker.com/engine/install/), make sure your user can
talk to it (`docker info` works without sudo), then run this command again.
MSG
  exit 1
fi

if ! command -v dockerd >/dev/null 2>&1; then
  log "installing the distribution's docker.io"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq docker.io >/dev/null
fi

if ! pgrep -x dockerd >/dev/null 2>&1; then
  log "starting dockerd in the background (log: /var/log/dockerd.log)"
  nohup dockerd >/var/log/dockerd.log 2>&1 &
fi

for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    log "docker engine is up"
    exit 0
  fi
  sleep 1
done
echo "ERROR: dockerd did not answer within 60 s; see /var/log/dockerd.log" >&2
exit 1

#!/usr/bin/env bash
# Build the Debian 12 systemd test image when it is missing or its recipe changed.
# Tries `docker build` FROM debian:bookworm when a registry answers; otherwise debootstraps a
# minbase rootfs from the Debian mirror configured in the host's own apt sources.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
image=${MLFLOWOPS_TEST_IMAGE:-mlflowops-test/debian12-systemd:latest}
packages_file="$here/tests/image/packages.txt"
recipe=$(cat "$0" "$packages_file" | sha256sum | cut -c1-16)

log() { printf '==> %s\n' "$*" >&2; }

current=$(docker image inspect -f '{{ index .Config.Labels "org.mlflowops.recipe" }}' "$image" 2>/dev/null || true)
if [ "$current" = "$recipe" ]; then
  exit 0
fi

packages=$(grep -vE '^\s*(#|$)' "$packages_file" | tr '\n' ' ')
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT

# The host's Debian mirror, from deb822 sources or the one-line format; never a hard-coded host.
host_mirror() {
  local uri
  uri=$(awk '/^URIs:/ {print $2}' /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | grep -v -- '-security' | grep -m1 '/debian/\?$' || true)
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1 == "deb" && $3 ~ /^bookworm$/ {print $2; exit}' /etc/apt/sources.list)
  fi
  printf '%s' "$uri"
}

host_security_mirror() {
  awk '/^URIs:/ {print $2}' /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | grep -m1 -- '-security' || true
}

build_from_registry() {
  log "trying docker build FROM debian:bookworm"
  cat >"$workdir/Dockerfile" <<DOCKERFILE
FROM debian:bookworm
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $packages \
 && apt-get clean && rm -rf /var/lib/apt/lists/*
CMD ["/lib/systemd/systemd"]
DOCKERFILE
  timeout 300 docker build -q --label "org.mlflowops.recipe=$recipe" -t "$image" "$workdir" >/dev/null 2>&1
}

build_with_debootstrap() {
  local mirror security rootfs
  mirror=$(host_mirror)
  if [ -z "$mirror" ]; then
    echo "ERROR: no Debian mirror found in /etc/apt/sources.list*; cannot debootstrap the test image" >&2
    exit 1
  fi
  if ! command -v debootstrap >/dev/null 2>&1; then
    log "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  fi
  rootfs="$workdir/rootfs"
  log "debootstrapping Debian 12 from the host's mirror (about a minute)"
  debootstrap --variant=minbase --include="$(echo "$packages" | tr ' ' ',')" \
    bookworm "$rootfs" "$mirror" >"$workdir/debootstrap.log" 2>&1 \
    || { tail -20 "$workdir/debootstrap.log" >&2; exit 1; }
  security=$(host_security_mirror)
  {
    echo "deb $mirror bookworm main"
    echo "deb $mirror bookworm-updates main"
    [ -n "$security" ] && echo "deb $security bookworm-security main"
  } >"$rootfs/etc/apt/sources.list"
  # A container has no console or udev; these units only slow boot down or fail.
  for unit in getty@tty1.service systemd-udevd.service systemd-udev-trigger.service \
              systemd-remount-fs.service; do
    ln -sf /dev/null "$rootfs/etc/systemd/system/$unit"
  done
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb
  : >"$rootfs/etc/machine-id"
  tar -C "$rootfs" -c . | docker import \
    -c 'CMD ["/lib/systemd/systemd"]' \
    -c 'ENV container=docker' \
    -c "LABEL org.mlflowops.recipe=$recipe" \
    - "$image" >/dev/null
}

if ! build_from_registry; then
  log "no image registry reachable; building from the host's apt mirror"
  build_with_debootstrap
fi
log "test image $image ready (recipe $recipe)"

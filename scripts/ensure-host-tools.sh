#!/usr/bin/env bash
# Host tools the tests use on the controller: htpasswd (apache2-utils) and openssl as independent
# verifiers in the unit tests, and Debian's chromium, the browser molecule/default drives with
# Playwright (molecule/shared/files/ui_check.py).
set -euo pipefail
missing=()
command -v htpasswd >/dev/null 2>&1 || missing+=(apache2-utils)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v git >/dev/null 2>&1 || missing+=(git)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "==> installing ${missing[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "ERROR: install ${missing[*]} (Debian/Ubuntu package names) and retry" >&2
  exit 1
fi

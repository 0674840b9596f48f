#!/usr/bin/env bash
# Installs the interop suite's servers from Debian's packages: nginx, httpbin (python3-httpbin) served by
# gunicorn, and openssl for the run-time certificate. Idempotent: does nothing when they are present.
set -euo pipefail

packages=(nginx python3-httpbin gunicorn openssl)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" = 0 ]; then
  echo "interop setup: ${packages[*]} already installed"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  sudo=sudo
else
  sudo=
fi
echo "interop setup: installing ${missing[*]}"
# The nginx package would start a system-wide nginx on port 80 of every address; the suite starts its own on
# 127.0.0.1 only. A policy-rc.d answering 101 tells invoke-rc.d not to start services during the install.
policy=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod 755 "$policy"
  own_policy=1
  trap '$sudo rm -f "$policy"' EXIT
fi
$sudo apt-get update -q
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
if [ "$own_policy" = 1 ]; then
  $sudo rm -f "$policy"
  trap - EXIT
fi

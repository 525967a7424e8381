#!/usr/bin/env bash
# Debian's redis-server and haproxy, for `make run RASA_REPLICAS=2 ...` and the replica tests:
# installed when missing (as root, or with passwordless sudo). Exit status 3: could not install.
set -euo pipefail
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
[ ${#missing[@]} -eq 0 ] && { echo "redis-server and haproxy already installed"; exit 0; }
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo -n)
echo "installing ${missing[*]}"
if ! { "${sudo[@]}" apt-get update -qq &&
       "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
  echo "could not install ${missing[*]} (apt-get failed)" >&2
  exit 3
fi

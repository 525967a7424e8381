#!/usr/bin/env bash
# Debian's Chromium and a colour emoji font for tests/storefront/test_browser.py and scripts/screenshot.py.
# Playwright drives this system browser (`playwright install` needs a download host we lack).
# Idempotent: does nothing when both are installed.
set -euo pipefail

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
installed fonts-noto-color-emoji || missing+=(fonts-noto-color-emoji)
if [ ${#missing[@]} -eq 0 ]; then
  echo "chromium and fonts-noto-color-emoji already installed"
  exit 0
fi

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"

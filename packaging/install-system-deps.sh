#!/usr/bin/env bash
# Installs the system libraries Qt needs (packaging/system-packages.txt) on Debian/Ubuntu.
# Skips what is already installed; uses sudo only when not root; does nothing elsewhere.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: no apt-get here; install the Qt libraries listed in $here/system-packages.txt yourself" >&2
  exit 0
fi
mapfile -t wanted < <(grep -v '^\s*#' "$here/system-packages.txt" | grep -v '^\s*$')
missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
run=()
[ "$(id -u)" -eq 0 ] || run=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get update -qq
"${run[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

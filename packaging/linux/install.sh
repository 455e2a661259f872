#!/usr/bin/env bash
# Installs the one-folder build (dist/reslib-desktop/, from `bash packaging/build.sh`) with its
# desktop integration: launcher, menu entry, AppStream metadata and icons.
#
#   bash packaging/linux/install.sh                 # for you: PREFIX=~/.local
#   sudo PREFIX=/usr/local bash packaging/linux/install.sh
#   DESTDIR=/tmp/stage PREFIX=/usr bash packaging/linux/install.sh   # staging, for distro packages
#
# Uninstall: bash packaging/linux/install.sh --uninstall (same PREFIX/DESTDIR).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
app_id=io.github.reslib.ReslibDesktop
prefix=${PREFIX:-$HOME/.local}
dest=${DESTDIR:-}
share="$dest$prefix/share"
libdir="$dest$prefix/lib/reslib-desktop"
bindir="$dest$prefix/bin"

if [ "${1:-}" = --uninstall ]; then
  rm -rf "$libdir"
  rm -f "$bindir/reslib-desktop" "$share/applications/$app_id.desktop" "$share/metainfo/$app_id.metainfo.xml"
  rm -f "$share"/icons/hicolor/*/apps/"$app_id".png "$share/icons/hicolor/scalable/apps/$app_id.svg"
  echo "removed reslib-desktop from $dest$prefix"
  exit 0
fi

build="$root/dist/reslib-desktop"
[ -x "$build/reslib-desktop" ] || { echo "install.sh: no build at $build; run: bash packaging/build.sh" >&2; exit 1; }
rm -rf "$libdir"
mkdir -p "$libdir" "$bindir" "$share/applications" "$share/metainfo" "$share/icons/hicolor/scalable/apps"
cp -a "$build/." "$libdir/"
ln -sfn "$prefix/lib/reslib-desktop/reslib-desktop" "$bindir/reslib-desktop"
install -m 644 "$here/$app_id.desktop" "$share/applications/$app_id.desktop"
install -m 644 "$here/$app_id.metainfo.xml" "$share/metainfo/$app_id.metainfo.xml"
cp -r "$root/assets/icons/hicolor" "$share/icons/"
install -m 644 "$root/assets/icons/reslib-desktop.svg" "$share/icons/hicolor/scalable/apps/$app_id.svg"
if [ -z "$dest" ]; then
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$share/applications" || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
fi
echo "installed reslib-desktop in $dest$prefix (run: $prefix/bin/reslib-desktop)"

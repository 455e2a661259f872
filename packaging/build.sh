#!/usr/bin/env bash
# Builds the one-folder app: dist/reslib-desktop/ (run dist/reslib-desktop/reslib-desktop).
#
#   bash packaging/build.sh
#
# Uses $PYTHON if set, else .venv/bin/python, else python3; that Python needs the project and
# PyInstaller installed (pip install -e '.[package]'). Then smoke-checks the result with
# --version and --self-test (set RESLIB_BUILD_NO_SMOKE=1 to skip). On Windows and macOS run the
# same PyInstaller command (see packaging/windows/ and packaging/macos/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${PYTHON:-}" ]; then
  python="$PYTHON"
elif [ -x .venv/bin/python ]; then
  python=.venv/bin/python
else
  python=python3
fi
if ! "$python" -c "import PyInstaller, reslib_desktop" 2>/dev/null; then
  echo "build.sh: $python lacks PyInstaller or reslib_desktop; run: $python -m pip install -e '.[package]'" >&2
  exit 1
fi
start=$(date +%s)
# The window's translations: .ts -> .qm (never committed), packaged by the spec.
"$python" packaging/translations.py compile build/translations
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/reslib-desktop.spec
seconds=$(( $(date +%s) - start ))
app=dist/reslib-desktop/reslib-desktop
[ -x "$app" ] || app=dist/reslib-desktop/reslib-desktop.exe
echo "build.sh: built dist/reslib-desktop/ in ${seconds} s ($(du -sh dist/reslib-desktop | cut -f1))"
if [ "${RESLIB_BUILD_NO_SMOKE:-}" != 1 ] && [ -x "$app" ]; then
  "$app" --version
  "$app" --self-test
fi

"""Packaging: the app's --self-test, the Linux desktop files, the icons, versions kept in step.

The PyInstaller build itself is not run here (it takes ~40 s): .ci/run builds it after
the tests and runs the built app's --version and --self-test.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from reslib_desktop import __version__

REPO = Path(__file__).resolve().parent.parent.parent
LINUX = REPO / "packaging" / "linux"
APP_ID = "io.github.reslib.ReslibDesktop"
DESKTOP_FILE = LINUX / f"{APP_ID}.desktop"
METAINFO_FILE = LINUX / f"{APP_ID}.metainfo.xml"
ICONS = REPO / "assets" / "icons"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_self_test_passes_and_writes_nothing_outside_a_temporary_folder(isolated_user_dirs: Path) -> None:
    shipped = REPO / "resources.db"
    before = _digest(shipped)
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    completed = subprocess.run(
        [sys.executable, "-m", "reslib_desktop", "--self-test"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=180,
    )
    assert completed.returncode == 0, f"stdout:\n{completed.stdout}\nstderr:\n{completed.stderr}"
    lines = completed.stdout.splitlines()
    assert "ok: window" in lines
    assert any(re.fullmatch(r"ok: search \([1-9]\d* results\)", line) for line in lines), lines
    assert "ok: pdf render" in lines
    driver = r"ok: server driver \(psycopg (binary|c|python), libpq \d+\)"
    assert any(re.fullmatch(driver, line) for line in lines), lines
    assert _digest(shipped) == before, "the self-test changed the shipped resources.db"
    assert not list((isolated_user_dirs / "data").rglob("*")), "the self-test wrote into the user's data folder"
    assert not list((isolated_user_dirs / "config").rglob("*")), "the self-test wrote into the user's settings"
    assert not list(shipped.parent.glob("resources.db-*")), "the shipped library got a journal beside it"


def test_self_test_reports_a_failure_with_exit_code_1(tmp_path: Path) -> None:
    script = (
        "import reslib_desktop.gui.self_test as t\n"
        "t.SEARCH_TEXT = 'zzqqxxnothingmatches'\n"
        "raise SystemExit(t.run())\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    completed = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, timeout=180
    )
    assert completed.returncode == 1
    assert "ok: window" in completed.stdout.splitlines()
    assert "self-test FAILED: search:" in completed.stderr


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: apt-get install desktop-file-utils appstream; "
                    "packaging/install-system-deps.sh installs it)")
    return path


def test_desktop_file_passes_desktop_file_validate() -> None:
    tool = _tool("desktop-file-validate")
    completed = subprocess.run([tool, str(DESKTOP_FILE)], capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "error" not in (completed.stdout + completed.stderr).lower()


def test_metainfo_passes_appstreamcli_validate() -> None:
    tool = _tool("appstreamcli")
    completed = subprocess.run(
        [tool, "validate", "--no-net", str(METAINFO_FILE)], capture_output=True, text=True, timeout=60
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_desktop_file_and_metainfo_name_the_same_app_and_icon() -> None:
    desktop = DESKTOP_FILE.read_text(encoding="utf-8")
    metainfo = METAINFO_FILE.read_text(encoding="utf-8")
    assert f"Icon={APP_ID}\n" in desktop
    assert "Exec=reslib-desktop\n" in desktop
    assert f"<id>{APP_ID}</id>" in metainfo
    assert f'<launchable type="desktop-id">{APP_ID}.desktop</launchable>' in metainfo
    for screenshot in re.findall(r"docs/screenshots/([\w.-]+\.png)", metainfo):
        assert (REPO / "docs" / "screenshots" / screenshot).is_file(), screenshot


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("size", ICON_SIZES)
def test_icon_png_exists_at_each_size(size: int) -> None:
    path = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    assert path.is_file(), path
    assert _png_size(path) == (size, size)


def test_windows_and_macos_icons_exist() -> None:
    ico = (ICONS / "reslib-desktop.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00" and struct.unpack("<H", ico[4:6])[0] >= 6
    icns = (ICONS / "reslib-desktop.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)


def test_committed_icons_match_the_svg() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    completed = subprocess.run(
        [sys.executable, str(REPO / "packaging" / "make_icons.py"), "--check"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 0, "icons out of date; run python packaging/make_icons.py\n" + completed.stderr


def test_versions_are_in_step() -> None:
    iss = (REPO / "packaging" / "windows" / "reslib-desktop.iss").read_text(encoding="utf-8")
    assert f'#define AppVersion "{__version__}"' in iss
    releases = re.findall(r'<release version="([^"]+)"', METAINFO_FILE.read_text(encoding="utf-8"))
    assert releases and releases[0] == __version__, "the newest AppStream release must be the app's version"


def test_spec_bundles_what_the_frozen_app_looks_for() -> None:
    spec = (REPO / "packaging" / "reslib-desktop.spec").read_text(encoding="utf-8")
    compile(spec, "reslib-desktop.spec", "exec")
    assert '(str(ROOT / "resources.db"), ".")' in spec  # paths.project_root() is sys._MEIPASS
    assert 'tree(ROOT / "assets", "assets")' in spec
    assert '"reslib_desktop/store/migrations"' in spec
    migrations = REPO / "reslib_desktop" / "store" / "migrations"
    assert (migrations / "env.py").is_file() and list((migrations / "versions").glob("0*.py"))

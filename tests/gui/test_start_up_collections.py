"""Once reslib-desktop's window is up, full garbage collections (which run on the GUI thread) no longer
rescan the ~140,000 objects start-up made (modules, classes, widgets): each such pass took ~50 ms, a
stall while typing or scrolling."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Runs the real main() up to its event loop, then reports instead of entering it.
START_THEN_REPORT = """
import gc, sys
from PySide6.QtWidgets import QApplication

def report(*_args):
    print(gc.get_freeze_count(), len(gc.get_objects()), flush=True)
    return 0

QApplication.exec = report
from reslib_desktop.gui.app import main
sys.exit(main(["--db", sys.argv[1], "--cache-dir", sys.argv[2]]))
"""


def test_what_start_up_made_is_left_out_of_full_collections(tmp_path: Path, library_copy: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    started = subprocess.run(
        [sys.executable, "-c", START_THEN_REPORT, str(library_copy), str(tmp_path / "attachments")],
        check=False, env=env, capture_output=True, text=True, timeout=120,
    )
    assert started.returncode == 0, started.stderr
    left_out, still_scanned = map(int, started.stdout.split())
    assert left_out > 50_000  # modules, classes, widgets: kept until the app quits anyway
    assert still_scanned < 5_000  # what a full collection still walks once the window is up

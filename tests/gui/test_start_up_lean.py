"""reslib-desktop starts without loading what only importing or syncing needs: the server's database
driver, the import core (lxml, fuzzy matching) and the sync engine load when first used. On this
2-core machine they took ~150 ms of the ~1.2 s from launch to drawn results (`python -X importtime`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Loaded only by an import, a sync or their dialogs.
NOT_AT_START_UP = (
    "psycopg",
    "rapidfuzz",
    "lxml",
    "reslib_desktop.ingest.pipeline",
    "reslib_desktop.sync.service",
    "reslib_desktop.gui.sync.join_dialog",
    "reslib_desktop.gui.sync.conflicts_view",
)

# Runs the real main() up to its event loop; there, waits for the first results and for every background
# task start-up began, then prints which of the modules above are loaded.
START_THEN_REPORT = """
import json, sys
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

WATCHED = json.loads(sys.argv[3])

def report(*_args):
    app = QApplication.instance()
    window = next(w for w in app.topLevelWidgets() if hasattr(w, "controller"))
    loop = QEventLoop()
    window.controller.resultsReady.connect(lambda *_a: loop.quit())
    QTimer.singleShot(60_000, loop.quit)
    if window.model.rowCount() == 0:
        loop.exec()
    from reslib_desktop.gui.task_runner import wait_for_all
    wait_for_all(60_000)
    app.processEvents()
    print(json.dumps({"rows": window.model.rowCount(),
                      "loaded": [name for name in WATCHED if name in sys.modules]}), flush=True)
    return 0

QApplication.exec = report
from reslib_desktop.gui.app import main
sys.exit(main(["--db", sys.argv[1], "--cache-dir", sys.argv[2]]))
"""


def _start(tmp_path: Path, library: Path) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    started = subprocess.run(
        [sys.executable, "-c", START_THEN_REPORT, str(library), str(tmp_path / "attachments"),
         json.dumps(NOT_AT_START_UP)],
        check=False, env=env, capture_output=True, text=True, timeout=180,
    )
    assert started.returncode == 0, started.stderr
    return json.loads(started.stdout.strip().splitlines()[-1])


def test_the_window_starts_without_the_import_and_sync_machinery(tmp_path: Path, library_copy: Path) -> None:
    started = _start(tmp_path, library_copy)
    assert started["rows"] > 0  # the window did show results
    assert started["loaded"] == []


def test_the_sync_dialogs_still_open_once_asked_for(qtbot, window) -> None:
    from reslib_desktop.gui.sync.conflicts_view import ConflictsView
    from reslib_desktop.gui.sync.join_dialog import JoinServerDialog

    dialog = window.sync.membership.open_join_dialog()
    assert isinstance(dialog, JoinServerDialog) and dialog.isVisible()
    dialog.close()
    window.sync.show_conflicts()
    assert isinstance(window.sync.conflicts_view, ConflictsView) and window.sync.conflicts_view.isVisible()

"""reslib-desktop starts without loading what only importing or syncing needs: the server's database
driver, the import core (lxml, fuzzy matching) and the sync engine load when first used. On this
2-core machine they took ~150 ms of the ~1.2 s from launch to drawn results (`python -X importtime`).
"""

from __future__ import annotations

import json
from pathlib import Path

from support import start_window_then

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

# At main()'s event loop: waits for the first results and for every background task start-up began, then
# prints which of the modules above are loaded.
REPORT = """
import json
from PySide6.QtCore import QEventLoop, QTimer

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
"""


def test_the_window_starts_without_the_import_and_sync_machinery(tmp_path: Path, library_copy: Path) -> None:
    printed = start_window_then(tmp_path, library_copy, REPORT, json.dumps(NOT_AT_START_UP))
    started = json.loads(printed.strip().splitlines()[-1])
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

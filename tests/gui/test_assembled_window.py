"""The window exactly as the app builds it (app.py uses assemble_window)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from reslib_desktop.gui.assemble import assemble_window
from reslib_desktop.gui.results_model import Column
from support import WAIT_MS, wait_for_results


def test_the_assembled_window_searches_and_marks_what_is_new(qtbot, library, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    # A previous visit before the library was built: everything in it is new since then.
    settings.setValue("session/started_at", (datetime(2026, 11, 24) - timedelta(days=30)).isoformat())
    assembled = assemble_window(library, library.offline_service(tmp_path / "cache"), settings)
    window = assembled.window
    qtbot.addWidget(window)
    window.show()
    wait_for_results(qtbot, window)
    assert window.model.total == 57
    assert assembled.saved_searches.isVisibleTo(window)
    qtbot.waitUntil(lambda: bool(assembled.new_since.ids), timeout=WAIT_MS)
    title = window.model.index(0, Column.TITLE)
    assert title.data().startswith("● ")
    assert title.data(Qt.ItemDataRole.AccessibleTextRole).startswith("new: ")
    window.close()

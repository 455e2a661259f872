"""A library made by an older version is upgraded at start-up while a window says so (a backup copy first,
then the migrations: ~5 s at 1,000,000 resources, with nothing on screen before)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from reslib_desktop.gui.library_upgrade import open_library
from reslib_desktop.library import HEAD_REVISION, Library, LibraryError
from tests.support import library_content

OLD_LIBRARY = Path(__file__).resolve().parent.parent / "data" / "library-0004.db"


def _watch_for_the_window(seen: list[tuple[str, str, bool]]) -> None:
    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and widget.isVisible():
                seen.append((widget.accessibleName(), widget.labelText(), widget.isModal()))

    QTimer.singleShot(0, look)


def test_an_older_library_is_upgraded_in_a_worker_while_a_window_says_so(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    shutil.copyfile(OLD_LIBRARY, path)
    assert Library.upgrade_pending(path)
    seen: list[tuple[str, str, bool]] = []
    _watch_for_the_window(seen)
    library = open_library(path)
    try:
        assert library.info().schema_revision == HEAD_REVISION and library.check() == []
    finally:
        library.close()
    assert seen and seen[0][0] == "Updating the library" and seen[0][2]
    assert "library.db" in seen[0][1] and "copy" in seen[0][1]
    assert library_content(path.with_name(f"library.db.before-{HEAD_REVISION}.bak")) == library_content(OLD_LIBRARY)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
    assert not Library.upgrade_pending(path)


def test_a_current_library_opens_with_no_window(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    Library.open(path, create=True).close()
    seen: list[tuple[str, str, bool]] = []
    _watch_for_the_window(seen)
    with open_library(path) as library:
        qtbot.wait(10)
        assert library.info().schema_revision == HEAD_REVISION
    assert seen == []


def test_a_file_that_is_not_a_library_says_so_as_before(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"not a database at all" * 100)
    assert not Library.upgrade_pending(path)
    with pytest.raises(LibraryError):
        open_library(path)

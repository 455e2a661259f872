"""Unexpected errors in the window: logged in the user's data folder, shown with Copy details, app still running."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, qWarning
from PySide6.QtWidgets import QApplication

from reslib_desktop.gui.app import install_crash_reporting
from reslib_desktop.gui.crash_log import (
    FAULTS_NAME,
    LOG_BACKUPS,
    LOG_NAME,
    MAX_LOG_BYTES,
    PREVIOUS_FAULTS_NAME,
    CrashReporter,
)
from reslib_desktop.library import SearchQuery
from reslib_desktop.paths import log_dir
from support import wait_for_results

pytestmark = pytest.mark.qt_no_exception_capture  # the app's own hook must see the exceptions


@pytest.fixture
def reporter(isolated_user_dirs: Path) -> Iterator[CrashReporter]:
    """Crash reporting as the app installs it, into the (isolated) user data folder."""
    installed = install_crash_reporting()
    assert installed is not None
    yield installed
    if installed.dialog is not None:
        installed.dialog.close()
    installed.uninstall()


def _open_the_report_of_a_broken_slot() -> None:
    raise ZeroDivisionError("a slot divided by zero")


def test_an_exception_in_a_slot_is_shown_logged_and_the_window_keeps_working(qtbot, window, reporter) -> None:
    assert reporter.log_path.parent == log_dir() and log_dir().is_relative_to(Path(os.environ["XDG_DATA_HOME"]))
    QTimer.singleShot(0, _open_the_report_of_a_broken_slot)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    dialog = reporter.dialog
    assert "keeps running" in dialog.message.text() and str(reporter.log_path) in dialog.message.text()
    assert "_open_the_report_of_a_broken_slot" in dialog.details_text
    assert "ZeroDivisionError: a slot divided by zero" in dialog.details_text
    dialog.copy_button.click()
    assert "ZeroDivisionError: a slot divided by zero" in QApplication.clipboard().text()
    logged = reporter.log_path.read_text(encoding="utf-8")
    assert "_open_the_report_of_a_broken_slot" in logged and "ZeroDivisionError" in logged

    dialog.close()
    qtbot.keyClicks(window.search_box.edit, "housing")  # the window still searches
    wait_for_results(qtbot, window, "housing")
    assert window.model.rowCount() >= 1


def _worker_that_fails() -> None:
    raise RuntimeError("a worker thread failed")


def test_an_exception_in_a_worker_thread_is_shown_on_the_gui_thread(qtbot, reporter) -> None:
    worker = threading.Thread(target=_worker_that_fails, name="indexer")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert "In thread indexer" in reporter.dialog.details_text
    assert "RuntimeError: a worker thread failed" in reporter.log_path.read_text(encoding="utf-8")


def test_one_dialog_for_a_burst_of_errors_every_one_logged(qtbot, reporter) -> None:
    for _ in range(5):
        QTimer.singleShot(0, _open_the_report_of_a_broken_slot)
    qtbot.waitUntil(lambda: reporter.log_path.read_text(encoding="utf-8").count("ZeroDivisionError: a slot") == 5)
    dialogs = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowTitle() == "Something went wrong"]
    assert dialogs == [reporter.dialog]


def test_qt_warnings_go_to_the_log_which_stays_size_capped(reporter) -> None:
    line = "x" * 1000
    for number in range(4 * MAX_LOG_BYTES // 1000):
        qWarning(f"warning {number} {line}")
    files = sorted(reporter.folder.glob(LOG_NAME + "*"))
    assert len(files) == LOG_BACKUPS + 1
    assert all(path.stat().st_size <= MAX_LOG_BYTES for path in files)
    assert f"Qt: warning {4 * MAX_LOG_BYTES // 1000 - 1} " in reporter.log_path.read_text(encoding="utf-8")


CRASH = """
import faulthandler, sys
from pathlib import Path
from reslib_desktop.gui.crash_log import install
install(Path(sys.argv[1]))
faulthandler._sigsegv()
"""


def test_a_fatal_crash_leaves_a_report_that_the_next_start_keeps(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    crashed = subprocess.run(
        [sys.executable, "-c", CRASH, str(folder)],
        check=False,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert crashed.returncode != 0
    report = (folder / FAULTS_NAME).read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in report and "<module>" in report

    next_start = CrashReporter(folder).install()
    try:
        assert (folder / FAULTS_NAME).exists()  # armed again, for this run
        assert (folder / PREVIOUS_FAULTS_NAME).read_text(encoding="utf-8") == report
        assert "previous run stopped with a fatal error" in next_start.log_path.read_text(encoding="utf-8")
    finally:
        next_start.uninstall()
    assert not (folder / FAULTS_NAME).exists()  # a clean run leaves no report


def test_a_storage_error_is_explained_in_one_line(qtbot, reporter, library_copy: Path) -> None:
    from reslib_desktop.gui.app import explain_library_errors
    from reslib_desktop.library import Library, ResourceEdit

    explain_library_errors(reporter, library_copy)
    with Library.open(library_copy, read_only=True) as library:  # writes are refused by SQLite itself
        resource_id = library.search(SearchQuery(), 0, 1).rows[0].id

        def save_from_a_slot() -> None:
            library.save_resource(resource_id, ResourceEdit(title="Renamed"))

        QTimer.singleShot(0, save_from_a_slot)
        qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    message = reporter.dialog.message.text()
    assert str(library_copy) in message and "read-only" in message and "keeps running" in message
    assert "Something unexpected" not in message
    assert "readonly database" in reporter.dialog.details_text  # SQLite's own words stay in the details

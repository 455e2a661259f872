"""Import history (undo, blocked undo) and the possible-duplicates view, on a real copy of the shipped library."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTranslator

from reslib_desktop.gui.a11y import unnamed_widgets
from reslib_desktop.gui.admin.duplicates_view import DuplicatesDialog
from reslib_desktop.gui.admin.history_dialog import STATUS, HistoryDialog
from reslib_desktop.gui.task_runner import wait_for_all
from reslib_desktop.ingest.editing import EditService
from reslib_desktop.ingest.service import DuplicatePolicy, ImportService
from reslib_desktop.library import Library, SearchQuery, parse_query

WAIT = 10_000
SHIPPED_TITLE = "National Human Trafficking Prevention Framework"
CSV = (
    "title,date,description\n"
    "Otter habitats in cold rivers,2021,Where otters live.\n"
    f"{SHIPPED_TITLE},February 2024,A near copy of a resource the library has.\n"
)


@pytest.fixture(autouse=True)
def _workers_finish() -> Iterator[None]:
    yield
    wait_for_all(WAIT)


@pytest.fixture
def service(library: Library, tmp_path: Path) -> ImportService:
    return ImportService(library, tmp_path / "cache")


def import_csv(service: ImportService, tmp_path: Path, text: str = CSV, name: str = "new.csv") -> int:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    preview = service.preview([source])
    assert not preview.has_errors
    return service.apply(preview, DuplicatePolicy.KEEP).batch_id


def dump(path: Path) -> list[tuple]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute(
            "SELECT uid, title, description, published_text, duplicate_of_uid FROM resources ORDER BY uid"
        ).fetchall()
    finally:
        connection.close()


class Yes:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, _parent, _title: str, question: str) -> bool:
        self.asked.append(question)
        return True


def open_history(qtbot, service: ImportService) -> HistoryDialog:
    dialog = HistoryDialog(service, confirm=Yes())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.batches) and dialog.blockers is not None, timeout=WAIT)
    return dialog


def test_undo_from_the_history_reverts_the_batch(qtbot, service, library, library_copy, tmp_path) -> None:
    before, count = dump(library_copy), library.resource_count()
    batch_id = import_csv(service, tmp_path)
    assert library.resource_count() == count + 2
    dialog = open_history(qtbot, service)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == str(batch_id)
    assert dialog.table.item(0, 3).text() == "new.csv" and dialog.table.item(0, 5).text() == "2"
    assert dialog.undo_button.isEnabled() and "can be undone" in dialog.reason.text()
    assert unnamed_widgets(dialog) == []
    with qtbot.waitSignal(dialog.changed, timeout=WAIT):
        qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert dialog._confirm.asked and f"Undo batch {batch_id}?" in dialog._confirm.asked[0]
    assert library.resource_count() == count and dump(library_copy) == before
    qtbot.waitUntil(lambda: dialog.table.item(0, STATUS).text().startswith("undone"), timeout=WAIT)
    qtbot.waitUntil(lambda: dialog.blockers is not None, timeout=WAIT)
    assert not dialog.undo_button.isEnabled() and "already undone" in dialog.reason.text()
    assert f"Batch {batch_id} undone: 2 removed" in dialog.notice.text()


def test_undo_is_disabled_with_the_reason_while_a_later_batch_touched_the_same_resources(
    qtbot, service, library, tmp_path
) -> None:
    first = import_csv(service, tmp_path)
    [otter] = library.search(SearchQuery(text=parse_query("otters")), 0, 5).rows
    edits = EditService(library)
    edit = edits.load(otter.id)
    assert edit is not None
    second = edits.save(otter.id, replace(edit, title="Otter habitats in warm rivers"))
    dialog = open_history(qtbot, service)
    assert [b.id for b in dialog.batches] == [second, first]
    dialog.select_batch(first)
    qtbot.waitUntil(lambda: dialog.blockers is not None, timeout=WAIT)
    assert not dialog.undo_button.isEnabled()
    assert f"undo batch {second} first" in dialog.reason.text()
    assert f"undo batch {second} first" in dialog.undo_button.toolTip()
    dialog.undo_selected()  # refused without asking
    assert dialog._confirm.asked == []
    dialog.select_batch(second)
    qtbot.waitUntil(lambda: dialog.blockers is not None, timeout=WAIT)
    assert dialog.undo_button.isEnabled()
    with qtbot.waitSignal(dialog.changed, timeout=WAIT):
        dialog.undo_button.click()
    assert library.resource(otter.id).title == "Otter habitats in cold rivers"
    qtbot.waitUntil(lambda: dialog.blockers is not None and dialog.selected_batch() == second, timeout=WAIT)
    dialog.select_batch(first)
    qtbot.waitUntil(lambda: dialog.blockers is not None, timeout=WAIT)
    assert dialog.undo_button.isEnabled()


def open_duplicates(qtbot, service: ImportService) -> DuplicatesDialog:
    dialog = DuplicatesDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.pairs) and dialog.selected_pair() is not None, timeout=WAIT)
    return dialog


def test_possible_duplicates_show_both_sides_and_merge_keeping_the_existing_one(
    qtbot, service, library, tmp_path
) -> None:
    import_csv(service, tmp_path)
    count = library.resource_count()
    dialog = open_duplicates(qtbot, service)
    assert unnamed_widgets(dialog) == []
    values = [dialog.table.item(0, column).text() for column in range(4)]
    assert values == [SHIPPED_TITLE, "February 2024", SHIPPED_TITLE, "February 13, 2024"]
    pair = dialog.pairs[0]
    with qtbot.waitSignal(dialog.changed, timeout=WAIT):
        qtbot.mouseClick(dialog.keep_existing_button, Qt.MouseButton.LeftButton)
    assert library.resource_count() == count - 1
    assert library.resource(pair.flag.duplicate_of_id) is not None and library.resource(pair.flag.id) is None
    qtbot.waitUntil(lambda: not dialog.pairs and dialog.table.rowCount() == 0, timeout=WAIT)
    assert "Merged: kept" in dialog.status.text() and service.possible_duplicates() == []
    assert not dialog.dismiss_button.isEnabled()


def test_merge_keeping_the_new_one_and_dismiss(qtbot, service, library, tmp_path) -> None:
    import_csv(service, tmp_path)
    dialog = open_duplicates(qtbot, service)
    pair = dialog.pairs[0]
    with qtbot.waitSignal(dialog.changed, timeout=WAIT):
        dialog.keep_new_button.click()
    assert library.resource(pair.flag.id) is not None and library.resource(pair.flag.duplicate_of_id) is None
    # A second near copy, then dismissed: both stay, the flag goes.
    import_csv(service, tmp_path, CSV.replace("February 2024", "2024").replace("Otter", "Beaver"), "again.csv")
    count = library.resource_count()
    with qtbot.waitSignal(dialog.refreshed, timeout=WAIT):
        dialog.refresh()
    assert dialog.pairs[0].flag.uid != pair.flag.uid and dialog.selected_pair() is not None
    with qtbot.waitSignal(dialog.changed, timeout=WAIT):
        qtbot.mouseClick(dialog.dismiss_button, Qt.MouseButton.LeftButton)
    assert library.resource_count() == count and service.possible_duplicates() == []
    assert "no longer flagged" in dialog.status.text()


def mnemonics(root) -> list[str]:
    """The Alt+letter of every visible button and label of a window."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel

    keys = []
    for widget in root.findChildren(QAbstractButton) + root.findChildren(QLabel) + root.findChildren(QGroupBox):
        text = widget.title() if isinstance(widget, QGroupBox) else widget.text()
        if widget.isVisible() and "&" in text.replace("&&", ""):
            keys.append(text.replace("&&", "")[text.replace("&&", "").index("&") + 1].casefold())
    return keys


def test_admin_windows_are_keyboard_usable(qtbot, service, library, tmp_path) -> None:
    from reslib_desktop.gui.admin.import_dialog import ImportDialog
    from reslib_desktop.gui.admin.metadata_editor import MetadataEditor

    import_csv(service, tmp_path)
    importer = ImportDialog(service)
    editor = MetadataEditor(library, 4)
    history = open_history(qtbot, service)
    duplicates = open_duplicates(qtbot, service)
    for window in (importer, editor):
        qtbot.addWidget(window)
        window.show()
    for window in (importer, editor, history, duplicates):
        keys = mnemonics(window)
        assert keys and len(keys) == len(set(keys)), (type(window).__name__, sorted(keys))
        assert unnamed_widgets(window) == []
        assert window.width() <= 1366 and window.height() <= 768
    assert editor.save_button.isDefault() and history.close_button.isDefault() and duplicates.close_button.isDefault()
    for window in (importer, editor, history, duplicates):
        qtbot.keyClick(window, Qt.Key.Key_Escape)
        assert not window.isVisible()


class _Marking(QTranslator):
    """Wraps every translated string in «», so one that skipped tr() stands out."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return f"«{source}»"

    def isEmpty(self) -> bool:
        return False


def _texts(root) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QWidget

    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(n) for n in range(widget.count())]
        texts += [widget.accessibleName(), widget.accessibleDescription()]
    return [t for t in texts if t and t.strip()]


def test_every_string_of_the_admin_windows_goes_through_tr(qtbot, service, library, tmp_path) -> None:
    from PySide6.QtWidgets import QApplication

    from reslib_desktop.gui.admin.import_dialog import ImportDialog
    from reslib_desktop.gui.admin.metadata_editor import MetadataEditor

    import_csv(service, tmp_path)
    marking = _Marking()
    QApplication.instance().installTranslator(marking)
    try:
        windows = [ImportDialog(service), MetadataEditor(library, 4)]
        for window in windows:
            qtbot.addWidget(window)
            window.show()
        windows += [open_history(qtbot, service), open_duplicates(qtbot, service)]
        data = {"", library.resource(4).title}  # values shown as they are stored
        untranslated = [(type(w).__name__, t) for w in windows for t in _texts(w) if "«" not in t and t not in data]
        headers = [w.table.horizontalHeaderItem(c).text() for w in windows[2:] for c in range(w.table.columnCount())]
        untranslated += [("header", h) for h in headers if "«" not in h]
    finally:
        QApplication.instance().removeTranslator(marking)
    assert untranslated == []


def batches_in_the_file_alone(path: Path, tmp_path: Path) -> list[tuple[int, str]]:
    """(id, format) of the batches in `library.db` itself, copied as a user or a backup copies it (no -wal)."""
    import shutil

    copy = tmp_path / "copied-library.db"
    shutil.copyfile(path, copy)
    connection = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT id, format FROM import_batches ORDER BY id").fetchall()
    finally:
        connection.close()


def test_a_merge_the_window_reports_done_is_in_the_library_file_at_once(
    qtbot, window, library, library_copy, tmp_path
) -> None:
    """Undo in the window, import again from `reslib import` (another process), merge in the window:
    the file itself holds the merge batch as soon as the dialog says so, with the window still open."""
    import os
    import subprocess
    import sys

    from reslib_desktop.gui.admin.actions import install_admin

    admin = install_admin(window, cache_dir=tmp_path / "cache", confirm=Yes())
    source = tmp_path / "new.csv"
    source.write_text(CSV, encoding="utf-8")

    def cli_import() -> None:
        done = subprocess.run(
            [sys.executable, "-m", "reslib_desktop.cli", "--db", str(library_copy), "import", str(source)],
            env=dict(os.environ), capture_output=True, text=True, timeout=120,
        )
        assert done.returncode == 0, done.stderr

    cli_import()
    history = admin.open_history()
    qtbot.waitUntil(lambda: bool(history.batches) and history.blockers is not None, timeout=WAIT)
    with qtbot.waitSignal(history.changed, timeout=WAIT):
        history.undo_button.click()
    assert batches_in_the_file_alone(library_copy, tmp_path) == [(1, "csv")]
    history.close()
    cli_import()
    duplicates = admin.open_duplicates()
    qtbot.waitUntil(lambda: duplicates.selected_pair() is not None, timeout=WAIT)
    with qtbot.waitSignal(duplicates.changed, timeout=WAIT):
        qtbot.mouseClick(duplicates.keep_existing_button, Qt.MouseButton.LeftButton)
    assert "(batch 3;" in duplicates.status.text()
    assert batches_in_the_file_alone(library_copy, tmp_path) == [(1, "csv"), (2, "csv"), (3, "merge")]
    live = sqlite3.connect(library_copy)  # and a separate connection to the live file agrees
    try:
        assert live.execute("SELECT undone_at IS NOT NULL FROM import_batches ORDER BY id").fetchall() == [
            (1,),
            (0,),
            (0,),
        ]
    finally:
        live.close()
    assert window.isVisible()

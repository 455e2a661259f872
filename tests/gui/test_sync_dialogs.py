"""The Sync dialogs as a user meets them: Tab through the conflicts, and the Join dialog's texts that
arrive after it opened (the keyring's answer) shown whole at 150% text."""

from __future__ import annotations

import contextlib
from datetime import datetime

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from reslib_desktop.gui.sync.conflicts_view import ConflictsView
from reslib_desktop.gui.sync.join_dialog import JoinServerDialog
from reslib_desktop.gui.task_runner import wait_for_all
from reslib_desktop.gui.theme import apply_text_size
from reslib_desktop.library import Library, SearchQuery
from reslib_desktop.sync.conflicts import add_field_conflict
from support import WAIT_MS


def _box(widget: QWidget, top: QWidget) -> QRect:
    return QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())


def _with_conflicts(library: Library, count: int) -> None:
    """`count` title conflicts, as a sync that could not merge leaves them."""
    ids = library.search_full(SearchQuery(), ()).ids[:count]
    with library.engine.begin() as connection:
        for resource_id in ids:
            detail = library.resource(resource_id)
            assert detail is not None
            local, server = {"title": detail.title + " (mine)"}, {"title": detail.title}
            add_field_conflict(connection, detail.uid, "title", local, server, 2, datetime(2026, 1, 1))


def test_tab_leaves_the_conflicts_table(qtbot, library: Library) -> None:
    _with_conflicts(library, 3)
    view = ConflictsView(library)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: view.table.rowCount() == 3 and view.table.hasFocus(), timeout=WAIT_MS)
    view.table.setCurrentCell(0, 0)
    qtbot.keyClick(view.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.keep_mine
    wait_for_all(WAIT_MS)


def test_the_keyring_note_arriving_later_is_shown_whole_above_the_tls_row(
    qtbot, library: Library, pristine_appearance
) -> None:
    apply_text_size(QApplication.instance(), 150)
    dialog = JoinServerDialog(library, keyring_ok=True)  # the one-line note first
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.show_keyring(False)  # as the keyring look-up answers: three lines at this width
    note, tls = dialog.keyring_note, dialog.ssl

    def problems() -> list[str]:
        found = []
        if note.height() < note.heightForWidth(note.width()):
            found.append(f"the note has {note.height()} px of the {note.heightForWidth(note.width())} it needs")
        if _box(note, dialog).intersects(_box(tls, dialog)):
            found.append(f"the note {_box(note, dialog)} overlaps the TLS row {_box(tls, dialog)}")
        if note.visibleRegion().boundingRect() != note.rect():
            found.append(f"only {note.visibleRegion().boundingRect()} of the note is in view")
        return found

    with contextlib.suppress(Exception):  # pytest-qt's TimeoutError: the assert below says what is wrong
        qtbot.waitUntil(lambda: not problems(), timeout=2000)
    qtbot.wait(50)  # the layouts that run later keep it so
    assert problems() == []
    assert dialog.screen().availableGeometry().contains(dialog.frameGeometry())
    wait_for_all(WAIT_MS)

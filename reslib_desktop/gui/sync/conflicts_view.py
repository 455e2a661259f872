"""The Conflicts view: what an admin's sync could not merge, side by side; keep mine or keep the server's."""

from __future__ import annotations

import json

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reslib_desktop.gui.dialog_fit import fit_to_screen
from reslib_desktop.gui.task_runner import TaskRunner, database_lane
from reslib_desktop.library import KEEP_MINE, KEEP_SERVER, Library, SyncConflict


def _shown(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and "title" in value:
        return value["title"] or ""
    if isinstance(value, list):
        return "; ".join(str(v.get("label", v)) if isinstance(v, dict) else str(v) for v in value)
    return json.dumps(value, ensure_ascii=False)


class ConflictsView(QDialog):
    """Open conflicts; reading and resolving run in a worker (the database is never touched on the GUI thread)."""

    resolved = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setWindowTitle(self.tr("Sync conflicts"))
        self.setAccessibleName(self.tr("Sync conflicts"))
        self.conflicts: list[SyncConflict] = []
        self._resolving = False
        self.explanation = QLabel(
            self.tr("The server's value is in the library now. Keep yours to upload it with the next sync."), self
        )
        self.explanation.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Resource"), self.tr("Field"), self.tr("Yours"), self.tr("Server")]
        )
        self.table.setAccessibleName(self.tr("Conflicts"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move between cells)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.keep_mine = QPushButton(self.tr("Keep &mine"), self)
        self.keep_server = QPushButton(self.tr("Keep &server's"), self)
        for button, choice in ((self.keep_mine, KEEP_MINE), (self.keep_server, KEEP_SERVER)):
            button.clicked.connect(lambda _checked=False, c=choice: self.resolve_current(c))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.keep_mine)
        row.addWidget(self.keep_server)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.table.itemSelectionChanged.connect(self._enable)
        self._tasks = TaskRunner(self)
        fit_to_screen(self, QSize(760, 420))
        self._enable()
        self.reload()

    def reload(self) -> None:
        self._tasks.run(self.library.sync_conflicts, self._show, self._failed, lane=database_lane())

    def resolve_current(self, choice: str) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.conflicts):
            return
        conflict_id = self.conflicts[row].id
        self.keep_mine.setEnabled(False)
        self.keep_server.setEnabled(False)

        library = self.library

        def work() -> list[SyncConflict]:  # a worker thread: no GUI objects here
            library.resolve_sync_conflict(conflict_id, choice)
            return library.sync_conflicts()

        self._resolving = True
        self._tasks.run(work, self._show, self._failed, lane=database_lane())

    def _failed(self, error: BaseException) -> None:
        self._resolving = False
        self.explanation.setText(str(error))
        self._enable()

    def _show(self, conflicts: list[SyncConflict]) -> None:
        if self._resolving:  # the list after a choice was written
            self._resolving = False
            self.resolved.emit()
        self.conflicts = list(conflicts)
        self.table.setRowCount(len(self.conflicts))
        for row, conflict in enumerate(self.conflicts):
            field = conflict.field or self.tr("deleted on the server")
            values = (conflict.title, field, _shown(conflict.local_value), _shown(conflict.server_value))
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        if self.conflicts:
            self.table.selectRow(0)
            self.table.setFocus()
        else:
            self.explanation.setText(self.tr("No conflicts: everything merged."))
        self._enable()

    def _enable(self) -> None:
        chosen = 0 <= self.table.currentRow() < len(self.conflicts)
        self.keep_mine.setEnabled(chosen)
        self.keep_server.setEnabled(chosen)

"""Import history: every batch (imports, merges, edits, deletes) with "Undo import" when it can be undone.

Undo is disabled, with the reason shown, while a later batch changed the same
resources (undo that one first) or the batch was already undone.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from pathlib import PurePath

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reslib_desktop.gui.a11y import announce
from reslib_desktop.gui.admin.prompts import Confirm, confirm
from reslib_desktop.gui.dialog_fit import fit_to_screen
from reslib_desktop.gui.i18n import QT_TRANSLATE_NOOP, local_number
from reslib_desktop.gui.task_runner import Lane, TaskRunner, error_text
from reslib_desktop.library import BatchInfo, ImportService, UndoResult

_SHOWN = "shown"  # newest only: the list and the selected batch's check replace each other
COLUMNS = (
    QT_TRANSLATE_NOOP("HistoryDialog", "Batch"),
    QT_TRANSLATE_NOOP("HistoryDialog", "When"),
    QT_TRANSLATE_NOOP("HistoryDialog", "Who"),
    QT_TRANSLATE_NOOP("HistoryDialog", "Source"),
    QT_TRANSLATE_NOOP("HistoryDialog", "Format"),
    QT_TRANSLATE_NOOP("HistoryDialog", "Added"),
    QT_TRANSLATE_NOOP("HistoryDialog", "Updated"),
    QT_TRANSLATE_NOOP("HistoryDialog", "Skipped"),
    QT_TRANSLATE_NOOP("HistoryDialog", "Duplicates"),
    QT_TRANSLATE_NOOP("HistoryDialog", "Status"),
)
SOURCE, STATUS = 3, 9


def local_time(moment: datetime | None) -> str:
    """A stored UTC time as the user's local 'YYYY-MM-DD HH:MM'."""
    return moment.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M") if moment else ""


def source_text(source: str) -> str:
    """File names of a batch's source (one path per line), or the source as written."""
    lines = [line for line in source.splitlines() if line.strip()]
    paths = all("/" in line or "\\" in line for line in lines)
    names = [PurePath(line).name or line for line in lines] if paths else lines
    return ", ".join(names)


class HistoryDialog(QDialog):
    """The batches of a library, newest first; `changed()` after an undo."""

    changed = Signal()

    def __init__(
        self,
        service: ImportService,
        parent: QWidget | None = None,
        *,
        confirm: Confirm = confirm,
        lane: Lane | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self._confirm = confirm
        self._lane = lane
        self._tasks = TaskRunner(self)
        self.batches: list[BatchInfo] = []
        self.blockers: list[str] | None = None
        self.busy = False
        self.setWindowTitle(self.tr("Import history"))
        self.setAccessibleName(self.tr("Import history"))
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setAccessibleName(self.tr("Import batches, newest first"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Stretch)
        self.table.setTabKeyNavigation(False)
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        self.reason.setAccessibleName(self.tr("Why the selected batch can or cannot be undone"))
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(self.tr("Outcome of the last undo"))
        self.undo_button = QPushButton(self.tr("&Undo import…"), self)
        self.undo_button.setAccessibleName(self.tr("Undo the selected import"))
        self.undo_button.setEnabled(False)
        self.refresh_button = QPushButton(self.tr("&Refresh"), self)
        self.refresh_button.setAccessibleName(self.tr("Refresh the import history"))
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setAccessibleName(self.tr("Close the import history"))
        self.close_button.setDefault(True)
        for button in (self.undo_button, self.refresh_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reason)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.undo_button.clicked.connect(self.undo_selected)
        self.refresh_button.clicked.connect(self.refresh)
        self.close_button.clicked.connect(self.reject)
        fit_to_screen(self, QSize(980, 480))
        self.refresh()

    # --- loading ------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the history again (in a worker)."""
        service = self.service
        self.reason.setText(self.tr("Loading…"))
        self._tasks.run(service.history, self._show, self._message, lane=self._lane, key=_SHOWN)

    def _show(self, batches: list[BatchInfo]) -> None:
        selected = self.selected_batch()
        self.batches = batches
        self.table.blockSignals(True)
        self.table.setRowCount(len(batches))
        for row, batch in enumerate(batches):
            status = self.tr("undone %1").replace("%1", local_time(batch.undone_at)) if batch.undone_at else ""
            values = (
                str(batch.id),
                local_time(batch.started_at),
                batch.user or "",
                source_text(batch.source),
                batch.format or "",
                str(batch.added),
                str(batch.updated),
                str(batch.skipped),
                str(batch.duplicates),
                status,
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == SOURCE:
                    item.setToolTip(batch.source)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Stretch)
        ids = [b.id for b in batches]
        if batches:
            self.select_batch(selected if selected in ids else ids[0])
        else:
            self.reason.setText(self.tr("Nothing has been imported into this library yet."))
            self.undo_button.setEnabled(False)

    def _message(self, error: BaseException) -> None:
        self.reason.setText(error_text(error))

    # --- selection and undo -------------------------------------------------------------------------------
    def selected_batch(self) -> int | None:
        row = self.table.currentRow()
        return self.batches[row].id if 0 <= row < len(self.batches) and self.table.selectedItems() else None

    def select_batch(self, batch_id: int) -> None:
        row = next(number for number, batch in enumerate(self.batches) if batch.id == batch_id)
        self.table.selectRow(row)
        self._selection_changed()

    def _selection_changed(self) -> None:
        batch_id = self.selected_batch()
        self.blockers = None
        self.undo_button.setEnabled(False)
        if batch_id is None or self.busy:
            return
        service = self.service
        self.reason.setText(self.tr("Checking whether batch %1 can be undone…").replace("%1", str(batch_id)))
        self._tasks.run(lambda: service.undo_blockers(batch_id), partial(self._show_blockers, batch_id), self._message,
                        lane=self._lane, key=_SHOWN)

    def _show_blockers(self, batch_id: int, blockers: list[str]) -> None:
        self.blockers = blockers
        self.undo_button.setEnabled(not blockers)
        if blockers:
            text = (
                self.tr("Batch %1 cannot be undone: %2").replace("%1", str(batch_id)).replace("%2", "; ".join(blockers))
            )
        else:
            text = self.tr("Batch %1 can be undone: its changes are reverted exactly.").replace("%1", str(batch_id))
        self.reason.setText(text)
        self.undo_button.setToolTip(text)
        self.undo_button.setAccessibleDescription(text)

    def undo_selected(self) -> None:
        """Ask, then undo the selected batch in a worker; the list is read again afterwards."""
        batch_id = self.selected_batch()
        if batch_id is None or self.blockers or self.busy:
            return
        question = self.tr(
            "Undo batch %1? Resources it added are removed and the ones it changed are put back as they were."
        ).replace("%1", str(batch_id))
        if not self._confirm(self, self.tr("Undo import"), question):
            return
        self.busy = True
        self.undo_button.setEnabled(False)
        service = self.service
        self._tasks.run(lambda: service.undo(batch_id), self._undone, self._undo_failed, lane=self._lane)

    def _undone(self, result: UndoResult) -> None:
        self.busy = False
        text = (
            self.tr("Batch %1 undone: %2 removed, %3 restored.")
            .replace("%1", str(result.batch_id))
            .replace("%2", local_number(result.removed))
            .replace("%3", local_number(result.restored))
        )
        self.notice.setText(text)
        announce(self.notice, text)
        self.changed.emit()
        self.refresh()

    def _undo_failed(self, error: object) -> None:
        self.busy = False
        self.notice.setText(self.tr("Not undone: %1").replace("%1", error_text(error)))
        announce(self.notice, self.notice.text(), assertive=True)
        self.refresh()

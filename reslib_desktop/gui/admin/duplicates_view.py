"""Possible duplicates: each flagged resource beside the one it resembles; merge either way, or dismiss.

A merge keeps one resource and folds the other into it (an undoable batch);
dismiss clears the flag (they are different resources).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

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
from reslib_desktop.gui.dialog_fit import fit_to_screen
from reslib_desktop.gui.i18n import QT_TRANSLATE_NOOP, local_date
from reslib_desktop.gui.task_runner import Lane, TaskRunner, error_text
from reslib_desktop.library import ImportService, PossibleDuplicate

COLUMNS = (
    QT_TRANSLATE_NOOP("DuplicatesDialog", "New resource"),
    QT_TRANSLATE_NOOP("DuplicatesDialog", "Date"),
    QT_TRANSLATE_NOOP("DuplicatesDialog", "Resembles"),
    QT_TRANSLATE_NOOP("DuplicatesDialog", "Date"),
    QT_TRANSLATE_NOOP("DuplicatesDialog", "Batch"),
)
NEW_TITLE, NEW_DATE, OLD_TITLE, OLD_DATE, BATCH = range(len(COLUMNS))


@dataclass(frozen=True)
class DuplicatePair:
    """A flagged resource and the one it may duplicate, with their dates as shown."""

    flag: PossibleDuplicate
    new_date: str
    old_date: str

    @property
    def other_exists(self) -> bool:
        return self.flag.duplicate_of_id is not None


def load_pairs(service: ImportService) -> list[DuplicatePair]:
    """Every possible duplicate, with both dates read through the library (Qt-free; runs in a worker)."""
    flags = service.possible_duplicates()
    ids = [f.id for f in flags] + [f.duplicate_of_id for f in flags if f.duplicate_of_id is not None]
    dates = {row.id: local_date(row.published, row.published_precision) for row in service.library.rows_by_ids(ids)}
    return [
        DuplicatePair(f, dates.get(f.id, ""), dates.get(f.duplicate_of_id, "") if f.duplicate_of_id else "")
        for f in flags
    ]


class DuplicatesDialog(QDialog):
    """The library's possible duplicates; `changed()` after a merge or dismiss."""

    changed = Signal()
    refreshed = Signal()  # the pairs were read again and are shown

    def __init__(
        self, service: ImportService, parent: QWidget | None = None, *, lane: Lane | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self._lane = lane
        self._tasks = TaskRunner(self)
        self.pairs: list[DuplicatePair] = []
        self.busy = False
        self.setWindowTitle(self.tr("Possible duplicates"))
        self.setAccessibleName(self.tr("Possible duplicates"))
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setAccessibleName(self.tr("Possible duplicates: the new resource and the one it resembles"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NEW_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(OLD_TITLE, QHeaderView.ResizeMode.Stretch)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Possible duplicates status"))
        self.keep_existing_button = QPushButton(self.tr("Merge, keep &existing"), self)
        self.keep_existing_button.setAccessibleName(
            self.tr("Merge the pair, keeping the existing resource and folding the new one into it")
        )
        self.keep_new_button = QPushButton(self.tr("Merge, keep &new"), self)
        self.keep_new_button.setAccessibleName(
            self.tr("Merge the pair, keeping the new resource and folding the existing one into it")
        )
        self.dismiss_button = QPushButton(self.tr("&Dismiss"), self)
        self.dismiss_button.setAccessibleName(self.tr("Dismiss: they are different resources"))
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setAccessibleName(self.tr("Close the possible duplicates"))
        self.close_button.setDefault(True)
        buttons = QHBoxLayout()
        for button in (self.keep_existing_button, self.keep_new_button, self.dismiss_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.keep_existing_button.clicked.connect(lambda: self.merge(keep_new=False))
        self.keep_new_button.clicked.connect(lambda: self.merge(keep_new=True))
        self.dismiss_button.clicked.connect(self.dismiss)
        self.close_button.clicked.connect(self.reject)
        fit_to_screen(self, QSize(940, 460))
        self._update_buttons()
        self.refresh()

    def refresh(self) -> None:
        """Read the pairs again (in a worker)."""
        service = self.service
        self._tasks.run(lambda: load_pairs(service), self._show, self._load_failed, lane=self._lane, key="pairs")

    def _load_failed(self, error: object) -> None:
        self.status.setText(error_text(error))

    def _show(self, pairs: list[DuplicatePair]) -> None:
        self.pairs = pairs
        self.table.setRowCount(len(pairs))
        gone = self.tr("(no longer in the library)")
        for row, pair in enumerate(pairs):
            flag = pair.flag
            values = (
                flag.title,
                pair.new_date,
                flag.duplicate_of_title or gone,
                pair.old_date,
                str(flag.import_batch_id or ""),
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
        if pairs:
            self.table.selectRow(0)
        elif not self.status.text():
            self.status.setText(self.tr("No possible duplicates: nothing to review."))
        self._update_buttons()
        self.refreshed.emit()

    def selected_pair(self) -> DuplicatePair | None:
        row = self.table.currentRow()
        return self.pairs[row] if 0 <= row < len(self.pairs) and self.table.selectedItems() else None

    def _update_buttons(self) -> None:
        pair = self.selected_pair()
        can_merge = pair is not None and pair.other_exists and not self.busy
        self.keep_existing_button.setEnabled(can_merge)
        self.keep_new_button.setEnabled(can_merge)
        self.dismiss_button.setEnabled(pair is not None and not self.busy)

    def merge(self, keep_new: bool) -> None:
        """Fold one of the selected pair into the other (keep_new: the flagged one survives)."""
        pair = self.selected_pair()
        if pair is None or not pair.other_exists or self.busy:
            return
        new, old = pair.flag.uid, pair.flag.duplicate_of_uid
        keep, drop = (new, old) if keep_new else (old, new)
        title = pair.flag.title if keep_new else (pair.flag.duplicate_of_title or "")
        service = self.service
        done = self.tr("Merged: kept “%1” (batch %2; undo it from Import history).").replace("%1", title)
        self._run(lambda: service.merge(keep, drop), lambda batch: done.replace("%2", str(batch)))

    def dismiss(self) -> None:
        """They are different resources: clear the flag."""
        pair = self.selected_pair()
        if pair is None or self.busy:
            return
        uid, title, service = pair.flag.uid, pair.flag.title, self.service
        self._run(
            lambda: service.dismiss(uid),
            lambda _ok: self.tr("Dismissed: “%1” is no longer flagged.").replace("%1", title),
        )

    def _run(self, work, describe) -> None:
        self.busy = True
        self._update_buttons()
        self._tasks.run(work, partial(self._succeeded, describe), self._failed, lane=self._lane)

    def _succeeded(self, describe, result: object) -> None:
        self._done(describe(result), True)

    def _failed(self, error: object) -> None:
        self._done(self.tr("Not done: %1").replace("%1", error_text(error)), False)

    def _done(self, text: str, changed: bool) -> None:
        self.busy = False
        self.status.setText(text)
        announce(self.status, text, assertive=not changed)
        if changed:
            self.changed.emit()
        self.refresh()

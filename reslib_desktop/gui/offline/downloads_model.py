"""The per-file list of the downloads view: one row per attachment, updated in place as progress arrives."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from reslib_desktop.gui.i18n import QT_TRANSLATE_NOOP
from reslib_desktop.gui.icons import icon
from reslib_desktop.gui.offline.progress import (
    SKIPPED,
    FileProgress,
    format_bytes,
    state_label,
)
from reslib_desktop.library import CacheState

AttachmentIdRole = Qt.ItemDataRole.UserRole + 1
PercentRole = Qt.ItemDataRole.UserRole + 2  # float 0..100, or None when unknown


class DownloadColumn(IntEnum):
    FILE = 0
    STATE = 1
    PROGRESS = 2
    DETAILS = 3


_HEADERS = (
    QT_TRANSLATE_NOOP("DownloadsModel", "File"),
    QT_TRANSLATE_NOOP("DownloadsModel", "Status"),
    QT_TRANSLATE_NOOP("DownloadsModel", "Progress"),
    QT_TRANSLATE_NOOP("DownloadsModel", "Details"),
)
_Index = QModelIndex | QPersistentModelIndex


class DownloadsModel(QAbstractTableModel):
    """Rows of FileProgress, keyed by attachment id."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[FileProgress] = []
        self._row_of: dict[int, int] = {}

    # --- changing ---------------------------------------------------------------------------
    def update(self, entries: Iterable[FileProgress]) -> None:
        """Insert new files at the end, change known ones in place."""
        fresh: dict[int, FileProgress] = {}
        changed: list[int] = []
        for entry in entries:
            row = self._row_of.get(entry.attachment_id)
            if row is None:
                fresh[entry.attachment_id] = entry
            else:
                self._rows[row] = entry
                changed.append(row)
        if changed:
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), len(DownloadColumn) - 1))
        if fresh:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(fresh) - 1)
            for number, entry in enumerate(fresh.values()):
                self._row_of[entry.attachment_id] = start + number
                self._rows.append(entry)
            self.endInsertRows()

    def clear_finished(self) -> None:
        """Drop rows of files that are available offline or were skipped (failures stay)."""
        kept = [e for e in self._rows if e.state not in (CacheState.CACHED.value, SKIPPED)]
        if len(kept) == len(self._rows):
            return
        self.beginResetModel()
        self._rows = kept
        self._row_of = {e.attachment_id: n for n, e in enumerate(kept)}
        self.endResetModel()

    # --- reading ----------------------------------------------------------------------------
    def entry(self, row: int) -> FileProgress:
        return self._rows[row]

    def entry_for(self, attachment_id: int) -> FileProgress | None:
        row = self._row_of.get(attachment_id)
        return None if row is None else self._rows[row]

    def row_of(self, attachment_id: int) -> int | None:
        return self._row_of.get(attachment_id)

    def count_in_state(self, state: str) -> int:
        return sum(1 for e in self._rows if e.state == state)

    # --- Qt model API -----------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(DownloadColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(_HEADERS)
        ):
            return self.tr(_HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = DownloadColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.error or self._display(entry, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken(entry)
        if role == Qt.ItemDataRole.DecorationRole and column == DownloadColumn.STATE:
            return icon(entry.state)
        if role == AttachmentIdRole:
            return entry.attachment_id
        if role == PercentRole:
            return entry.percent
        return None

    def _display(self, entry: FileProgress, column: DownloadColumn) -> str:
        if column == DownloadColumn.FILE:
            return entry.label
        if column == DownloadColumn.STATE:
            return state_label(entry.state)
        if column == DownloadColumn.PROGRESS:
            return self._progress_text(entry)
        return entry.error or ""

    def _progress_text(self, entry: FileProgress) -> str:
        percent = entry.percent
        if entry.state == SKIPPED:
            return ""
        if percent is not None:
            return f"{percent:.0f}%"
        return format_bytes(entry.bytes_done) if entry.bytes_done else ""

    def _spoken(self, entry: FileProgress) -> str:
        parts = [entry.label, state_label(entry.state)]
        progress = self._progress_text(entry)
        if progress and entry.state != CacheState.CACHED.value:
            parts.append(progress)
        if entry.error:
            parts.append(entry.error)
        return ", ".join(parts)

"""The import preview as a table: status (icon + text), title, date, type, reason, source location.

`preview_rows(preview)` flattens an `ImportPreview` (Qt-free): one row per
record, plus one per file-level problem (a file that cannot be read, unknown
columns). `PreviewModel` shows the rows; `PreviewFilter` narrows them
(errors only, new, updates, ...).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QIcon

from reslib_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate, type_text
from reslib_desktop.gui.icons import coloured
from reslib_desktop.library import (
    Action,
    ImportPreview,
    PreviewItem,
    Severity,
    where,
)

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
WARNING = "warning"  # a file-level warning (a row of its own)
STATUS_TEXT = {
    Action.NEW.value: QT_TRANSLATE_NOOP("PreviewModel", "New"),
    Action.UPDATE.value: QT_TRANSLATE_NOOP("PreviewModel", "Update"),
    Action.UNCHANGED.value: QT_TRANSLATE_NOOP("PreviewModel", "Unchanged"),
    Action.DUPLICATE.value: QT_TRANSLATE_NOOP("PreviewModel", "Possible duplicate"),
    Action.ERROR.value: QT_TRANSLATE_NOOP("PreviewModel", "Error"),
    WARNING: QT_TRANSLATE_NOOP("PreviewModel", "Warning"),
}
_ICONS = {
    Action.NEW.value: ("status-new", "green"),
    Action.UPDATE.value: ("status-update", "#1565c0"),
    Action.UNCHANGED.value: ("status-unchanged", "gray"),
    Action.DUPLICATE.value: ("status-duplicate", "#ef6c00"),
    Action.ERROR.value: ("status-error", "#c62828"),
    WARNING: ("warning", "#f9a825"),
}
COLUMNS = (
    QT_TRANSLATE_NOOP("PreviewModel", "Status"),
    QT_TRANSLATE_NOOP("PreviewModel", "Title"),
    QT_TRANSLATE_NOOP("PreviewModel", "Date"),
    QT_TRANSLATE_NOOP("PreviewModel", "Type"),
    QT_TRANSLATE_NOOP("PreviewModel", "Reason"),
    QT_TRANSLATE_NOOP("PreviewModel", "Source"),
)
STATUS, TITLE, DATE, TYPE, REASON, SOURCE = range(len(COLUMNS))
StatusRole = Qt.ItemDataRole.UserRole + 1
HasWarningRole = Qt.ItemDataRole.UserRole + 2

# Filters: key -> label and the statuses shown (None: all rows).
FILTERS: dict[str, tuple[str, frozenset[str] | None]] = {
    "all": (QT_TRANSLATE_NOOP("PreviewModel", "All rows"), None),
    "errors": (QT_TRANSLATE_NOOP("PreviewModel", "Errors only"), frozenset({Action.ERROR.value})),
    "problems": (QT_TRANSLATE_NOOP("PreviewModel", "Errors and warnings"), frozenset({Action.ERROR.value, WARNING})),
    "new": (QT_TRANSLATE_NOOP("PreviewModel", "New"), frozenset({Action.NEW.value})),
    "update": (QT_TRANSLATE_NOOP("PreviewModel", "Updates"), frozenset({Action.UPDATE.value})),
    "duplicate": (QT_TRANSLATE_NOOP("PreviewModel", "Possible duplicates"), frozenset({Action.DUPLICATE.value})),
    "unchanged": (QT_TRANSLATE_NOOP("PreviewModel", "Unchanged"), frozenset({Action.UNCHANGED.value})),
}



@dataclass(frozen=True)
class PreviewRow:
    status: str  # an Action value, or WARNING
    title: str
    date: str
    type: str
    reason: str
    location: str
    warnings: tuple[str, ...] = ()


def _reason(item: PreviewItem) -> str:
    target = item.target
    if item.action is Action.UPDATE and target is not None:
        return translate("PreviewModel", 'updates "%1" (%2)').replace("%1", target.title).replace("%2", item.reason)
    if item.action is Action.UNCHANGED and target is not None:
        return (
            translate("PreviewModel", 'already in the library as "%1" (%2)')
            .replace("%1", target.title)
            .replace("%2", item.reason)
        )
    return item.reason


def _row(item: PreviewItem) -> PreviewRow:
    record = item.record
    warnings = tuple(p.message for p in item.problems if p.severity is Severity.WARNING)
    extra = [*item.notes, *warnings] if item.action is not Action.ERROR else []
    reason = "; ".join(part for part in [_reason(item), *extra] if part)
    date = ""
    kind = ""
    if record is not None:
        date = record.published.display() or record.published.text or ""
        kind = type_text(record.resource_type) if record.resource_type else ""
    return PreviewRow(item.action.value, item.title, date, kind, reason, where(item.location), warnings)


def preview_rows(preview: ImportPreview) -> list[PreviewRow]:
    """File-level problems first, then every record in input order."""
    attached = {id(problem) for item in preview.items for problem in item.problems}
    rows = [
        PreviewRow(
            Action.ERROR.value if problem.severity is Severity.ERROR else WARNING,
            "",
            "",
            "",
            problem.message,
            where(problem.location),
        )
        for problem in preview.problems
        if id(problem) not in attached
    ]
    return rows + [_row(item) for item in preview.items]


def row_counts(rows: list[PreviewRow]) -> dict[str, int]:
    """How many rows of each status (errors include file-level ones)."""
    found = Counter(row.status for row in rows)
    return {status: found.get(status, 0) for status in STATUS_TEXT}


def status_icon(status: str) -> QIcon:
    """The icon of a status; empty if qtawesome cannot draw it (the text says the same)."""
    name, color = _ICONS[status]
    return coloured(name, color)


class PreviewModel(QAbstractTableModel):
    """Rows of an import preview (read-only)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[PreviewRow] = []
        self.counts = row_counts([])

    def set_rows(self, rows: list[PreviewRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.counts = row_counts(self._rows)
        self.endResetModel()

    @property
    def rows(self) -> list[PreviewRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            values = (
                translate("PreviewModel", STATUS_TEXT[row.status]),
                row.title,
                row.date,
                row.type,
                row.reason,
                row.location,
            )
            return values[column]
        if role == Qt.ItemDataRole.DecorationRole and column == STATUS:
            return status_icon(row.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return {TITLE: row.title, REASON: row.reason, SOURCE: row.location}.get(column) or None
        if role == StatusRole:
            return row.status
        if role == HasWarningRole:
            return bool(row.warnings)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return translate("PreviewModel", COLUMNS[section])
        return None


class PreviewFilter(QSortFilterProxyModel):
    """Shows the rows of one filter of FILTERS."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._key = "all"

    @property
    def key(self) -> str:
        return self._key

    def set_filter(self, key: str) -> None:
        if key not in FILTERS:
            raise ValueError(f"unknown preview filter {key!r}")
        self.beginFilterChange()
        self._key = key
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        statuses = FILTERS[self._key][1]
        if statuses is None:
            return True
        index = self.sourceModel().index(source_row, STATUS, source_parent)
        status = index.data(StatusRole)
        return status in statuses or (WARNING in statuses and bool(index.data(HasWarningRole)))

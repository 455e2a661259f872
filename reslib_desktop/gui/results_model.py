"""The results table: a model that holds one search's rows, fetched from the library in pages."""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from reslib_desktop.gui.highlight import highlight_html
from reslib_desktop.gui.i18n import (
    QT_TRANSLATE_NOOP,
    local_date,
    local_number,
    type_text,
)
from reslib_desktop.gui.icons import offline_icon
from reslib_desktop.gui.loaded_rows import LoadedRows
from reslib_desktop.gui.task_runner import TaskRunner, report_error
from reslib_desktop.library import (
    ResourceRow,
    SearchQuery,
    SortKey,
    TextQuery,
)

PAGE_SIZE = 200
RESOURCE_IDS_MIME = "application/x-reslib-resource-ids"  # a JSON list of resource ids
ResourceIdRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class Column:
    TITLE, TYPE, DATE, ATTACHMENTS, OFFLINE = range(5)


_HEADERS = (
    QT_TRANSLATE_NOOP("ResultsModel", "Title"),
    QT_TRANSLATE_NOOP("ResultsModel", "Type"),
    QT_TRANSLATE_NOOP("ResultsModel", "Date"),
    QT_TRANSLATE_NOOP("ResultsModel", "Files"),
    QT_TRANSLATE_NOOP("ResultsModel", "Offline"),
)
_HEADER_TIPS = (
    "",
    "",
    QT_TRANSLATE_NOOP("ResultsModel", "Publication date"),
    QT_TRANSLATE_NOOP("ResultsModel", "Number of attachments (PDF files)"),
    QT_TRANSLATE_NOOP("ResultsModel", "Attachments available offline"),
)
_SORT_OF_COLUMN = {Column.TITLE: SortKey.TITLE, Column.TYPE: SortKey.TYPE, Column.DATE: SortKey.DATE}
_COLUMN_OF_SORT = {sort: column for column, sort in _SORT_OF_COLUMN.items()}

RowsByIds = Callable[[Sequence[int]], list[ResourceRow]]
SnippetOf = Callable[[int, TextQuery], "str | None"]


class ResultsModel(QAbstractTableModel):
    """Rows of the current search. Holds the ordered ids of every match, but reads rows only
    a page at a time (by id) as the view scrolls.

    Pages are read off the GUI thread: `fetchMore` starts the read and the rows are inserted when
    they arrive (`loading` meanwhile); the page after the last one shown is read ahead, so
    scrolling on usually inserts rows that are already there.

    Sorting is not done here: `sort()` asks for a new search in that order
    through `sortRequested`.
    """

    sortRequested = Signal(object, bool)  # SortKey, descending
    rowsLoaded = Signal()  # a page asked for (or a row to reveal) was inserted

    def __init__(self, rows_by_ids: RowsByIds, parent=None, snippet_of: SnippetOf | None = None) -> None:
        super().__init__(parent)
        self._rows_by_ids = rows_by_ids
        self._tasks = TaskRunner(self)
        self._generation = 0  # a new search: pages still on their way for the old one are dropped
        self._reading: int | None = None  # start of the page being read in a worker
        self._wanted = False  # the view asked for that page (else it is read ahead)
        self._ahead: tuple[int, list[ResourceRow]] | None = None  # a page read ahead: (start, rows)
        self._revealing = False
        self._ids: Sequence[int] = []
        self._snippet_of = snippet_of
        self._tooltips: dict[int, str] = {}
        self._new_ids: frozenset[int] = frozenset()
        self._query: SearchQuery | None = None
        self._rows = LoadedRows()
        self._total = 0

    # --- filling --------------------------------------------------------------------------
    def set_results(self, query: SearchQuery, ids: Sequence[int], first_rows: list[ResourceRow]) -> None:
        """Show a new search's results: every id in order, and the rows of the first page."""
        self.beginResetModel()
        self._query = query
        self._ids = ids
        self._total = len(ids)
        self._rows = LoadedRows(first_rows)
        self._tooltips = {}
        self._generation += 1
        self._reading, self._wanted, self._ahead, self._revealing = None, False, None, False
        self.endResetModel()

    @property
    def next_page_ready(self) -> bool:
        """The next page was read ahead: `fetchMore` shows it at once."""
        return self._ahead is not None and self._ahead[0] == len(self._rows)

    @property
    def loading(self) -> bool:
        """Rows the view or `reveal` asked for are being read."""
        return (self._reading is not None and self._wanted) or self._revealing

    @property
    def total(self) -> int:
        return self._total

    @property
    def query(self) -> SearchQuery | None:
        return self._query

    def row_of(self, resource_id: int) -> int | None:
        """The row showing a resource, among the rows loaded so far."""
        for number, row_id in enumerate(self._rows.ids()):
            if row_id == resource_id:
                return number
        return None

    def reveal(self, resource_id: int, then: Callable[[int | None], object]) -> None:
        """Load pages until a resource's row is loaded (read in a worker), then `then(row)`; row None
        when it is not a match (or a newer search came first: then `then` is not called)."""
        row = self.row_of(resource_id)
        if row is not None or len(self._rows) >= self._total:
            then(row)
            return
        ids, read_rows, generation, start = self._ids, self._rows_by_ids, self._generation, len(self._rows)

        def work() -> tuple[int, list[ResourceRow]] | None:
            try:
                position = ids.index(resource_id)
            except ValueError:
                return None
            stop = min((position // PAGE_SIZE + 1) * PAGE_SIZE, len(ids))
            return stop, read_rows(ids[start:stop])

        def done(read: tuple[int, list[ResourceRow]] | None) -> None:
            if generation != self._generation:
                return
            self._revealing = False
            if read is not None and start == len(self._rows) and self._reading is None:
                self._ahead = None
                self._insert(read[1], read[0] - start)
                self._read_ahead()
            self.rowsLoaded.emit()
            then(self.row_of(resource_id))

        self._revealing = True
        self._tasks.run(work, done, self._failed(generation))

    def all_ids(self) -> list[int]:
        """Every match of the current search, in order (loaded or not)."""
        return list(self._ids)

    def resource_at(self, row: int) -> ResourceRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # --- Qt model API -----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and self._query is not None and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        """Show the next page: at once when it was read ahead, else when its read (started here) ends."""
        if not self.canFetchMore(parent) or self._revealing:
            return
        start = len(self._rows)
        if self._ahead is not None and self._ahead[0] == start:
            rows = self._ahead[1]
            self._ahead = None
            self._insert(rows, min(PAGE_SIZE, self._total - start))
            self._read_ahead()
            self.rowsLoaded.emit()
        elif self._reading == start:
            self._wanted = True
        elif self._reading is None:
            self._read(start, wanted=True)

    def _read_ahead(self) -> None:
        start = len(self._rows)
        if self._reading is None and self._ahead is None and start < self._total:
            self._read(start, wanted=False)

    def _read(self, start: int, wanted: bool) -> None:
        ids, read_rows, generation = self._ids, self._rows_by_ids, self._generation
        self._reading, self._wanted = start, wanted
        self._tasks.run(
            lambda: read_rows(ids[start : start + PAGE_SIZE]),
            lambda rows: self._page_read(generation, start, rows),
            self._failed(generation),
        )

    def _page_read(self, generation: int, start: int, rows: list[ResourceRow]) -> None:
        if generation != self._generation or start != self._reading:
            return
        wanted = self._wanted
        self._reading, self._wanted = None, False
        if start != len(self._rows):
            return
        if not wanted:
            self._ahead = (start, rows)
            return
        self._insert(rows, min(PAGE_SIZE, self._total - start))
        self._read_ahead()
        self.rowsLoaded.emit()

    def _failed(self, generation: int) -> Callable[[BaseException], None]:
        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self._reading, self._wanted, self._revealing = None, False, False
            report_error(error)

        return failed

    def _insert(self, more: list[ResourceRow], asked: int) -> None:
        start = len(self._rows)
        if len(more) < asked:
            # Resources were deleted since the search: show what is left of these pages, stop there.
            self._total = start + len(more)
        if not more:
            return
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def shown_texts(self, column: int, rows: int) -> set[str]:
        """The distinct texts the Type or Files column shows in the first `rows` loaded rows (what the column
        must be wide enough for; as `data` shows them, read without a `data` call per cell)."""
        if column == Column.TYPE:
            return {type_text(kind) for kind in self._rows.distinct("resource_type", rows)}
        if column == Column.ATTACHMENTS:
            return {local_number(count) for count in self._rows.distinct("attachment_count", rows) if count}
        raise ValueError(f"no shown texts for column {column}")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == Column.TITLE:
                if row.id in self._new_ids:
                    return ("● " if role == Qt.ItemDataRole.DisplayRole else self.tr("new: ")) + row.title
                return row.title
            if column == Column.TYPE:
                return type_text(row.resource_type)
            if column == Column.DATE:
                if role == Qt.ItemDataRole.AccessibleTextRole:  # read out in full
                    return local_date(row.published, row.published_precision) or self.tr("no date")
                return local_date(row.published, row.published_precision, short=True)
            if column == Column.ATTACHMENTS:
                if row.attachment_count:
                    return local_number(row.attachment_count)
                return self.tr("no attachments") if role == Qt.ItemDataRole.AccessibleTextRole else ""
            if column == Column.OFFLINE:
                if role == Qt.ItemDataRole.AccessibleTextRole:
                    return self.tr("available offline") if row.offline else self.tr("not available offline")
                return ""
        if role == Qt.ItemDataRole.DecorationRole and column == Column.OFFLINE and row.cached_count:
            return offline_icon(complete=row.offline)
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.OFFLINE:
            return (
                self.tr("%1 of %2 attachments available offline")
                .replace("%1", local_number(row.cached_count))
                .replace("%2", local_number(row.attachment_count))
            )
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.TITLE:
            return self._tooltip(row)
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.DATE:
            return local_date(row.published, row.published_precision) or None
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.TYPE:
            return type_text(row.resource_type)  # when the column is too narrow for it
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.ATTACHMENTS, Column.OFFLINE):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == ResourceIdRole:
            return row.id
        return None

    def set_new_ids(self, ids: frozenset[int]) -> None:
        """Mark resources added since the user's last visit."""
        self._new_ids = frozenset(ids)
        if self._rows:
            self.dataChanged.emit(self.index(0, Column.TITLE), self.index(len(self._rows) - 1, Column.TITLE))

    def _tooltip(self, row: ResourceRow) -> str:
        """Title, subtitle and, during a word search, why the row matched (fetched on hover)."""
        if row.id not in self._tooltips:
            parts = [f"<b>{html.escape(row.title)}</b>"]
            if row.id in self._new_ids:
                parts.append(html.escape(self.tr("New since your last visit")))
            if row.subtitle:
                parts.append(html.escape(row.subtitle))
            query = self._query
            if self._snippet_of is not None and query is not None and query.text.match:
                passage = self._snippet_of(row.id, query.text)
                if passage:
                    parts.append(highlight_html(passage))
            self._tooltips[row.id] = "<br>".join(parts)
        return self._tooltips[row.id]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(_HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("ResultsModel", _HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole and _HEADER_TIPS[section]:
            return QCoreApplication.translate("ResultsModel", _HEADER_TIPS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:
        return [RESOURCE_IDS_MIME]

    def mimeData(self, indexes) -> QMimeData:
        """Dragged rows carry their resource ids (to drop them on a collection)."""
        rows = [i.row() for i in indexes if i.isValid() and i.row() < len(self._rows)]
        ids = list(dict.fromkeys(self._rows.id_at(row) for row in rows))
        data = QMimeData()
        data.setData(RESOURCE_IDS_MIME, json.dumps(ids).encode("utf-8"))
        return data

    def refresh_rows(self, resource_ids: set[int]) -> None:
        """Re-read rows whose state changed (e.g. an attachment became available offline)."""
        positions = [n for n, row_id in enumerate(self._rows.ids()) if row_id in resource_ids]
        if not positions:
            return
        fresh = {row.id: row for row in self._rows_by_ids([self._rows.id_at(n) for n in positions])}
        for n in positions:
            if self._rows.id_at(n) in fresh:
                self._rows[n] = fresh[self._rows.id_at(n)]
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(_HEADERS) - 1))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        if column < 0:
            self.sortRequested.emit(SortKey.RELEVANCE, True)
        elif column in _SORT_OF_COLUMN:
            self.sortRequested.emit(_SORT_OF_COLUMN[column], descending)


def column_for_sort(sort: SortKey) -> int:
    """The column whose header shows a sort, or -1 (relevance)."""
    return _COLUMN_OF_SORT.get(sort, -1)

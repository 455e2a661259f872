"""Column widths of the results table: Title takes the room, the other columns give way first.

`ColumnFitter(table)` sizes the Type, Date, Files and Offline columns from the text they show
(in the table's font, so 150% text gets wider columns) and, when the table is narrow (a 1024 px
screen, a wide document pane), shrinks them toward their minimums before Title goes below its own.
Dates and headers are never cut: their minimum is their text. A width the user drags a column to
becomes that column's preferred width.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

from reslib_desktop.gui.i18n import local_date
from reslib_desktop.gui.results_model import Column, ResultsModel

#: Title keeps at least this many average characters before anything scrolls sideways.
TITLE_MIN_CHARS = 12
#: …and, while the others can still shrink, this share of the table's width.
TITLE_SHARE = 0.4
#: The Type column may shrink to this many characters (longer types are elided; the tooltip has them).
TYPE_MIN_CHARS = 7
_SCANNED_ROWS = 400  # rows measured for the Type and Files columns' preferred widths
_SORTABLE = (Column.TITLE, Column.TYPE, Column.DATE)
_OTHERS = (Column.TYPE, Column.DATE, Column.ATTACHMENTS, Column.OFFLINE)


class ColumnFitter(QObject):
    """Keeps the results table's columns fitted to its width and font (see the module docstring)."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self._chosen: dict[int, int] = {}  # widths the user dragged columns to
        self._fitting = False
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self.fit)
        header = table.horizontalHeader()
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(1)
        header.sectionResized.connect(self._on_section_resized)
        self._viewport = table.viewport()
        self._viewport.installEventFilter(self)
        table.installEventFilter(self)
        model = table.model()
        model.modelReset.connect(self.fit)
        # Rows past the ones measured change no width (scrolling a long result must stay cheap).
        model.rowsInserted.connect(self._rows_inserted)

    def _rows_inserted(self, _parent: object, first: int, _last: int) -> None:
        if first < _SCANNED_ROWS:
            self.fit()

    # --- measuring --------------------------------------------------------------------------------
    def _padding(self) -> int:
        margin = self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.table)
        return 2 * (margin + 1) + self.table.fontMetrics().averageCharWidth()

    def header_width(self, column: int) -> int:
        """What a header needs to show its text whole (and the sort arrow on sortable columns)."""
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        text = str(self.table.model().headerData(column, Qt.Orientation.Horizontal) or "")
        style = header.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        arrow = (
            style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + margin if column in _SORTABLE else 0
        )
        return metrics.horizontalAdvance(text) + 4 * margin + arrow + metrics.averageCharWidth()

    def content_width(self, column: int) -> int:
        """The widest cell a column shows: dates in their longest short form, icons, or the widest
        text among the first loaded rows."""
        model, metrics = self.table.model(), self.table.fontMetrics()
        assert isinstance(model, ResultsModel)
        if column == Column.DATE:
            widest = max(
                metrics.horizontalAdvance(local_date(date(2000, month, 28), "day", short=True))
                for month in range(1, 13)
            )
        elif column == Column.OFFLINE:
            size = self.table.iconSize()
            widest = size.width() if size.isValid() else metrics.height()
        else:
            texts = model.shown_texts(column, _SCANNED_ROWS)
            widest = max((metrics.horizontalAdvance(text) for text in texts if text), default=0)
        return widest + self._padding()

    def minimum_width(self, column: int) -> int:
        """The narrowest a column may get: its header whole, dates whole, types to TYPE_MIN_CHARS."""
        needed = self.header_width(column)
        if column == Column.DATE:
            needed = max(needed, self.content_width(column))
        if column == Column.TYPE:
            needed = max(needed, self.table.fontMetrics().averageCharWidth() * TYPE_MIN_CHARS + self._padding())
        return needed

    def preferred_width(self, column: int) -> int:
        if column in self._chosen:
            return max(self._chosen[column], self.minimum_width(column))
        return max(self.minimum_width(column), self.content_width(column))

    def title_minimum(self) -> int:
        return max(
            self.header_width(Column.TITLE),
            self.table.fontMetrics().averageCharWidth() * TITLE_MIN_CHARS + self._padding(),
        )

    def minimum_total(self, columns: tuple[int, ...] = _OTHERS) -> int:
        """Width the table needs for Title and `columns` at their minimums (plus frame and scroll bar)."""
        header = self.table.horizontalHeader()
        shown = [c for c in columns if not header.isSectionHidden(c)]
        chrome = 2 * self.table.frameWidth() + self.table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return self.title_minimum() + sum(self.minimum_width(c) for c in shown) + chrome

    # --- fitting ----------------------------------------------------------------------------------
    def fit(self) -> None:
        """Give every column but Title its preferred width, shrunk toward its minimum when Title would
        get less than its minimum or TITLE_SHARE of the width."""
        header = self.table.horizontalHeader()
        shown = [c for c in _OTHERS if not header.isSectionHidden(c)]
        available = self.table.viewport().width()
        preferred = {c: self.preferred_width(c) for c in shown}
        minimum = {c: min(self.minimum_width(c), preferred[c]) for c in shown}
        # The columns the user did not size give way, down to their minimums, until Title has
        # TITLE_SHARE of the width (or at least its own minimum); a width the user chose is kept.
        widths = dict(preferred)
        target = max(self.title_minimum(), round(available * TITLE_SHARE))
        giving = [c for c in shown if c not in self._chosen]
        spare = sum(widths.values()) - (available - target)  # how much the others must give up
        give = {c: widths[c] - minimum[c] for c in giving}
        can_give = sum(give.values())
        if spare > 0 and can_give > 0:
            for c in giving:
                widths[c] -= give[c] if spare >= can_give else round(give[c] * spare / can_give)
        # Narrower than every minimum: Title keeps its own and the table scrolls sideways.
        squeezed = available - sum(widths.values()) < self.title_minimum()
        title_mode = QHeaderView.ResizeMode.Interactive if squeezed else QHeaderView.ResizeMode.Stretch
        self._fitting = True
        try:
            if header.sectionResizeMode(Column.TITLE) != title_mode:
                header.setSectionResizeMode(Column.TITLE, title_mode)
            if squeezed:
                header.resizeSection(Column.TITLE, self.title_minimum())
            for column, width in widths.items():
                if header.sectionSize(column) != width:
                    header.resizeSection(column, width)
        finally:
            self._fitting = False
        self._keep_minimum()

    def _keep_minimum(self) -> None:
        """The table (so the results area) keeps room for Title and Date: a wide document pane or a
        narrow window stops there (the other columns scroll sideways) instead of squeezing Title."""
        self.table.setMinimumWidth(self.minimum_total((Column.DATE,)))

    def forget_choices(self) -> None:
        """Back to the fitted widths (View → Reset layout)."""
        self._chosen.clear()
        self.fit()

    def _on_section_resized(self, column: int, old: int, new: int) -> None:
        if self._fitting or column not in _OTHERS:
            return
        if old == 0 or new == 0:  # shown or hidden: the others get or give the room
            self._refit.start()
        else:
            self._chosen[column] = new  # the user dragged it (or a saved layout restored it)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (watched is self._viewport and kind == QEvent.Type.Resize) or (
            watched is self.table and kind in (QEvent.Type.FontChange, QEvent.Type.StyleChange)
        ):
            self.fit()
        return False

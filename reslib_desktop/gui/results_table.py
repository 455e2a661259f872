"""The results table view: knows whether a selection change came from the user's own click or key,
and which resource its highlight stands for (what the details pane must show)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from reslib_desktop.gui.results_model import ResourceIdRole


class ResultsTable(QTableView):
    """A table of results whose `user_driven` is true while it handles a mouse or key event of the user.

    Selections the window makes by itself (the row kept after a new search, a row chosen in
    "Recently viewed") happen outside those events, so they can be told apart from what the user picked.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._user_events = 0

    @property
    def user_driven(self) -> bool:
        return self._user_events > 0

    @contextmanager
    def _by_user(self) -> Iterator[None]:
        self._user_events += 1
        try:
            yield
        finally:
            self._user_events -= 1

    def mousePressEvent(self, event) -> None:
        with self._by_user():
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        with self._by_user():
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        with self._by_user():
            super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:
        with self._by_user():
            super().keyPressEvent(event)

    def highlighted_resource(self) -> int | None:
        """The resource the highlight stands for: the current row when it is selected, else the only
        selected row; None when no row or several rows without the current one are selected."""
        selection = self.selectionModel()
        if selection is None:
            return None
        current = selection.currentIndex()
        if current.isValid() and selection.isSelected(current):
            return current.data(ResourceIdRole)
        rows = selection.selectedRows()
        if len(rows) == 1:
            return rows[0].data(ResourceIdRole)
        return None

    def highlighted_rows(self) -> list[int]:
        """Rows shown as selected, in table order."""
        selection = self.selectionModel()
        return sorted({index.row() for index in selection.selectedRows()}) if selection is not None else []


def make_results_table(parent: QWidget) -> ResultsTable:
    """The results table with the window's usual behaviour (row selection, several rows, drag out)."""
    table = ResultsTable(parent)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setAlternatingRowColors(True)
    table.setDragEnabled(True)
    table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
    return table

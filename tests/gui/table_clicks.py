"""Driving the results table as a user does: mouse clicks and keys on rows (not selectRow())."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reslib_desktop.gui.results_model import Column


def click_row(qtbot, window, row: int, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Click a row's title cell (scrolled into view first)."""
    index = window.model.index(row, Column.TITLE)
    window.table.scrollTo(index)
    center = window.table.visualRect(index).center()
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, modifier, center)


def highlight_and_details(window) -> tuple[list[int], int | None]:
    """The resources shown highlighted in the table, and the one the details pane shows."""
    model, table = window.model, window.table
    highlighted = sorted(model.resource_at(index.row()).id for index in table.selectionModel().selectedRows())
    detail = window.details.detail
    return highlighted, detail.id if detail is not None else None


def agree(window) -> bool:
    """The details pane shows the highlighted row (one of them, or none, when several are); nothing when none is."""
    highlighted, shown = highlight_and_details(window)
    if not highlighted:
        return shown is None
    if len(highlighted) > 1:
        return shown is None or shown in highlighted
    return shown == highlighted[0]

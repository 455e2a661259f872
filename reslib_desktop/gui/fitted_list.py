"""A list widget as tall as its rows: long rows wrap (no sideways scroll bar hiding the last rows),
at any width and text size; optionally capped, scrolling beyond the cap."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QListWidget, QSizePolicy, QWidget


class FittedList(QListWidget):
    """A QListWidget whose height follows its rows (wrapped at the current width).

    `cap()` (optional) gives the most height it may take; past it the list scrolls vertically.
    """

    def __init__(self, parent: QWidget | None = None, cap: Callable[[], int] | None = None) -> None:
        super().__init__(parent)
        self._cap = cap
        self._fit_timer = QTimer(self)  # a child: it dies with the list, never firing on a deleted one
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_height)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded if cap is not None else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def content_height(self, lay_out: bool = True) -> int:
        """The height of all rows at the current width (frame included); `lay_out`: lay the rows out first."""
        rows = self.count()
        if not rows:
            return 0
        if lay_out:
            self.doItemsLayout()
        first, last = self.visualItemRect(self.item(0)), self.visualItemRect(self.item(rows - 1))
        laid_out = last.bottom() - first.top() + 1 if first.isValid() and last.isValid() else 0
        return max(laid_out, self.sizeHintForRow(0) * rows) + 2 * self.frameWidth()

    def _wanted_height(self, lay_out: bool = True) -> int:
        height = self.content_height(lay_out)
        if self._cap is not None and height:
            height = min(height, max(self._cap(), self.sizeHintForRow(0) + 2 * self.frameWidth()))
        return height

    def fit_height(self) -> None:
        """Exactly the height of all rows (at most the cap)."""
        height = self._wanted_height()
        if height != self.height() or self.minimumHeight() != height:
            self.setFixedHeight(height)

    def fit_later(self) -> None:
        """Fit once the view has laid its rows out (after a resize or a font change)."""
        self._fit_timer.start()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        # Called after every layout of the rows: refit when their height changed (measured as laid out).
        if self._wanted_height(lay_out=False) != self.height():
            self.fit_later()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_later()  # rows wrap differently at another width

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_later()

"""The app's icons, drawn in the palette's text colour at paint time (so they show in light and dark
themes and follow a theme switch with the window open); qtawesome is loaded on first use (~300 ms)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import (
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)

_NAMES = {
    "search": "fa5s.search",
    "clear": "fa5s.times-circle",
    "pdf": "fa5s.file-pdf",
    "resource": "fa5s.file-alt",
    "filter": "fa5s.filter",
    "expand": "fa5s.chevron-down",
    "collapse": "fa5s.chevron-right",
    "app": "fa5s.book-open",
    "offline": "fa5s.check-circle",
    "offline-partial": "fa5s.adjust",
    "download": "fa5s.download",
    "collection": "fa5s.folder",
    "pinned": "fa5s.thumbtack",
    # collections, downloads and the collection editor
    "new": "fa5s.plus",
    "rename": "fa5s.pen",
    "delete": "fa5s.trash-alt",
    "queued": "fa5s.clock",
    "downloading": "fa5s.arrow-down",
    "cached": "fa5s.check-circle",
    "failed": "fa5s.exclamation-triangle",
    "skipped": "fa5s.ban",
    "not_cached": "fa5s.cloud",
    "cancel": "fa5s.stop",
    "retry": "fa5s.redo",
    "resume": "fa5s.play",
    "up": "fa5s.arrow-up",
    "down": "fa5s.arrow-down",
    "remove": "fa5s.minus",
    # the document pane
    "previous-page": "fa5s.arrow-up",
    "next-page": "fa5s.arrow-down",
    "zoom-in": "fa5s.search-plus",
    "zoom-out": "fa5s.search-minus",
    "fit-width": "fa5s.arrows-alt-h",
    "fit-page": "fa5s.expand",
    "open-external": "fa5s.external-link-alt",
    "previous-match": "fa5s.chevron-up",
    "next-match": "fa5s.chevron-down",
    "warning": "fa5s.exclamation-triangle",
    "lock": "fa5s.lock",
    # window parts the style draws (dock title buttons)
    "close": "fa5s.times",
    "float": "fa5s.window-restore",
    # import preview statuses (drawn by `coloured`: the colour carries the meaning)
    "status-new": "fa5s.plus-circle",
    "status-update": "fa5s.sync-alt",
    "status-unchanged": "fa5s.equals",
    "status-duplicate": "fa5s.clone",
    "status-error": "fa5s.times-circle",
}

_ENGINES: list[QIconEngine] = []  # Python engines owned by C++ icons: kept alive here


class _ThemedEngine(QIconEngine):
    """Draws icon `name` with the colours of the application palette at the time it is painted."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def _current(self) -> QIcon:
        palette = QGuiApplication.palette()
        text = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
        disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        selected = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText)
        return _icon(self.name, text.name(), disabled.name(), selected.name())

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        self._current().paint(painter, rect, Qt.AlignmentFlag.AlignCenter, mode, state)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self._current().pixmap(size, mode, state)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        return self._current().pixmap(size, scale, mode, state)

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        return QSize(size)

    def isNull(self) -> bool:
        return self._current().isNull()

    def clone(self) -> QIconEngine:
        return _engine(self.name)

    def key(self) -> str:
        return "reslib-themed"


def _engine(name: str) -> QIconEngine:
    engine = _ThemedEngine(name)
    _ENGINES.append(engine)
    return engine


@cache
def icon(name: str) -> QIcon:
    """A named icon of the app, drawn in the palette's text colour (disabled and selected colours too)
    whenever it is painted; an empty icon if qtawesome cannot provide it."""
    if _icon(name, "#000000", "#000000", "#000000").isNull():
        return QIcon()
    return QIcon(_engine(name))


@cache
def _icon(name: str, color: str, disabled: str, selected: str) -> QIcon:
    import qtawesome

    try:
        return qtawesome.icon(
            _NAMES[name], color=color, color_disabled=disabled, color_active=color, color_selected=selected
        )
    except Exception:  # noqa: BLE001 - a missing glyph must never break the window
        return QIcon()


@cache
def coloured(name: str, color: str) -> QIcon:
    """A named icon in a colour of its own (one that means something, such as red for an error);
    an empty icon if qtawesome cannot provide it."""
    return _icon(name, color, color, color)


def offline_icon(complete: bool) -> QIcon:
    """All attachments offline, or only some."""
    return icon("offline" if complete else "offline-partial")

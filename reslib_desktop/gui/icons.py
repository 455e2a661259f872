"""Icons from qtawesome, loaded on first use (qtawesome needs a QApplication and costs ~300 ms)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QGuiApplication, QIcon, QPalette

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
}


def icon(name: str) -> QIcon:
    """A named icon of the app, drawn in the palette's text colour (so it shows in light and dark
    themes); an empty icon if qtawesome cannot provide it."""
    palette = QGuiApplication.palette()
    text = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    selected = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText)
    return _icon(name, text.name(), disabled.name(), selected.name())


@cache
def _icon(name: str, color: str, disabled: str, selected: str) -> QIcon:
    import qtawesome

    try:
        return qtawesome.icon(_NAMES[name], color=color, color_disabled=disabled, color_active=color, color_selected=selected)
    except Exception:  # noqa: BLE001 - a missing glyph must never break the window
        return QIcon()


def offline_icon(complete: bool) -> QIcon:
    """All attachments offline, or only some."""
    return icon("offline" if complete else "offline-partial")

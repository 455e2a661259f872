"""Icons of the offline views (qtawesome names beyond those of gui/icons.py), loaded on first use."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

_NAMES = {
    "collection": "fa5s.folder",
    "pinned": "fa5s.thumbtack",
    "new": "fa5s.plus",
    "rename": "fa5s.pen",
    "delete": "fa5s.trash-alt",
    "download": "fa5s.download",
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
}


@cache
def glyph(name: str) -> QIcon:
    """An icon by name; an empty icon if qtawesome cannot provide it (never raises)."""
    try:
        import qtawesome

        return qtawesome.icon(_NAMES[name])
    except Exception:  # noqa: BLE001 - a missing glyph must never break a view
        return QIcon()

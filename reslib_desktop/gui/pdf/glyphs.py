"""Icons of the PDF pane that `gui.icons` does not have (qtawesome, loaded on first use)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

_NAMES = {
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
}


@cache
def glyph(name: str) -> QIcon:
    """A named icon; an empty icon if qtawesome cannot provide it (callers then show text)."""
    import qtawesome

    try:
        return qtawesome.icon(_NAMES[name])
    except Exception:  # noqa: BLE001 - a missing glyph must never break the pane
        return QIcon()

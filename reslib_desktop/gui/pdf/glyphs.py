"""Icons of the PDF pane: the app's themed icons (gui/icons.py)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from reslib_desktop.gui.icons import icon


def glyph(name: str) -> QIcon:
    """A named icon in the theme's text colour; an empty icon if qtawesome cannot provide it
    (callers then show text)."""
    return icon(name)

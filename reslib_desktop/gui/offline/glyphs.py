"""Icons of the offline views: the app's themed icons (gui/icons.py)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from reslib_desktop.gui.icons import icon


def glyph(name: str) -> QIcon:
    """An icon by name, in the theme's text colour; an empty icon if qtawesome cannot provide it (never raises)."""
    return icon(name)

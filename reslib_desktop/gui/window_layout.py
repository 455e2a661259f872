"""The window's size and pane widths on first start, fitted to the screen and the text size."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize

#: The size the window opens at on a screen with room for it.
DESIGNED_SIZE = QSize(1280, 760)
#: Room left around the window for its frame and title bar (the available geometry excludes panels).
_FRAME_ROOM = QSize(16, 48)
#: The sidebar is never made narrower than this to give the other panes their minimums.
_SIDEBAR_FLOOR = 180


def default_window_size(available: QRect | None, minimum: QSize | None = None) -> QSize:
    """DESIGNED_SIZE, made smaller so that window and frame fit the screen's available area
    (never below `minimum`, the window's own minimum size)."""
    size = QSize(DESIGNED_SIZE)
    if available is not None and available.isValid():
        size = size.boundedTo(available.size() - _FRAME_ROOM)
    if minimum is not None:
        size = size.expandedTo(minimum)
    return size


def pane_sizes(
    total: int, sidebar: int, results_minimum: int, details_minimum: int = 0, sidebar_share: float = 0.3
) -> list[int]:
    """Widths of the sidebar, results and details panes in a splitter `total` pixels wide.

    The sidebar gets what it asks for (`sidebar`, at most `sidebar_share` of the width, and less when
    the results and details would get less than their minimums); the results get 62% of the rest but
    never less than `results_minimum`; the details pane the remainder.
    """
    side = min(sidebar, round(total * sidebar_share))
    side = max(min(side, total - results_minimum - details_minimum), min(side, _SIDEBAR_FLOOR))
    rest = max(0, total - side)
    results = max(round(rest * 0.62), min(results_minimum, rest))
    return [side, results, rest - results]

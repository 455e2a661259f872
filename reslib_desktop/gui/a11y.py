"""Accessibility helpers: announcing changes to screen readers, naming checks, reading-order focus.

`install_accessibility(window)` makes the window announce its result count
whenever a search finishes. `announce(widget, text)` sends a polite
announcement through Qt's accessibility bridge (AT-SPI, UIA, NSAccessibility)
and mirrors it on `announcements().announced` for tests and logs.
`reading_order(container)` lists the focusable widgets of a container in the
order a reader meets them (layout order, tab bars before their pages), which
`apply_reading_order` turns into the Tab order.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

# Widgets that take focus as a whole: Tab never goes inside them.
_ATOMIC = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
)


class _Announcements(QObject):
    announced = Signal(QObject, str)


_HUB: _Announcements | None = None


def announcements() -> _Announcements:
    """The object whose `announced(widget, text)` signal repeats every `announce` call."""
    global _HUB
    if _HUB is None:
        _HUB = _Announcements()
    return _HUB


def announce(widget: QWidget, text: str, assertive: bool = False) -> None:
    """Have screen readers speak `text` on behalf of `widget` (politely unless `assertive`)."""
    widget.setAccessibleDescription(text)
    changed = QAccessibleEvent(widget, QAccessible.Event.DescriptionChanged)
    QAccessible.updateAccessibility(changed)
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive if assertive else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)
    announcements().announced.emit(widget, text)


def install_accessibility(window) -> None:
    """Announce the result count (`window.count_label`) after every search of `window.controller`."""
    label: QLabel = window.count_label

    def speak(_outcome: object) -> None:
        announce(label, label.text())

    # Connected after the window's own slot, so the label already shows the new count.
    window.controller.resultsReady.connect(speak)


# --- names ------------------------------------------------------------------------------------------
def accessible_name(widget: QWidget) -> str:
    """The name assistive technology reads for a widget."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def describe(widget: QWidget) -> str:
    """A widget as a person fixing it would look for it: class, objectName, parent chain, text."""
    parts = [type(widget).__name__]
    if widget.objectName():
        parts.append(f"'{widget.objectName()}'")
    chain: list[str] = []
    parent = widget.parentWidget()
    while parent is not None and len(chain) < 3:
        label = type(parent).__name__
        name = parent.accessibleName() or parent.objectName()
        chain.append(f"{label} '{name}'" if name else label)
        parent = parent.parentWidget()
    if chain:
        parts.append("in " + " < ".join(chain))
    text = getattr(widget, "text", None)
    if callable(text) and isinstance(text(), str) and text():
        parts.append(f"text={text()!r}")
    return " ".join(parts)


def takes_focus(widget: QWidget) -> bool:
    """Visible, enabled and reachable by keyboard or click (focusPolicy other than NoFocus)."""
    return widget.isVisible() and widget.isEnabled() and widget.focusPolicy() != Qt.FocusPolicy.NoFocus


def unnamed_widgets(root: QWidget) -> list[str]:
    """Every visible focusable widget under `root` (and `root`) whose accessible name is empty."""
    widgets = [root, *root.findChildren(QWidget)]
    return [describe(w) for w in widgets if takes_focus(w) and not accessible_name(w).strip()]


# --- reading order ----------------------------------------------------------------------------------
def _tab_stop(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.focusProxy() is None


def _layout_widgets(layout: QLayout) -> list[QWidget]:
    found: list[QWidget] = []
    for number in range(layout.count()):
        item = layout.itemAt(number)
        child = item.widget() if item is not None else None
        inner = item.layout() if item is not None else None
        if isinstance(child, QWidget):
            found.append(child)
        elif isinstance(inner, QLayout) and inner is not layout:
            # PySide may hand back a stale wrapper of another type for a reused address: only real
            # layouts are followed (widgets missed here still join the order after the laid-out ones).
            found.extend(_layout_widgets(inner))
    return found


def _ordered_children(widget: QWidget) -> list[QWidget]:
    if isinstance(widget, QTabWidget):
        pages = [widget.widget(n) for n in range(widget.count())]
        return [widget.tabBar(), *(page for page in pages if page is not None)]
    if isinstance(widget, QSplitter):  # in the order shown, not the order made
        return [w for w in (widget.widget(n) for n in range(widget.count())) if w is not None]
    children = [c for c in widget.children() if isinstance(c, QWidget) and not c.isWindow()]
    layout = widget.layout()
    laid_out = _layout_widgets(layout) if layout is not None else []
    in_layout = [w for w in laid_out if w in children]
    return in_layout + [c for c in children if c not in in_layout]


def reading_order(container: QWidget) -> list[QWidget]:
    """Tab stops of `container` (itself included) in reading order, hidden ones too (they may show later)."""
    found: list[QWidget] = []

    def visit(widget: QWidget) -> None:
        if widget.isWindow() and widget is not container:
            return
        if _tab_stop(widget):
            found.append(widget)
            if isinstance(widget, _ATOMIC):
                return
        for child in _ordered_children(widget):
            visit(child)

    visit(container)
    return list(dict.fromkeys(found))


def set_tab_order(widgets: list[QWidget]) -> None:
    """Chain `widgets` in this order for Tab (and the reverse for Shift+Tab)."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)


def first_focusable(container: QWidget) -> QWidget | None:
    """The first visible, enabled tab stop inside `container` (itself last), in reading order."""
    candidates = [w for w in reading_order(container) if w.isVisible() and w.isEnabled()]
    inner = [w for w in candidates if w is not container]
    return inner[0] if inner else (candidates[0] if candidates else None)


def window_reading_order(window) -> list[QWidget]:
    """The main window's tab stops: search box, sort, sidebar, chips, results, details, document."""
    results_area = window.chips.parentWidget()
    groups = [
        reading_order(window.search_box),
        [window.sort_combo],
        reading_order(window.left_splitter),  # collections, then the filters
        reading_order(results_area),
        reading_order(window.right_tabs),
    ]
    ordered = [w for group in groups for w in group]
    rest = [w for w in reading_order(window) if w not in ordered]
    return list(dict.fromkeys(ordered + rest))


def apply_reading_order(window) -> list[QWidget]:
    """Make Tab walk `window` in reading order, round to the start; returns the order set."""
    order = window_reading_order(window)
    set_tab_order(order)
    window.reading_order = order
    return order


def step_reading_order(window: QWidget, forward: bool) -> bool:
    """Move the focus to the next (or previous) tab stop of the window's reading order, wrapping round;
    False when there is none to move to, or the focus is in nothing the order holds.

    Qt's own Tab follows the focus chain, where widgets outside the order (a tab widget that passes its
    focus to its tab bar) can send Tab back into the middle of the order, so that it never returns to
    the start; the window's focusNextPrevChild calls this instead."""
    order: list[QWidget] = getattr(window, "reading_order", [])
    holder = QApplication.focusWidget()
    while holder is not None and holder not in order:
        holder = holder.parentWidget()
    if holder is None:
        return False
    place = order.index(holder)
    for distance in range(1, len(order)):
        candidate = order[(place + distance if forward else place - distance) % len(order)]
        if candidate.window() is window and candidate.isVisible() and candidate.isEnabled() \
                and candidate.focusPolicy() & Qt.FocusPolicy.TabFocus:
            reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
            candidate.setFocus(reason)
            return True
    return False

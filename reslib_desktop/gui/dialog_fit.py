"""Dialogs that fit the screen: bounded by its available area, their content scrolls when it needs more."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLayoutItem,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

#: Room left around a dialog for its frame and title bar (the available geometry excludes panels).
FRAME_ROOM = QSize(16, 48)


def available_size(widget: QWidget) -> QSize | None:
    """The room a top-level window of `widget` has on its screen (frame excluded), or None without a screen."""
    parent = widget.parentWidget()
    screen = widget.screen() or (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    if screen is None:
        return None
    return screen.availableGeometry().size() - FRAME_ROOM


def _is_button_row(item: QLayoutItem) -> bool:
    """A button box, or a row of buttons (and spacing, a progress bar) such as Save / Cancel."""
    if isinstance(item.widget(), QDialogButtonBox):
        return True
    row = item.layout()
    if row is None or row.count() == 0:
        return False
    items = [row.itemAt(n) for n in range(row.count())]
    widgets = [item.widget() if item is not None else None for item in items]
    return any(isinstance(w, QAbstractButton) for w in widgets) and all(
        w is None or isinstance(w, (QAbstractButton, QDialogButtonBox, QProgressBar)) for w in widgets
    )


def scroll_content(dialog: QDialog) -> QScrollArea:
    """Move the dialog's layout into a frameless scroll area that fills the dialog, all but a last row
    of buttons, which stays in view below it (Tab keeps working: QScrollArea scrolls the focused widget
    into view)."""
    content = dialog.layout()
    assert content is not None  # a dialog with content: it has a layout
    last = content.itemAt(content.count() - 1) if content.count() else None
    buttons = content.takeAt(content.count() - 1) if last is not None and _is_button_row(last) else None
    margins = content.contentsMargins()
    body = QWidget()
    body.setLayout(content)  # takes the layout and its widgets
    area = QScrollArea(dialog)
    area.setObjectName("dialog_scroll")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidgetResizable(True)
    area.setWidget(body)
    outer = QVBoxLayout(dialog)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(area, 1)
    if buttons is not None:
        row = QVBoxLayout()
        row.setContentsMargins(margins.left(), 0, margins.right(), margins.bottom())
        outer.addLayout(row)
        button_widget, button_layout = buttons.widget(), buttons.layout()
        if button_widget is not None:
            row.addWidget(button_widget)
        elif button_layout is not None:
            row.addLayout(button_layout)
    return area


def fit_to_screen(dialog: QDialog, wanted: QSize) -> None:
    """Size `dialog` to `wanted`, at most the screen's available area; when its content's minimum
    needs more than that (150% text on a 1024x600 screen), the content scrolls instead of overflowing."""
    room = available_size(dialog)
    if room is None:
        dialog.resize(wanted)
        return
    layout = dialog.layout()
    if layout is not None:
        needed = layout.totalMinimumSize()
        if needed.width() > room.width() or needed.height() > room.height():
            scroll_content(dialog)
            wanted = wanted.expandedTo(needed)  # as much of the content as the screen shows
    dialog.resize(wanted.boundedTo(room).expandedTo(dialog.minimumSizeHint().boundedTo(room)))


def _content_height(dialog: QDialog) -> int:
    """The height `dialog` needs at its present width: every wrapped text whole (-1 when it cannot tell)."""
    area = dialog.findChild(QScrollArea, "dialog_scroll")
    body = area.widget() if area is not None else None
    if area is not None and body is not None and body.layout() is not None:
        inner = body.layout()
        assert inner is not None
        inner.activate()  # nested layouts (a form) keep their old heights until the layout runs again
        wanted = inner.totalHeightForWidth(area.viewport().width()) if inner.hasHeightForWidth() else -1
        return max(wanted, inner.totalMinimumSize().height()) + dialog.height() - area.viewport().height()
    layout = dialog.layout()
    if layout is None:
        return -1
    layout.activate()  # see above
    return layout.totalHeightForWidth(dialog.width()) if layout.hasHeightForWidth() else -1


def fit_height_to_content(dialog: QDialog) -> None:
    """Grow `dialog` to the height its content needs at its present width, at most the screen's available
    area (past that, the content scrolls); call it after a text that wraps has changed (longer texts
    arriving later would else be squeezed into the room of the first ones)."""
    needed = _content_height(dialog)
    if needed <= dialog.height():
        return
    room = available_size(dialog)
    limit = room.height() if room is not None else needed
    if needed > limit and dialog.findChild(QScrollArea, "dialog_scroll") is None:
        focus = dialog.focusWidget()  # moving the content into the scroll area takes the focus away
        area = scroll_content(dialog)
        if dialog.isVisible():
            area.show()
            if focus is not None and focus is not dialog:
                focus.setFocus(Qt.FocusReason.OtherFocusReason)
    dialog.resize(dialog.width(), min(needed, limit))
    _keep_on_screen(dialog)


def _keep_on_screen(dialog: QDialog) -> None:
    """Move a shown dialog that grew past the bottom of its screen's available area back up."""
    screen = dialog.screen()
    if screen is None or not dialog.isVisible():
        return
    area, frame = screen.availableGeometry(), dialog.frameGeometry()
    if frame.bottom() > area.bottom():
        dialog.move(dialog.x(), max(area.top(), dialog.y() - (frame.bottom() - area.bottom())))

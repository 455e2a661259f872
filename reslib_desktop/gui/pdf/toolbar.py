"""The navigation row of the PDF pane: previous/next page, page number "x of N", zoom, fit, open externally.

A row of tool buttons rather than a QToolBar, whose buttons cannot take focus:
here every control is reachable with Tab. Each button shows an action whose
shortcut the owner makes pane-local (WidgetWithChildrenShortcut).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QToolButton, QWidget

from reslib_desktop.gui.icons import icon


def shortcut_text(shortcuts: list[QKeySequence]) -> str:
    """Shortcuts as the platform writes them, for tooltips."""
    return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in shortcuts)


class PdfToolbar(QWidget):
    """Buttons and the page box; `pageRequested(page)` (0-based) when the user types a page number."""

    pageRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.previous_page = self._action("previous-page", self.tr("Previous page"), [QKeySequence(Qt.Key.Key_PageUp)])
        self.next_page = self._action("next-page", self.tr("Next page"), [QKeySequence(Qt.Key.Key_PageDown)])
        self.zoom_out = self._action(
            "zoom-out", self.tr("Zoom out"), [QKeySequence(QKeySequence.StandardKey.ZoomOut), QKeySequence("Ctrl+-")]
        )
        self.zoom_in = self._action(
            "zoom-in", self.tr("Zoom in"), [QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")]
        )
        self.fit_width = self._action("fit-width", self.tr("Fit to width"), [QKeySequence("Ctrl+0")], checkable=True)
        self.fit_page = self._action("fit-page", self.tr("Fit whole page"), [QKeySequence("Ctrl+9")], checkable=True)
        self.open_external = self._action("open-external", self.tr("Open with system viewer"), [])

        self.page_box = QSpinBox(self)
        self.page_box.setRange(1, 1)
        self.page_box.setKeyboardTracking(False)  # jump on Enter or on leaving the box, not per digit
        self.page_box.setAccessibleName(self.tr("Page number"))
        self.page_box.lineEdit().setAccessibleName(self.tr("Page number"))
        self.page_box.setToolTip(self.tr("Type a page number and press Enter"))
        self.page_box.valueChanged.connect(lambda value: self.pageRequested.emit(value - 1))
        self.page_count_label = QLabel(self)
        self.page_count_label.setAccessibleName(self.tr("Page count"))
        page_label = QLabel(self.tr("&Page"), self)
        page_label.setBuddy(self.page_box)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self._button(self.previous_page))
        layout.addWidget(self._button(self.next_page))
        layout.addSpacing(4)
        layout.addWidget(page_label)
        layout.addWidget(self.page_box)
        layout.addWidget(self.page_count_label)
        layout.addStretch(1)
        for action in (self.zoom_out, self.zoom_in, self.fit_width, self.fit_page):
            layout.addWidget(self._button(action))
        layout.addSpacing(4)
        layout.addWidget(self._button(self.open_external))

    def actions_with_shortcuts(self) -> list[QAction]:
        """The actions the owner adds to itself so that their shortcuts work anywhere in the pane."""
        return [self.previous_page, self.next_page, self.zoom_out, self.zoom_in, self.fit_width, self.fit_page]

    def _action(self, glyph_name: str, text: str, shortcuts: list[QKeySequence], checkable: bool = False) -> QAction:
        action = QAction(icon(glyph_name), text, self)
        unique: dict[str, QKeySequence] = {}
        for sequence in shortcuts:  # e.g. StandardKey.ZoomOut is already Ctrl+- here: twice would be ambiguous
            unique.setdefault(sequence.toString(), sequence)
        shortcuts = list(unique.values())
        action.setShortcuts(shortcuts)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setCheckable(checkable)
        action.setToolTip(f"{text} ({shortcut_text(shortcuts)})" if shortcuts else text)
        return action

    def _button(self, action: QAction) -> QToolButton:
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setAccessibleName(action.text())
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        if action.icon().isNull():
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        else:
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        return button

    def set_document_actions_enabled(self, enabled: bool) -> None:
        """Off while a message is shown, so the pane's shortcuts do nothing then."""
        for action in (*self.actions_with_shortcuts(), self.open_external):
            action.setEnabled(enabled)

    def show_page(self, page: int, count: int) -> None:
        """Show 0-based `page` of `count` without emitting `pageRequested`."""
        self.page_box.blockSignals(True)
        self.page_box.setRange(1, max(1, count))
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)
        self.page_count_label.setText(self.tr("of %1").replace("%1", str(count)))
        described = self.tr("Page %1 of %2").replace("%1", str(page + 1)).replace("%2", str(count))
        self.page_box.setAccessibleDescription(described)
        self.previous_page.setEnabled(page > 0)
        self.next_page.setEnabled(page < count - 1)

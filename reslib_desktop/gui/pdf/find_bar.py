"""The find row of the PDF pane: a field (typing searches after a pause), previous/next match, and the count."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

from reslib_desktop.gui.i18n import local_number
from reslib_desktop.gui.icons import icon

TYPING_PAUSE_MS = 300


class FindBar(QWidget):
    """`searchRequested(text)` after a pause in typing (or at once on Enter); `stepRequested(+1 | -1)`."""

    searchRequested = Signal(str)
    stepRequested = Signal(int)
    closeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(self.tr("Find in document"))
        self.field.setAccessibleName(self.tr("Find in document"))
        self.field.setAccessibleDescription(
            self.tr(
                "Type words to find in this document; Enter goes to the next match, Shift+Enter to the previous one"
            )
        )
        find_keys = QKeySequence(QKeySequence.StandardKey.Find).toString(QKeySequence.SequenceFormat.NativeText)
        self.field.setToolTip(self.tr("Find in this document (%1)").replace("%1", find_keys))
        self.field.setClearButtonEnabled(True)
        self.field.installEventFilter(self)
        self.previous_button = self._button("previous-match", self.tr("Previous match"), "Shift+F3", -1)
        self.next_button = self._button("next-match", self.tr("Next match"), "F3", +1)
        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("Find result"))
        self.status.setWordWrap(True)  # under the field, shown only with a result: the field keeps the row
        self.status.setVisible(False)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TYPING_PAUSE_MS)
        self._pause.timeout.connect(self.flush)
        self.field.textEdited.connect(lambda _text: self._pause.start())
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.previous_button)
        row.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status)

    def _button(self, glyph_name: str, text: str, shortcut: str, direction: int) -> QToolButton:
        button = QToolButton(self)
        drawn = icon(glyph_name)
        if drawn.isNull():
            button.setText(text)
        else:
            button.setIcon(drawn)
        button.setAccessibleName(text)
        button.setToolTip(f"{text} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(lambda: self._step(direction))
        return button

    # --- public ---------------------------------------------------------------------------------
    def focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def flush(self) -> None:
        """Search for what is typed now, not after the pause."""
        self._pause.stop()
        self.searchRequested.emit(self.field.text())

    def set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setAccessibleDescription(text)
        self.status.setVisible(bool(text))

    def show_search(self, count: int, current: int, done: bool, has_text: bool | None, text: str) -> None:
        """Describe the state of a search: "3 of 12 matches", "No matches", "No searchable text in this document"."""
        if not text:
            self.set_status("")
        elif count == 0:
            if not done:
                self.set_status(self.tr("Searching…"))
            elif has_text is False:
                self.set_status(self.tr("No searchable text in this document"))
            else:
                self.set_status(self.tr("No matches"))
        else:
            more = "" if done else "…"
            if current >= 0:
                described = self.tr("%1 of %Ln matches", "", count).replace("%1", local_number(current + 1))
            else:
                described = self.tr("%Ln matches", "", count)
            self.set_status(described + more)

    def clear(self) -> None:
        self._pause.stop()
        self.field.clear()
        self.set_status("")

    # --- keys -----------------------------------------------------------------------------------
    def _step(self, direction: int) -> None:
        if self._pause.isActive():
            self.flush()
        self.stepRequested.emit(direction)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt API (camelCase)
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self._step(-1 if shift else +1)
                return True
            if event.key() == Qt.Key.Key_Escape:
                if self.field.text():
                    self.clear()
                    self.searchRequested.emit("")
                else:
                    self.closeRequested.emit()
                return True
        return super().eventFilter(watched, event)

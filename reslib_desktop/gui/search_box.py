"""The keyword box: debounced, with a quiet hint when the text was read loosely."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

DEBOUNCE_MS = 200


class SearchBox(QWidget):
    """Emits `textSettled(text)` once typing pauses, or at once on Enter."""

    textSettled = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr('Search: words, "a phrase", -exclude, OR, type:report, year:2019..2022'))
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName(self.tr("Search resources"))
        self.edit.setAccessibleDescription(
            self.tr('Type words to search titles, descriptions, topics and attachments. Use quotes for a phrase.')
        )
        self.hint = QLabel(self)
        self.hint.setAccessibleName(self.tr("Search hint"))
        self.hint.setWordWrap(True)
        self.hint.setVisible(False)
        font = self.hint.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.hint.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.hint)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._settle)
        self.edit.textEdited.connect(lambda _text: self._timer.start())
        self.edit.textChanged.connect(self._on_text_changed)
        self.edit.returnPressed.connect(self._settle)
        self.edit.installEventFilter(self)
        self._last_emitted: str | None = None

    def _on_text_changed(self, text: str) -> None:
        if not text:  # the clear button or Esc: no need to wait
            self._settle()

    def _settle(self) -> None:
        self._timer.stop()
        text = self.edit.text()
        if text != self._last_emitted:
            self._last_emitted = text
            self.textSettled.emit(text)

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str) -> None:
        """Set the text and search at once."""
        self.edit.setText(text)
        self._settle()

    def show_notes(self, notes: tuple[str, ...]) -> None:
        self.hint.setText(" · ".join(notes))
        self.hint.setVisible(bool(notes))

    def focus(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def eventFilter(self, watched, event) -> bool:  # Qt API (camelCase)
        if (
            watched is self.edit
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
            and self.edit.text()
        ):
            self.edit.clear()
            return True
        return super().eventFilter(watched, event)

"""What the results area says when nothing matches: what to do, and 'did you mean' choices."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    suggestionChosen = Signal(str)
    clearFiltersRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("No results"))
        self.message = QLabel(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.did_you_mean = QLabel(self.tr("Did you mean:"), self)
        self.suggestions_row = QHBoxLayout()
        self.suggestions_row.addStretch(1)
        self.suggestions_row.addWidget(self.did_you_mean)
        self.suggestions_row.addStretch(1)
        self.clear_button = QPushButton(self.tr("Clear all filters"), self)
        self.clear_button.clicked.connect(self.clearFiltersRequested)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addLayout(self.suggestions_row)
        layout.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.suggestion_buttons: list[QPushButton] = []

    def show_empty(self, has_filters: bool, suggestions: list[str]) -> None:
        self.message.setText(
            self.tr("No resources match. Clear the filters or try other words.")
            if has_filters
            else self.tr("No resources match. Try other words.")
        )
        self.clear_button.setVisible(has_filters)
        for button in self.suggestion_buttons:
            self.suggestions_row.removeWidget(button)
            button.deleteLater()
        self.suggestion_buttons = []
        for position, suggestion in enumerate(suggestions, start=2):
            button = QPushButton(suggestion, self)
            button.setAccessibleName(self.tr("Search for %1 instead").replace("%1", suggestion))
            button.clicked.connect(lambda _checked=False, s=suggestion: self.suggestionChosen.emit(s))
            self.suggestions_row.insertWidget(position, button)
            self.suggestion_buttons.append(button)
        self.did_you_mean.setVisible(bool(suggestions))

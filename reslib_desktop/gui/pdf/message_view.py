"""What the PDF pane shows instead of pages: a heading, a plain message, an optional progress bar and buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class MessageView(QWidget):
    """A centred message; each button emits its own signal and is shown only when asked for."""

    retryClicked = Signal()
    openExternallyClicked = Signal()
    downloadAgainClicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAccessibleName(self.tr("Message"))
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName(self.tr("Download progress"))
        self.retry_button = self._button(self.tr("Try again"), self.retryClicked)
        self.open_button = self._button(self.tr("Open with system viewer"), self.openExternallyClicked)
        self.open_button.setAccessibleDescription(self.tr("Opens the file in the program the system uses for PDFs"))
        self.download_button = self._button(self.tr("Download again"), self.downloadAgainClicked)
        self.download_button.setAccessibleDescription(self.tr("Fetches a fresh copy of this attachment"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.retry_button, self.open_button, self.download_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        layout.addStretch(2)
        self.show_message("", "")

    def _button(self, text: str, signal: SignalInstance) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text)
        button.setAutoDefault(False)
        button.clicked.connect(signal.emit)
        return button

    def show_message(
        self,
        heading: str,
        text: str,
        *,
        progress: int | None = None,
        retry: bool = False,
        open_externally: bool = False,
        download_again: bool = False,
    ) -> None:
        """Show `text` under `heading`; `progress` 0–100 shows a bar (negative: busy, amount unknown)."""
        self.heading.setText(heading)
        self.heading.setVisible(bool(heading))
        self.text.setText(text)
        self.setAccessibleDescription(f"{heading}. {text}" if heading else text)
        self.progress.setVisible(progress is not None)
        if progress is not None:
            if progress < 0:
                self.progress.setRange(0, 0)
            else:
                self.progress.setRange(0, 100)
                self.progress.setValue(min(progress, 100))
        self.retry_button.setVisible(retry)
        self.open_button.setVisible(open_externally)
        self.download_button.setVisible(download_again)

    def buttons_shown(self) -> list[str]:
        """Texts of the visible buttons (for tests and accessibility checks)."""
        return [b.text() for b in (self.retry_button, self.open_button, self.download_button) if not b.isHidden()]

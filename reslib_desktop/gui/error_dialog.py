"""Clear error dialogs: what happened and what to do, with the technical details one click away.

`show_error(parent, title, message, details)` opens a modal dialog; its
"Copy details" button puts the details (with version and platform) on the
clipboard, ready to paste into a message to whoever supports the app.
`details_from_exception(error)` formats an exception for it.
"""

from __future__ import annotations

import platform
import traceback

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from reslib_desktop import __version__


def environment_text() -> str:
    """Version lines that make a report useful."""
    return (
        f"reslib-desktop {__version__}; PySide6 {pyside_version}; "
        f"Python {platform.python_version()}; {platform.system()} {platform.release()}"
    )


def details_from_exception(error: BaseException) -> str:
    """The exception with its traceback, as text."""
    return "".join(traceback.format_exception(type(error), error, error.__traceback__)).rstrip()


class ErrorDialog(QDialog):
    """A message in plain words, optional details (hidden until asked for) and "Copy details"."""

    def __init__(self, title: str, message: str, details: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        icon = QLabel(self)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(32, 32))
        icon.setAccessibleName(self.tr("Error"))
        self.message = QLabel(message, self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName(self.tr("Error message"))
        self.message.setAccessibleDescription(message)
        self.details_text = "\n\n".join(part for part in (details.strip(), environment_text()) if part)
        self.details = QPlainTextEdit(self.details_text, self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Error details"))
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setVisible(False)
        self.show_details = QPushButton(self.tr("Show &details"), self)
        self.show_details.setCheckable(True)
        self.show_details.setAccessibleDescription(self.tr("Shows the technical details of the error"))
        self.show_details.toggled.connect(self._toggle_details)
        self.copy_button = QPushButton(self.tr("&Copy details"), self)
        self.copy_button.setAccessibleDescription(self.tr("Copies the technical details to the clipboard"))
        self.copy_button.clicked.connect(self.copy_details)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.show_details, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def copy_details(self) -> None:
        """Put the message and details on the clipboard."""
        QApplication.clipboard().setText(f"{self.windowTitle()}\n{self.message.text()}\n\n{self.details_text}")
        self.copy_button.setText(self.tr("Copied"))

    def _toggle_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.show_details.setText(self.tr("Hide &details") if shown else self.tr("Show &details"))
        self.adjustSize()


def show_error(
    parent: QWidget | None, title: str, message: str, details: str = "", modal: bool = True
) -> ErrorDialog | None:
    """Show an error: `message` says what happened and what to do; `details` are for support.

    Modal: waits until closed and returns None; otherwise returns the open dialog (deleted when closed).
    """
    dialog = ErrorDialog(title, message, details, parent)
    if modal:
        dialog.exec()
        dialog.deleteLater()
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def show_exception(
    parent: QWidget | None, message: str, error: BaseException, modal: bool = True
) -> ErrorDialog | None:
    """`show_error` for an exception (its traceback goes in the details)."""
    title = QApplication.translate("ErrorDialog", "Something went wrong")
    return show_error(parent, title, message, details_from_exception(error), modal)

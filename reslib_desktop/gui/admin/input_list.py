"""The inputs of an import: a list of files and folders with the format read (or forced) for each."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reslib_desktop.gui.i18n import QT_TRANSLATE_NOOP

FORMAT_LABELS = {
    "json": "JSON",
    "csv": "CSV",
    "html": QT_TRANSLATE_NOOP("InputList", "web page (HTML)"),
    "seed": QT_TRANSLATE_NOOP("InputList", "seed page text"),
    "pdf-folder": QT_TRANSLATE_NOOP("InputList", "PDF files (one resource each)"),
}
PathRole = Qt.ItemDataRole.UserRole + 1


def local_paths(mime: QMimeData) -> list[Path]:
    """The local files and folders of a drag (remote URLs are left out)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


class InputList(QWidget):
    """Files and folders to import; `changed()` when one is added or removed."""

    changed = Signal()
    addFilesRequested = Signal()
    addFolderRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Files to import"))
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.setMaximumHeight(110)
        self.add_files_button = QPushButton(self.tr("Add &files…"), self)
        self.add_files_button.setAccessibleName(self.tr("Add files to import"))
        self.add_folder_button = QPushButton(self.tr("Add f&older…"), self)
        self.add_folder_button.setAccessibleName(self.tr("Add a folder of PDFs to import"))
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        self.remove_button.setAccessibleName(self.tr("Remove the selected files from the import"))
        self.remove_button.setEnabled(False)
        buttons = QVBoxLayout()
        for button in (self.add_files_button, self.add_folder_button, self.remove_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.add_files_button.clicked.connect(self.addFilesRequested)
        self.add_folder_button.clicked.connect(self.addFolderRequested)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.itemSelectionChanged.connect(lambda: self.remove_button.setEnabled(bool(self.list.selectedItems())))
        self._formats: dict[Path, str] = {}

    def paths(self) -> list[Path]:
        return [self.list.item(row).data(PathRole) for row in range(self.list.count())]

    def add_paths(self, paths: list[Path]) -> int:
        """Add files or folders not listed yet; returns how many were added."""
        known = set(self.paths())
        added = 0
        for path in paths:
            path = Path(path)
            if path in known:
                continue
            known.add(path)
            item = QListWidgetItem(self._text(path), self.list)
            item.setData(PathRole, path)
            item.setToolTip(str(path))
            added += 1
        if added:
            self.changed.emit()
        return added

    def remove_selected(self) -> None:
        rows = sorted((self.list.row(item) for item in self.list.selectedItems()), reverse=True)
        for row in rows:
            self.list.takeItem(row)
        if rows:
            self.changed.emit()

    def clear(self) -> None:
        if self.list.count():
            self.list.clear()
            self.changed.emit()

    def show_formats(self, formats: dict[Path, str]) -> None:
        """The format each input was read as ('auto' when it could not be told)."""
        self._formats = dict(formats)
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setText(self._text(item.data(PathRole)))

    def format_text(self, path: Path) -> str:
        fmt = self._formats.get(path)
        if fmt is None:
            return self.tr("reading…")
        if fmt == "auto":
            return self.tr("format not recognised")
        return self.tr(FORMAT_LABELS.get(fmt, fmt))

    def _text(self, path: Path) -> str:
        return f"{path.name or path}  —  {self.format_text(path)}"

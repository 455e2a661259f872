"""The questions the admin windows ask (files, a path, yes/no): plain functions, replaceable in tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

ChooseFiles = Callable[[QWidget | None], list[Path]]
ChooseFolder = Callable[[QWidget | None], Path | None]
ChooseSavePath = Callable[[QWidget | None, str], Path | None]  # (parent, format) -> path
Confirm = Callable[[QWidget | None, str, str], bool]  # (parent, title, question) -> yes?

IMPORT_FILTER = "Resources (*.json *.csv *.tsv *.html *.htm *.txt *.pdf);;All files (*)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("AdminPrompts", text)


def choose_import_files(parent: QWidget | None) -> list[Path]:
    """Files to import, from the platform's file dialog."""
    names, _ = QFileDialog.getOpenFileNames(parent, _tr("Choose files to import"), "", _tr(IMPORT_FILTER))
    return [Path(name) for name in names]


def choose_import_folder(parent: QWidget | None) -> Path | None:
    """A folder of PDFs to import."""
    name = QFileDialog.getExistingDirectory(parent, _tr("Choose a folder of PDFs to import"))
    return Path(name) if name else None


def choose_export_path(parent: QWidget | None, fmt: str) -> Path | None:
    """Where to write an export of format `fmt` (json or csv); the suffix is added when missing."""
    title = _tr("Export as CSV") if fmt == "csv" else _tr("Export as JSON")
    pattern = _tr("CSV files (*.csv)") if fmt == "csv" else _tr("JSON files (*.json)")
    name, _ = QFileDialog.getSaveFileName(parent, title, f"resources.{fmt}", pattern)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.casefold() == f".{fmt}" else path.with_name(path.name + f".{fmt}")


def confirm(parent: QWidget | None, title: str, question: str) -> bool:
    """Yes/No, with No as the default answer (Escape says No)."""
    answer = QMessageBox.question(
        parent, title, question, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes

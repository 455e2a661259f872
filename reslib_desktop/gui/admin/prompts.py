"""The questions the admin windows ask (files, a path, yes/no): plain functions, replaceable in tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from reslib_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate

ChooseFiles = Callable[[QWidget | None], list[Path]]
ChooseFolder = Callable[[QWidget | None], Path | None]
ChooseSavePath = Callable[[QWidget | None, str | None], Path | None]  # (parent, format or None: either) -> path
Confirm = Callable[[QWidget | None, str, str], bool]  # (parent, title, question) -> yes?

IMPORT_FILTER = QT_TRANSLATE_NOOP(
    "AdminPrompts", "Resources (*.json *.csv *.tsv *.html *.htm *.txt *.pdf);;All files (*)"
)


def choose_import_files(parent: QWidget | None) -> list[Path]:
    """Files to import, from the platform's file dialog."""
    names, _ = QFileDialog.getOpenFileNames(
        parent, translate("AdminPrompts", "Choose files to import"), "", translate("AdminPrompts", IMPORT_FILTER)
    )
    return [Path(name) for name in names]


def choose_import_folder(parent: QWidget | None) -> Path | None:
    """A folder of PDFs to import."""
    name = QFileDialog.getExistingDirectory(parent, translate("AdminPrompts", "Choose a folder of PDFs to import"))
    return Path(name) if name else None


def choose_export_path(parent: QWidget | None, fmt: str | None) -> Path | None:
    """Where to write an export of format `fmt` (json, csv, or None: either); a missing suffix is added."""
    json_filter, csv_filter = (
        translate("AdminPrompts", "JSON files (*.json)"),
        translate("AdminPrompts", "CSV files (*.csv)"),
    )
    patterns = {"json": json_filter, "csv": csv_filter}
    pattern = patterns[fmt] if fmt else f"{json_filter};;{csv_filter}"
    name, chosen = QFileDialog.getSaveFileName(
        parent, translate("AdminPrompts", "Export resources"), f"resources.{fmt or 'json'}", pattern
    )
    if not name:
        return None
    path = Path(name)
    wanted = fmt or ("csv" if chosen == csv_filter or path.suffix.casefold() == ".csv" else "json")
    return path if path.suffix.casefold() == f".{wanted}" else path.with_name(path.name + f".{wanted}")


def confirm(parent: QWidget | None, title: str, question: str) -> bool:
    """Yes/No, with No as the default answer (Escape says No)."""
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes

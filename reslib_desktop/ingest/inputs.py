"""An input's detected format and the CSV columns the importer does not know (Qt-free, for the dialog).

It reads only the header row, with the importer's own decoder and delimiter
choice, so the dialog offers exactly the headers the importer would ignore.
"""

from __future__ import annotations

import csv
from pathlib import Path

from reslib_desktop.ingest.formats.csv_format import (
    FIELDS,
    _choose_delimiter,
    header_key,
)
from reslib_desktop.ingest.formats.detect import detect_format
from reslib_desktop.ingest.formats.encoding import DecodedLines
from reslib_desktop.ingest.problems import ImportFormatError

MAPPABLE_FIELDS: tuple[str, ...] = FIELDS


def csv_header(path: Path) -> list[str]:
    """The header names of a CSV file as written (empty when it cannot be read)."""
    try:
        with Path(path).open("rb") as raw:
            first = next((line for line in DecodedLines(raw, Path(path).name) if line.strip()), "")
    except (OSError, ImportFormatError):
        return []
    if not first:
        return []
    delimiter = _choose_delimiter(first, {})
    try:
        names = next(csv.reader([first], delimiter=delimiter), [])
    except csv.Error:  # the import itself names the row
        return []
    return [name.strip() for name in names if name.strip()]


def unknown_columns(path: Path) -> list[str]:
    """Header names that are not one of the importer's fields (what a column map can name)."""
    return [name for name in csv_header(path) if header_key(name) not in FIELDS]


def detected_format(path: Path) -> str:
    """The format `--format auto` tells from the content, or "auto" when it cannot be told."""
    try:
        return detect_format(Path(path))
    except (OSError, ImportFormatError):
        return "auto"

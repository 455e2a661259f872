"""Exporting resources in the formats the importers read (JSON and CSV): export -> import is lossless.

The writer is loaded on first use, so the importers can use `spreadsheet`
(the CSV cell escaping) without an import cycle.
"""

from typing import TYPE_CHECKING

from reslib_desktop.export.spreadsheet import escape_cell, unescape_cell

if TYPE_CHECKING:  # the lazy exports, so type checkers see what __getattr__ returns
    from reslib_desktop.export.writer import EXPORT_FORMATS, export_resources, record_to_json

__all__ = ["EXPORT_FORMATS", "escape_cell", "export_resources", "record_to_json", "unescape_cell"]
_WRITER_NAMES = ("EXPORT_FORMATS", "export_resources", "record_to_json")


def __getattr__(name: str) -> object:
    if name not in _WRITER_NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from reslib_desktop.export import writer

    return getattr(writer, name)

"""Exporting resources in the formats the importers read (JSON and CSV): export -> import is lossless."""

from reslib_desktop.export.writer import (
    EXPORT_FORMATS,
    export_resources,
    record_to_json,
)

__all__ = ["EXPORT_FORMATS", "export_resources", "record_to_json"]

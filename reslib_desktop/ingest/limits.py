"""Limits every importer enforces, so a hostile or broken input cannot exhaust memory or the store.

Parsers stream their input and stop with a located error at the first limit
passed; the pipeline checks field lengths per record.
"""

from __future__ import annotations

MAX_RECORDS = 250_000  # records in one import (all its files); more: split the input
MAX_TEXT_FILE_BYTES = 512 * 1024 * 1024  # a JSON/CSV/seed file
MAX_HTML_FILE_BYTES = 64 * 1024 * 1024  # a saved web page
MAX_PDF_FILE_BYTES = 1024 * 1024 * 1024  # one PDF of a folder
MAX_JSON_ITEM_CHARS = 8 * 1024 * 1024  # one JSON object (a record)
MAX_CSV_FIELD_CHARS = 1024 * 1024  # one CSV cell

MAX_TITLE = 500
MAX_SUBTITLE = 1_000
MAX_DESCRIPTION = 100_000
MAX_NAME = 200  # a topic or an audience
MAX_VALUES = 100  # topics, audiences or attachments of one record
MAX_LABEL = 1_000
MAX_URL = 4_096
MAX_UID = 64
MAX_LANGUAGE = 16
MAX_TYPE = 64
MAX_DATE_TEXT = 200


def count(number: int) -> str:
    """12345 -> '12,345' (for messages)."""
    return f"{number:,}"

"""Writing given resources (by id, in the order given) as JSON or CSV, streamed and atomically.

JSON is a list with one object per line, in the import format (plus
`title_derived`, and `sha256` for attachments whose file is known). CSV has
the importer's columns, `;`-joined multi-values, and a UTF-8 BOM so
spreadsheets open it as UTF-8; a cell a spreadsheet would run as a formula
gets a leading `'` (see export/spreadsheet.py).
"""

from __future__ import annotations

import csv
import json
import os
import secrets
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from sqlalchemy import Engine

from reslib_desktop.export.spreadsheet import escape_cell
from reslib_desktop.ingest.formats.csv_format import FIELDS, join_values
from reslib_desktop.ingest.record import ResourceRecord
from reslib_desktop.ingest.stored import export_label, stored_records

EXPORT_FORMATS = ("json", "csv")
Progress = Callable[[int, int], None]


def _date_text(record: ResourceRecord) -> str | None:
    if record.published.text:
        return record.published.text
    return record.published.display() or None


def record_to_json(record: ResourceRecord) -> dict:
    """One resource as an object of the JSON import format."""
    attachments = []
    for attachment in record.attachments:
        item: dict = {"label": export_label(attachment), "url": attachment.url}
        if attachment.sha256:
            item["sha256"] = attachment.sha256
        attachments.append(item)
    return {
        "uid": record.uid,
        "title": record.title,
        "title_derived": bool(record.title_derived),
        "subtitle": record.subtitle,
        "date": _date_text(record),
        "description": record.description,
        "type": record.resource_type,
        "topics": list(record.topics),
        "audience": list(record.audiences),
        "language": record.language,
        "attachments": attachments,
        "source": record.source_url,
    }


def record_to_row(record: ResourceRecord) -> dict[str, str]:
    """One resource as a CSV row of the import columns."""
    return {
        "title": record.title or "",
        "subtitle": record.subtitle or "",
        "date": _date_text(record) or "",
        "description": record.description,
        "type": record.resource_type or "",
        "topics": join_values(record.topics),
        "audience": join_values(record.audiences),
        "attachment_labels": join_values(export_label(a) for a in record.attachments),
        "attachment_urls": join_values(a.url or "" for a in record.attachments)
        if any(a.url for a in record.attachments)
        else "",
        "source": record.source_url or "",
        "uid": record.uid or "",
        "language": record.language or "",
        "title_derived": "true" if record.title_derived else "false",
    }


@contextmanager
def atomic_text(path: Path, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text file written under a temporary name and renamed into place when complete."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with temporary.open("w", encoding=encoding, newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        if error.filename in (None, str(temporary)):  # name the file the user asked for, not the temporary one
            raise OSError(error.errno, error.strerror, str(path)) from error
        raise
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _records(engine: Engine, ids: Sequence[int]) -> Iterator[ResourceRecord]:
    with engine.connect() as connection:
        for _, record in stored_records(connection, ids):
            yield record


def write_json(
    stream: TextIO, records: Iterator[ResourceRecord], progress: Progress | None = None, total: int = 0
) -> int:
    stream.write("[")
    written = 0
    for record in records:
        stream.write(",\n" if written else "\n")
        stream.write(json.dumps(record_to_json(record), ensure_ascii=False))
        written += 1
        if progress is not None and written % 1000 == 0:
            progress(written, total)
    stream.write("\n]\n")
    return written


def write_csv(
    stream: TextIO, records: Iterator[ResourceRecord], progress: Progress | None = None, total: int = 0
) -> int:
    writer = csv.DictWriter(stream, fieldnames=list(FIELDS), lineterminator="\r\n")
    writer.writeheader()
    written = 0
    for record in records:
        writer.writerow({column: escape_cell(value) for column, value in record_to_row(record).items()})
        written += 1
        if progress is not None and written % 1000 == 0:
            progress(written, total)
    return written


def export_resources(
    engine: Engine, resource_ids: Sequence[int], path: Path, fmt: str, progress: Progress | None = None
) -> int:
    """Write the resources to `path` as `fmt` (json or csv); returns how many were written."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use json or csv")
    ids = list(resource_ids)
    write = write_json if fmt == "json" else write_csv
    with atomic_text(Path(path), encoding="utf-8" if fmt == "json" else "utf-8-sig") as stream:
        written = write(stream, _records(engine, ids), progress, len(ids))
    if progress is not None:
        progress(written, len(ids))
    return written

"""`--format auto`: telling an input's format by its content (the extension only breaks ties)."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Mapping
from pathlib import Path

from reslib_desktop.ingest.formats.csv_format import (
    FIELDS,
    check_column_map,
    header_key,
)
from reslib_desktop.ingest.problems import ImportFormatError
from reslib_desktop.ingest.record import SourceLocation

FORMATS = ("json", "csv", "html", "seed", "pdf-folder")
SAMPLE_BYTES = 64 * 1024
_HTML_OPENINGS = ("<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<div", "<p>", "<!--")
_BY_SUFFIX = {".json": "json", ".csv": "csv", ".tsv": "csv", ".html": "html", ".htm": "html", ".txt": "seed"}
_BINARY = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13))


def _text_sample(head: bytes) -> str | None:
    """The sample as text, or None when it is binary."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="ignore")
    if len(head.translate(None, _BINARY)) != len(head):
        return None
    text = head.decode("utf-8", errors="ignore")
    return text.removeprefix("\ufeff")


def _csv_header(text: str, column_map: dict[str, str]) -> bool:
    first = next((line for line in text.splitlines() if line.strip()), "")
    for delimiter in (",", ";", "\t", "|"):
        try:
            names = next(csv.reader([first], delimiter=delimiter), [])
        except csv.Error:
            continue
        fields = {column_map.get(header_key(n), header_key(n)) for n in names}
        if len(names) >= 2 and fields & {"title", "description"} and len(fields & set(FIELDS)) >= 1:
            return True
    return False


def _looks_like_seed(text: str) -> bool:
    lines = [line.strip() for line in text.splitlines()]
    if any(line.casefold().startswith("displaying ") and " of " in line for line in lines):
        return True
    return any(line.endswith("(PDF)") for line in lines)


def detect_format(path: Path, column_map: Mapping[str, str] | None = None) -> str:
    """One of FORMATS for `path`; ImportFormatError when it cannot be told."""
    location = SourceLocation(path.name)
    if path.is_dir():
        return "pdf-folder"
    try:
        with path.open("rb") as stream:
            head = stream.read(SAMPLE_BYTES)
    except OSError as error:
        raise ImportFormatError(location, f"cannot read the file ({error.strerror or error})") from None
    if not head.strip():
        raise ImportFormatError(location, "the file is empty")
    if b"%PDF-" in head[:1024]:
        return "pdf-folder"
    text = _text_sample(head)
    if text is None:
        raise ImportFormatError(location, "binary data: not a JSON, CSV, HTML or text file")
    start = text.lstrip()[:200].casefold()
    by_suffix = _BY_SUFFIX.get(path.suffix.casefold())
    if start.startswith(("[", "{")):
        return "json"
    if start.startswith("<") and any(start.startswith(o) or o in start for o in _HTML_OPENINGS):
        return "html"
    if _csv_header(text, check_column_map(column_map or {})):
        return "csv"
    if by_suffix in ("csv", "json", "html"):
        return by_suffix
    if _looks_like_seed(text) or by_suffix == "seed":
        return "seed"
    raise ImportFormatError(
        location, "cannot tell the format from the content: pass --format json, csv, html, seed or pdf-folder"
    )

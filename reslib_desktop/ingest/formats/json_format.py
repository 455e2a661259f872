"""The JSON import format: a list of resource objects (see README, "JSON format").

    [{"title": str|null, "subtitle": str|null, "date": str|null,
      "description": str, "type": str|null, "topics": [str]|null,
      "audience": [str]|str|null, "language": str|null, "uid": str|null,
      "attachments": [{"label": str, "url": str|null}]|null,
      "source": str|null}, ...]

An object `{"resources": [...]}` is read the same way.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from reslib_desktop.ingest.dates import parse_date
from reslib_desktop.ingest.formats.json_stream import TextSource, Utf8Text, iter_resource_elements
from reslib_desktop.ingest.formats.locations import SharedLineLocation
from reslib_desktop.ingest.formats.numeric_dates import settle_numeric_dates
from reslib_desktop.ingest.limits import (
    MAX_JSON_ITEM_CHARS,
    MAX_RECORDS,
    MAX_TEXT_FILE_BYTES,
    count,
)
from reslib_desktop.ingest.problems import (
    ImportFormatError,
    ParseResult,
    Problem,
    Severity,
)
from reslib_desktop.ingest.record import (
    AttachmentRecord,
    ResourceRecord,
    SourceLocation,
    derive_title,
    normalise_space,
)
from reslib_desktop.textnorm import strip_space
from reslib_desktop.vocabulary import canonical_type

_STRING_FIELDS = ("title", "subtitle", "date", "description", "type", "source", "language", "uid")
_KNOWN_FIELDS = frozenset(_STRING_FIELDS) | {"topics", "audience", "audiences", "attachments", "title_derived"}
_SHA256_DIGITS = frozenset("0123456789abcdef")
_canonical_type = lru_cache(maxsize=4096)(canonical_type)
_is_text = str.__instancecheck__  # isinstance(value, str), for map()


def _string_list(value: Any) -> list[str] | None:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(";")
    elif not (isinstance(value, list) and all(map(_is_text, value))):
        return None
    return [text for text in map(normalise_space, value) if text]


def _record_from_object(obj: Any, location: SourceLocation, result: ParseResult) -> ResourceRecord | None:
    def problem(message: str) -> None:
        result.problems.append(Problem(location, message))

    if not isinstance(obj, dict):
        problem(f"expected an object, found {type(obj).__name__}")
        return None
    for name in _STRING_FIELDS:
        if (value := obj.get(name)) is not None and not isinstance(value, str):
            problem(f'"{name}" must be text or null, found {type(value).__name__}')
            return None
    topics = _string_list(obj.get("topics"))
    audiences = _string_list(obj.get("audience", obj.get("audiences")))
    if topics is None:
        problem('"topics" must be a list of text, or null')
        return None
    if audiences is None:
        problem('"audience" must be text or a list of text, or null')
        return None
    raw_attachments = obj.get("attachments") or []
    if not isinstance(raw_attachments, list):
        problem('"attachments" must be a list of {"label", "url"} objects, or null')
        return None
    attachments: list[AttachmentRecord] = []
    for number, raw in enumerate(raw_attachments, start=1):
        label_value, url = (raw.get("label"), raw.get("url")) if isinstance(raw, dict) else (None, None)
        if not isinstance(label_value or url, str):  # (None for anything but an object)
            problem(f"attachment {number} needs a text \"label\" or \"url\"")
            return None
        if url is not None and not isinstance(url, str):
            problem(f'attachment {number}: "url" must be text or null')
            return None
        digest = raw.get("sha256")
        if digest is not None and not (
            isinstance(digest, str) and len(digest) == 64 and set(digest) <= _SHA256_DIGITS
        ):
            problem(f'attachment {number}: "sha256" must be 64 lower-case hex digits, or null')
            return None
        label = normalise_space(label_value) or normalise_space(url)
        attachments.append(AttachmentRecord(label, url or None, None, digest))
    title_derived = obj.get("title_derived", False)
    if not isinstance(title_derived, bool):
        problem('"title_derived" must be true or false')
        return None
    title = normalise_space(obj.get("title")) or None
    description = strip_space(obj.get("description"))
    if not title and not description and not attachments:
        problem("a resource needs a title, a description or an attachment")
        return None
    record = ResourceRecord(
        title=title,
        subtitle=normalise_space(obj.get("subtitle")) or None,
        description=description,
        published=parse_date(obj.get("date")),
        resource_type=_canonical_type(obj.get("type")),
        raw_type=obj.get("type"),
        topics=topics,
        audiences=audiences,
        attachments=attachments,
        source_url=normalise_space(obj.get("source")) or None,
        language=normalise_space(obj.get("language")) or None,
        uid=normalise_space(obj.get("uid")) or None,
        location=location,
        title_derived=bool(title and title_derived),
    )
    return derive_title(record)


def _unknown_fields(obj: Any, location: SourceLocation, seen: set[str], result: ParseResult) -> None:
    if not isinstance(obj, dict) or obj.keys() <= _KNOWN_FIELDS:
        return
    for key in obj:
        if key not in _KNOWN_FIELDS and key not in seen:
            seen.add(key)
            result.problems.append(Problem(location, f'unknown field "{key}" ignored', Severity.WARNING))


def parse_json_stream(stream: TextSource, file_name: str = "<json>") -> ParseResult:
    """Parse the JSON format from a text stream; bad records become located problems, not exceptions.

    Raises ImportFormatError (with the line) when the text is not JSON of this shape,
    or holds more than MAX_RECORDS records.
    """
    result = ParseResult()
    unknown: set[str] = set()
    elements = _with_shared_lines(iter_resource_elements(stream, file_name, MAX_JSON_ITEM_CHARS))
    for index, (obj, line, shared) in enumerate(elements, start=1):
        location = (SharedLineLocation if shared else SourceLocation)(file_name, line=line, item=index)
        if index > MAX_RECORDS:
            raise ImportFormatError(location, f"more than {count(MAX_RECORDS)} records in one file: split it")
        _unknown_fields(obj, location, unknown, result)
        record = _record_from_object(obj, location, result)
        if record is not None:
            result.records.append(record)
    settle_numeric_dates(result, file_name)
    return result


def _with_shared_lines(elements: Iterator[tuple[Any, int]]) -> Iterator[tuple[Any, int, bool]]:
    """Each element with its line and whether another element starts on that line too (one element later)."""
    pending: tuple[Any, int, bool] | None = None
    for value, line in elements:
        if pending is not None:
            yield pending[0], pending[1], pending[2] or pending[1] == line
        pending = (value, line, pending is not None and pending[1] == line)
    if pending is not None:
        yield pending


def parse_json_text(text: str, file_name: str = "<json>") -> ParseResult:
    """Parse the JSON format held in a string (see parse_json_stream)."""
    if not text.strip():
        raise ImportFormatError(SourceLocation(file_name), "the file is empty")
    return parse_json_stream(io.StringIO(text.removeprefix("\ufeff")), file_name)


def read_json_file(path: Path, *, name: str | None = None) -> ParseResult:
    """Read a JSON import file (UTF-8, with or without BOM), streaming it.

    `name`: what locations call the file (its name unless the import says more, for two inputs of one name).
    """
    name = name or path.name
    size = path.stat().st_size
    if size == 0:
        raise ImportFormatError(SourceLocation(name), "the file is empty")
    if size > MAX_TEXT_FILE_BYTES:
        raise ImportFormatError(
            SourceLocation(name), f"the file is larger than {count(MAX_TEXT_FILE_BYTES)} bytes: split it"
        )
    with path.open("rb") as raw:
        return parse_json_stream(Utf8Text(raw, name), name)

"""The JSON import format: a list of resource objects (see README, "JSON format").

    [{"title": str|null, "subtitle": str|null, "date": str|null,
      "description": str, "type": str|null, "topics": [str]|null,
      "audience": [str]|str|null, "language": str|null, "uid": str|null,
      "attachments": [{"label": str, "url": str|null}]|null,
      "source": str|null}, ...]

An object `{"resources": [...]}` is read the same way.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reslib_desktop.ingest.dates import parse_date
from reslib_desktop.ingest.problems import ImportFormatError, ParseResult, Problem
from reslib_desktop.ingest.record import (
    AttachmentRecord,
    ResourceRecord,
    SourceLocation,
    derive_title,
    normalise_space,
)
from reslib_desktop.vocabulary import canonical_type

_STRING_FIELDS = ("title", "subtitle", "date", "description", "type", "source", "language", "uid")


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _elements_with_lines(text: str, file_name: str) -> list[tuple[Any, int]]:
    """Decode a JSON array element by element, keeping each element's line number."""
    decoder = json.JSONDecoder()
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFormatError(
            SourceLocation(file_name, line=error.lineno), f"not valid JSON: {error.msg} (column {error.colno})"
        ) from None
    if isinstance(document, dict) and isinstance(document.get("resources"), list):
        start = text.index("[", text.index('"resources"'))
    elif isinstance(document, list):
        start = text.index("[")
    else:
        raise ImportFormatError(
            SourceLocation(file_name, line=1), 'expected a list of resources or {"resources": [...]}'
        )
    elements: list[tuple[Any, int]] = []
    position = start + 1
    length = len(text)
    while position < length:
        while position < length and text[position] in " \t\r\n,":
            position += 1
        if position >= length or text[position] == "]":
            break
        value, end = decoder.raw_decode(text, position)
        elements.append((value, _line_of(text, position)))
        position = end
    return elements


def _string_list(value: Any) -> list[str] | None:
    if value is None:
        return []
    if isinstance(value, str):
        return [normalise_space(part) for part in value.split(";") if normalise_space(part)]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [normalise_space(item) for item in value if normalise_space(item)]
    return None


def _record_from_object(obj: Any, location: SourceLocation, result: ParseResult) -> ResourceRecord | None:
    def problem(message: str) -> None:
        result.problems.append(Problem(location, message))

    if not isinstance(obj, dict):
        problem(f"expected an object, found {type(obj).__name__}")
        return None
    for name in _STRING_FIELDS:
        if obj.get(name) is not None and not isinstance(obj[name], str):
            problem(f'"{name}" must be text or null, found {type(obj[name]).__name__}')
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
        if not isinstance(raw, dict) or not isinstance(raw.get("label") or raw.get("url"), str):
            problem(f"attachment {number} needs a text \"label\" or \"url\"")
            return None
        if raw.get("url") is not None and not isinstance(raw["url"], str):
            problem(f'attachment {number}: "url" must be text or null')
            return None
        label = normalise_space(raw.get("label")) or normalise_space(raw.get("url"))
        attachments.append(AttachmentRecord(label=label, url=raw.get("url") or None))
    title = normalise_space(obj.get("title")) or None
    description = (obj.get("description") or "").strip()
    if not title and not description and not attachments:
        problem("a resource needs a title, a description or an attachment")
        return None
    record = ResourceRecord(
        title=title,
        subtitle=normalise_space(obj.get("subtitle")) or None,
        description=description,
        published=parse_date(obj.get("date")),
        resource_type=canonical_type(obj.get("type")),
        topics=topics,
        audiences=audiences,
        attachments=attachments,
        source_url=normalise_space(obj.get("source")) or None,
        language=normalise_space(obj.get("language")) or None,
        uid=normalise_space(obj.get("uid")) or None,
        location=location,
    )
    return derive_title(record)


def parse_json_text(text: str, file_name: str = "<json>") -> ParseResult:
    """Parse the JSON format; bad records become located problems, not exceptions."""
    if not text.strip():
        raise ImportFormatError(SourceLocation(file_name), "the file is empty")
    result = ParseResult()
    for index, (obj, line) in enumerate(_elements_with_lines(text, file_name), start=1):
        location = SourceLocation(file_name, line=line, item=index)
        record = _record_from_object(obj, location, result)
        if record is not None:
            result.records.append(record)
    return result


def read_json_file(path: Path) -> ParseResult:
    """Read a JSON import file (UTF-8, with or without BOM)."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFormatError(SourceLocation(path.name), f"not UTF-8 text (byte {error.start})") from None
    return parse_json_text(text, file_name=path.name)

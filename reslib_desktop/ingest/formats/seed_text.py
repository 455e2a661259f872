"""The text of a resource-library listing page, as copied from a browser.

The layout is a run of items, each made of an optional title, an optional
subtitle, an optional date, description paragraphs and attachment link lines
ending in "(PDF)". Items are not delimited on the page, so the parser splits
where the layout makes it certain:

- a title line after a description or attachments starts a new item;
- a description paragraph after attachment lines starts a new item;
- a line of three or more '-' or '*' is an explicit break (what an admin adds
  where two description-only items run together; see assets/library/).

Consecutive paragraphs are otherwise one description. When the page states
how many items it displays ("Displaying 1 - 10 of 30") and fewer were read,
the paragraph boundaries with no sign of continuation are split, but only when
exactly that many exist (signs of continuation: a gap holding a no-break space,
as an empty paragraph inside one body leaves, or a paragraph opening with
"This", "These", ... that refers back). Any other mismatch is a warning that
says how to fix the text.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from reslib_desktop.ingest.dates import UNKNOWN_DATE, parse_date
from reslib_desktop.ingest.formats.encoding import DecodedLines
from reslib_desktop.ingest.formats.numeric_dates import settle_numeric_dates
from reslib_desktop.ingest.limits import MAX_TEXT_FILE_BYTES, count
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

_ATTACHMENT = re.compile(r"\((?:PDF|pdf)\b[^)]*\)\s*$")
_BREAK = re.compile(r"^(?:-{3,}|\*{3,}|_{3,}|(?:\*\s+){2,}\*)$")
_DISPLAYING = re.compile(r"^Displaying\s+(\d+)\s*-\s*(\d+)\s+of\s+(\d+)$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;…\"”)]$")
MAX_HEADING = 200


_CONTINUATION_OPENERS = frozenset(
    {"this", "these", "that", "those", "it", "its", "they", "their", "such", "additionally", "also", "however"}
)


@dataclass
class _Paragraph:
    text: str
    line: int
    soft_gap_before: bool  # the blank gap before it held a no-break space

    @property
    def continues_previous(self) -> bool:
        first_word = self.text.split(" ", 1)[0].strip("“\"'(").casefold()
        return self.soft_gap_before or first_word in _CONTINUATION_OPENERS


@dataclass
class _Item:
    first_line: int
    title: str | None = None
    subtitle: str | None = None
    date_text: str | None = None
    paragraphs: list[_Paragraph] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)

    @property
    def has_body(self) -> bool:
        return bool(self.paragraphs or self.attachments)

    @property
    def is_empty(self) -> bool:
        return not (self.title or self.subtitle or self.date_text or self.has_body)


def _is_heading(line: str) -> bool:
    return len(line) <= MAX_HEADING and not _SENTENCE_END.search(line)


def parse_seed_text(
    text: str,
    file_name: str = "<text>",
    source_url: str | None = None,
    resource_type: str | None = None,
) -> ParseResult:
    """Parse a listing page's text into records (titles derived where missing)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start, declared = _find_listing_start(lines)
    items: list[_Item] = []
    current: _Item | None = None

    def close() -> None:
        nonlocal current
        if current is not None and not current.is_empty:
            items.append(current)
        current = None

    soft_gap = False
    for index in range(start, len(lines)):
        line = normalise_space(lines[index])
        number = index + 1
        if not line:
            soft_gap = soft_gap or "\u00a0" in lines[index]
            continue
        gap_was_soft, soft_gap = soft_gap, False
        if _BREAK.match(line):
            close()
            continue
        if current is None:
            current = _Item(first_line=number)
        if _ATTACHMENT.search(line):
            current.attachments.append(line)
        elif parse_date(line).precision.value != "unknown":
            if current.has_body or current.date_text:
                close()
                current = _Item(first_line=number)
            current.date_text = line
        elif _is_heading(line):
            if current.has_body or current.date_text or current.subtitle:
                close()
                current = _Item(first_line=number, title=line)
            elif current.title is None:
                current.title = line
            else:
                current.subtitle = line
        else:
            if current.attachments:
                close()
                current = _Item(first_line=number)
            current.paragraphs.append(_Paragraph(line, number, gap_was_soft))
    close()
    items, unresolved = _split_to_declared_count(items, declared)

    result = ParseResult()
    for position, item in enumerate(items, start=1):
        location = SourceLocation(file_name, line=item.first_line, item=position)
        record = ResourceRecord(
            title=item.title,
            subtitle=item.subtitle,
            description="\n\n".join(p.text for p in item.paragraphs),
            published=parse_date(item.date_text) if item.date_text else UNKNOWN_DATE,
            resource_type=resource_type,
            attachments=[AttachmentRecord(label=label) for label in item.attachments],
            source_url=source_url,
            location=location,
        )
        if not (record.title or record.description or record.attachments):
            continue
        if not derive_title(record).title:
            result.problems.append(
                Problem(location, "an item with nothing to call it by: no title, description or label")
            )
            continue
        result.records.append(record)
    settle_numeric_dates(result, file_name)
    if unresolved and declared is not None and declared != len(result.records):
        result.problems.append(
            Problem(
                SourceLocation(file_name),
                f"the page says it displays {declared} items but {len(result.records)} were read; "
                "where two items run together, put a line '---' between them",
                Severity.WARNING,
            )
        )
    return result


def _split_to_declared_count(items: list[_Item], declared: int | None) -> tuple[list[_Item], bool]:
    """Split run-together items when the page's own count says how many there are.

    Returns the items and whether a mismatch with the declared count remains.
    """
    if declared is None or declared == len(items):
        return items, False
    needed = declared - len(items)
    candidates = [
        (item_index, para_index)
        for item_index, item in enumerate(items)
        for para_index, paragraph in enumerate(item.paragraphs)
        if para_index > 0 and not paragraph.continues_previous
    ]
    if needed < 0 or len(candidates) != needed:
        return items, True
    split_points: dict[int, list[int]] = {}
    for item_index, para_index in candidates:
        split_points.setdefault(item_index, []).append(para_index)
    result: list[_Item] = []
    for item_index, item in enumerate(items):
        cuts = split_points.get(item_index)
        if not cuts:
            result.append(item)
            continue
        bounds = [0, *cuts, len(item.paragraphs)]
        for piece, (low, high) in enumerate(itertools.pairwise(bounds)):
            paragraphs = item.paragraphs[low:high]
            is_first, is_last = piece == 0, high == len(item.paragraphs)
            result.append(
                _Item(
                    first_line=item.first_line if is_first else paragraphs[0].line,
                    title=item.title if is_first else None,
                    subtitle=item.subtitle if is_first else None,
                    date_text=item.date_text if is_first else None,
                    paragraphs=paragraphs,
                    attachments=item.attachments if is_last else [],
                )
            )
    return result, False


def _find_listing_start(lines: list[str]) -> tuple[int, int | None]:
    """Index of the first item line and the declared item count, if the page states one."""
    for index, raw in enumerate(lines):
        match = _DISPLAYING.match(normalise_space(raw))
        if match:
            first, last = int(match.group(1)), int(match.group(2))
            return index + 1, max(0, last - first + 1)
    return 0, None


def read_seed_file(
    path: Path, source_url: str | None = None, resource_type: str | None = None, *, name: str | None = None
) -> ParseResult:
    """Read a listing page's text file (UTF-8 or Windows-1252, any line endings).

    `name`: what locations call the file (its name unless the import says more, for two inputs of one name).
    """
    name = name or path.name
    if path.stat().st_size > MAX_TEXT_FILE_BYTES:
        raise ImportFormatError(
            SourceLocation(name), f"the file is larger than {count(MAX_TEXT_FILE_BYTES)} bytes"
        )
    with path.open("rb") as raw:
        text = "".join(DecodedLines(raw, name))
    if not text.strip():
        raise ImportFormatError(SourceLocation(name), "the file is empty")
    return parse_seed_text(text, file_name=name, source_url=source_url, resource_type=resource_type)

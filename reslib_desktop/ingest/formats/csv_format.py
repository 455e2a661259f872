"""The CSV import format: one resource per row, columns named in a header row.

Columns (any order, names case-insensitive, spaces or underscores alike):
`title, subtitle, date, description, type, topics, audience, attachment_labels,
attachment_urls, source, uid`, and optionally `language`, `title_derived`.
Only `title` or `description` is required. Multi-valued cells separate values
with `;` (a literal `;` is written `\\;`, a literal backslash before one `\\\\`).
A cell the CSV export made safe for spreadsheets (`'=1+1`) reads back as
it was (`=1+1`); a tab before `= + - @` is kept as given.
Other headers are mapped with a column map (`{"Resource Name": "title"}`);
unknown columns are warnings. Rows are numbered as a spreadsheet shows them:
the header is row 1, and a cell holding line breaks does not add rows.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from reslib_desktop.ingest.dates import parse_date
from reslib_desktop.ingest.formats.encoding import DecodedLines
from reslib_desktop.ingest.formats.numeric_dates import settle_numeric_dates
from reslib_desktop.ingest.limits import (
    MAX_CSV_FIELD_CHARS,
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

CSV_COLUMNS = (
    "title", "subtitle", "date", "description", "type", "topics", "audience",
    "attachment_labels", "attachment_urls", "source", "uid",
)
OPTIONAL_COLUMNS = ("language", "title_derived")
FIELDS = CSV_COLUMNS + OPTIONAL_COLUMNS
_ALIASES = {"audiences": "audience", "topic": "topics", "types": "type", "subtitles": "subtitle"}
_DELIMITERS = (",", ";", "\t", "|")
_TRUE, _FALSE = {"true", "yes", "1", "y"}, {"false", "no", "0", "n", ""}


def header_key(name: str) -> str:
    """'Attachment Labels ' -> 'attachment_labels' (how headers and map keys are compared)."""
    key = "_".join(name.replace("\ufeff", "").replace("-", " ").replace("_", " ").casefold().split())
    return _ALIASES.get(key, key)


def check_column_map(column_map: Mapping[str, str]) -> dict[str, str]:
    """The map with normalised keys; ValueError naming a target that is not a field."""
    checked: dict[str, str] = {}
    for header, target in column_map.items():
        field = header_key(target)
        if field not in FIELDS:
            raise ValueError(f"cannot map {header!r} to {target!r}: the fields are {', '.join(FIELDS)}")
        checked[header_key(header)] = field
    return checked


def split_values(cell: str, keep_blanks: bool = False) -> list[str]:
    """'a; b\\; c' -> ['a', 'b; c']: values separated by ';', blanks dropped unless `keep_blanks`.

    With `keep_blanks` (attachment URLs, paired with labels by position) an empty
    cell still gives no values.
    """
    values, current, chars = [], [], iter(cell)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            if following in (";", "\\"):
                current.append(following)
            else:
                current.append(char + following)
        elif char == ";":
            values.append("".join(current))
            current = []
        else:
            current.append(char)
    values.append("".join(current))
    values = [normalise_space(v) for v in values]
    if keep_blanks:
        return values if any(values) else []
    return [value for value in values if value]


def join_values(values: Iterable[str]) -> str:
    """The inverse of split_values."""
    return "; ".join(value.replace("\\", "\\\\").replace(";", "\\;") for value in values)


def choose_delimiter(header_line: str, column_map: Mapping[str, str]) -> str:
    """The delimiter that splits the header into the most known columns (then the most columns)."""

    def score(delimiter: str) -> tuple[int, int]:
        try:
            names = next(csv.reader([header_line], delimiter=delimiter), [])
        except csv.Error:  # e.g. an unclosed quote: the reader names the row
            return 0, 0
        known = sum(1 for name in names if column_map.get(header_key(name), header_key(name)) in FIELDS)
        return known, len(names)

    return max(_DELIMITERS, key=score)


_choose_delimiter = choose_delimiter  # the name the import dialog's column mapping uses


def _columns(header: list[str], column_map: Mapping[str, str], file_name: str) -> tuple[dict[str, int], list[str]]:
    """Field -> column index, and the unknown headers."""
    columns: dict[str, int] = {}
    unknown: list[str] = []
    for index, name in enumerate(header):
        key = header_key(name)
        field = column_map.get(key, key)
        if field not in FIELDS:
            if name.strip():
                unknown.append(name.strip())
            continue
        if field in columns:
            raise ImportFormatError(
                SourceLocation(file_name, line=1),
                f"two columns give the {field}: {header[columns[field]]!r} and {name!r}",
            )
        columns[field] = index
    if "title" not in columns and "description" not in columns:
        found = ", ".join(repr(name) for name in header) or "nothing"
        raise ImportFormatError(
            SourceLocation(file_name, line=1),
            f"missing columns: a 'title' or 'description' column is needed (the header has {found}); "
            "map other names with --map 'Header=title'",
        )
    return columns, unknown


def _record(cells: dict[str, str], location: SourceLocation, result: ParseResult) -> ResourceRecord | None:
    def problem(message: str) -> None:
        result.problems.append(Problem(location, message))

    title = normalise_space(cells.get("title")) or None
    description = strip_space(cells.get("description"))
    if not title and not description:
        problem("a resource needs a title or a description")
        return None
    labels = split_values(cells.get("attachment_labels", ""))
    urls = split_values(cells.get("attachment_urls", ""), keep_blanks=bool(labels))
    if labels and urls and len(labels) != len(urls):
        problem(f"{len(labels)} attachment labels but {len(urls)} attachment URLs: give one label per URL")
        return None
    if not labels:
        labels = [url.rstrip("/").rsplit("/", 1)[-1] or url for url in urls]
    derived_flag = (cells.get("title_derived") or "").strip().casefold()
    if derived_flag not in _TRUE | _FALSE:
        problem(f"title_derived must be true or false, not {cells.get('title_derived')!r}")
        return None
    record = ResourceRecord(
        title=title,
        subtitle=normalise_space(cells.get("subtitle")) or None,
        description=description,
        published=parse_date(cells.get("date")),
        resource_type=canonical_type(cells.get("type")),
        raw_type=normalise_space(cells.get("type")) or None,
        topics=split_values(cells.get("topics", "")),
        audiences=split_values(cells.get("audience", "")),
        attachments=[AttachmentRecord(label, (urls[i] or None) if urls else None) for i, label in enumerate(labels)],
        source_url=normalise_space(cells.get("source")) or None,
        language=normalise_space(cells.get("language")) or None,
        uid=normalise_space(cells.get("uid")) or None,
        title_derived=bool(title) and derived_flag in _TRUE,
        location=location,
    )
    return derive_title(record)


def parse_csv_lines(
    lines: Iterable[str], file_name: str = "<csv>", column_map: Mapping[str, str] | None = None
) -> ParseResult:
    """Parse CSV text given as lines (line ends kept); ImportFormatError if it cannot be read."""
    # The export's formula escape ("'=1+1" for "=1+1") is undone, so an export reads back as it was.
    # Imported here: the export package imports this module.
    from reslib_desktop.export.spreadsheet import unescape_cell

    mapping = check_column_map(column_map or {})
    line_iter = iter(lines)
    first_line = next(line_iter, None)
    while first_line is not None and not first_line.strip():
        first_line = next(line_iter, None)
    if first_line is None:
        raise ImportFormatError(SourceLocation(file_name), "the file is empty")
    delimiter = choose_delimiter(first_line, mapping)
    csv.field_size_limit(max(csv.field_size_limit(), MAX_CSV_FIELD_CHARS))
    reader = csv.reader(itertools.chain([first_line], line_iter), delimiter=delimiter, strict=True)
    result = ParseResult()
    rows = _rows(reader, file_name)
    _, header = next(rows)
    columns, unknown = _columns(header, mapping, file_name)
    if unknown:
        names = ", ".join(repr(name) for name in unknown)
        result.problems.append(
            Problem(SourceLocation(file_name, line=1), f"unknown columns ignored: {names}", Severity.WARNING)
        )
    records = 0
    for row_number, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        location = SourceLocation(file_name, line=row_number)
        records += 1
        if records > MAX_RECORDS:
            raise ImportFormatError(location, f"more than {count(MAX_RECORDS)} records in one file: split it")
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
            result.problems.append(
                Problem(location, f"the row has {len(row)} cells but the header names {len(header)} columns")
            )
            continue
        cells = {field: unescape_cell(row[index]) for field, index in columns.items() if index < len(row)}
        record = _record(cells, location, result)
        if record is not None:
            result.records.append(record)
    settle_numeric_dates(result, file_name)
    return result


def _rows(reader: Iterator[list[str]], file_name: str) -> Iterator[tuple[int, list[str]]]:
    number = 0
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            message = str(error)
            if "field larger than field limit" in message:
                message = f"a cell is larger than {count(MAX_CSV_FIELD_CHARS)} characters"
            elif "unexpected end of data" in message or "EOF" in message:
                message = "a quoted cell is never closed (a '\"' is missing)"
            elif "new-line character" in message:
                message = "a line break inside a cell that is not in quotes"
            elif "expected after" in message:
                message = "a quoted cell has text after its closing '\"' (write a quote inside a cell as '\"\"')"
            raise ImportFormatError(SourceLocation(file_name, line=number), f"not valid CSV: {message}") from None
        for cell in row:
            if len(cell) > MAX_CSV_FIELD_CHARS:
                raise ImportFormatError(
                    SourceLocation(file_name, line=number),
                    f"a cell is larger than {count(MAX_CSV_FIELD_CHARS)} characters",
                )
        yield number, row


def parse_csv_text(text: str, file_name: str = "<csv>", column_map: Mapping[str, str] | None = None) -> ParseResult:
    """Parse CSV held in a string."""
    return parse_csv_lines(io.StringIO(text.removeprefix("\ufeff"), newline=""), file_name, column_map)


def read_csv_file(path: Path, column_map: Mapping[str, str] | None = None, *, name: str | None = None) -> ParseResult:
    """Read a CSV file (UTF-8 with or without BOM, UTF-16 with BOM, or Windows-1252), streaming it.

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
        lines = DecodedLines(raw, name)
        result = parse_csv_lines(lines, name, column_map)
    if lines.encoding == "cp1252":
        result.problems.append(
            Problem(SourceLocation(name), "read as Windows-1252 text (not UTF-8)", Severity.WARNING)
        )
    return result

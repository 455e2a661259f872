"""The JSON reader streams: chunk boundaries never change what is read, limits stop runaway input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from reslib_desktop.ingest.formats.json_format import read_json_file
from reslib_desktop.ingest.formats.json_stream import iter_resource_elements
from reslib_desktop.ingest.problems import ImportFormatError

DOCUMENTS = [
    '[1, 2.5e10, -3, true, null, "x\\u00e9", {"a": [1, 2, {"b": "c"}]}, 123456789]',
    '{"about": {"resources": "below"}, "resources": [\n{"t": 1},\n 22 ,\n"s"], "z": 3}',
    "[\n]",
    '[\n  {"title": "A"},\n\n  {"title": "B"}\n]',
]
BROKEN = ["[1,]", "[1 2]", '[{"a":1}', '{"x": 1}', "[1.]", "[1] x", '[\n{"a": 1},\n{"a": 2, }\n]', "[\n\n\n", '"x"']


def _read(text: str, size: int):
    try:
        return [(value, line) for value, line in iter_resource_elements(io.StringIO(text), "f.json", 10**6, size)]
    except ImportFormatError as error:
        return ("error", error.location.line, error.message)


@pytest.mark.parametrize("text", DOCUMENTS + BROKEN)
def test_any_read_size_gives_the_same_elements_lines_and_errors(text: str) -> None:
    whole = _read(text, 1 << 20)
    for size in (1, 2, 3, 7):
        assert _read(text, size) == whole


@pytest.mark.parametrize("text", DOCUMENTS)
def test_elements_are_what_the_standard_decoder_reads(text: str) -> None:
    document = json.loads(text)
    expected = document if isinstance(document, list) else document["resources"]
    assert [value for value, _ in _read(text, 3)] == expected


def test_lines_point_at_each_element() -> None:
    assert [line for _, line in _read(DOCUMENTS[3], 2)] == [2, 4]


def test_an_oversized_record_is_refused_naming_its_line(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("w", encoding="utf-8") as out:
        out.write('[\n{"title": "fine"},\n{"title": "huge", "description": "')
        out.write("x" * (50 * 1024 * 1024))
        out.write('"}\n]\n')
    with pytest.raises(ImportFormatError) as raised:
        read_json_file(path)
    assert raised.value.location.line == 3 and "item 2 is larger than" in raised.value.message

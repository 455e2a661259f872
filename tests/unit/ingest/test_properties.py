"""Property tests: whatever the input, each reader either returns located problems or raises
ImportFormatError carrying a location; it never raises anything else."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reslib_desktop.ingest.formats.csv_format import parse_csv_text, read_csv_file
from reslib_desktop.ingest.formats.detect import detect_format
from reslib_desktop.ingest.formats.html_page import parse_html_bytes
from reslib_desktop.ingest.formats.json_format import parse_json_text, read_json_file
from reslib_desktop.ingest.formats.pdf_folder import read_pdf_folder
from reslib_desktop.ingest.formats.seed_text import parse_seed_text, read_seed_file
from reslib_desktop.ingest.problems import ImportFormatError, ParseResult
from reslib_desktop.ingest.sanitise import plain_text

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text made of the characters that matter to these formats, and anything else.
SPECIAL = st.sampled_from(
    [*"[]{}\",:;\\\n\r\t<>/='&#-()", "(PDF)", "Displaying 1 - 2 of 2", "title", "<p>", "</a>", "\ufeff"]
)
TEXT = st.lists(st.one_of(SPECIAL, st.text(max_size=12)), max_size=40).map("".join)

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["title", "date", "description", "type", "topics", "audience", "attachments", "label",
                         "url", "uid", "source", "sha256", "title_derived", "x"]), inner, max_size=6),
    max_leaves=20,
)


def _check(read: Callable[[], ParseResult], file_name: str) -> None:
    try:
        result = read()
    except ImportFormatError as error:
        assert error.location.file == file_name and error.message
        return
    for problem in result.problems:
        assert problem.location.file.startswith(file_name.split("/")[0]) and problem.message
    for record in result.records:
        assert record.location is not None and record.title


def _with_file(data: bytes, name: str, read: Callable[[Path], ParseResult]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        _check(lambda: read(path), name)


@SETTINGS
@given(TEXT)
def test_json_text(text: str) -> None:
    _check(lambda: parse_json_text(text, "in.json"), "in.json")


@SETTINGS
@given(st.lists(JSON_VALUES, max_size=5))
def test_json_documents_of_any_shape(values: list) -> None:
    _check(lambda: parse_json_text(json.dumps(values), "in.json"), "in.json")
    _check(lambda: parse_json_text(json.dumps({"resources": values}), "in.json"), "in.json")


@SETTINGS
@given(st.binary(max_size=300))
def test_json_bytes(data: bytes) -> None:
    _with_file(data, "in.json", read_json_file)


@SETTINGS
@given(TEXT)
def test_csv_text(text: str) -> None:
    _check(lambda: parse_csv_text(text, "in.csv"), "in.csv")


@SETTINGS
@given(st.binary(max_size=300))
def test_csv_bytes(data: bytes) -> None:
    _with_file(b"title,description\n" + data, "in.csv", read_csv_file)


@SETTINGS
@given(TEXT)
def test_html_text(text: str) -> None:
    _check(lambda: parse_html_bytes(("<html><body>" + text).encode("utf-8", "surrogatepass"), "in.html"), "in.html")


@SETTINGS
@given(st.binary(max_size=300))
def test_html_bytes(data: bytes) -> None:
    _check(lambda: parse_html_bytes(data, "in.html"), "in.html")


@SETTINGS
@given(TEXT)
def test_seed_text(text: str) -> None:
    _check(lambda: parse_seed_text(text, "in.txt"), "in.txt")


@SETTINGS
@given(st.binary(max_size=300))
def test_seed_bytes(data: bytes) -> None:
    _with_file(data, "in.txt", read_seed_file)


@settings(max_examples=25, deadline=None)
@given(st.binary(max_size=400))
def test_pdf_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "in.pdf").write_bytes(b"%PDF-1.4\n" + data)
        _check(lambda: read_pdf_folder(Path(folder)), Path(folder).name)


@SETTINGS
@given(st.binary(max_size=300))
def test_detection(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.dat"
        path.write_bytes(data)
        try:
            assert detect_format(path) in ("json", "csv", "html", "seed", "pdf-folder")
        except ImportFormatError as error:
            assert error.location.file == "in.dat"


@SETTINGS
@given(TEXT)
def test_plain_text_never_keeps_markup_and_is_stable(text: str) -> None:
    once, _ = plain_text(text)
    assert plain_text(once)[0] == once


@SETTINGS
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60) | TEXT)
def test_the_fast_title_sort_key_is_the_stores(title: str) -> None:
    from reslib_desktop.ingest.apply import sort_key
    from reslib_desktop.store.sortkeys import title_sort_key

    assert sort_key(title) == title_sort_key(title)


URL_PARTS = st.sampled_from(["http", "https", "HTTP", "ftp", "www.", "example.org", "Example.ORG", ":8080", "/", "//",
                             "?", "#", "a", "b/c", "%20", "[", "]", "::1", "@", "user:pw@", " ", "\t", "é", ";", "="])


@SETTINGS
@given(st.lists(URL_PARTS, max_size=12).map("".join) | st.text(max_size=30))
def test_canonical_urls_are_what_urlsplit_says(url: str) -> None:
    from urllib.parse import urlsplit

    from reslib_desktop.ingest.identity import canonical_url

    try:
        parts = urlsplit(url.strip())
    except ValueError:
        assert canonical_url(url) is None
        return
    expected = None
    if parts.netloc:
        expected = (
            parts.netloc.lower().removeprefix("www.")
            + parts.path.rstrip("/")
            + (f"?{parts.query}" if parts.query else "")
        )
    assert canonical_url(url) == expected

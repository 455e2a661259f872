"""`--format auto` reads the content, not the extension."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reslib_desktop.ingest.formats.detect import detect_format
from reslib_desktop.ingest.problems import ImportFormatError
from unit.ingest.helpers import IMPORT_DATA, IRS_PDF

SEED = Path(__file__).resolve().parents[3] / "assets" / "library" / "resource-library-type-report.raw.txt"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'\xef\xbb\xbf  [{"title": "A"}]', "json"),
        (b'{"resources": []}', "json"),
        (b"<!DOCTYPE html><html><body><h1>x</h1></body></html>", "html"),
        (b"title;description\nA;b\n", "csv"),
        (b"Description,Title,Extra\nx,y,z\n", "csv"),
        (b"Resource Library\n\nDisplaying 1 - 10 of 30\n\nA title\n", "seed"),
        (b"Some item\n\nReport text (PDF)\n", "seed"),
    ],
)
def test_by_content_whatever_the_extension(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "download.dat"
    path.write_bytes(content)
    assert detect_format(path) == expected


def test_real_inputs(tmp_path: Path) -> None:
    assert detect_format(IMPORT_DATA / "listing.html") == "html"
    assert detect_format(SEED) == "seed"
    renamed = tmp_path / "report.csv"
    shutil.copy(IRS_PDF, renamed)
    assert detect_format(renamed) == "pdf-folder"
    assert detect_format(tmp_path) == "pdf-folder"


def test_a_mapped_header_makes_csv(tmp_path: Path) -> None:
    path = tmp_path / "sheet.txt"
    path.write_bytes(b"Resource Name,Year\nA,2020\n")
    assert detect_format(path, {"resource name": "title"}) == "csv"


@pytest.mark.parametrize(("content", "message"), [(b"", "empty"), (b"\x00\x01\x02\x03garbage\xff", "binary"),
                                                 (b"just some words\n", "cannot tell")])
def test_unreadable_inputs_say_why(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(content)
    with pytest.raises(ImportFormatError, match=message):
        detect_format(path)

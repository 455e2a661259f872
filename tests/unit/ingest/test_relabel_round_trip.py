"""An export edited in a spreadsheet and imported again keeps what the spreadsheet cannot show: the files."""

from __future__ import annotations

import csv
import shutil
import sqlite3
from pathlib import Path

import pytest

from reslib_desktop.cli import main
from unit.ingest.helpers import IRS_PDF


def _attachments(db: Path) -> list[tuple]:
    connection = sqlite3.connect(db)
    try:
        return connection.execute(
            "SELECT label, sha256, cache_state FROM attachments ORDER BY resource_id, position"
        ).fetchall()
    finally:
        connection.close()


def test_relabelling_a_pdf_from_a_folder_in_the_exported_csv_keeps_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "pdfs"
    folder.mkdir()
    shutil.copy(IRS_PDF, folder / IRS_PDF.name)
    db, cache = tmp_path / "library.db", tmp_path / "cache"
    base = ["--db", str(db), "--cache-dir", str(cache)]
    assert main([*base, "import", str(folder)]) == 0
    [(label, sha256, state)] = _attachments(db)
    assert sha256 and state == "cached"
    exported = tmp_path / "library.csv"
    assert main([*base, "export", "--format", "csv", str(exported)]) == 0
    with exported.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    columns = list(rows[0])
    label_column = next(c for c in columns if rows[0][c] and label in rows[0][c])
    rows[0][label_column] = rows[0][label_column].replace(label, "IRS instructions")
    edited = tmp_path / "edited.csv"  # as a spreadsheet saves it: BOM, ';' and CRLF
    with edited.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.DictWriter(stream, columns, delimiter=";", lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    capsys.readouterr()
    assert main([*base, "import", str(edited)]) == 0
    assert "1 to update" in capsys.readouterr().out
    assert _attachments(db) == [("IRS instructions", sha256, "cached")]  # the file stays attached and offline

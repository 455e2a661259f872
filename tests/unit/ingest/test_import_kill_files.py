"""A folder-of-PDFs import killed (SIGKILL) at any moment leaves no file in the cache that the library does not
record, and no recorded file missing, once the cache is next opened or another import runs."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from reslib_desktop.ingest.batches import apply_import
from reslib_desktop.ingest.service import ImportService
from reslib_desktop.library import Library
from reslib_desktop.offline.service import OfflineService
from unit.ingest.helpers import IRS_PDF, KILLED_WHILE_RENAMING, PDFS, files_on_disk, recorded_files

REPO = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")



def _pdf_folder(folder: Path, count: int) -> Path:
    """`count` different real PDFs: trivial.pdf, each with its own trailing comment."""
    folder.mkdir()
    base = (PDFS / "trivial.pdf").read_bytes()
    for number in range(count):
        (folder / f"doc_{number:05d}.pdf").write_bytes(base + f"\n%{number}\n".encode())
    return folder


def _cli(db: Path, cache: Path, *argv: str) -> list[str]:
    return [sys.executable, "-m", "reslib_desktop.cli", "--db", str(db), "--cache-dir", str(cache), *argv]


def _run(db: Path, cache: Path, *argv: str) -> str:
    done = subprocess.run(
        _cli(db, cache, *argv), cwd=REPO, env=dict(os.environ), capture_output=True, text=True, timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _resources(db: Path) -> int:
    with closing(sqlite3.connect(db)) as connection:
        return connection.execute("SELECT count(*) FROM resources").fetchone()[0]


def _status(db: Path, cache: Path) -> dict:
    return json.loads(_run(db, cache, "cache", "status", "--json"))


@pytest.mark.slow
@pytest.mark.parametrize("next_step", ["cache status", "next import"])
def test_an_import_killed_while_copying_pdfs_leaves_none_of_them_in_the_cache(tmp_path: Path, next_step: str) -> None:
    db, cache = tmp_path / "library.db", tmp_path / "cache"
    folder = _pdf_folder(tmp_path / "many", 400)
    process = subprocess.Popen(
        _cli(db, cache, "import", str(folder)), cwd=REPO, env=dict(os.environ),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while process.poll() is None and len(files_on_disk(cache)) < 20 and time.monotonic() < deadline:
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, "the import finished before it could be killed"
    assert _resources(db) == 0 and files_on_disk(cache), "killed while copying"
    if next_step == "next import":
        other = tmp_path / "other"
        other.mkdir()
        (other / "irs.pdf").write_bytes(IRS_PDF.read_bytes())
        _run(db, cache, "import", str(other))
    status = _status(db, cache)
    expected_files = 1 if next_step == "next import" else 0
    assert files_on_disk(cache) == recorded_files(db) and len(recorded_files(db)) == expected_files
    assert status["files"] == expected_files


@pytest.mark.slow
def test_an_import_killed_while_renaming_its_files_into_place_keeps_every_pdf(tmp_path: Path) -> None:
    db, cache = tmp_path / "library.db", tmp_path / "cache"
    folder = _pdf_folder(tmp_path / "some", 30)
    driver = tmp_path / "driver.py"
    driver.write_text(KILLED_WHILE_RENAMING)
    process = subprocess.run(
        [sys.executable, str(driver), str(cache), "10", "--db", str(db), "--cache-dir", str(cache), "import",
         str(folder)],
        cwd=REPO, env=dict(os.environ), capture_output=True, text=True, timeout=300, check=False,
    )
    assert process.returncode == -signal.SIGKILL, process.stderr
    status = _status(db, cache)  # opening the cache finishes what the kill interrupted
    assert files_on_disk(cache) == recorded_files(db)
    assert _resources(db) == 30 and status["files"] == 30 and status["counts"]["cached"] == 30
    with Library.open(db) as library:
        offline = OfflineService(library, cache)
        paths = [offline.local_path(attachment_id) for attachment_id in offline.all_attachments()]
        opened = sorted(path.read_bytes() for path in paths if path is not None)
    assert opened == sorted(path.read_bytes() for path in folder.iterdir())


def test_an_import_interrupted_before_its_commit_leaves_no_file(
    service: ImportService, tmp_path: Path, cache_dir: Path
) -> None:
    """Ctrl-C at the last moment before the commit: the copied files go with the transaction."""
    folder = _pdf_folder(tmp_path / "few", 5)
    preview = service.preview([folder])

    def interrupt(_connection: object) -> None:
        assert len(files_on_disk(cache_dir)) == 5  # copied, not yet in place
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        apply_import(service.library.engine, preview, cache_dir=cache_dir, on_applied=interrupt)
    assert files_on_disk(cache_dir) == [] and recorded_files(service.library.path) == []
    result = service.apply(service.preview([folder]))
    assert result.added == 5 and files_on_disk(cache_dir) == recorded_files(service.library.path)
    assert len(files_on_disk(cache_dir)) == 5

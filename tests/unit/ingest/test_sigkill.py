"""An import killed with SIGKILL at random moments: the library is intact and the import all there or absent."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from contextlib import closing
from pathlib import Path

import pytest

from reslib_desktop.library import Library

REPO = Path(__file__).resolve().parents[3]
SHIPPED = REPO / "resources.db"


def _shipped_resources() -> int:
    with closing(sqlite3.connect(f"file:{SHIPPED}?mode=ro", uri=True)) as connection:
        return connection.execute("SELECT count(*) FROM resources").fetchone()[0]


SHIPPED_RESOURCES = _shipped_resources()
RECORDS = 5_000
KILLS = 20
AT_ONCE = 4

pytestmark = [pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)"), pytest.mark.slow]


def _records(path: Path) -> Path:
    topics = ["Housing", "Employment", "Health", "Youth"]
    records = [
        {"uid": f"kill-{n}", "title": f"Killed import record {n}", "date": f"March {1990 + n % 30}",
         "description": f"Record {n} about {topics[n % 4]}.", "topics": [topics[n % 4]],
         "attachments": [{"label": f"File {n} (PDF)", "url": f"https://example.org/kill/{n}.pdf"}]}
        for n in range(RECORDS)
    ]
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def _start(db: Path, source: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "reslib_desktop.cli", "--db", str(db), "import", str(source)],
        cwd=REPO, env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def _state(db: Path) -> tuple[list[str], int, int, int]:
    connection = sqlite3.connect(db)  # a normal open: recovers the journal as the app would
    try:
        check = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        imported = connection.execute("SELECT count(*) FROM resources WHERE uid LIKE 'kill-%'").fetchone()[0]
        total = connection.execute("SELECT count(*) FROM resources").fetchone()[0]
        batches = connection.execute("SELECT count(*) FROM import_batches WHERE added = ?", (RECORDS,)).fetchone()[0]
    finally:
        connection.close()
    return check, imported, total, batches


def _write_started(db: Path) -> bool:
    """The apply step has opened the library for writing (its write-ahead log exists)."""
    return db.with_name(db.name + "-wal").exists()


def _run_group(dbs: list[Path], source: Path, kill_after: list[float | None]) -> list[tuple[subprocess.Popen, float]]:
    """Start one import per library; kill each `kill_after` seconds after its writing began (None: let it finish).

    Returns each process with how long it wrote (until killed or done).
    """
    processes = [_start(db, source) for db in dbs]
    began: list[float | None] = [None] * len(dbs)
    ended: list[float | None] = [None] * len(dbs)
    deadline = time.monotonic() + 300
    while any(e is None for e in ended) and time.monotonic() < deadline:
        now = time.monotonic()
        for index, (db, process) in enumerate(zip(dbs, processes)):
            if ended[index] is not None:
                continue
            if began[index] is None and _write_started(db):
                began[index] = now
            if process.poll() is not None:
                ended[index] = now
            elif began[index] is not None and kill_after[index] is not None and now - began[index] >= kill_after[index]:
                process.send_signal(signal.SIGKILL)
                process.wait(timeout=60)
                ended[index] = now
        time.sleep(0.005)
    for process in processes:
        if process.poll() is None:
            process.kill()
            process.wait()
    return [(p, (e or 0) - (b if b is not None else (e or 0))) for p, b, e in zip(processes, began, ended)]


def test_sigkill_during_an_import_leaves_all_or_nothing(tmp_path: Path) -> None:
    source = _records(tmp_path / "records.json")
    calibration = [tmp_path / f"calibration-{n}.db" for n in range(AT_ONCE)]
    for db in calibration:
        shutil.copy(SHIPPED, db)
    timed = _run_group(calibration, source, [None] * AT_ONCE)
    assert all(process.returncode == 0 for process, _ in timed)
    assert all(_state(db)[1:] == (RECORDS, SHIPPED_RESOURCES + RECORDS, 1) for db in calibration)
    writing = max(seconds for _, seconds in timed)

    rng = random.Random(20261125)
    delays = [rng.uniform(0.0, 0.7) * writing for _ in range(KILLS)]  # the commit comes about midway
    complete = 0
    for first in range(0, KILLS, AT_ONCE):
        numbers = list(range(first, min(first + AT_ONCE, KILLS)))
        dbs = [tmp_path / f"killed-{number}.db" for number in numbers]
        for db in dbs:
            shutil.copy(SHIPPED, db)
        for number, db, (process, _) in zip(numbers, dbs, _run_group(dbs, source, [delays[n] for n in numbers])):
            check, imported, total, batches = _state(db)
            where = f"kill {number}, {delays[number]:.2f}s into writing (exit {process.returncode})"
            assert check == ["ok"], where
            assert (imported, total, batches) in (
                (0, SHIPPED_RESOURCES, 0),
                (RECORDS, SHIPPED_RESOURCES + RECORDS, 1),
            ), where
            with Library.open(db) as library:
                assert library.check() == [], where
            complete += imported == RECORDS
    print(f"{complete} of {KILLS} killed imports had committed; writing took up to {writing:.2f}s")


def _temporaries(cache: Path) -> list[Path]:
    """An import's temporary files in the cache (files/xx/.<sha256>.<hex>.tmp)."""
    return sorted((cache / "files").glob("*/.*.tmp")) if (cache / "files").exists() else []


def _cli(db: Path, cache: Path, *argv: str) -> list[str]:
    return [sys.executable, "-m", "reslib_desktop.cli", "--db", str(db), "--cache-dir", str(cache), *argv]


def _bundle_import(tmp_path: Path, files: int) -> list[str]:
    from unit.ingest.test_bundle import bundle_of

    contents = [random.Random(n).randbytes(1024 * 1024) for n in range(files)]
    kit = bundle_of(tmp_path / "kit.zip", contents, referenced=True, compression=zipfile.ZIP_STORED)
    return ["bundle", "import", str(kit)]


def _pdf_folder_import(tmp_path: Path, files: int) -> list[str]:
    """A folder of real 4 MB PDFs (a blank page and an incompressible embedded file), each different."""
    import pypdf

    folder = tmp_path / "pdfs"
    folder.mkdir()
    for number in range(files):
        writer = pypdf.PdfWriter()
        writer.add_blank_page(200, 200)
        writer.add_metadata({"/Title": f"Padded report {number}"})
        writer.add_attachment("padding.bin", random.Random(number).randbytes(4 * 1024 * 1024))
        with (folder / f"report-{number}.pdf").open("wb") as out:
            writer.write(out)
    return ["import", str(folder)]


@pytest.mark.parametrize(
    ("make", "files"), [(_bundle_import, 40), (_pdf_folder_import, 20)], ids=["bundle", "pdf-folder"]
)
def test_an_import_killed_while_copying_files_leaves_temporaries_the_next_open_removes(
    tmp_path: Path, make, files: int
) -> None:
    from reslib_desktop.offline.sizes import format_size

    db, cache = tmp_path / "library.db", tmp_path / "cache"
    shutil.copy(SHIPPED, db)
    command = make(tmp_path, files)
    process = subprocess.Popen(
        _cli(db, cache, *command), cwd=REPO, env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while process.poll() is None and not _temporaries(cache) and time.monotonic() < deadline:
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    left = _temporaries(cache)
    assert process.returncode == -signal.SIGKILL and left, "the import finished before it could be killed"
    left_bytes = sum(path.stat().st_size for path in left)
    check, _, total, _ = _state(db)
    assert check == ["ok"] and total == SHIPPED_RESOURCES  # nothing of the import was written to the library

    verify = subprocess.run(
        _cli(db, cache, "cache", "verify"), cwd=REPO, env=dict(os.environ), capture_output=True, text=True,
        timeout=120, check=False,
    )
    assert verify.returncode == 0, verify.stderr
    assert (
        f"tidied: {len(left)} temporary files of interrupted imports removed ({format_size(left_bytes)})"
        in verify.stdout
    )
    assert _temporaries(cache) == []
    again = subprocess.run(
        _cli(db, cache, *command), cwd=REPO, env=dict(os.environ), capture_output=True, text=True, timeout=300,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    assert _temporaries(cache) == [] and _state(db)[2] == SHIPPED_RESOURCES + files
    assert len(list((cache / "files").glob("*/*"))) == files

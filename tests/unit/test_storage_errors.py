"""What a user is told when the library's storage fails: one line, the file named, what to do."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reslib_desktop.store.errors import storage_problem

LIBRARY = Path("/media/stick/library.db")


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "disk is full"),
        (errno.EDQUOT, "quota"),
        (errno.EFBIG, "larger than"),
        (errno.EROFS, "read-only"),
        (errno.EACCES, "permission denied"),
    ],
)
def test_an_os_error_names_its_own_file_and_the_cause(code: int, words: str) -> None:
    error = OSError(code, os.strerror(code), "/media/stick/cache/files/ab/abcd.pdf")
    line = storage_problem(error, LIBRARY)
    assert line is not None and "\n" not in line
    assert line.startswith("/media/stick/cache/files/ab/abcd.pdf: ") and words in line


def test_an_os_error_without_a_file_names_the_library() -> None:
    line = storage_problem(OSError(errno.ENOSPC, "No space left on device"), LIBRARY)
    assert line == f"{LIBRARY}: the disk is full; free some space and try again"


def test_errors_that_are_not_about_storage_are_left_alone() -> None:
    assert storage_problem(ValueError("bad"), LIBRARY) is None
    assert storage_problem(OSError(errno.EPIPE, "Broken pipe"), LIBRARY) is None
    assert storage_problem(sqlite3.OperationalError("no such column: x"), LIBRARY) is None


def test_a_library_another_program_is_writing_is_one_line(repo_root: Path, shipped_copy: Path, tmp_path: Path) -> None:
    """A real lock: another connection holds the write lock past the busy timeout (5 s)."""
    records = tmp_path / "records.json"
    records.write_text('[{"title": "Zebra crossing field guide"}]', encoding="utf-8")
    holder = sqlite3.connect(shipped_copy, isolation_level=None)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "reslib_desktop.cli", "--db", str(shipped_copy), "import", str(records)],
            check=False, cwd=repo_root, env=dict(os.environ), capture_output=True, text=True, timeout=120,
        )
    finally:
        holder.rollback()
        holder.close()
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert str(shipped_copy) in result.stderr and "another program is writing" in result.stderr

"""The copy kept before an upgrade holds the library as it was, and such copies do not pile up."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reslib_desktop.cli import main
from reslib_desktop.library import Library, LibraryError
from reslib_desktop.store.sqlite_files import HEAD_REVISION, KNOWN_REVISIONS
from reslib_desktop.store.upgrade_copies import UPGRADE_COPIES_KEPT, upgrade_copies, upgrade_copy_path
from tests.support import library_content, rows_of

OLD_LIBRARY = Path(__file__).resolve().parent.parent / "data" / "library-0001.db"

# A process that changes a title, commits, and dies without closing: the change stays in library.db-wal.
_CHANGE_THEN_DIE = """
import os, sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute("PRAGMA journal_mode=WAL")
first = connection.execute("SELECT min(id) FROM resources").fetchone()[0]
connection.execute("UPDATE resources SET title = 'Changed just before a crash' WHERE id = ?", (first,))
connection.commit()
os._exit(0)
"""


def _titles(path: Path) -> set[str]:
    return {row[0] for row in rows_of(path, "SELECT title FROM resources")}


def test_the_copy_holds_changes_a_crash_left_in_the_write_ahead_log(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    shutil.copyfile(OLD_LIBRARY, path)
    subprocess.run([sys.executable, "-c", _CHANGE_THEN_DIE, str(path)], check=True)
    assert Path(f"{path}-wal").stat().st_size > 0  # the change is not in library.db itself yet

    with Library.open(path) as library:
        assert library.info().schema_revision == HEAD_REVISION

    copy = upgrade_copy_path(path)
    assert "Changed just before a crash" in _titles(copy)
    assert _titles(copy) == _titles(path)
    assert not list(tmp_path.glob("*.partial"))


def test_only_the_newest_upgrade_copies_stay_and_other_files_are_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    shutil.copyfile(OLD_LIBRARY, path)
    earlier = [upgrade_copy_path(path, revision) for revision in KNOWN_REVISIONS[:3]]
    for copy in earlier:
        shutil.copyfile(OLD_LIBRARY, copy)
    unrelated = [tmp_path / "library.db.before-join.bak", tmp_path / "library.db.before-9999_future.bak",
                 tmp_path / "other.db.before-0001_baseline.bak"]
    for other in unrelated:
        other.write_bytes(b"not ours to remove")

    with Library.open(path):
        pass

    kept = upgrade_copies(path)
    assert len(kept) == UPGRADE_COPIES_KEPT == 2
    assert kept == [earlier[-1], upgrade_copy_path(path)]
    assert library_content(upgrade_copy_path(path)) == library_content(OLD_LIBRARY)
    assert all(other.read_bytes() == b"not ours to remove" for other in unrelated)


def test_reslib_db_upgrade_names_the_copy_and_the_copies_it_removed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "library.db"
    shutil.copyfile(OLD_LIBRARY, path)
    older = [upgrade_copy_path(path, revision) for revision in KNOWN_REVISIONS[:2]]
    for copy in older:
        shutil.copyfile(OLD_LIBRARY, copy)

    assert main(["--db", str(path), "db", "upgrade"]) == 0

    out = capsys.readouterr().out
    assert f"the copy: {upgrade_copy_path(path).name}" in out
    assert f"removed older copies (the newest 2 are kept): {older[0].name}" in out
    assert not older[0].exists() and older[1].exists()


def test_a_copy_that_cannot_be_written_stops_the_upgrade_and_leaves_the_library_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    shutil.copyfile(OLD_LIBRARY, path)
    upgrade_copy_path(path).mkdir()  # a folder where the copy should go: the rename into place fails

    with pytest.raises(LibraryError, match="cannot prepare the library"):
        Library.open(path)

    assert path.read_bytes() == OLD_LIBRARY.read_bytes()
    assert not list(tmp_path.glob("*.partial"))

"""Library files: what cannot be opened, what must stay unchanged, and writing records twice."""

from __future__ import annotations

import gc
import hashlib
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

from reslib_desktop.ingest.apply import apply_records
from reslib_desktop.ingest.dedupe import deduplicate
from reslib_desktop.ingest.default_library import read_default_records
from reslib_desktop.ingest.record import AttachmentRecord, ResourceRecord
from reslib_desktop.library import (
    Library,
    LibraryClosedError,
    LibraryError,
    NewerLibraryError,
    SearchQuery,
    parse_query,
)

NOW = datetime(2030, 1, 1)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _housing_total(library: Library) -> int:
    return library.search(SearchQuery(text=parse_query("housing")), 0, 50).total


def _default_records(assets: Path) -> list[ResourceRecord]:
    """The default library's records, read and deduplicated as the build does."""
    return deduplicate(read_default_records(assets)[0])


# --- files that are not usable libraries ---------------------------------------------------


def _garbage(path: Path) -> None:
    path.write_bytes(b"this is not a database, just some bytes\n" * 50)


def _foreign(path: Path) -> None:
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        connection.execute("INSERT INTO notes (body) VALUES ('hello')")


def _held_open(path: Path) -> bool:
    """This process has `path` open (Linux's /proc; elsewhere: False)."""
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        return False
    held = set()
    for fd in fds.iterdir():
        try:
            held.add(fd.readlink())
        except OSError:  # closed meanwhile
            continue
    return path.resolve() in held


def _zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def _empty_sqlite(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 1")  # a valid SQLite file with no tables
    connection.commit()
    connection.close()


@pytest.mark.parametrize("mode", ["read-write", "read-only", "create"])
@pytest.mark.parametrize(
    "make",
    [_garbage, _foreign, _zero_bytes, _empty_sqlite],
    ids=["garbage", "other-sqlite", "zero-bytes", "empty-sqlite"],
)
def test_unusable_file_raises_library_error_and_is_unchanged(
    tmp_path: Path, make: Callable[[Path], None], mode: str
) -> None:
    path = tmp_path / "not-a-library.db"
    make(path)
    before = _sha256(path)
    gc.disable()  # a connection left open must not be closed by a collection before it is looked for
    try:
        with pytest.raises(LibraryError) as raised:
            Library.open(path, read_only=mode == "read-only", create=mode == "create")
        assert not _held_open(path)  # else it stays locked (Windows) until a collection closes it
    finally:
        gc.enable()
    assert str(path) in str(raised.value) and "not a reslib library" in str(raised.value)
    assert "\n" not in str(raised.value) and "upgrade" not in str(raised.value)
    assert _sha256(path) == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


@pytest.mark.parametrize("read_only", [False, True])
def test_missing_file_raises_library_error_naming_it(tmp_path: Path, read_only: bool) -> None:
    path = tmp_path / "absent" / "library.db"
    with pytest.raises(LibraryError, match="no library at") as raised:
        Library.open(path, read_only=read_only)
    assert str(path) in str(raised.value)
    assert not path.exists() and not path.parent.exists()


@pytest.mark.parametrize("read_only", [False, True])
def test_library_from_a_newer_version_is_refused_untouched(shipped_copy: Path, read_only: bool) -> None:
    with closing(sqlite3.connect(shipped_copy)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = _sha256(shipped_copy)
    with pytest.raises(NewerLibraryError) as raised:
        Library.open(shipped_copy, read_only=read_only)
    assert str(shipped_copy) in str(raised.value) and "9999_future" in str(raised.value)
    assert _sha256(shipped_copy) == before
    assert sorted(p.name for p in shipped_copy.parent.iterdir()) == [shipped_copy.name]


def test_read_only_use_never_changes_the_file(shipped_copy: Path) -> None:
    before = _sha256(shipped_copy)
    with Library.open(shipped_copy, read_only=True) as library:
        query = SearchQuery(text=parse_query("trafficking"))
        page = library.search(query, 0, 5)
        library.facet_counts(query)
        library.resource(page.rows[0].id)
        assert library.info().counts["resources"] == 57
    assert _sha256(shipped_copy) == before


@pytest.mark.parametrize("read_only", [False, True])
def test_a_closed_library_refuses_to_open_its_file_again(shipped_copy: Path, read_only: bool) -> None:
    """A straggler (a worker's search, a timer's status read) after `close` used to reopen the file and leave
    that connection open: the file stayed locked (Windows) until a garbage collection."""
    library = Library.open(shipped_copy, read_only=read_only)
    assert library.resource(library.search(SearchQuery(), 0, 1).rows[0].id) is not None
    library.close()
    gc.disable()
    try:
        assert not _held_open(shipped_copy)
        with pytest.raises(LibraryClosedError) as raised:
            library.info()
        assert not _held_open(shipped_copy)
    finally:
        gc.enable()
    assert str(shipped_copy) in str(raised.value) and "closed" in str(raised.value)
    assert isinstance(raised.value, LibraryError)  # front ends that report library errors report this one
    with Library.open(shipped_copy, read_only=read_only) as again:  # the file itself is as usable as ever
        assert again.info().counts["resources"] == 57


@pytest.mark.parametrize("read_only", [False, True])
@pytest.mark.parametrize("name", ["C# notes.db", "what?.db", "100%25.db"])
def test_library_path_with_uri_characters_opens_that_file(shipped_copy: Path, name: str, read_only: bool) -> None:
    tmp_path = shipped_copy.parent
    path = shipped_copy.rename(tmp_path / name)
    with Library.open(path, read_only=read_only) as library:
        assert library.info().counts["resources"] == 57
        assert _housing_total(library) == 2  # the housing scan and the COVID-19 housing guidance
    assert not [p.name for p in tmp_path.iterdir() if not p.name.startswith(name)]


# --- writing the same records twice ----------------------------------------------------------


def test_applying_the_same_records_twice_updates_in_place(tmp_path: Path, assets: Path) -> None:
    with Library.open(tmp_path / "twice.db", create=True) as library:
        with library.engine.begin() as connection:
            first = apply_records(connection, _default_records(assets), now=NOW)
        counts = library.info().counts
        with library.engine.begin() as connection:
            second = apply_records(connection, _default_records(assets), now=NOW)
        assert (first.added, first.updated) == (57, 0)
        assert (second.added, second.updated) == (0, 57)
        assert library.info().counts == counts
        assert library.check() == []
        assert _housing_total(library) == 2  # the housing scan and the COVID-19 housing guidance


def test_two_records_with_one_uid_in_a_batch_give_one_consistent_resource(tmp_path: Path) -> None:
    records = [
        ResourceRecord(title="Draft Plan", uid="plan", topics=["Housing"], attachments=[AttachmentRecord("draft.pdf")]),
        ResourceRecord(title="Final Plan", uid="plan", topics=["Housing"], attachments=[AttachmentRecord("final.pdf")]),
    ]
    with Library.open(tmp_path / "dup.db", create=True) as library:
        with library.engine.begin() as connection:
            apply_records(connection, records, now=NOW)
        [row] = library.search(SearchQuery(), 0, 10).rows
        detail = library.resource(row.id)
        assert detail is not None and detail.title == "Final Plan"
        assert [a.label for a in detail.attachments] == ["final.pdf"]


def test_a_new_library_appears_whole_with_no_temporary_files_left(tmp_path: Path) -> None:
    path = tmp_path / "new" / "library.db"
    with Library.open(path, create=True) as library:
        assert library.info().counts["resources"] == 0
    assert sorted(p.name for p in path.parent.iterdir() if not p.name.startswith("library.db-")) == ["library.db"]
    with Library.open(path, read_only=True) as library:  # a complete library, not one that needs an upgrade
        assert library.check() == []


@pytest.mark.skipif(sys.platform == "win32", reason="file-size limits (RLIMIT_FSIZE) are POSIX")
def test_a_library_that_cannot_be_created_leaves_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "full"
    folder.mkdir()
    path = folder / "library.db"

    def limit() -> None:  # a write past 8 KB fails with EFBIG, as on a full disk
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))

    script = "import sys; from reslib_desktop.library import Library; Library.open(sys.argv[1], create=True)"
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        check=False,
        preexec_fn=limit,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and "LibraryError" in done.stderr and "cannot create the library" in done.stderr
    assert list(folder.iterdir()) == []

"""A library file through plain sqlite3 (no SQLAlchemy): the schema revisions this version knows and
read-only connections, also to a library on read-only media. store/database.py builds the engine on
these; the search index and the command line's quick search (quick_library.py) use them directly."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reslib_desktop.store.errors import sqlite_code

# Every alembic revision this version knows, oldest first. A test checks it
# against the migration scripts, so start-up need not import alembic.
KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_baseline", "0002_offline_imports", "0003_index_outbox", "0004_sync_replica", "0005_sync_collections",
    "0006_drop_resource_fts", "0007_offline_in_search_index", "0008_collection_items_by_resource",
    "0009_page_text_folded",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]
BUSY_TIMEOUT_MS = 5000


def file_uri(path: Path, mode: str) -> str:
    """A SQLite URI for a path; `as_uri` escapes '#', '?' and '%' so the right file is opened."""
    return f"{path.resolve().as_uri()}?mode={mode}"


def connect_read_only(path: Path, check_same_thread: bool = True) -> sqlite3.Connection:
    """A read-only connection, also to a WAL library on read-only media.

    SQLite reads a WAL-mode file through its `-shm` index, which it cannot create
    in a read-only folder. When that fails and no write-ahead log with changes
    lies beside the file (so the file holds everything committed, and nobody can
    be writing), the file is opened as immutable instead.
    """
    def connect(uri: str) -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=check_same_thread, timeout=BUSY_TIMEOUT_MS / 1000)

    connection = connect(file_uri(path, "ro"))
    try:
        connection.execute("PRAGMA schema_version").fetchone()
        return connection
    except sqlite3.OperationalError as error:
        wal = Path(f"{path}-wal")
        if sqlite_code(error) not in ("SQLITE_CANTOPEN", "SQLITE_READONLY") or (wal.exists() and wal.stat().st_size):
            return connection  # the caller meets the error on its first statement
        connection.close()
    except sqlite3.Error:  # not a database, say: closed now, not when collected (a file held open stays locked)
        connection.close()
        raise
    return connect(file_uri(path, "ro") + "&immutable=1")


def consistent_copy(source: Path, target: Path) -> None:
    """Copy the library at `source` to `target` through SQLite's backup API: the copy holds every committed
    change, also those still in the write-ahead log (a plain file copy misses them after a crash), and it
    is made under a temporary name, so `target` is never a half-written file (a failure removes the rest)."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        origin = sqlite3.connect(source, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            copy = sqlite3.connect(partial)
            try:
                origin.backup(copy)
            finally:
                copy.close()
        finally:
            origin.close()
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise

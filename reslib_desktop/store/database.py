"""Opening a library file: engine, SQLite pragmas, schema version checks and migrations."""

from __future__ import annotations

import os
import secrets
import shlex
import sqlite3
import weakref
from pathlib import Path

from sqlalchemy import Connection, CursorResult, Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.pool import QueuePool

from reslib_desktop.store.errors import (
    LibraryClosedError,
    LibraryError,
    NewerLibraryError,
    sqlite_code,
    storage_problem,
)
from reslib_desktop.store.sqlite_files import (
    BUSY_TIMEOUT_MS,
    HEAD_REVISION,
    KNOWN_REVISIONS,
    connect_read_only,
    file_uri,
)
from reslib_desktop.store.upgrade_copies import keep_copy_before_upgrade


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
    except sqlite3.OperationalError:
        pass  # read-only media: stay in the file's own journal mode
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


_CHANGES_KEY = "reslib.changes_checkpointed"


def _checkpoint_after_writes(dbapi_connection: sqlite3.Connection, record: object) -> None:
    """A connection back in the pool after a write copies the WAL into the library file.

    In WAL mode a commit lands in `library.db-wal`; SQLite copies it into the file only at
    a checkpoint (every 1,000 pages, or when the last connection closes). Until then a copy
    of `library.db`, a backup or a sync tool sees the library without the change, though
    the app has said it is saved. FULL waits (busy timeout) for readers of older snapshots.
    """
    if dbapi_connection is None:  # invalidated
        return
    info = record.info  # type: ignore[attr-defined]
    changes = dbapi_connection.total_changes
    if info.get(_CHANGES_KEY, 0) == changes:
        return
    info[_CHANGES_KEY] = changes
    try:
        dbapi_connection.execute("PRAGMA wal_checkpoint(FULL)").fetchall()
    except sqlite3.Error:
        pass  # read-only media, or busy past the timeout: the next write's checkpoint catches up


class _Opener:
    """Opens an engine's connections to one file, until the library is closed.

    SQLAlchemy's `dispose` only empties the pool: the next `connect` (a worker finishing a search, a timer
    reading the sync status) would open the file again, and nobody would close that connection (a handle
    that keeps the file locked on Windows). A closed library refuses instead, loudly.
    """

    def __init__(self, path: Path, read_only: bool) -> None:
        self.path = path
        self.read_only = read_only
        self.uri = file_uri(path, "rwc")
        self.closed = False

    def __call__(self) -> sqlite3.Connection:
        if self.closed:
            raise LibraryClosedError(f"{self.path}: the library was closed; open it again to use it")
        if self.read_only:
            return connect_read_only(self.path, check_same_thread=False)
        return sqlite3.connect(self.uri, uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)


_OPENERS: weakref.WeakKeyDictionary[Engine, _Opener] = weakref.WeakKeyDictionary()


def make_engine(path: Path, read_only: bool = False) -> Engine:
    """An engine on a SQLite file with the library's pragmas on every connection (close it with `close_engine`)."""
    opener = _Opener(path, read_only)
    # The URL only names the dialect: the creator opens the file, and a QueuePool (not the
    # in-memory default) gives each thread its own connection.
    engine = create_engine("sqlite://", creator=opener, poolclass=QueuePool)
    _OPENERS[engine] = opener
    event.listen(engine, "connect", _set_pragmas)
    if not read_only:
        event.listen(engine, "checkin", _checkpoint_after_writes)
    return engine


def close_engine(engine: Engine) -> None:
    """Close the connections the engine holds, and refuse to open any more (LibraryClosedError)."""
    opener = _OPENERS.get(engine)
    if opener is not None:
        opener.closed = True
    engine.dispose()


def sqlite_connection(connection: Connection) -> sqlite3.Connection:
    """The sqlite3 connection under a SQLAlchemy one (cursor-level speed, SQLite-only calls)."""
    raw = connection.connection.dbapi_connection
    assert isinstance(raw, sqlite3.Connection)  # every engine here is pysqlite's
    return raw


def inserted_id(result: CursorResult) -> int:
    """The primary key of the row a single-row INSERT added."""
    key = result.inserted_primary_key
    assert key is not None  # None only for an INSERT of several rows
    return int(key[0])


def _current_revision(path: Path) -> str | None:
    """The alembic revision stored in an existing file; raises LibraryError for anything but a library."""
    if path.stat().st_size == 0:
        raise LibraryError(f"{path} is not a reslib library (the file is empty)")
    try:
        connection = connect_read_only(path)
    except sqlite3.Error as error:
        raise LibraryError(storage_problem(error, path) or f"cannot open {path}: {error}") from None
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" in tables:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            if row is None:
                raise LibraryError(f"{path} is not a reslib library (it records no schema version)")
            return row[0]
        if tables:
            raise LibraryError(f"{path} is a SQLite database but not a reslib library")
        raise LibraryError(f"{path} is not a reslib library (an empty SQLite database)")
    except sqlite3.DatabaseError as error:
        if sqlite_code(error) in (None, "SQLITE_NOTADB", "SQLITE_CORRUPT"):
            raise LibraryError(f"{path} is not a reslib library ({error})") from None
        raise LibraryError(storage_problem(error, path) or f"cannot read {path}: {error}") from None
    finally:
        connection.close()


def _upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _create_library(path: Path) -> None:
    """Make a new, empty library at `path`, which must not exist: built under a temporary name, then
    moved into place, so a crash never leaves a half-made (or empty) file at `path`."""
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.creating")
    engine = make_engine(partial)
    try:
        _upgrade(engine)
        engine.dispose()  # the last connection checkpoints and removes the write-ahead log
        try:
            os.link(partial, path)  # never replaces a file that appeared meanwhile
        except FileExistsError:
            raise LibraryError(
                f"{path} appeared while a new library was being made there; it was not changed"
            ) from None
        except OSError:
            os.replace(partial, path)  # a filesystem without hard links (FAT)
    except (OperationalError, DatabaseError, OSError) as error:
        reason = storage_problem(error, path) or f"{path}: {getattr(error, 'orig', error)}"
        raise LibraryError(f"cannot create the library: {reason}") from None
    finally:
        engine.dispose()
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)


def upgrade_pending(path: Path) -> bool:
    """True when opening `path` read-write will upgrade it to this version's schema, after a backup copy
    (which takes a while for a large library: ~5 s at 1,000,000 resources). False for anything else,
    including a file that cannot be opened (opening it says why)."""
    path = Path(path)
    try:
        if not path.is_file():
            return False
        revision = _current_revision(path)
    except (LibraryError, OSError):
        return False
    return revision in KNOWN_REVISIONS and revision != HEAD_REVISION


def open_engine(path: Path, create: bool = False, read_only: bool = False) -> Engine:
    """Open (or with `create`, make) a library file, migrating an older schema after a backup.

    Raises LibraryError for a missing, corrupt or foreign file and NewerLibraryError
    for one made by a newer version; such files are never changed. A read-only
    library is never written, not even to change its journal mode.
    """
    path = Path(path)
    if not path.exists():
        if not create:
            raise LibraryError(f"no library at {path}")
        path.parent.mkdir(parents=True, exist_ok=True)
        _create_library(path)  # only a path where no file exists is ever made a library
        revision: str | None = HEAD_REVISION
    elif path.is_dir():
        raise LibraryError(f"{path} is a folder, not a library file")
    else:
        revision = _current_revision(path)
    if revision not in (None, *KNOWN_REVISIONS):
        raise NewerLibraryError(
            f"{path} was made by a newer version of reslib-desktop (schema {revision}); "
            f"this version knows up to {HEAD_REVISION}. Update the app; the file was not changed."
        )
    if read_only:
        if revision != HEAD_REVISION:
            raise LibraryError(
                f"{path} was made by an older version: upgrade it first with `reslib --db {shlex.quote(str(path))} "
                f"db upgrade` (a copy of it is kept), or open it once in the app"
            )
        return make_engine(path, read_only=True)
    engine = make_engine(path)
    if revision != HEAD_REVISION:
        try:
            keep_copy_before_upgrade(path)
            _upgrade(engine)
        except (OperationalError, DatabaseError, sqlite3.Error, OSError) as error:
            engine.dispose()
            reason = storage_problem(error, path) or f"{path}: {getattr(error, 'orig', error)}"
            raise LibraryError(f"cannot prepare the library: {reason}") from None
    return engine


def schema_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def integrity_problems(engine: Engine) -> list[str]:
    """What SQLite's integrity_check and FTS5's integrity-check report (empty when healthy).

    FTS5 runs its check as an INSERT, so a read-only library is checked on an
    in-memory copy.
    """
    problems: list[str] = []
    with engine.connect() as connection:
        result = [row[0] for row in connection.execute(text("PRAGMA integrity_check"))]
        if result != ["ok"]:
            problems.extend(result)
        raw = sqlite_connection(connection)
        try:
            problems.extend(_fts_problems(raw))
        except sqlite3.OperationalError as error:
            if "readonly" not in str(error):
                raise
            copy = sqlite3.connect(":memory:")
            try:
                raw.backup(copy)
                problems.extend(_fts_problems(copy))
            finally:
                copy.close()
    return problems


def _fts_problems(connection: sqlite3.Connection) -> list[str]:
    problems = []
    for table in ("page_fts",):  # the search index (tantivy) is checked and rebuilt on its own
        if not connection.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone():
            continue
        try:
            connection.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as error:
            if "readonly" in str(error):
                raise sqlite3.OperationalError(str(error)) from None
            problems.append(f"full-text index {table}: {error}")
    return problems


def failure_line(error: BaseException, path: Path, rebuild_command: str) -> str | None:
    """One line for a storage error met while using the library at `path`, or None if it is not one.

    A damaged file whose only damage is in the full-text index (the resources are
    intact) gets a line offering `rebuild_command`.
    """
    line = storage_problem(error, path)
    if line is None or sqlite_code(error) != "SQLITE_CORRUPT" or not Path(path).is_file():
        return line
    engine = make_engine(Path(path), read_only=True)
    try:
        problems = integrity_problems(engine)
    except (OperationalError, DatabaseError, sqlite3.Error):
        return line
    finally:
        engine.dispose()
    if problems and all(problem.startswith("full-text index") for problem in problems):
        return f"{path}: the search index is damaged (the resources are intact); rebuild it with: {rebuild_command}"
    return line


def rebuild_text_indexes(engine: Engine) -> None:
    """Rebuild SQLite's full-text index (the attachment pages') in one transaction."""
    from reslib_desktop.store.fts import rebuild_page_index

    with engine.begin() as connection:
        rebuild_page_index(connection)

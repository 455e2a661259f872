"""Joining and leaving a server, as a library sees it.

Joining keeps the library's own resources (they stay local, not uploaded unless an
admin asks: `share_existing`); a resource the server also has (same uid) takes the
server's version. So nothing is lost even then, the first join of a library that
holds resources first copies the file to `<library>.before-join.bak` (SQLite's
backup API: a consistent copy while the library is open).

Leaving forgets the server's address and the saved password; the library and its
resources stay, and the sync bookkeeping too, so joining the same server again
carries on where it stopped (and waiting local changes still upload).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, text

from reslib_desktop.store.sqlite_files import consistent_copy
from reslib_desktop.sync import replica
from reslib_desktop.sync.connect import forget_password

BACKUP_SUFFIX = ".before-join.bak"


def backup_path(library_file: Path) -> Path:
    return library_file.with_name(library_file.name + BACKUP_SUFFIX)


def keep_copy_before_join(engine: Engine) -> Path | None:
    """Copy a never-joined library that holds resources to its `.before-join.bak`; the copy's path, or None."""
    with engine.connect() as connection:
        if replica.read_state(connection).joined:
            return None
        if connection.execute(text("SELECT 1 FROM resources LIMIT 1")).first() is None:
            return None
        database = next((row[2] for row in connection.execute(text("PRAGMA database_list")) if row[1] == "main"), "")
    if not database:  # an in-memory library: nothing to keep a copy of
        return None
    target = backup_path(Path(database))
    consistent_copy(Path(database), target)
    return target


def leave_server(engine: Engine) -> str | None:
    """Stop syncing: forget the server address and its saved password; returns the address left (None if none)."""
    with engine.begin() as connection:
        url = replica.read_state(connection).server_url
        replica.update_state(connection, server_url=None, last_error=None)
    if url:
        forget_password(url)
    return url

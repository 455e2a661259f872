"""Whether anything was committed to a library file since a value was read from it, for caching such values."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from reslib_desktop.store.sqlite_files import connect_read_only


class CommitCounter:
    """`PRAGMA data_version` on a connection of its own that never writes: the number changes whenever any other
    connection, of this process or another, commits to the file. Reading it costs microseconds."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def version(self) -> int | None:
        """The current number; None when the file cannot be asked (then nothing read from it may be reused)."""
        with self._lock:
            try:
                if self._connection is None:
                    self._connection = connect_read_only(self._path, check_same_thread=False)
                row = self._connection.execute("PRAGMA data_version").fetchone()
            except sqlite3.Error:
                return None
            return int(row[0]) if row else None

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

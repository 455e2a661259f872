"""Keeps a `FacetIndex` in step with the library: rebuilt only when its fingerprint changes.

Computing the fingerprint scans an index (tens of ms at 100,000 resources), so
each connection remembers SQLite's `PRAGMA data_version` (changes when another
connection or process commits) and `total_changes()` (its own writes) from
its last full check: while neither moved, nothing can have changed.
"""

from __future__ import annotations

import threading

import numpy as np
from sqlalchemy import Connection

from bench import facet_index
from bench.facet_index import FacetIndex
from reslib_desktop.store.database import sqlite_connection

_INFO_KEY = "reslib.library_fingerprint"


def _change_marks(connection: Connection) -> tuple[int, int]:
    raw = sqlite_connection(connection)
    return raw.execute("PRAGMA data_version").fetchone()[0], raw.total_changes


class LiveFacetIndex:
    """Thread-safe holder of the current index and offline column (checked at every search)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._index: FacetIndex | None = None
        self._offline: np.ndarray | None = None
        self._offline_print: tuple | None = None

    def _library_print(self, connection: Connection) -> tuple:
        # `info` lives exactly as long as the DB-API connection: (change marks, fingerprint) of its last check.
        info = connection.connection.info
        marks = _change_marks(connection)
        remembered = info.get(_INFO_KEY)
        if remembered is not None and remembered[0] == marks:
            return remembered[1]
        fingerprint = facet_index.fingerprint(connection)
        info[_INFO_KEY] = (marks, fingerprint)
        return fingerprint

    def current(self, connection: Connection) -> tuple[FacetIndex, np.ndarray]:
        """The index and offline mask as of this connection's view of the library."""
        library_print = self._library_print(connection)
        offline_print = facet_index.offline_fingerprint(connection)
        with self._lock:
            index, offline = self._index, self._offline
            fresh_index = index is not None and index.fingerprint == library_print
            fresh_offline = fresh_index and offline is not None and self._offline_print == offline_print
        if not fresh_index or index is None:  # (fresh_index implies an index: said again for type checkers)
            index = facet_index.build(connection)
        if not fresh_offline:
            offline = facet_index.offline_mask(connection, index)
        assert index is not None and offline is not None
        if not (fresh_index and fresh_offline):
            with self._lock:
                self._index, self._offline, self._offline_print = index, offline, offline_print
        return index, offline

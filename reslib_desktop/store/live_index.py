"""Keeps a `FacetIndex` in step with the library: rebuilt only when its fingerprint changes."""

from __future__ import annotations

import threading

import numpy as np
from sqlalchemy import Connection

from reslib_desktop.store import facet_index
from reslib_desktop.store.facet_index import FacetIndex


class LiveFacetIndex:
    """Thread-safe holder of the current index and offline column (checked at every search)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._index: FacetIndex | None = None
        self._offline: np.ndarray | None = None
        self._offline_print: tuple | None = None

    def current(self, connection: Connection) -> tuple[FacetIndex, np.ndarray]:
        """The index and offline mask as of this connection's view of the library."""
        library_print = facet_index.fingerprint(connection)
        offline_print = facet_index.offline_fingerprint(connection)
        with self._lock:
            index, offline = self._index, self._offline
            fresh_index = index is not None and index.fingerprint == library_print
            fresh_offline = fresh_index and offline is not None and self._offline_print == offline_print
        if not fresh_index:
            index = facet_index.build(connection)
        if not fresh_offline:
            offline = facet_index.offline_mask(connection, index)
        assert index is not None and offline is not None
        if not (fresh_index and fresh_offline):
            with self._lock:
                self._index, self._offline, self._offline_print = index, offline, offline_print
        return index, offline

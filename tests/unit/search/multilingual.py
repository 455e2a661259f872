"""What the multilingual search tests share."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from reslib_desktop.library import Library, SearchQuery, parse_query


def found(library: Library, typed: str) -> set[str]:
    """The uids of the resources a search for `typed` finds."""
    with closing(sqlite3.connect(library.path)) as connection:
        uids = dict(connection.execute("SELECT id, uid FROM resources"))
    return {uids[rid] for rid in library.search_full(SearchQuery(text=parse_query(typed)), ()).ids}

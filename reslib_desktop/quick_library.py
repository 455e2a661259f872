"""A library searched once, from a short-lived process, with sqlite3 and tantivy only.

`reslib search` starts a new interpreter each time; importing the whole facade (library.py: SQLAlchemy,
the ORM schema) costs far more than the search. When the library's search index already
answers for the library as committed, `quick_search` runs the same search (search/searching.py over
the same index) and reads the same details, without those imports. Otherwise it returns None and the
caller uses `Library`, which builds or catches up the index and words every error. Nothing is written:
the library is opened read-only (`mode=ro`) and the index folder is only read.

Also the names the command line needs to build a query, importable without SQLAlchemy.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from reslib_desktop.store.errors import LibraryError
from reslib_desktop.store.library_handle import ResourceDetail, display_date
from reslib_desktop.store.query import SearchQuery, SortKey, TextQuery
from reslib_desktop.store.querylang import parse_query
from reslib_desktop.vocabulary import canonical_type, type_label

__all__ = [
    "LibraryError",
    "QuickPage",
    "ResourceDetail",
    "SearchQuery",
    "SortKey",
    "TextQuery",
    "canonical_type",
    "display_date",
    "parse_query",
    "quick_search",
    "type_label",
]


@dataclass(frozen=True)
class QuickPage:
    total: int
    details: list[ResourceDetail]  # the first matches in order, in full


def quick_search(path: Path, query: SearchQuery, limit: int) -> QuickPage | None:
    """The total and the first `limit` matches in full, as `Library.search` + `Library.resource` give them.

    None when the quick path cannot answer: a search in a collection or with a date range, no file or not a
    library, a schema this version would migrate, an index missing, of another format, of another library or with
    outbox rows still to apply, or anything unreadable.
    """
    if query.collection is not None or query.date_from or query.date_to:
        return None
    if not path.is_file():
        return None
    from reslib_desktop.store.sqlite_files import connect_read_only

    try:
        connection = connect_read_only(path)
    except sqlite3.Error:
        return None
    try:
        connection.isolation_level = None
        connection.execute("BEGIN")  # one snapshot: the index is checked against what the details read
        return _search(path, connection, query, limit)
    except (sqlite3.Error, OSError, ValueError):
        return None  # the full path meets it again and says what is wrong
    finally:
        connection.close()


def _search(path: Path, connection: sqlite3.Connection, query: SearchQuery, limit: int) -> QuickPage | None:
    from reslib_desktop.search import searching
    from reslib_desktop.search.engine import SearchIndex
    from reslib_desktop.search.filters import Context
    from reslib_desktop.search.location import index_dir
    from reslib_desktop.store.resource_reads import resource_details
    from reslib_desktop.store.sqlite_files import HEAD_REVISION

    if connection.execute("SELECT version_num FROM alembic_version").fetchone() != (HEAD_REVISION,):
        return None
    index = SearchIndex(path, index_dir(path), prune_outbox=False)
    if not index.open_unchanged_if_current(connection):
        return None
    context = Context(collection_ids=lambda _name: [])  # never asked: a query with a collection takes the full path
    result = searching.run(index, query, (), context)
    ids = list(result.ids[:limit])
    details = resource_details(connection, ids)
    return QuickPage(result.total, [details[i] for i in ids if i in details])

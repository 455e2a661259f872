"""What the window shows while the search index is being built: the first rows of the whole library in
an order SQLite's own indexes give at once (by date, by title), in the same order the index would give.

Only a plain browse can be answered this way (no words, filters, date range or collection): anything
else waits for the index, since only the index answers it correctly.
"""

from __future__ import annotations

import sqlite3

from reslib_desktop.store.query import SearchQuery, SortKey, TextQuery

_ORDERS = {
    # (sort, descending) -> statements whose ids, concatenated, are the index's order (search/fields.py)
    (SortKey.DATE, True): ("SELECT id FROM resources ORDER BY published_sort DESC, id DESC LIMIT ?",),
    (SortKey.DATE, False): (
        "SELECT id FROM resources WHERE published_sort IS NOT NULL ORDER BY published_sort, id LIMIT ?",
        "SELECT id FROM resources WHERE published_sort IS NULL ORDER BY id LIMIT ?",
    ),
    (SortKey.TITLE, False): ("SELECT id FROM resources ORDER BY title_sort, id LIMIT ?",),
    (SortKey.TITLE, True): ("SELECT id FROM resources ORDER BY title_sort DESC, id DESC LIMIT ?",),
}


def _order(query: SearchQuery) -> tuple[SortKey, bool]:
    # Relevance without words is newest first (search/searching.py).
    return (SortKey.DATE, True) if query.sort is SortKey.RELEVANCE else (query.sort, query.descending)


def can_answer(query: SearchQuery) -> bool:
    """Whether `first_ids` gives this query's first rows exactly: the whole library, in a plain order."""
    plain = query.text == TextQuery(notes=query.text.notes, terms=query.text.terms) and not query.text.match
    return (
        plain
        and not any(values for _facet, values in query.selections)
        and not query.date_from
        and not query.date_to
        and query.collection is None
        and _order(query) in _ORDERS
    )


def first_ids(connection: sqlite3.Connection, query: SearchQuery, limit: int) -> list[int]:
    """The first `limit` resource ids of a query `can_answer` accepts, in its order."""
    ids: list[int] = []
    for statement in _ORDERS[_order(query)]:
        if len(ids) >= limit:
            break
        ids.extend(row[0] for row in connection.execute(statement, (limit - len(ids),)))
    return ids


def library_size(connection: sqlite3.Connection) -> int:
    """How many resources the library holds."""
    return connection.execute("SELECT count(*) FROM resources").fetchone()[0]

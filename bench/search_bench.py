"""Search and sort latency through our facade, the raw FTS5 floor and LIKE scans."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from bench.cases import CASES, QueryCase, search_query
from bench.timing import measure, measure_interleaved

PAGE = 200
FLOOR_PAGE_SQL = "SELECT rowid FROM resource_fts WHERE resource_fts MATCH ? ORDER BY rank LIMIT 200"
FLOOR_COUNT_SQL = "SELECT count(*) FROM resource_fts WHERE resource_fts MATCH ?"
SORTS = (("title", "housing"), ("date", "housing"), ("title", ""), ("date", ""))


def _floor(connection: sqlite3.Connection, match: str) -> int:
    """Raw FTS5: the first 200 rowids by rank plus the count (no facets, no filters)."""
    connection.execute(FLOOR_PAGE_SQL, (match,)).fetchall()
    return connection.execute(FLOOR_COUNT_SQL, (match,)).fetchone()[0]


def _like_sql(case: QueryCase) -> tuple[str, list[object]]:
    where: list[str] = []
    params: list[object] = []
    for pattern in case.like_patterns:
        where.append("(r.title LIKE ? OR r.description LIKE ?)")
        params += [f"%{pattern}%"] * 2
    for facet, value in case.selections:
        if facet == "type":
            where.append("r.resource_type = ?")
        else:
            where.append(
                "r.id IN (SELECT rt.resource_id FROM resource_topics rt JOIN topics t ON t.id = rt.topic_id "
                "WHERE t.name = ?)"
            )
        params.append(value)
    return " AND ".join(where), params


def _like(connection: sqlite3.Connection, case: QueryCase) -> int:
    """A LIKE '%w%' scan over title + description: the first 200 ids plus the count."""
    where, params = _like_sql(case)
    connection.execute(f"SELECT r.id FROM resources r WHERE {where} LIMIT {PAGE}", params).fetchall()
    return connection.execute(f"SELECT count(*) FROM resources r WHERE {where}", params).fetchone()[0]


def _sql_path(library, query) -> Any:
    """What `reslib search` runs: the SQL count + page and the SQL facet counts."""
    from reslib_desktop.library import FACETS

    return library.search(query, 0, PAGE), library.facet_counts(query, FACETS)


def search_latency(library, db: Path, repeat: int) -> dict[str, Any]:
    """The five query kinds: ours (`run_search`, as the GUI's worker calls it), the FTS5 floor and
    LIKE, interleaved run by run; and the SQL path of `reslib search` (at most 5 runs)."""
    from reslib_desktop.gui.search_controller import run_search
    from reslib_desktop.library import FACETS

    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        results: dict[str, Any] = {}
        for case in CASES:
            query = search_query(case)
            match = query.text.match or ""
            def ours_cold(query=query):
                # Words typed for the first time: nothing remembered from the previous run of this query.
                if hasattr(library, "forget_remembered_matches"):
                    library.forget_remembered_matches()
                return run_search(library, query, FACETS)

            timed = measure_interleaved(
                {
                    "ours": ours_cold,
                    "floor": lambda: _floor(connection, match),
                    "like": lambda: _like(connection, case),
                },
                repeat,
            )
            (ours, outcome), (floor, floor_total), (like, like_total) = timed["ours"], timed["floor"], timed["like"]
            sql_stats, _ = measure(lambda: _sql_path(library, query), min(repeat, 5))
            results[case.key] = {
                "label": case.label,
                "text": case.text,
                "ours": {
                    "match": match,
                    "selections": [list(pair) for pair in case.selections],
                    "total": outcome.total,
                    "rows": len(outcome.rows),
                    "facet_values": sum(len(values) for values in outcome.facets.values()),
                    "run_search": ours,
                    "sql_path": sql_stats,
                },
                "floor": {"total": floor_total, **floor},
                "like": {"total": like_total, **like},
            }
        return results
    finally:
        connection.close()


def first_search(db: Path, repeat: int = 3) -> dict[str, Any]:
    """The window's first search on a freshly opened library (whatever it builds once, included)."""
    from reslib_desktop.gui.search_controller import run_search
    from reslib_desktop.library import FACETS, Library, SearchQuery, SortKey

    libraries: list[Any] = []

    def before() -> None:
        for library in libraries:
            library.close()
        libraries[:] = [Library.open(db)]

    stats, _ = measure(lambda: run_search(libraries[0], SearchQuery(sort=SortKey.DATE), FACETS), repeat, 0, before)
    for library in libraries:
        library.close()
    return stats


def _resort(library, query) -> Any:
    """What the GUI runs when only the order changes: `run_search`, reusing the facet counts it
    already shows when run_search accepts them (`known_facets`), else a full re-search."""
    import inspect

    from reslib_desktop.gui.search_controller import run_search
    from reslib_desktop.library import FACETS

    if "known_facets" not in inspect.signature(run_search).parameters:
        return lambda: run_search(library, query, FACETS)
    known = run_search(library, query, FACETS).facets  # untimed: the counts shown (sorting leaves them)
    return lambda: run_search(library, query, FACETS, known_facets=known)


def sort_latency(library, repeat: int) -> dict[str, Any]:
    """First page of 200 in title / date order: the GUI's re-sort (`run_search`) and the SQL page."""
    from reslib_desktop.library import SortKey

    results: dict[str, Any] = {}
    for sort_name, text in SORTS:
        sort = SortKey.TITLE if sort_name == "title" else SortKey.DATE
        descending = sort is SortKey.DATE  # title A-Z, newest first: the GUI's defaults
        query = search_query(QueryCase("sort", "sort", text), sort=sort, descending=descending)
        stats, outcome = measure(_resort(library, query), repeat)
        sql_stats, _ = measure(lambda: library.search(query, 0, PAGE), min(repeat, 5))
        results[f"{sort_name}:{text or '*'}"] = {
            "sort": sort_name,
            "text": text,
            "total": outcome.total,
            "ours": stats,
            "sql_page": sql_stats,
        }
    return results

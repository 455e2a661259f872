"""Search, re-sort and first-search latency: ours (through `Library`, as the window runs it), the FTS5 path
of today (bench/fts5_path.py) and raw tantivy (bench/raw_tantivy.py), interleaved run by run."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from bench.cases import CASES, QueryCase, search_query
from bench.timing import measure, measure_interleaved

PAGE = 200
SORTS = (("title", "housing"), ("date", "housing"), ("title", ""), ("date", ""), ("type", "housing"))


def _ours(library, query):
    """The GUI worker's `run_search`, with words typed for the first time (nothing remembered)."""
    from reslib_desktop.gui.search_controller import run_search
    from reslib_desktop.library import FACETS

    def work():
        if hasattr(library, "forget_remembered_matches"):
            library.forget_remembered_matches()
        return run_search(library, query, FACETS)

    return work


def _fts5(fts5, query):
    from reslib_desktop.library import FACETS

    def work():
        fts5.forget_remembered_matches()
        return fts5.run_search(query, FACETS)

    return work


def search_latency(library, fts5, raw, repeat: int) -> dict[str, Any]:
    """The five query kinds: total + first 200 rows + every facet group's counts, per path."""
    results: dict[str, Any] = {}
    for case in CASES:
        query = search_query(case)
        works = {"ours": _ours(library, query), "raw": lambda case=case: raw.search(case)}
        if fts5 is not None:
            works["fts5"] = _fts5(fts5, query)
        timed = measure_interleaved(works, repeat)
        outcome = timed["ours"][1]
        entry: dict[str, Any] = {
            "label": case.label,
            "text": case.text,
            "match": query.text.match or "",
            "selections": [list(pair) for pair in case.selections],
            "ours": {**timed["ours"][0], "total": outcome.total, "rows": len(outcome.rows),
                     "facet_values": sum(len(values) for values in outcome.facets.values())},
            "raw": {**timed["raw"][0], "total": timed["raw"][1]["total"]},
        }
        if "fts5" in timed:
            entry["fts5"] = {**timed["fts5"][0], "total": timed["fts5"][1][0]}
        results[case.key] = entry
    return results


def _resort_ours(library, query):
    """What the window runs when only the order changes: `run_search` reusing the facet counts shown."""
    import inspect

    from reslib_desktop.gui.search_controller import run_search
    from reslib_desktop.library import FACETS

    if "known_facets" not in inspect.signature(run_search).parameters:
        return lambda: run_search(library, query, FACETS)
    known = run_search(library, query, FACETS).facets  # untimed: the counts shown (sorting leaves them)
    return lambda: run_search(library, query, FACETS, known_facets=known)


def _resort_fts5(fts5, query):
    from reslib_desktop.library import FACETS

    known = fts5.run_search(query, FACETS)[2]
    return lambda: fts5.run_search(query, FACETS, known_facets=known)


def sort_latency(library, fts5, raw, repeat: int) -> dict[str, Any]:
    """First page of 200 in title (A-Z) / date (newest first) order after the header is clicked."""
    from reslib_desktop.library import SortKey

    results: dict[str, Any] = {}
    for sort_name, text in SORTS:
        sort = {"title": SortKey.TITLE, "date": SortKey.DATE, "type": SortKey.TYPE}[sort_name]
        case = QueryCase("sort", "sort", text)
        query = search_query(case, sort=sort, descending=sort is SortKey.DATE)
        works = {"ours": _resort_ours(library, query)}
        if sort is not SortKey.TYPE:  # raw tantivy has no type order of its own
            works["raw"] = lambda case=case, sort_name=sort_name: raw.search(case, order=sort_name, facets=False)
        if fts5 is not None:
            works["fts5"] = _resort_fts5(fts5, query)
        timed = measure_interleaved(works, repeat)
        entry = {"sort": sort_name, "text": text, "total": timed["ours"][1].total,
                 **{name: stats for name, (stats, _result) in timed.items()}}
        results[f"{sort_name}:{text or '*'}"] = entry
    return results


class _Reopened:
    """A library opened anew (untimed) before each timed run, so that every run is a first search."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.library: Any = None

    def reopen(self) -> None:
        from reslib_desktop.library import Library

        self.close()
        self.library = Library.open(self.db)

    def close(self) -> None:
        if self.library is not None:
            self.library.close()
            self.library = None
        gc.collect()


def first_search(db: Path, with_fts5: bool, repeat: int = 3) -> dict[str, Any]:
    """The window's first search (everything, newest first, every facet group) on a library just opened
    (`Library.open` untimed), whatever the search builds once included; ours, the FTS5 path (a fresh
    facet index) and raw tantivy (opening the index included)."""
    from bench import raw_tantivy
    from bench.fts5_path import Fts5Path
    from reslib_desktop.gui.search_controller import run_search
    from reslib_desktop.library import FACETS, SearchQuery, SortKey

    opened = _Reopened(db)
    newest = SearchQuery(sort=SortKey.DATE)
    result: dict[str, Any] = {}
    result["ours"], _ = measure(lambda: run_search(opened.library, newest, FACETS), repeat, 0, opened.reopen)
    if with_fts5:  # a fresh facet index on an open library
        result["fts5"], _ = measure(lambda: Fts5Path(opened.library.engine).run_search(newest, FACETS), repeat, 0,
                                    opened.reopen)
    result["raw"], _ = measure(lambda: raw_tantivy.first_search(db), repeat, 0, gc.collect)
    opened.close()
    return result


def fully_cached_copy(db: Path) -> Path:
    """A copy of the bench library with every attachment in the offline cache (a trainer's, before a trip),
    its search index built; made once beside the library (the state only: no files are downloaded)."""
    import shutil
    import sqlite3
    from contextlib import closing

    from reslib_desktop.library import Library

    copy = db.with_name(f"{db.stem}-fully-cached.db")
    done = copy.with_name(copy.name + ".ready")
    if done.exists() and done.stat().st_mtime >= db.stat().st_mtime:
        return copy
    for stale in (copy, done, Path(f"{copy}-wal"), Path(f"{copy}-shm")):
        stale.unlink(missing_ok=True)
    shutil.rmtree(copy.with_name(copy.name + ".search-index"), ignore_errors=True)
    with closing(sqlite3.connect(db)) as source, closing(sqlite3.connect(copy)) as target:
        source.backup(target)
    with closing(sqlite3.connect(copy)) as connection, connection:
        connection.execute("UPDATE attachments SET cache_state = 'cached', cache_updated_at = '2026-01-01'")
        connection.execute("DELETE FROM index_outbox")  # the index is built from the file below
    with Library.open(copy) as library:
        library.build_search_index()
    done.touch()
    return copy


def first_search_fully_cached(db: Path, repeat: int = 3) -> dict[str, Any]:
    """`first_search` (ours) on a copy of the library whose attachments are all cached: every resource is
    available offline, and the offline facet counts them all."""
    from reslib_desktop.gui.search_controller import run_search
    from reslib_desktop.library import FACETS, SearchQuery, SortKey

    opened = _Reopened(fully_cached_copy(db))
    result: dict[str, Any] = {}
    result["ours"], found = measure(lambda: run_search(opened.library, SearchQuery(sort=SortKey.DATE), FACETS),
                                    repeat, 0, opened.reopen)
    opened.close()
    offline = {value.value: value.count for value in found.facets.get("offline", [])}
    result["offline_yes"] = offline.get("yes", 0)
    return result

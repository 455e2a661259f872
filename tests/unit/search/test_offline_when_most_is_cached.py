"""A trainer's library has nearly every attachment cached. Searching it must still find and count exactly the
resources available offline (the engine holds them as the short list of those that are not), and see a change
to the cache made in between, by this process or another."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

from reslib_desktop.ingest.apply import apply_records
from reslib_desktop.library import Library, SearchQuery, parse_query
from reslib_desktop.store import search as reference
from support import synthetic_records

TEXTS = ["", "housing", "offline:yes", "-offline:yes housing", "offline:no"]


def _library(path: Path, cached_share: float) -> Library:
    library = Library.open(path, create=True)
    with library.engine.begin() as connection:
        apply_records(connection, synthetic_records(300), now=datetime(2026, 1, 1))
    with closing(sqlite3.connect(path)) as raw, raw:
        raw.execute("UPDATE attachments SET cache_state = 'cached' WHERE resource_id % 100 < ?", (cached_share * 100,))
    return library


def _agree(library: Library, typed: str, selection: set[str] | None = None) -> None:
    query = SearchQuery(text=parse_query(typed))
    if selection is not None:
        query = query.with_selection("offline", selection)
    found = library.search_full(query)
    with library.engine.connect() as connection:
        assert sorted(found.ids) == sorted(row.id for row in reference.page(connection, query, 0, 10_000)), typed
        assert found.facets["offline"] == reference.facet_counts(connection, query)["offline"], typed


@pytest.mark.parametrize("cached_share", [0.0, 0.2, 0.9, 1.0])
def test_offline_results_and_counts_match_the_library_at_any_share_cached(tmp_path: Path, cached_share: float) -> None:
    with _library(tmp_path / "library.db", cached_share) as library:
        for typed in TEXTS:
            _agree(library, typed)
        _agree(library, "", {"yes"})
        _agree(library, "housing", {"no"})


def test_a_change_to_the_cache_shows_in_the_next_search(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    with _library(path, 0.9) as library:
        offline = SearchQuery().with_selection("offline", {"yes"})
        before = library.search_full(offline).total
        assert library.search_full(offline).total == before  # the same answer from what was read
        # Another process's commit: one offline resource loses a file.
        with closing(sqlite3.connect(path)) as other, other:
            resource_id = other.execute(
                "SELECT resource_id FROM attachments WHERE cache_state = 'cached' LIMIT 1"
            ).fetchone()[0]
            other.execute("UPDATE attachments SET cache_state = 'not_cached' WHERE resource_id = ?", (resource_id,))
        after = library.search_full(offline)
        assert after.total == before - 1 and resource_id not in after.ids
        with library.engine.begin() as connection:  # and back, through the library's own connections
            connection.exec_driver_sql(
                f"UPDATE attachments SET cache_state = 'cached' WHERE resource_id = {int(resource_id)}"
            )
        assert library.search_full(offline).total == before
        _agree(library, "", {"yes"})


def test_the_first_search_after_opening_reads_offline_from_the_index_not_the_cache_states(tmp_path: Path) -> None:
    """Which resources are available offline is in the search index: the first search after opening a fully
    cached library (a trainer's) counts them without reading every attachment's cache state (that read took
    ~210 ms at 100,000 resources, 2.1 s at 1,000,000)."""
    from sqlalchemy import event

    path = tmp_path / "library.db"
    _library(path, 1.0).close()
    with Library.open(path) as library:
        library.refresh_search_index()  # the download's changes taken into the index (as the app does)
    with Library.open(path) as library:
        library.engine.dispose()
        statements: list[str] = []
        event.listen(library.engine, "connect", lambda dbapi, _record: dbapi.set_trace_callback(statements.append))
        query = SearchQuery().with_selection("offline", {"yes"})
        found = library.search_full(query)
        counted = found.facets["offline"]
        assert not [s for s in statements if "cache_state" in s], statements
        with library.engine.connect() as connection:
            assert counted == reference.facet_counts(connection, query)["offline"]
            assert found.total == len(reference.page(connection, query, 0, 10_000)) == 300

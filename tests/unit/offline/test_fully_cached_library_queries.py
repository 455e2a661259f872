"""A trainer's library has every attachment cached before a trip. The queries that read one resource's or
one file's attachments must then look them up by resource or by file, not walk every cached attachment of
the library: without statistics SQLite preferred the cache_state index, and one page of 200 result rows
took 5.8 s in a fully cached library of 100,000 resources (2.1 ms after the fix)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from sqlalchemy import event, text

from reslib_desktop.library import Library, SearchQuery
from reslib_desktop.offline.state import forget_file
from reslib_desktop.store.schema import CacheState


def _cache_everything(library: Library) -> None:
    with library.engine.begin() as connection:
        connection.execute(text("UPDATE attachments SET cache_state = 'cached', sha256 = printf('%064x', id % 5)"))


@contextmanager
def _statements(library: Library) -> Iterator[list[str]]:
    """Every SQL statement the library runs meanwhile, with its values (sqlite3's own trace)."""
    seen: list[str] = []

    def trace(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.set_trace_callback(seen.append)

    event.listen(library.engine, "connect", trace)
    library.engine.dispose()  # pooled connections are made again, traced
    try:
        yield seen
    finally:
        event.remove(library.engine, "connect", trace)
        library.engine.dispose()


def _attachment_lookups(path: Path, statements: list[str]) -> list[str]:
    """How SQLite finds the attachments in each statement that reads them (EXPLAIN QUERY PLAN)."""
    plans = []
    with closing(sqlite3.connect(path)) as connection, connection:
        for statement in statements:
            if "attachments" in statement and not statement.lstrip().upper().startswith(("PRAGMA", "BEGIN")):
                rows = connection.execute(f"EXPLAIN QUERY PLAN {statement}").fetchall()
                plans += [row[-1] for row in rows if " attachments" in row[-1] or " a " in row[-1]]
    return plans


def test_result_rows_count_a_resource_cached_attachments_through_its_own(library_copy: Path) -> None:
    with Library.open(library_copy) as library:
        _cache_everything(library)
        ids = library.all_resource_ids(SearchQuery())
        with _statements(library) as statements:
            rows = library.rows_by_ids(ids)
        lookups = _attachment_lookups(library_copy, statements)
    assert rows and all(row.cached_count == row.attachment_count for row in rows)
    assert any(row.attachment_count for row in rows)
    assert lookups and all("ix_attachments_resource" in lookup for lookup in lookups), lookups


def test_forgetting_a_missing_file_finds_its_attachments_by_file(library_copy: Path) -> None:
    with Library.open(library_copy) as library:
        _cache_everything(library)
        sha256 = f"{1:064x}"
        with library.engine.connect() as connection:
            having = connection.execute(
                text("SELECT count(*) FROM attachments WHERE sha256 = :s"), {"s": sha256}
            ).scalar()
        with _statements(library) as statements, library.engine.begin() as connection:
            forget_file(connection, sha256, CacheState.NOT_CACHED)
        with library.engine.connect() as connection:
            states = dict(connection.execute(text(
                "SELECT sha256 = :s, group_concat(DISTINCT cache_state) FROM attachments GROUP BY 1"), {"s": sha256}
            ).all())
        lookups = _attachment_lookups(library_copy, [s for s in statements if s.lstrip().upper().startswith("UPDATE")])
    assert having and states == {1: "not_cached", 0: "cached"}  # that file's attachments only
    assert lookups and any("ix_attachments_sha256" in lookup for lookup in lookups), lookups
    assert not any(lookup.endswith("ix_attachments_cache_state (cache_state=?)") for lookup in lookups), lookups

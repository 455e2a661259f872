"""The search engine (tantivy match + facet index) and the SQL reference (store/search.py over FTS5)
find the same resources with the same facet counts; every order but relevance is the same too
(relevance scores differ by design: tantivy's BM25 sums per-field scores). The type order (the index's own
since the type header was slow at 1M: 6.1 s the first time, 195 ms after) is read in parts, one per type:
a slice across two types reads both."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from reslib_desktop.ingest.apply import apply_records
from reslib_desktop.library import Library, SearchQuery, SortKey, parse_query
from reslib_desktop.store import search as reference
from support import synthetic_records

TEXTS = ["", "housing", "resource", "housing -health", '"synthetic resource"', "labor OR youth",
         "type:report", "-type:toolkit year:2000..2010", "topic:housing", "hous", "zzznothing"]
SELECTIONS = [{}, {"type": {"report"}}, {"type": {"report", "toolkit"}, "topic": {"Housing"}}, {"year": {"", "2001"}}]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    path: Path = tmp_path_factory.mktemp("agree") / "library.db"
    with Library.open(path, create=True) as opened:
        records = synthetic_records(700)
        for record in records[::23]:  # some without a type: last in the type order, both ways
            record.resource_type = None
        with opened.engine.begin() as connection:
            apply_records(connection, records, now=datetime(2026, 1, 1))
        yield opened


@pytest.mark.parametrize("typed", TEXTS)
def test_both_searches_agree_for_every_sort_and_selection(library: Library, typed: str) -> None:
    for sort in SortKey:
        for descending in (True, False):
            for selection in SELECTIONS:
                query = SearchQuery(text=parse_query(typed), sort=sort, descending=descending)
                for facet, values in selection.items():
                    query = query.with_selection(facet, values)
                full = library.search_full(query)
                with library.engine.connect() as connection:
                    expected = [row.id for row in reference.page(connection, query, 0, 10_000)]
                    expected_facets = reference.facet_counts(connection, query)
                    assert reference.count(connection, query) == full.total
                if sort is SortKey.RELEVANCE and query.text.match:
                    assert sorted(full.ids) == sorted(expected), (typed, sort, descending, selection)
                else:
                    assert full.ids == expected, (typed, sort, descending, selection)
                assert full.facets == expected_facets, (typed, sort, descending, selection)


def test_search_follows_changes_to_the_library(library: Library, tmp_path: Path) -> None:
    before = library.search_full(SearchQuery(text=parse_query("housing"))).total
    with library.engine.begin() as connection:
        records = synthetic_records(5)
        for number, record in enumerate(records):
            record.uid = f"late-{number}"
            record.title = f"Late housing resource {number}"
        apply_records(connection, records, now=datetime(2026, 2, 1))
    after = library.search_full(SearchQuery(text=parse_query("housing")))
    assert after.total == before + 5
    assert after.total == library.search(SearchQuery(text=parse_query("housing")), 0, 1).total


def test_a_collection_limits_results_and_keeps_its_own_order(library: Library, tmp_path: Path) -> None:
    service = library.offline_service(tmp_path / "cache")
    members = library.search_full(SearchQuery(text=parse_query("housing"), sort=SortKey.TITLE)).ids[:7]
    chosen = list(reversed(members))
    service.create_collection("Training kit")
    service.add_to_collection("Training kit", chosen)
    for descending in (True, False):
        query = SearchQuery(collection="Training kit", sort=SortKey.POSITION, descending=descending)
        full = library.search_full(query)
        assert full.ids == (chosen if descending else list(reversed(chosen)))
        assert full.ids == [row.id for row in library.search(query, 0, 100).rows]
    narrowed = SearchQuery(text=parse_query("type:report"), collection="Training kit", sort=SortKey.TITLE)
    assert library.search_full(narrowed).ids == [row.id for row in library.search(narrowed, 0, 100).rows]
    assert library.search_full(narrowed).facets == library.facet_counts(narrowed)


def test_the_engine_sees_changes_made_by_another_process(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "shared.db"
    with Library.open(path, create=True) as library:
        with library.engine.begin() as connection:
            apply_records(connection, synthetic_records(50), now=datetime(2026, 1, 1))
        query = SearchQuery(text=parse_query("housing"))
        before = library.search_full(query)
        for _ in range(3):  # the same pooled connections, checked cheaply
            assert library.search_full(query).ids == before.ids
        victim = before.ids[0]
        other = sqlite3.connect(path)  # e.g. `reslib import` running beside the window
        other.execute("PRAGMA foreign_keys=ON")
        other.execute("DELETE FROM resources WHERE id = ?", (victim,))
        other.commit()
        other.close()
        after = library.search_full(query)
        assert victim not in after.ids and after.total == before.total - 1
        assert after.library_size == 49


def test_repeated_searches_see_attachment_text_indexed_in_between(tmp_path: Path) -> None:
    """The window re-sorts from remembered matches; newly indexed PDF text must still be found."""
    from sqlalchemy import text

    with Library.open(tmp_path / "text.db", create=True) as library:
        with library.engine.begin() as connection:
            apply_records(connection, synthetic_records(20), now=datetime(2026, 1, 1))
        query = SearchQuery(text=parse_query("zebrafish"), sort=SortKey.TITLE)
        assert library.search_full(query).total == 0
        with library.engine.begin() as connection:  # what the PDF indexer does for one attachment
            attachment_id, resource_id = connection.execute(
                text("SELECT id, resource_id FROM attachments LIMIT 1")
            ).one()
            connection.execute(
                text("INSERT INTO attachment_pages (attachment_id, page, text) VALUES (:a, 1, 'about zebrafish')"),
                {"a": attachment_id},
            )
            connection.execute(
                text("UPDATE attachments SET text_state = 'indexed' WHERE id = :a"), {"a": attachment_id}
            )
        assert library.search_full(query).ids == [resource_id]
        assert library.search_full(SearchQuery(text=parse_query("zebrafish"), sort=SortKey.DATE)).ids == [resource_id]


def test_type_order_reads_across_the_parts_it_is_made_of(library: Library) -> None:
    for descending in (False, True):
        query = SearchQuery(text=parse_query("resource"), sort=SortKey.TYPE, descending=descending)
        found = library.search_full(query).ids
        with library.engine.connect() as connection:
            rows = reference.page(connection, query, 0, 10_000)
        expected, types = [row.id for row in rows], {row.id: row.resource_type for row in rows}
        boundary = next(n for n in range(1, len(expected)) if types[expected[n]] != types[expected[n - 1]])
        assert found[boundary - 3 : boundary + 3] == expected[boundary - 3 : boundary + 3]
        assert found[-1] == expected[-1] and types[expected[-1]] is None  # no type last, both ways
        assert found.index(expected[boundary]) == boundary and expected[-5] in found
        assert list(found) == expected


def test_a_collections_own_order_is_the_index_own_and_matches_the_library(library: Library, tmp_path: Path) -> None:
    """Opening a collection shows it in its own order (SortKey.POSITION): read from the index with the members'
    list, not through the numpy path (which first built the whole facet index: seconds at 1M)."""
    service = library.offline_service(tmp_path / "cache")
    with library.engine.connect() as connection:
        every = [row.id for row in reference.page(connection, SearchQuery(sort=SortKey.TITLE), 0, 10_000)]
    members = every[::37][:15]
    service.create_collection("Trip")
    service.add_to_collection("Trip", members)
    service.move_in_collection("Trip", members[-1], 0)  # its own order is neither id nor title order
    service.move_in_collection("Trip", members[3], 7)
    for typed in ("", "housing", "resource -health", "type:report"):
        for descending in (True, False):
            for selection in ({}, {"topic": {"Housing", "Labor"}}):
                query = SearchQuery(text=parse_query(typed), sort=SortKey.POSITION, descending=descending,
                                    collection="Trip")
                for facet, values in selection.items():
                    query = query.with_selection(facet, values)
                found = library.search_full(query)
                with library.engine.connect() as connection:
                    expected = [row.id for row in reference.page(connection, query, 0, 10_000)]
                    assert found.facets == reference.facet_counts(connection, query), (typed, selection)
                assert list(found.ids) == expected and found.total == len(expected), (typed, descending, selection)
    assert library.search_full(SearchQuery(sort=SortKey.POSITION, collection="Trip")).ids[0] == members[-1]


def test_type_order_is_right_when_its_first_page_is_read_early(tmp_path: Path) -> None:
    """The type order's first page is read while the types are counted, from the type the order most likely
    starts with (the first of the index's types, the last descending). It must make no difference: a first
    type longer than a page (read on from that page, titles tied), and a guess the query has no match of."""
    with Library.open(tmp_path / "library.db", create=True) as library:
        records = synthetic_records(900)
        for number, record in enumerate(records):
            record.resource_type = "brief" if number % 3 else ("toolkit" if number % 2 else None)
            if number % 7 == 0:
                record.title = "Same title for several"  # ties in the order by title within a type
        with library.engine.begin() as connection:
            apply_records(connection, records, now=datetime(2026, 1, 1))
        for typed in ("resource", "about housing", "type:toolkit", "-type:brief"):
            for descending in (False, True):
                query = SearchQuery(text=parse_query(typed), sort=SortKey.TYPE, descending=descending)
                with library.engine.connect() as connection:
                    expected = [row.id for row in reference.page(connection, query, 0, 10_000)]
                found = library.search_full(query).ids
                assert len(expected) > 0 and list(found) == expected, (typed, descending)
                assert found[:200] == expected[:200] and found[390:410] == expected[390:410], (typed, descending)

"""Result ids read lazily from the index behave as the list of every match, in order."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from reslib_desktop.ingest.apply import apply_records
from reslib_desktop.library import Library, SearchQuery, SortKey, parse_query
from reslib_desktop.store import search as reference
from support import synthetic_records


def test_slices_positions_and_lookups_match_the_full_order(tmp_path: Path) -> None:
    with Library.open(tmp_path / "library.db", create=True) as library:
        with library.engine.begin() as connection:
            apply_records(connection, synthetic_records(1100), now=datetime(2026, 1, 1))
        for sort in (SortKey.DATE, SortKey.TITLE):
            query = SearchQuery(text=parse_query("synthetic "), sort=sort, descending=False)
            with library.engine.connect() as connection:
                expected = [row.id for row in reference.page(connection, query, 0, 10_000)]
            ids = library.search_full(query, ()).ids
            assert len(ids) == len(expected) == 1100
            assert ids[450:650] == expected[450:650]  # across a chunk boundary, read first
            assert ids[0] == expected[0] and ids[-1] == expected[-1]
            assert ids.index(expected[1000]) == 1000 and expected[999] in ids and -5 not in ids
            assert ids == expected and list(ids) == expected


def _records_with_ties(count: int) -> list:
    """Half the records share one title, description and date (equal sort keys and equal scores)."""
    from dataclasses import replace as changed

    from reslib_desktop.ingest.dates import parse_date

    records = synthetic_records(count)
    twin = changed(records[0], title="Housing twin", description="Housing and employment.",
                   published=parse_date("March 3, 2020"))
    return [changed(twin, uid=f"twin-{n}") if n % 2 else record for n, record in enumerate(records)]


def test_pages_read_one_after_another_equal_one_big_search_in_every_order(tmp_path: Path) -> None:
    from reslib_desktop.search.results import CHUNK

    with Library.open(tmp_path / "library.db", create=True) as library:
        with library.engine.begin() as connection:
            apply_records(connection, _records_with_ties(2300), now=datetime(2026, 1, 1))
        orders = [(SortKey.TITLE, False), (SortKey.TITLE, True), (SortKey.DATE, False), (SortKey.DATE, True)]
        queries = [SearchQuery(sort=sort, descending=descending) for sort, descending in orders]
        queries += [SearchQuery(text=parse_query("housing"), sort=sort, descending=descending)
                    for sort, descending in [*orders, (SortKey.RELEVANCE, True), (SortKey.RELEVANCE, False)]]
        for query in queries:
            whole = list(library.search_full(query, ()).ids)  # one search of every match
            paged = library.search_full(query, ()).ids
            read: list[int] = []
            for start in range(0, len(paged), CHUNK):  # as the results table scrolls: page after page
                read.extend(paged[start : start + CHUNK])
            assert len(whole) == len(paged) > 1000
            assert read == whole, query
            if query.sort is not SortKey.RELEVANCE:
                with library.engine.connect() as connection:  # ties broken by id, as SQLite's order
                    expected = [row.id for row in reference.page(connection, query, 0, 10_000)]
                assert read == expected, query


def test_least_relevant_first_is_best_first_read_backwards_at_any_depth(tmp_path: Path) -> None:
    with Library.open(tmp_path / "library.db", create=True) as library:
        with library.engine.begin() as connection:
            apply_records(connection, _records_with_ties(2300), now=datetime(2026, 1, 1))
        for words, selections in [("housing", ()), ("housing employment", ()), ("hous", ()),
                                  ("housing", (("type", frozenset({"report"})),))]:
            best = SearchQuery(text=parse_query(words), sort=SortKey.RELEVANCE, descending=True,
                               selections=selections)
            worst = SearchQuery(text=parse_query(words), sort=SortKey.RELEVANCE, descending=False,
                                selections=selections)
            best_first = library.search_full(best)
            worst_first = library.search_full(worst)
            assert worst_first.total == best_first.total and worst_first.facets == best_first.facets
            expected = list(best_first.ids)[::-1]
            assert len(expected) > 200, words
            ids = worst_first.ids
            middle = len(expected) // 2
            assert ids[middle : middle + 3] == expected[middle : middle + 3]  # read deep first, out of order
            assert ids[0] == expected[0] and ids[-1] == expected[-1]
            assert list(ids) == expected, words

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

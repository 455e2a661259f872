"""Property: whatever a user types, the keyword box yields a query the real library runs without error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reslib_desktop.library import Library, SearchQuery, SortKey, parse_query

# Pieces users type, FTS5 syntax among them, so generated strings hit the tricky cases often.
_PIECES = st.sampled_from(
    ['"', "'", "-", "(", ")", "*", "^", ":", "OR", "AND", "NOT", "NEAR", "NEAR(", "type:", "topic:", "year:",
     "year:2019..2022", "year:..", "offline:", "offline:maybe", "audience:\"", "--", "-\"", " ", "  ", "housing",
     "peer", "trafficking", "é", "ß", "_", "\\", "{", "}", "+", "\u00a0", "\t", "0", "2021", ".."]
)
_TYPED = st.one_of(st.text(max_size=60), st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=14).map("".join))


@pytest.fixture(scope="module")
def shipped_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    path: Path = tmp_path_factory.mktemp("prop") / "library.db"
    path.write_bytes((Path(__file__).resolve().parents[2] / "resources.db").read_bytes())
    with Library.open(path) as library:
        yield library


@settings(max_examples=2000, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=_TYPED, sort=st.sampled_from(list(SortKey)))
@pytest.mark.slow
def test_any_typed_text_searches_without_error(shipped_library: Library, typed: str, sort: SortKey) -> None:
    text_query = parse_query(typed)
    query = SearchQuery(text=text_query, sort=sort)
    page = shipped_library.search(query, 0, 5)
    assert 0 <= page.total <= 57
    assert len(page.rows) == min(5, page.total)
    counts = shipped_library.facet_counts(query, ("type", "offline"))
    assert sum(v.count for v in counts["offline"]) == page.total
    if page.total == 0:
        shipped_library.suggestions(text_query)

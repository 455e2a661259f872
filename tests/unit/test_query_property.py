"""Property: whatever a user types, the keyword box yields a query the search engine runs without error,
finding what the SQL reference finds."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reslib_desktop.library import Library, SearchQuery, SortKey, parse_query
from reslib_desktop.search.fields import analyzer
from reslib_desktop.store import search as reference

# Pieces users type, FTS5 syntax among them, so generated strings hit the tricky cases often.
_PIECES = st.sampled_from(
    ['"', "'", "-", "(", ")", "*", "^", ":", "OR", "AND", "NOT", "NEAR", "NEAR(", "type:", "topic:", "year:",
     "year:2019..2022", "year:..", "offline:", "offline:maybe", "audience:\"", "--", "-\"", " ", "  ", "housing",
     "peer", "trafficking", "é", "ß", "_", "\\", "{", "}", "+", "\u00a0", "\t", "0", "2021", ".."]
)
_TYPED = st.one_of(st.text(max_size=60), st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=14).map("".join))


_ANALYZER = analyzer()


def _folds_alike(words: tuple[str, ...]) -> bool:
    for word in words:
        plain = "".join(
            c for c in unicodedata.normalize("NFD", word.strip('"*()')) if not unicodedata.combining(c)
        ).lower()
        if plain and _ANALYZER.analyze(word.strip('"*()')) != [plain]:
            return False
    return True


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
    # The SQL reference finds the same resources, for words both fold alike (tantivy folds to ASCII,
    # Straße -> strasse, Þ -> th; FTS5 only strips accents).
    with shipped_library.engine.connect() as connection:
        if _folds_alike(text_query.terms + tuple(word for e in text_query.exclude for word in e.split())):
            assert sorted(shipped_library.search_full(query, ()).ids) == sorted(
                row.id for row in reference.page(connection, query, 0, 100)
            ), typed
    assert len(page.rows) == min(5, page.total)
    counts = shipped_library.facet_counts(query, ("type", "offline"))
    assert sum(v.count for v in counts["offline"]) == page.total
    if page.total == 0:
        shipped_library.suggestions(text_query)

"""The keyword box language, checked by what it finds in a real FTS5 table."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reslib_desktop.store.query import TextQuery
from reslib_desktop.store.querylang import parse_query

FTS_TABLE = "CREATE VIRTUAL TABLE t USING fts5(a, tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')"
DOCS = {
    1: "Housing programs environmental scan",
    2: "Employment programs fact sheet",
    3: "Shelter and housing fact sheet",
    4: "Draft old version of the report",
    5: "Child trafficking near the border",
    6: "Café guide for survivors",
}


def _fts() -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    connection.execute(FTS_TABLE)
    return connection


@pytest.fixture(scope="module")
def docs() -> Iterator[sqlite3.Connection]:
    connection = _fts()
    connection.executemany("INSERT INTO t(rowid, a) VALUES (?, ?)", DOCS.items())
    yield connection
    connection.close()


def _ids(connection: sqlite3.Connection, expression: str) -> set[int]:
    return {rowid for (rowid,) in connection.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,))}


def _hits(connection: sqlite3.Connection, text: str) -> set[int]:
    """The documents a search for `text` shows: its match, minus its exclusions."""
    query = parse_query(text)
    found = _ids(connection, query.match) if query.match else set(DOCS)
    for expression in query.exclude:
        found -= _ids(connection, expression)
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("housing", {1, 3}),
        ("housing fact", {3}),
        ("hous", {1, 3}),
        ("hous ", set()),
        ('"fact sheet"', {2, 3}),
        ('"sheet fact"', set()),
        ("housing -shelter", {1}),
        ('-"fact sheet"', {1, 4, 5, 6}),
        ("housing OR employment", {1, 2, 3}),
        ("housing OR employment fact", {2, 3}),
        ("programs OR shelter -employment", {1, 3}),
        ('"fact sheet', {2, 3}),
        ("NEAR", {5}),
        ("near border", {5}),
        ("and ", {3}),
        ("cafe", {6}),
        ("CAFÉ", {6}),
        ("housing\u00a0fact", {3}),
        ("", set(DOCS)),
        ("!!!", set(DOCS)),
    ],
)
def test_search_finds(docs: sqlite3.Connection, text: str, expected: set[int]) -> None:
    assert _hits(docs, text) == expected


def test_empty_text_has_no_expressions() -> None:
    for text in (None, "", "   ", "!!!", '""', "()"):
        query = parse_query(text)
        assert (query.match, query.exclude, query.filters) == (None, (), ())


@pytest.mark.parametrize(
    ("text", "facet", "values"),
    [
        ("type:report", "type", {"report"}),
        ("type:Reports", "type", {"report"}),
        ('type:"fact sheet"', "type", {"fact_sheet"}),
        ('topic:"child trafficking"', "topic", {"child trafficking"}),
        ("audience:youth", "audience", {"youth"}),
        ("-type:report", "-type", {"report"}),
    ],
)
def test_field_filters(text: str, facet: str, values: set[str]) -> None:
    query = parse_query(text)
    assert query.filter_values(facet) == values
    assert query.match is None


@pytest.mark.parametrize(
    ("text", "span"),
    [("year:2021", (2021, 2021)), ("year:2019..2022", (2019, 2022)), ("year:2022..2019", (2019, 2022)),
     ("year:..2019", (None, 2019)), ("year:2019..", (2019, None))],
)
def test_year_filters(text: str, span: tuple[int | None, int | None]) -> None:
    query = parse_query(text)
    assert (query.year_from, query.year_to) == span


@pytest.mark.parametrize(
    ("text", "hint"),
    [("year:abc", "year:abc"), ("type:", "type:"), ('"fact sheet', "closing quote"), ("housing OR", "OR"),
     ("OR housing", "OR")],
)
def test_loose_text_gets_a_note(text: str, hint: str) -> None:
    query = parse_query(text)
    assert any(hint in note for note in query.notes)


def test_words_after_a_dangling_or_are_still_searched(docs: sqlite3.Connection) -> None:
    assert _hits(docs, "OR housing") == _hits(docs, "housing") == {1, 3}


def test_terms_to_highlight_leave_out_exclusions_and_filters() -> None:
    query = parse_query('housing "fact sheet" -draft type:report')
    assert query.terms == ("housing", "fact", "sheet")


def test_unknown_field_is_read_as_words(docs: sqlite3.Connection) -> None:
    assert parse_query("child:trafficking").filters == ()
    assert _hits(docs, "child:trafficking") == {5}


def test_underscore_is_punctuation_like_any_other(docs: sqlite3.Connection) -> None:
    assert _hits(docs, "housing _") == _hits(docs, "housing") == {1, 3}
    assert _hits(docs, "___") == set(DOCS)


_ODD = st.sampled_from([*'"-*^:()_.,;!?\'\\/ \u00a0…é', "OR", "AND", "NOT", "NEAR", "type:", "year:", "a", "b"])


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=40), st.lists(_ODD, max_size=12).map("".join)))
def test_parse_query_output_is_always_valid_fts5(text: str) -> None:
    """Whatever is typed, parsing never raises and FTS5 accepts every expression."""
    query = parse_query(text)
    assert isinstance(query, TextQuery)
    connection = _fts()
    try:
        for expression in ([query.match] if query.match else []) + list(query.exclude):
            connection.execute("SELECT * FROM t WHERE t MATCH ?", (expression,)).fetchall()
    finally:
        connection.close()

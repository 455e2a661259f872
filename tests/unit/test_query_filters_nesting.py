"""Parentheses nest up to a limit (querylang._MAX_NESTING): a group nested deeper is ignored with a note,
never a crash (the parser recursed, 400-500 levels raised RecursionError) nor an expression FTS5 refuses."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reslib_desktop.cli import main
from reslib_desktop.library import Library, SearchQuery, parse_query
from reslib_desktop.store import querylang

DEPTH = 16  # querylang._MAX_NESTING
NOTE = f"parentheses nested more than {DEPTH} deep: the part inside them was ignored"


def _nested(depth: int, opening: str = "(", closed: bool = True) -> str:
    return opening * depth + "housing" + (")" * depth if closed else "")


@pytest.mark.parametrize("typed", [_nested(500), _nested(500, closed=False), _nested(2000, "-("),
                                   _nested(DEPTH + 1), "(a OR " * 600 + "housing"])
def test_deep_parentheses_search_with_a_note(shipped_copy: Path, typed: str) -> None:
    query = parse_query(typed)
    assert NOTE in query.notes
    with Library.open(shipped_copy) as library:
        everything = library.search_full(SearchQuery(), ()).total
        assert library.search_full(SearchQuery(text=query), ()).total <= everything


def test_parentheses_up_to_the_limit_are_searched(shipped_copy: Path) -> None:
    assert querylang._MAX_NESTING == DEPTH
    with Library.open(shipped_copy) as library:
        housing = library.search_full(SearchQuery(text=parse_query("housing ")), ()).ids
        nested = parse_query(_nested(DEPTH))
        assert nested.notes == ()
        assert housing and library.search_full(SearchQuery(text=nested), ()).ids == housing


@pytest.mark.parametrize("step", ["(", "-(", "a OR (", "a OR b c (", "x (a OR b (", "-(a OR b c OR ("])
def test_fts5_accepts_the_deepest_expressions(step: str) -> None:
    """The match and exclusions also run in FTS5 (an attachment's matching pages)."""
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(a, tokenize='unicode61 remove_diacritics 2')")
    query = parse_query(step * DEPTH + "housing" + ")" * DEPTH)
    expressions = ([query.match] if query.match else []) + list(query.exclude)
    assert expressions
    for expression in expressions:
        connection.execute("SELECT * FROM t WHERE t MATCH ?", (expression,)).fetchall()
    connection.close()


def test_the_command_line_prints_the_note_not_a_traceback(
    shipped_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(shipped_copy), "search", _nested(500)]) == 0
    captured = capsys.readouterr()
    assert captured.out.split()[1:2] == ["resources"]
    assert f"note: {NOTE}" in captured.err and "Traceback" not in captured.err

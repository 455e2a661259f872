"""Typed filters take part in the query where they are written: a negated year excludes it, filters of one
field OR together, -( ) negates them; repeated filters AND (two years find nothing, and a note says why); a
filter the search cannot place (OR-ed with words) is ignored with a note naming it, never turned around.
Each result is checked in a real library, and against the SQL reference."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from reslib_desktop.ingest.apply import apply_records
from reslib_desktop.ingest.dates import parse_date
from reslib_desktop.ingest.record import ResourceRecord
from reslib_desktop.library import Library, SearchQuery, parse_query
from reslib_desktop.store import search as reference

RECORDS = [  # uid, title, type, date
    ("r2019", "Housing report", "report", "2019-05-01"),
    ("r2020", "Shelter report", "report", "2020-05-01"),
    ("b2020", "Youth brief", "brief", "June 2020"),
    ("t2021", "Housing toolkit", "toolkit", "2021"),
    ("undated", "Housing notes", None, None),
]
EVERYTHING = {uid for uid, *_ in RECORDS}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    path: Path = tmp_path_factory.mktemp("filters") / "library.db"
    records = [ResourceRecord(title=title, resource_type=kind, published=parse_date(date), uid=uid)
               for uid, title, kind, date in RECORDS]
    with Library.open(path, create=True) as opened:
        with opened.engine.begin() as connection:
            apply_records(connection, records, now=datetime(2026, 1, 1))
        yield opened


def _found(library: Library, typed: str) -> tuple[set[str], tuple[str, ...]]:
    """The uids a search for `typed` shows and its notes; the SQL reference must find the same."""
    query = SearchQuery(text=parse_query(typed))
    ids = library.search_full(query, ()).ids
    with library.engine.connect() as connection:
        assert sorted(ids) == sorted(row.id for row in reference.page(connection, query, 0, 100)), typed
    return {library.resource(rid).uid for rid in ids}, query.text.notes


@pytest.mark.parametrize(
    ("typed", "hidden"),
    [("-year:2020", {"r2020", "b2020"}), ("-year:2019..2020", {"r2019", "r2020", "b2020"}),
     ("-year:..2019", {"r2019"}), ("-(year:2019 OR year:2021)", {"r2019", "t2021"})],
)
def test_an_excluded_year_leaves_every_other_year_and_the_undated(library: Library, typed: str, hidden: set) -> None:
    assert _found(library, typed) == (EVERYTHING - hidden, ())
    assert _found(library, typed + " housing") == ({"r2019", "t2021", "undated"} - hidden, ())


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("-(type:report)", EVERYTHING - {"r2019", "r2020"}),
     ("-(type:report OR type:brief)", {"t2021", "undated"}),
     ("type:report OR type:brief", {"r2019", "r2020", "b2020"}),
     ("(type:report OR type:toolkit) housing", {"r2019", "t2021"}),
     ("housing (type:report)", {"r2019"}),
     ("year:2019 OR year:2021", {"r2019", "t2021"}),
     ("-(year:2020) -(type:toolkit)", {"r2019", "undated"})],
)
def test_filters_take_part_where_they_are_written(library: Library, typed: str, shown: set[str]) -> None:
    assert _found(library, typed) == (shown, ())


def test_two_years_and_together_as_two_types_do_with_a_note(library: Library) -> None:
    found, notes = _found(library, "year:2019 year:2021")
    assert found == set()
    assert notes == ("year:2019 and year:2021 together find nothing (a resource has one year); "
                     "for either, type year:2019 OR year:2021",)
    found, notes = _found(library, "type:report type:brief")
    assert found == set() and "a resource has one type" in notes[0]
    assert _found(library, "year:2019..2020 year:2020..2021") == ({"r2020", "b2020"}, ())  # both hold: 2020


def test_a_filter_or_ed_with_words_is_ignored_and_named(library: Library) -> None:
    found, notes = _found(library, "housing OR type:brief")
    assert found == {"r2019", "t2021", "undated"}  # the words still find theirs
    assert notes == ('"type:brief" was ignored: a filter is OR-ed only with filters of its own field '
                     "(type:report OR type:brief)",)
    found, notes = _found(library, "type:report OR type:brief OR housing")
    assert found == {"r2019", "t2021", "undated"} and len(notes) == 2


def test_a_negated_group_of_words_and_a_filter_is_ignored_whole_not_turned_around(library: Library) -> None:
    found, notes = _found(library, "-(shelter type:report)")
    assert found == EVERYTHING  # before: only the reports without "shelter"
    assert notes == ('"type:report" was ignored, and the -( ) around it: -( ) excludes words, or filters of one '
                     "field alone (-(type:report OR type:brief))",)

"""The pages listed under a resource found through its PDF text fold words as the search does: `strasse`,
`lodz`, `duong` find the page holding Straße, Łódź, đường (page_fts indexes the page through migration
0009's view), and the passage shows the page's own letters."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from reslib_desktop.ingest.service import ImportOptions, ImportService
from reslib_desktop.library import Library, SearchQuery, parse_query

PAGES = {
    1: "Introduction only.",
    2: "Die Straße nach Łódź, đường Ærø. Émile's ﬁnancial œuvre.",
    3: "Nothing about them here.",
}
LIBRARY_0004 = Path(__file__).resolve().parents[2] / "data" / "library-0004.db"


def _add_pages(path: Path, attachment_id: int, pages: dict[int, str]) -> None:
    """Pages written as any SQLite client would (the page index follows by triggers alone)."""
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.executemany(
            "INSERT INTO attachment_pages (attachment_id, page, text) VALUES (?, ?, ?)",
            [(attachment_id, page, text) for page, text in pages.items()],
        )


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    records = [{"uid": "manual", "title": "Manual", "date": "2019",
                "attachments": [{"label": "Full text", "url": "https://example.org/m.pdf"}]},
               {"uid": "other", "title": "Other", "date": "2020"}]
    (tmp_path / "records.json").write_text(json.dumps(records), encoding="utf-8")
    with Library.open(tmp_path / "pages.db", create=True) as opened:
        service = ImportService(opened, tmp_path / "cache")
        service.apply(service.preview([tmp_path / "records.json"], ImportOptions(format="json")))
        _add_pages(opened.path, _ids(opened)["attachment"], PAGES)
        yield opened


def _ids(library: Library) -> dict[str, int]:
    with closing(sqlite3.connect(library.path)) as connection:
        resource, attachment = connection.execute(
            "SELECT r.id, a.id FROM resources r JOIN attachments a ON a.resource_id = r.id WHERE r.uid = 'manual'"
        ).fetchone()
    return {"resource": resource, "attachment": attachment}


def _pages(library: Library, typed: str) -> list[tuple[int, str]]:
    """The matching pages (number, passage) of the manual, which the search must find first."""
    query = parse_query(typed)
    resource = _ids(library)["resource"]
    assert resource in library.search_full(SearchQuery(text=query), ()).ids, typed
    return [(m.page, m.snippet) for m in library.offline_service().page_matches(resource, query.match)]


@pytest.mark.parametrize(
    ("typed", "marked"),
    [
        ("strasse ", "[Straße]"),
        ("straße ", "[Straße]"),
        ("STRASSE ", "[Straße]"),
        ("lodz ", "[Łódź]"),
        ("Łódź ", "[Łódź]"),
        ("duong ", "[đường]"),
        ("aero ", "[Ærø]"),
        ("emile ", "[Émile]"),
        ("financial ", "[ﬁnancial]"),
        ("oeuvre ", "[œuvre]"),
        ("stras", "[Straße]"),  # still typing
        ('"nach lodz duong" ', "[nach Łódź, đường]"),  # FTS5 marks a phrase as one
    ],
)
def test_a_folded_word_lists_its_page_with_the_pages_own_letters(library: Library, typed: str, marked: str) -> None:
    [(page, passage)] = _pages(library, typed)
    assert page == 2 and marked in passage
    assert passage.replace("[", "").replace("]", "") in PAGES[2]


def test_the_page_index_follows_changed_and_removed_pages(library: Library) -> None:
    attachment = _ids(library)["attachment"]
    with closing(sqlite3.connect(library.path)) as connection, connection:
        connection.execute("UPDATE attachment_pages SET text = 'Ein Maß für Ørsted' WHERE page = 2")
    assert [page for page, _passage in _pages(library, "mass orsted ")] == [2]
    assert library.search_full(SearchQuery(text=parse_query("strasse ")), ()).ids == []
    with closing(sqlite3.connect(library.path)) as connection, connection:
        connection.execute("DELETE FROM attachment_pages WHERE attachment_id = ? AND page = 2", (attachment,))
    assert library.search_full(SearchQuery(text=parse_query("mass ")), ()).ids == []
    assert library.check() == []  # FTS5's integrity check: the index holds what the view gives


def test_an_upgraded_library_folds_the_pages_it_already_had(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copyfile(LIBRARY_0004, path)
    with closing(sqlite3.connect(path)) as connection:
        resource, attachment = connection.execute("SELECT resource_id, id FROM attachments ORDER BY id").fetchone()
    _add_pages(path, attachment, {40: "Die Straße nach Łódź"})
    with Library.open(path) as library:
        query = parse_query("lodz strasse ")
        assert resource in library.search_full(SearchQuery(text=query), ()).ids
        assert [m.page for m in library.offline_service().page_matches(resource, query.match)] == [40]
        assert library.check() == []

"""The search index agrees with SQLite after every kind of write, and after a crash between the
SQLite commit and the index update (a real kill -9): the next search catches up from the outbox."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import text

from reslib_desktop.ingest.apply import BULK_FROM, apply_records
from reslib_desktop.ingest.editing import edit_of
from reslib_desktop.ingest.service import ImportOptions, ImportService
from reslib_desktop.library import Library, SearchQuery, SortKey, parse_query
from reslib_desktop.search import searching
from reslib_desktop.search.engine import SearchIndex
from reslib_desktop.search.filters import Context
from reslib_desktop.store import search as reference
from support import synthetic_records

_NO_CONTEXT = Context(lambda _name: [])

WORDS = ["synthetic", "housing", "zebrafish", "okapi", "resource 3", "labor OR youth", "-health"]


def _assert_agrees(library: Library) -> None:
    """The library's index answers every word as an index rebuilt from SQLite now does, and holds one
    document per resource."""
    fresh = SearchIndex(library.path, library.path.parent / "fresh-index", prune_outbox=False)
    fresh.rebuild()
    for typed in WORDS:
        query = SearchQuery(text=parse_query(typed + " "), sort=SortKey.DATE)
        assert list(library.search_full(query, ()).ids) == list(searching.run(fresh, query, (), _NO_CONTEXT).ids), typed
    with library.engine.connect() as connection:
        resources = connection.execute(text("SELECT count(*) FROM resources")).scalar_one()
        for descending in (True, False):  # title order kept by ranks fitted between neighbours
            query = SearchQuery(sort=SortKey.TITLE, descending=descending)
            expected = [row.id for row in reference.page(connection, query, 0, 100_000)]
            assert list(library.search_full(query, ()).ids) == expected
    assert library.search_full(SearchQuery(), ()).library_size == resources


def _titles(library: Library, typed: str) -> list[str]:
    return [row.title for row in library.search(SearchQuery(text=parse_query(typed + " ")), 0, 100).rows]


def test_imports_undo_edits_deletes_and_page_text(tmp_path: Path) -> None:
    with Library.open(tmp_path / "library.db", create=True) as library:
        with library.engine.begin() as connection:
            apply_records(connection, synthetic_records(60), now=datetime(2026, 1, 1))
        _assert_agrees(library)

        records = tmp_path / "okapi.json"
        records.write_text(json.dumps([{"title": f"Okapi field notes {n}", "uid": f"okapi-{n}"} for n in range(5)]))
        service = ImportService(library)
        batch = service.apply(service.preview([records], ImportOptions())).batch_id
        assert len(_titles(library, "okapi")) == 5
        _assert_agrees(library)
        service.undo(batch)
        assert _titles(library, "okapi") == []
        _assert_agrees(library)

        first = library.search_full(SearchQuery(text=parse_query("synthetic ")), ()).ids[0]
        edit = edit_of(library.resource(first))
        library.save_resource(first, replace(edit, title="Zebrafish husbandry", topics=("Aquaculture",)))
        assert _titles(library, "zebrafish") == ["Zebrafish husbandry"]
        assert [v.value for v in library.facet_counts(SearchQuery(text=parse_query("zebrafish ")))["topic"]] == [
            "Aquaculture"
        ]
        _assert_agrees(library)

        library.delete_resources([first])
        assert _titles(library, "zebrafish") == []
        _assert_agrees(library)

        with library.engine.begin() as connection:  # what the PDF indexer writes for one attachment
            attachment, owner = connection.execute(text("SELECT id, resource_id FROM attachments LIMIT 1")).one()
            connection.execute(
                text("INSERT INTO attachment_pages (attachment_id, page, text) VALUES (:a, 1, 'an okapi in the text')"),
                {"a": attachment},
            )
        assert library.search_full(SearchQuery(text=parse_query("okapi ")), ()).ids == [owner]
        _assert_agrees(library)


_CRASHING_WRITER = """
import os, signal, sys
from sqlalchemy import text
from reslib_desktop.library import Library, SearchQuery, parse_query
library = Library.open(sys.argv[1])
library.search_full(SearchQuery(text=parse_query("synthetic ")))  # the index is current
with library.engine.begin() as connection:
    connection.execute(text("UPDATE resources SET title = 'Quokka census' WHERE id = (SELECT min(id) FROM resources)"))
    connection.execute(text("DELETE FROM resources WHERE id = (SELECT max(id) FROM resources)"))
print("committed", flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # after the SQLite commit, before the index heard of it
"""


def test_a_kill_between_commit_and_index_update_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    with Library.open(path, create=True) as library:
        with library.engine.begin() as connection:
            apply_records(connection, synthetic_records(40), now=datetime(2026, 1, 1))
        library.refresh_search_index()
    result = subprocess.run(
        [sys.executable, "-c", _CRASHING_WRITER, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
    )
    assert result.returncode == -9 and "committed" in result.stdout, result.stderr
    with Library.open(path) as library:
        assert _titles(library, "quokka") == ["Quokka census"]
        _assert_agrees(library)
        assert library.search_full(SearchQuery(), ()).library_size == 39


def test_an_index_of_another_library_state_is_rebuilt(tmp_path: Path) -> None:
    """A library file replaced by an older copy (a restored backup): its index is not trusted."""
    path = tmp_path / "library.db"
    with Library.open(path, create=True) as library:
        with library.engine.begin() as connection:
            apply_records(connection, synthetic_records(30), now=datetime(2026, 1, 1))
        library.refresh_search_index()
    backup = path.read_bytes()
    with Library.open(path) as library:
        with library.engine.begin() as connection:
            apply_records(
                connection,
                [replace(r, uid=f"late-{n}", title=f"Okapi {n}") for n, r in enumerate(synthetic_records(3))],
                now=datetime(2026, 2, 1),
            )
        assert len(_titles(library, "okapi")) == 3
    for side in tmp_path.glob("library.db-*"):
        side.unlink()
    path.write_bytes(backup)
    with Library.open(path) as library:
        assert _titles(library, "okapi") == []
        _assert_agrees(library)


def test_many_titles_landing_between_the_same_two_keep_title_order(tmp_path: Path) -> None:
    with Library.open(tmp_path / "library.db", create=True) as library:
        with library.engine.begin() as connection:
            apply_records(connection, synthetic_records(20), now=datetime(2026, 1, 1))
        library.refresh_search_index()
        for batch in range(3):  # each batch is applied as changes, not as a rebuild
            with library.engine.begin() as connection:
                late = [replace(r, uid=f"late-{batch}-{n}", title=f"Synthetic resource 1{batch}{n:03d}")
                        for n, r in enumerate(synthetic_records(300))]
                apply_records(connection, late, now=datetime(2026, 2, 1))
            library.refresh_search_index()
        first = library.search_full(SearchQuery(sort=SortKey.TITLE), ()).ids[5]
        library.save_resource(first, replace(edit_of(library.resource(first)), title="Aardvark survey"))
        assert (
            library.search(SearchQuery(sort=SortKey.TITLE, descending=False), 0, 1).rows[0].title == "Aardvark survey"
        )
        _assert_agrees(library)


_CRASHING_BULK_WRITER = """
import os, signal, sys
from dataclasses import replace
from datetime import datetime
from reslib_desktop.ingest.apply import BULK_FROM, apply_records
from reslib_desktop.library import Library, SearchQuery, parse_query
sys.path.insert(0, sys.argv[2])
from support import synthetic_records
library = Library.open(sys.argv[1])
library.search_full(SearchQuery(text=parse_query("synthetic ")))  # the index is current
records = [replace(r, uid=f"okapi-{n}", title=f"Okapi survey {n}") for n, r in enumerate(synthetic_records(BULK_FROM))]
with library.engine.begin() as connection:  # one bulk write: one outbox row per resource, no triggers
    apply_records(connection, records, now=datetime(2026, 2, 1))
print("committed", flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # after the SQLite commit, before the index heard of it
"""


def test_a_kill_between_a_bulk_import_commit_and_the_index_update_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    with Library.open(path, create=True) as library:
        with library.engine.begin() as connection:
            apply_records(connection, synthetic_records(40), now=datetime(2026, 1, 1))
        library.refresh_search_index()
    result = subprocess.run(
        [sys.executable, "-c", _CRASHING_BULK_WRITER, str(path), str(Path(__file__).resolve().parents[2])],
        capture_output=True, text=True, timeout=120, env=dict(os.environ),
    )
    assert result.returncode == -9 and "committed" in result.stdout, result.stderr
    with Library.open(path) as library:
        assert library.search(SearchQuery(text=parse_query("okapi "))).total == BULK_FROM
        _assert_agrees(library)

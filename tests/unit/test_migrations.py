"""A user's library made by an older version survives an upgrade, with a backup beside it."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from reslib_desktop.library import Library, SearchQuery, parse_query
from reslib_desktop.store.database import HEAD_REVISION
from tests.support import library_content

OLD_LIBRARY = Path(__file__).resolve().parent.parent / "data" / "library-0001.db"


def test_a_baseline_library_is_upgraded_with_its_contents_and_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    shutil.copyfile(OLD_LIBRARY, path)
    with Library.open(path) as library:
        info = library.info()
        assert info.schema_revision == HEAD_REVISION
        assert info.counts["resources"] == 48
        hits = library.search(SearchQuery(text=parse_query("housing")))
        assert [row.title for row in hits.rows] == ["Housing Programs Environmental Scan"]
        assert library.check() == []
    backup = path.with_name(f"library.db.before-{HEAD_REVISION}.bak")
    assert library_content(backup) == library_content(OLD_LIBRARY)


# Made by main at e4c09c5 (schema 0004, the app still keeping `resource_fts`): the shipped library plus
# two pages of text on attachment 1 (resource 3), so the old index's body column held words too.
LIBRARY_0004 = Path(__file__).resolve().parent.parent / "data" / "library-0004.db"


def _old_index_ids(path: Path, words: str) -> list[int]:
    with closing(sqlite3.connect(path)) as connection, connection:
        rows = connection.execute("SELECT rowid FROM resource_fts WHERE resource_fts MATCH ?", (words,)).fetchall()
    return sorted(row[0] for row in rows)


def test_a_library_with_the_old_full_text_table_loses_it_and_finds_the_same(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    shutil.copyfile(LIBRARY_0004, path)
    expected = {words: _old_index_ids(path, words) for words in ("housing", "okapi", "youth", "quokka")}
    assert expected["okapi"] == [3] and len(expected["housing"]) > 1
    with Library.open(path) as library:
        assert library.info().schema_revision == HEAD_REVISION
        for words, ids in expected.items():
            assert sorted(library.search_full(SearchQuery(text=parse_query(words))).ids) == ids, words
        assert library.check() == []
    with closing(sqlite3.connect(path)) as connection, connection:
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        assert not {name for name in names if name.startswith("resource_fts")}
        assert "page_fts" in names and "index_outbox" in names
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        page_hits = connection.execute("SELECT rowid FROM page_fts WHERE page_fts MATCH 'okapi'").fetchall()
        assert len(page_hits) == 1
    assert library_content(path.with_name(f"library.db.before-{HEAD_REVISION}.bak")) == library_content(LIBRARY_0004)


def _schema(path: Path) -> dict[tuple[str, str], str]:
    with closing(sqlite3.connect(path)) as connection, connection:
        rows = connection.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL").fetchall()
    return {(kind, name): " ".join(sql.split()) for kind, name, sql in rows}


def test_an_upgraded_library_has_every_table_index_and_trigger_of_a_new_one(tmp_path: Path) -> None:
    """Among them the trigger that keeps the index's offline field current (0007) and the index that finds a
    deleted resource's collection items (0008): without it, deleting 2,000 resources beside a 20,000-item
    collection read the whole collection 2,000 times (3 s; 0.13 s with it)."""
    old = tmp_path / "old.db"
    shutil.copyfile(LIBRARY_0004, old)
    Library.open(old).close()
    Library.open(tmp_path / "new.db", create=True).close()
    upgraded, new = _schema(old), _schema(tmp_path / "new.db")
    assert upgraded == new
    assert ("trigger", "index_outbox_attachments_cache_au") in new
    with closing(sqlite3.connect(old)) as connection, connection:
        plan = connection.execute("EXPLAIN QUERY PLAN DELETE FROM collection_items WHERE resource_id = 3").fetchall()
    assert "ix_collection_items_resource" in str(plan), plan

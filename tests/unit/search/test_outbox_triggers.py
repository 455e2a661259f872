"""Every change to what the search index holds leaves an outbox row in the same transaction."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import text

from reslib_desktop.ingest.editing import delete_resources
from reslib_desktop.library import Library


def _pending(path: Path, after: int) -> set[int]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {row[0] for row in connection.execute("SELECT resource_id FROM index_outbox WHERE id > ?", (after,))}
    finally:
        connection.close()


def _last(path: Path) -> int:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT COALESCE(max(id), 0) FROM index_outbox").fetchone()[0]
    finally:
        connection.close()


def test_edits_to_indexed_text_are_recorded_and_cache_states_are_not(shipped_copy: Path) -> None:
    with Library.open(shipped_copy) as library:
        ids = [
            row[0]
            for row in library.engine.connect().execute(
                text("SELECT DISTINCT resource_id FROM attachments ORDER BY resource_id LIMIT 4")
            )
        ]
        start = _last(shipped_copy)
        with library.engine.begin() as connection:
            connection.execute(
                text("UPDATE attachments SET cache_state = 'cached' WHERE resource_id = :id"), {"id": ids[0]}
            )
            connection.execute(
                text("UPDATE resources SET last_viewed_at = '2026-01-01' WHERE id = :id"), {"id": ids[0]}
            )
        assert _pending(shipped_copy, start) == set()

        with library.engine.begin() as connection:
            connection.execute(text("UPDATE resources SET title = 'Renamed' WHERE id = :id"), {"id": ids[0]})
            connection.execute(text("UPDATE attachments SET label = 'Annex' WHERE resource_id = :id"), {"id": ids[1]})
            ids[2] = connection.execute(text("SELECT max(resource_id) FROM resource_topics")).scalar_one()
            connection.execute(text("DELETE FROM resource_topics WHERE resource_id = :id"), {"id": ids[2]})
            attachment = connection.execute(
                text("SELECT id FROM attachments WHERE resource_id = :id LIMIT 1"), {"id": ids[3]}
            ).scalar_one()
            connection.execute(
                text("INSERT INTO attachment_pages(attachment_id, page, text) VALUES (:a, 1, 'zebrafish')"),
                {"a": attachment},
            )
        assert _pending(shipped_copy, start) == set(ids)


def test_a_rolled_back_change_leaves_no_outbox_row(shipped_copy: Path) -> None:
    with Library.open(shipped_copy) as library:
        start = _last(shipped_copy)
        connection = library.engine.connect()
        transaction = connection.begin()
        connection.execute(text("UPDATE resources SET title = 'Gone' WHERE id = (SELECT min(id) FROM resources)"))
        transaction.rollback()
        connection.close()
        assert _pending(shipped_copy, start) == set()


def test_a_deleted_resource_is_recorded(shipped_copy: Path) -> None:
    with Library.open(shipped_copy) as library:
        victim = library.engine.connect().execute(text("SELECT max(id) FROM resources")).scalar_one()
        start = _last(shipped_copy)
        delete_resources(library.engine, [victim])  # the write alone: Library would apply the row at once
        assert victim in _pending(shipped_copy, start)

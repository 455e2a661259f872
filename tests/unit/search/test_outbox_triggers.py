"""Every change to what the search index holds leaves an outbox row in the same transaction."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from reslib_desktop.ingest.apply import BULK_FROM, apply_records
from reslib_desktop.ingest.editing import delete_resources
from reslib_desktop.library import Library, SearchQuery, parse_query
from reslib_desktop.store.outbox import bulk_changes
from support import rows_of, synthetic_records


def _pending(path: Path, after: int) -> set[int]:
    return {row[0] for row in rows_of(path, "SELECT resource_id FROM index_outbox WHERE id > ?", (after,))}


def _last(path: Path) -> int:
    return rows_of(path, "SELECT COALESCE(max(id), 0) FROM index_outbox")[0][0]


def test_edits_to_indexed_text_are_recorded_and_only_passages_into_or_out_of_the_cache(shipped_copy: Path) -> None:
    with Library.open(shipped_copy) as library:
        with library.engine.connect() as reading:
            ids = [
                row[0]
                for row in reading.execute(
                    text("SELECT DISTINCT resource_id FROM attachments ORDER BY resource_id LIMIT 4")
                )
            ]
        start = _last(shipped_copy)
        with library.engine.begin() as connection:  # not cached -> downloading -> failed: offline as before
            for state in ("downloading", "failed", "not_cached"):
                connection.execute(
                    text("UPDATE attachments SET cache_state = :state WHERE resource_id = :id"),
                    {"state": state, "id": ids[0]},
                )
            connection.execute(
                text("UPDATE resources SET last_viewed_at = '2026-01-01' WHERE id = :id"), {"id": ids[0]}
            )
        assert _pending(shipped_copy, start) == set()

        with library.engine.begin() as connection:  # into the cache, and (another resource) out of it
            connection.execute(
                text("UPDATE attachments SET cache_state = 'cached' WHERE resource_id = :id"), {"id": ids[0]}
            )
        assert _pending(shipped_copy, start) == {ids[0]}
        with closing(sqlite3.connect(shipped_copy)) as other, other:  # another process's write leaves its row too
            other.execute("UPDATE attachments SET cache_state = 'not_cached' WHERE resource_id = ?", (ids[0],))
        assert _pending(shipped_copy, start) == {ids[0]}
        start = _last(shipped_copy)

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
        with library.engine.connect() as reading:
            victim = reading.execute(text("SELECT max(id) FROM resources")).scalar_one()
        start = _last(shipped_copy)
        delete_resources(library.engine, [victim])  # the write alone: Library would apply the row at once
        assert victim in _pending(shipped_copy, start)


def _triggers(path: Path) -> set[str]:
    return {row[0] for row in rows_of(path, "SELECT sql FROM sqlite_master WHERE type = 'trigger'")}


def test_a_bulk_write_records_each_resource_once_and_keeps_the_triggers(shipped_copy: Path) -> None:
    triggers = _triggers(shipped_copy)
    with Library.open(shipped_copy) as library:
        start = _last(shipped_copy)
        with library.engine.connect() as reading:
            old = reading.execute(text("SELECT uid FROM resources ORDER BY id LIMIT 3")).scalars().all()
        records = synthetic_records(BULK_FROM + 20)
        for record, uid in zip(records, old):  # three updates among the new ones
            record.uid = uid
        with library.engine.begin() as connection:
            summary = apply_records(connection, records, now=datetime(2026, 3, 1))
            written = set(summary.resource_ids)
        assert summary.updated == 3 and summary.added == BULK_FROM + 17
        rows = [row[0] for row in rows_of(shipped_copy, "SELECT resource_id FROM index_outbox WHERE id > ?", (start,))]
        assert sorted(rows) == sorted(written)  # each once: not one row per topic, audience and attachment
        assert _triggers(shipped_copy) == triggers

        after = _last(shipped_copy)
        with library.engine.begin() as connection:  # a hand edit after the bulk write is still recorded
            connection.execute(text("UPDATE resources SET title = 'Renamed' WHERE id = :id"), {"id": min(written)})
        assert _pending(shipped_copy, after) == {min(written)}


def test_a_failed_bulk_write_leaves_the_triggers_and_no_outbox_row(shipped_copy: Path) -> None:
    triggers = _triggers(shipped_copy)
    with Library.open(shipped_copy) as library:
        start = _last(shipped_copy)
        with pytest.raises(RuntimeError), library.engine.begin() as connection, bulk_changes(connection) as changed:
            connection.execute(text("UPDATE resources SET title = 'Gone' WHERE id = 1"))
            changed.add(1)
            raise RuntimeError("the import failed half-way")
        assert _pending(shipped_copy, start) == set()
        assert _triggers(shipped_copy) == triggers
        assert library.resource(1).title != "Gone"


_KILLED_MID_BULK = """
import os, signal, sys
from sqlalchemy import text
from reslib_desktop.library import Library
from reslib_desktop.store.outbox import bulk_changes
library = Library.open(sys.argv[1])
with library.engine.begin() as connection:
    with bulk_changes(connection) as changed:  # the outbox triggers are dropped in this transaction
        connection.execute(text("UPDATE resources SET title = 'Quokka census' WHERE id = 1"))
        print("triggers dropped", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_kill_during_a_bulk_write_leaves_the_library_and_its_triggers_as_they_were(shipped_copy: Path) -> None:
    triggers = _triggers(shipped_copy)
    with Library.open(shipped_copy) as library:
        library.refresh_search_index()
        title = library.resource(1).title
    result = subprocess.run([sys.executable, "-c", _KILLED_MID_BULK, str(shipped_copy)], capture_output=True,
                            text=True, timeout=120, env=dict(os.environ))
    assert result.returncode == -9 and "triggers dropped" in result.stdout, result.stderr
    assert _triggers(shipped_copy) == triggers
    with Library.open(shipped_copy) as library:
        assert library.resource(1).title == title
        assert library.search(SearchQuery(text=parse_query("quokka "))).total == 0
        assert library.check() == []

"""Secondary indexes dropped during a large import into empty tables and built after it (store/bulk_indexes.py):
the schema a user's library ends with is the declared one, and a cancelled or failed import changes nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Connection

from reslib_desktop.ingest import batches
from reslib_desktop.ingest.service import ImportCancelled, ImportRefused, ImportService
from reslib_desktop.library import Library, SearchQuery, SortKey, parse_query
from reslib_desktop.store import bulk_indexes
from reslib_desktop.store.bulk_indexes import built_after_load
from reslib_desktop.store.database import sqlite_connection
from reslib_desktop.store.sortkeys import title_sort_key
from unit.ingest.helpers import integrity, write

CHUNK = 40  # records per apply chunk here, so that a 150-record import takes several chunks
LOADED = ("resources", "attachments", "resource_topics", "resource_audiences")
TOPICS = ["Housing", "Employment", "Health care", "Legal aid", "Child welfare"]
AUDIENCES = ["Service providers", "Survivors", "Law enforcement"]
TYPES = ["report", "fact_sheet", "policy_and_guidance", None]


@pytest.fixture(autouse=True)
def _small_bulk_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk_indexes, "BULK_ROWS", 50)
    monkeypatch.setattr(batches, "APPLY_CHUNK", CHUNK)


def _records(count: int, prefix: str = "r", audiences: bool = True) -> list[dict]:
    """Varied records: dates of every precision, 0-3 attachments, topics, audiences, missing titles."""
    dates = ["2021", "March 2019", "February 13, 2024", "07/09/12", None]
    return [
        {
            "uid": f"{prefix}-{n}",
            "title": None if n % 11 == 0 else f"Report {n} on {TOPICS[n % 5].lower()}",
            "description": f"What record {n} says, in {n % 7 + 1} words or so.",
            "date": dates[n % 5],
            "type": TYPES[n % 4],
            "topics": TOPICS[n % 5 : n % 5 + 1 + n % 3],
            "audience": AUDIENCES[: n % 3] if audiences else [],
            "attachments": [
                {"label": f"Part {k + 1} (PDF)", "url": f"https://example.org/{prefix}/{n}-{k}.pdf"}
                for k in range(n % 4)
            ],
        }
        for n in range(count)
    ]


def _json(tmp_path: Path, records: list[dict], name: str) -> Path:
    return write(tmp_path / name, json.dumps(records))


def _schema(path: Path) -> list[tuple]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").fetchall()
    finally:
        connection.close()


def _every_row(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table (FTS shadow tables included), ids and times as stored."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr) for table in tables}
    finally:
        connection.close()


def _index_names(connection: sqlite3.Connection, table: str) -> set[str]:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,))
    return {name for (name,) in rows}


def test_a_large_import_into_an_empty_library_ends_with_the_declared_indexes(
    service: ImportService, tmp_path: Path
) -> None:
    before = _schema(service.library.path)
    result = service.apply(service.preview([_json(tmp_path, _records(150), "many.json")]))
    assert result.added == 150
    assert _schema(service.library.path) == before
    assert integrity(service.library.path) == []  # integrity_check: every index holds exactly its table's rows
    library = service.library
    by_title = [row.title for row in library.search(SearchQuery(sort=SortKey.TITLE, descending=False), 0, 200).rows]
    assert len(by_title) == 150 and by_title == sorted(by_title, key=title_sort_key)
    assert by_title.index("Report 2 on health care") < by_title.index("Report 10 on housing")
    housing = library.search(SearchQuery(text=parse_query("topic:Housing")), 0, 200).rows
    assert len(housing) == 30


def test_the_indexes_are_used_again_after_the_import(service: ImportService, tmp_path: Path) -> None:
    service.apply(service.preview([_json(tmp_path, _records(150), "many.json")]))
    connection = sqlite3.connect(service.library.path)
    try:
        plans = {
            index: " ".join(row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", args))
            for index, sql, args in [
                ("ix_resources_title_sort", "SELECT id FROM resources ORDER BY title_sort, id LIMIT 10", ()),
                ("ix_resource_topics_topic", "SELECT resource_id FROM resource_topics WHERE topic_id = ?", (1,)),
                ("ix_attachments_resource", "SELECT id FROM attachments WHERE resource_id = ?", (1,)),
                ("ix_resource_audiences_audience", "SELECT resource_id FROM resource_audiences WHERE audience_id = ?",
                 (1,)),
            ]
        }
    finally:
        connection.close()
    assert all(index in plan for index, plan in plans.items()), plans


def test_a_cancelled_large_import_leaves_schema_and_rows_as_they_were(service: ImportService, tmp_path: Path) -> None:
    schema, rows = _schema(service.library.path), _every_row(service.library.path)
    preview = service.preview([_json(tmp_path, _records(150), "many.json")])
    seen: list[int] = []
    with pytest.raises(ImportCancelled):
        service.apply(preview, progress=lambda done, total: seen.append(done), cancel=lambda: bool(seen))
    assert seen == [CHUNK]
    assert _schema(service.library.path) == schema and _every_row(service.library.path) == rows
    assert integrity(service.library.path) == []


def test_an_import_failing_mid_way_leaves_schema_and_rows_as_they_were(service: ImportService, tmp_path: Path) -> None:
    service.apply(service.preview([_json(tmp_path, _records(3, "old", audiences=False), "old.json")]))
    schema, rows = _schema(service.library.path), _every_row(service.library.path)
    preview = service.preview([_json(tmp_path, _records(150), "many.json")])

    def progress(done: int, total: int) -> None:
        if done >= 2 * CHUNK:
            raise OSError("the progress window went away")

    with pytest.raises(OSError, match="progress window"):
        service.apply(preview, progress=progress)
    assert _schema(service.library.path) == schema and _every_row(service.library.path) == rows
    assert integrity(service.library.path) == []


def test_a_failure_after_the_indexes_are_built_again_changes_nothing(library: Library, tmp_path: Path) -> None:
    schema, rows = _schema(library.path), _every_row(library.path)
    preview = ImportService(library).preview([_json(tmp_path, _records(150), "many.json")])

    def on_applied(connection: Connection) -> None:
        raise RuntimeError("the search index could not be opened")

    with pytest.raises(RuntimeError, match="search index"):
        batches.apply_import(library.engine, preview, on_applied=on_applied)
    assert _schema(library.path) == schema and _every_row(library.path) == rows


def test_a_refused_large_import_changes_nothing(service: ImportService, tmp_path: Path) -> None:
    schema, rows = _schema(service.library.path), _every_row(service.library.path)
    preview = service.preview([_json(tmp_path, [*_records(150), {"title": 5}], "bad.json")])
    with pytest.raises(ImportRefused):
        service.apply(preview)
    assert _schema(service.library.path) == schema and _every_row(service.library.path) == rows


def _indexes_during_block(library: Library, rows: int) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The index names of the loaded tables inside a built_after_load block, and after it (then rolled back)."""
    with library.engine.connect() as connection:
        raw = sqlite_connection(connection)
        with built_after_load(connection, LOADED, rows):
            during = {table: _index_names(raw, table) for table in LOADED}
        after = {table: _index_names(raw, table) for table in LOADED}
        raw.rollback()
    return during, after


def test_only_tables_empty_at_the_start_lose_their_indexes_during_the_block(
    service: ImportService, tmp_path: Path
) -> None:
    service.apply(service.preview([_json(tmp_path, _records(3, "old", audiences=False), "old.json")]))
    schema = _schema(service.library.path)
    during, after = _indexes_during_block(service.library, bulk_indexes.BULK_ROWS)
    # resource_audiences was the only empty one: its named index is gone, its primary key's stays.
    assert during["resource_audiences"] == {"sqlite_autoindex_resource_audiences_1"}
    assert after["resource_audiences"] == {"sqlite_autoindex_resource_audiences_1", "ix_resource_audiences_audience"}
    assert all(during[table] == after[table] for table in LOADED if table != "resource_audiences")
    assert _schema(service.library.path) == schema


def test_a_small_load_keeps_its_indexes(library: Library) -> None:
    during, after = _indexes_during_block(library, bulk_indexes.BULK_ROWS - 1)
    assert during == after and "ix_resources_title_sort" in during["resources"]


def test_the_lookups_of_an_import_chunk_do_not_need_the_dropped_indexes(library: Library) -> None:
    """What apply_records reads while the indexes are gone still goes through an index (no table scan)."""
    with library.engine.connect() as connection, built_after_load(connection, LOADED, bulk_indexes.BULK_ROWS):
        raw = sqlite_connection(connection)
        assert "ix_resources_title_sort" not in _index_names(raw, "resources")
        for sql in [
            "SELECT uid, id FROM resources WHERE uid IN (?, ?)",
            "SELECT sha256 FROM cached_files WHERE sha256 IN (?, ?)",
            "SELECT name, id FROM topics WHERE name IN (?, ?)",
            "SELECT name, id FROM audiences WHERE name IN (?, ?)",
        ]:
            plan = " ".join(row[3] for row in raw.execute(f"EXPLAIN QUERY PLAN {sql}", ("a", "b")))
            assert "USING" in plan and "INDEX" in plan, (sql, plan)

"""One server, two laptop replicas: what admins and case workers see after syncing."""

from __future__ import annotations

import pytest

from reslib_desktop.library import KEEP_MINE, SearchQuery, SyncError, parse_query
from sync.laptops import delete, edit, empty_library, ids_by_uid, server_batches, server_records, shipped_copy, snapshot


@pytest.fixture
def seeded(admin):
    return admin


def test_a_case_workers_empty_replica_receives_the_library_and_searches_it_offline(server, seeded, tmp_path) -> None:
    worker = empty_library(tmp_path, "worker")
    report = worker.sync(server.reader)
    assert report.updated == seeded.resource_count()
    assert snapshot(worker) == snapshot(seeded)
    housing = worker.search(SearchQuery(text=parse_query("housing")))
    assert "Housing Programs Environmental Scan" in [row.title for row in housing.rows]
    assert worker.sync_status().server_url == server.reader  # remembered: the next sync needs no address
    assert worker.sync().updated == 0


def test_offline_edits_on_two_admin_laptops_merge_when_they_touch_different_fields(server, seeded, tmp_path) -> None:
    other = empty_library(tmp_path, "other")
    other.sync(server.admin)
    first, second = sorted(server_records(server.owner))[:2]
    edit(seeded, first, title="Edited on laptop A")
    edit(other, first, description="Described on laptop B")
    edit(other, second, title="Second edited on B")
    assert seeded.sync().uploaded == 1
    report = other.sync()
    assert report.merged == 1 and report.conflicts == 0 and report.uploaded == 2
    seeded.sync()
    assert snapshot(seeded) == snapshot(other)
    merged = server_records(server.owner)[first]
    assert (merged["title"], merged["description"]) == ("Edited on laptop A", "Described on laptop B")
    assert server_records(server.owner)[second]["title"] == "Second edited on B"


def test_the_same_field_changed_on_both_sides_waits_for_the_admin_and_loses_nothing(server, seeded, tmp_path) -> None:
    other = empty_library(tmp_path, "other")
    other.sync(server.admin)
    uid = sorted(server_records(server.owner))[0]
    edit(seeded, uid, title="Title from A")
    edit(other, uid, title="Title from B")
    seeded.sync()
    report = other.sync()
    assert report.conflicts == 1
    assert snapshot(other)[uid][0] == "Title from A"  # the server wins by default
    [conflict] = other.sync_conflicts()
    assert (conflict.field, conflict.local_value, conflict.server_value) == ("title", "Title from B", "Title from A")
    other.resolve_sync_conflict(conflict.id, KEEP_MINE)
    assert other.sync().uploaded == 1
    seeded.sync()
    assert snapshot(seeded)[uid][0] == "Title from B" == server_records(server.owner)[uid]["title"]
    assert other.sync_conflicts() == []


def test_a_server_delete_wins_over_a_local_edit_which_can_be_restored(server, seeded, tmp_path) -> None:
    other = empty_library(tmp_path, "other")
    other.sync(server.admin)
    uid = sorted(server_records(server.owner))[0]
    delete(seeded, uid)
    edit(other, uid, title="Kept alive on B")
    assert seeded.sync().deleted == 1
    report = other.sync()
    assert report.removed == 1 and uid not in snapshot(other)
    [conflict] = other.sync_conflicts()
    assert conflict.kind == "deleted_on_server" and conflict.local_value["title"] == "Kept alive on B"
    other.resolve_sync_conflict(conflict.id, KEEP_MINE)
    other.sync()
    seeded.sync()
    assert snapshot(seeded)[uid][0] == "Kept alive on B"


def test_a_read_only_account_pulls_but_its_upload_is_refused_by_the_server(server, seeded, tmp_path) -> None:
    worker = empty_library(tmp_path, "worker")
    worker.sync(server.reader)
    uid = sorted(server_records(server.owner))[0]
    edit(worker, uid, title="A case worker's edit")
    before = server_batches(server.owner)
    report = worker.sync()
    assert report.read_only is not None and "can only read" in report.read_only
    assert report.not_uploaded == 1
    assert server_batches(server.owner) == before
    assert server_records(server.owner)[uid]["title"] != "A case worker's edit"


def test_a_replica_of_one_server_library_refuses_another(server, seeded, pg_cluster, tmp_path) -> None:
    import psycopg
    from psycopg import sql

    from reslib_desktop.server.schema import init_server

    with psycopg.connect(pg_cluster.url(), autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(server.database + "_other")))
    other_url = pg_cluster.url(server.database + "_other")
    init_server(other_url)
    with pytest.raises(SyncError, match="another server library"):
        seeded.sync(other_url)
    with psycopg.connect(pg_cluster.url(), autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(server.database + "_other")))


def test_a_shipped_library_with_a_local_edit_joins_without_losing_the_edit(server, seeded, tmp_path) -> None:
    """The server was seeded with the same shipped resources; this laptop edited one before joining."""
    trainer = shipped_copy(tmp_path, "trainer")
    uid = sorted(server_records(server.owner))[0]
    server_title = server_records(server.owner)[uid]["title"]
    edit(trainer, uid, title="My own title, made before joining")
    report = trainer.sync(server.reader)
    assert [c.field for c in trainer.sync_conflicts()] == ["title"], trainer.sync_conflicts()
    assert report.conflicts == 1  # only the edited field: identical resources join silently
    assert snapshot(trainer)[uid][0] == server_title  # the server wins by default
    [conflict] = trainer.sync_conflicts()
    assert (conflict.field, conflict.local_value) == ("title", "My own title, made before joining")
    assert snapshot(trainer) == snapshot(seeded)
    trainer.close()


def test_a_field_only_the_laptop_filled_in_before_joining_is_kept(server, seeded, tmp_path) -> None:
    trainer = shipped_copy(tmp_path, "trainer")
    records = server_records(server.owner)
    uid = next(uid for uid in sorted(records) if not records[uid].get("subtitle"))
    edit(trainer, uid, subtitle="Use with module 3")
    report = trainer.sync(server.reader)
    assert report.conflicts == 0  # filled in here, empty there: a merge of different fields
    assert trainer.resource(ids_by_uid(trainer)[uid]).subtitle == "Use with module 3"
    trainer.close()

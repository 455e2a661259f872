"""Pulls in small pages: records and tombstones of several versions interleave across page boundaries."""

from __future__ import annotations

from reslib_desktop.sync import pull
from sync.laptops import delete, edit, empty_library, server_records, snapshot


def change_in_two_batches(admin) -> tuple[list[str], list[str]]:
    """Version 2: three deletions and three edits; version 3: one of each. Returns (deleted, edited)."""
    uids = sorted(snapshot(admin))
    deleted, edited = [uids[1], uids[4], uids[7]], [uids[2], uids[5], uids[8]]
    for uid in deleted:
        delete(admin, uid)
    for number, uid in enumerate(edited):
        edit(admin, uid, title=f"Edited in version 2 ({number})")
    assert admin.sync().deleted == 3
    delete(admin, uids[-1])
    edit(admin, uids[-2], title="Edited in version 3")
    assert admin.sync().deleted == 1
    return [*deleted, uids[-1]], [*edited, uids[-2]]


def test_a_replica_pulling_four_changes_a_page_ends_equal_to_the_server(server, admin, tmp_path, monkeypatch) -> None:
    worker = empty_library(tmp_path, "worker")
    worker.sync(server.reader)
    deleted, edited = change_in_two_batches(admin)
    pages: list[int] = []
    monkeypatch.setattr(pull, "PAGE_ROWS", 3)
    report = worker.sync(progress=lambda phase, done, total: pages.append(done) if phase == "pull" else None)
    assert (report.removed, report.updated) == (len(deleted), len(edited))
    assert pages == [3, 6, 8]  # three pages: 3 + 3 + 2 changes
    assert snapshot(worker) == snapshot(admin)
    assert not set(deleted) & set(snapshot(worker))
    assert worker.sync().updated == 0  # nothing applied twice


def test_a_new_replica_pulling_in_small_pages_skips_the_tombstones_of_resources_it_never_had(
    server, admin, tmp_path, monkeypatch
) -> None:
    deleted, _ = change_in_two_batches(admin)
    monkeypatch.setattr(pull, "PAGE_ROWS", 3)
    worker = empty_library(tmp_path, "late")
    report = worker.sync(server.reader)
    assert report.removed == 0 and report.updated == len(server_records(server.owner))
    assert snapshot(worker) == snapshot(admin) and not set(deleted) & set(snapshot(worker))
    assert worker.check() == []

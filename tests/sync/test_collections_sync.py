"""Collections through the server: an admin's kit reaches every laptop in order; renames and member
changes merge; a server delete wins; a killed pull doubles nothing; a case worker's own lists stay private."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from reslib_desktop.library import KEEP_MINE, Library
from sync.laptops import delete, empty_library, ids_by_uid, quit_app, server_records, shipped_copy

SCRIPT = Path(__file__).with_name("killable_collection_pull.py")


# --- helpers: the same calls the window's collections panel makes ------------------------------------
def kits(library: Library):
    return library.offline_service(library.path.parent / f"{library.path.stem}-cache")


def make(library: Library, name: str, uids: list[str]) -> None:
    service = kits(library)
    service.create_collection(name)
    ids = ids_by_uid(library)
    service.add_to_collection(name, [ids[uid] for uid in uids])


def members(library: Library, name: str) -> list[str]:
    """The collection's member uids in their order, as this laptop shows them."""
    ids = kits(library).collection_resource_ids(name)
    by_id = {identifier: uid for uid, identifier in ids_by_uid(library).items()}
    return [by_id[i] for i in ids]


def names(library: Library) -> dict[str, bool]:
    """Collection name -> local only (never shared)."""
    return {info.name: info.local_only for info in kits(library).collections()}


def server_collections(url: str) -> dict[str, list[str]]:
    with psycopg.connect(url) as connection:
        return {name: list(uids) for name, uids in connection.execute("SELECT name, uids FROM collections")}


@pytest.fixture
def uids(server, admin) -> list[str]:
    return sorted(server_records(server.owner))


def test_an_admins_new_collection_reaches_another_laptop_with_its_members_in_order(server, admin, uids, tmp_path):
    make(admin, "Induction kit", [uids[5], uids[1], uids[9]])
    report = admin.sync()
    assert report.collections_uploaded == 1
    assert server_collections(server.owner) == {"Induction kit": [uids[5], uids[1], uids[9]]}
    worker = empty_library(tmp_path, "worker")
    report = worker.sync(server.reader)
    assert report.collections_pulled == 1
    assert members(worker, "Induction kit") == [uids[5], uids[1], uids[9]]
    assert names(worker) == {"Induction kit": False}
    assert names(admin) == {"Induction kit": False}
    assert worker.sync().collections_pulled == 0  # nothing applied twice
    assert admin.sync().collections_uploaded == 0  # its own upload came back: nothing to send again


def test_the_collection_appears_in_the_case_workers_collections_panel(qtbot, server, admin, uids, tmp_path):
    from PySide6.QtCore import Qt

    from reslib_desktop.gui.main_window import MainWindow

    make(admin, "Induction kit", uids[:3])
    admin.sync()
    worker = empty_library(tmp_path, "worker")
    worker.sync(server.reader)
    window = MainWindow(worker)
    qtbot.addWidget(window)
    window.resize(1024, 600)
    window.show()
    panel = window.collections_panel
    with qtbot.waitSignal(window.sync.controller.finished, timeout=20_000):
        pass  # the sync the window starts as it opens
    qtbot.waitUntil(lambda: panel.names() == ["Induction kit"], timeout=10_000)
    assert panel.info("Induction kit").resources == 3
    make(admin, "Court forms", uids[3:5])
    admin.sync()
    with qtbot.waitSignal(window.sync.controller.finished, timeout=20_000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: panel.names() == ["Court forms", "Induction kit"], timeout=10_000)
    assert "only on this laptop" not in panel.item_of("Court forms").toolTip()
    quit_app(window, worker)


def test_a_rename_on_one_laptop_and_member_changes_on_another_merge(server, admin, uids, tmp_path):
    make(admin, "Induction kit", uids[:3])
    admin.sync()
    other = empty_library(tmp_path, "other")
    other.sync(server.admin)
    kits(admin).rename_collection("Induction kit", "Induction kit 2026")
    service = kits(other)
    ids = ids_by_uid(other)
    service.remove_from_collection("Induction kit", [ids[uids[0]]])
    service.add_to_collection("Induction kit", [ids[uids[7]]])
    assert admin.sync().collections_uploaded == 1
    report = other.sync()
    assert report.conflicts == 0 and report.collections_uploaded == 1 and report.merged == 1
    admin.sync()
    expected = [uids[1], uids[2], uids[7]]
    assert server_collections(server.owner) == {"Induction kit 2026": expected}
    assert members(admin, "Induction kit 2026") == members(other, "Induction kit 2026") == expected


def test_members_added_and_removed_on_both_sides_merge_as_sets(server, admin, uids, tmp_path):
    make(admin, "Kit", uids[:4])
    admin.sync()
    other = empty_library(tmp_path, "other")
    other.sync(server.admin)
    a, b = kits(admin), kits(other)
    a.remove_from_collection("Kit", [ids_by_uid(admin)[uids[0]]])
    a.add_to_collection("Kit", [ids_by_uid(admin)[uids[10]]])
    b.remove_from_collection("Kit", [ids_by_uid(other)[uids[3]]])
    b.add_to_collection("Kit", [ids_by_uid(other)[uids[11]]])
    admin.sync()
    other.sync()
    admin.sync()
    # B merged last: its own addition keeps its place, A's follows at the end.
    expected = [uids[1], uids[2], uids[11], uids[10]]
    assert server_collections(server.owner)["Kit"] == expected
    assert members(admin, "Kit") == members(other, "Kit") == expected


def test_the_same_collection_renamed_on_both_sides_waits_for_the_admins_choice(server, admin, uids, tmp_path):
    make(admin, "Kit", uids[:2])
    admin.sync()
    other = empty_library(tmp_path, "other")
    other.sync(server.admin)
    kits(admin).rename_collection("Kit", "Kit from A")
    kits(other).rename_collection("Kit", "Kit from B")
    admin.sync()
    report = other.sync()
    assert report.conflicts == 1
    assert list(names(other)) == ["Kit from A"]  # the server's name wins until the admin chooses
    [conflict] = other.sync_conflicts()
    assert (conflict.field, conflict.local_value, conflict.server_value) == (
        "collection name", "Kit from B", "Kit from A"
    )
    other.resolve_sync_conflict(conflict.id, KEEP_MINE)
    assert other.sync().collections_uploaded == 1
    admin.sync()
    assert list(names(admin)) == ["Kit from B"] and list(server_collections(server.owner)) == ["Kit from B"]


def test_a_server_delete_wins_over_a_local_addition(server, admin, uids, tmp_path):
    make(admin, "Old kit", uids[:3])
    admin.sync()
    other = empty_library(tmp_path, "other")
    other.sync(server.admin)
    kits(admin).delete_collection("Old kit")
    kits(other).add_to_collection("Old kit", [ids_by_uid(other)[uids[20]]])
    admin.sync()
    report = other.sync()
    assert "Old kit" not in names(other) and report.collections_pulled == 1
    assert server_collections(server.owner) == {}
    with psycopg.connect(server.owner) as connection:
        assert connection.execute("SELECT count(*) FROM tombstones WHERE kind = 'collection'").fetchone()[0] == 1


def test_a_resource_deleted_on_the_server_leaves_every_collection_holding_it(server, admin, uids, tmp_path):
    make(admin, "Kit", uids[:3])
    admin.sync()
    worker = empty_library(tmp_path, "worker")
    worker.sync(server.reader)
    delete(admin, uids[1])
    admin.sync()
    assert server_collections(server.owner) == {"Kit": [uids[0], uids[2]]}
    worker.sync()
    assert members(worker, "Kit") == [uids[0], uids[2]]


def test_a_pull_killed_between_collection_pages_resumes_without_doubling_members(server, admin, uids, tmp_path):
    for n, name in enumerate(["Kit A", "Kit B", "Kit C"]):
        make(admin, name, uids[n * 3 : n * 3 + 3])
    admin.sync()
    worker = empty_library(tmp_path, "worker")
    worker.sync(server.reader)
    for name in ["Kit A", "Kit B", "Kit C"]:
        kits(admin).add_to_collection(name, [ids_by_uid(admin)[uids[30]]])
    admin.sync()
    worker.close()
    with subprocess.Popen(
        [sys.executable, str(SCRIPT), str(tmp_path / "worker.db"), server.reader],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    ) as process:
        line = process.stdout.readline().strip()
        if line != "pulled-one-collection-page":
            process.kill()
            pytest.fail(f"the pull did not reach a collection page: {line!r} {process.stderr.read()[-600:]}")
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
    worker = empty_library(tmp_path, "worker")
    lengths = sorted(len(members(worker, name)) for name in ["Kit A", "Kit B", "Kit C"])
    assert lengths == [3, 3, 4]  # the committed page (one collection), the others not reached yet
    report = worker.sync()
    assert report.collections_pulled == 2  # the rest, and only the rest
    for n, name in enumerate(["Kit A", "Kit B", "Kit C"]):
        assert members(worker, name) == [*uids[n * 3 : n * 3 + 3], uids[30]]
    worker.close()


def test_a_read_only_account_cannot_upload_a_collection_change(server, admin, uids, tmp_path):
    make(admin, "Kit", uids[:2])
    admin.sync()
    worker = empty_library(tmp_path, "worker")
    worker.sync(server.reader)
    kits(worker).rename_collection("Kit", "Renamed by a case worker")
    assert worker.sync_status().pending == 1  # the status bar counts it "to upload"
    before = server_collections(server.owner)
    report = worker.sync()
    assert report.read_only is not None and "can only read" in report.read_only
    assert "1 local change(s) were not uploaded" in report.read_only
    assert report.not_uploaded == 1
    assert server_collections(server.owner) == before


def test_a_trainers_own_collection_stays_private_through_every_sync(qtbot, server, admin, uids, tmp_path):
    trainer = empty_library(tmp_path, "trainer")
    trainer.sync(server.reader)
    make(trainer, "Tuesday workshop", [uids[2], uids[4], uids[6]])
    assert names(trainer) == {"Tuesday workshop": True}
    make(admin, "Induction kit", uids[:2])
    admin.sync()
    for _ in range(2):
        report = trainer.sync()
        assert report.read_only is None  # a private list is nothing to upload
    assert members(trainer, "Tuesday workshop") == [uids[2], uids[4], uids[6]]
    assert "Tuesday workshop" not in server_collections(server.owner)
    # The organisation later makes a kit of the same name: the trainer's list keeps its members under
    # a name of its own, and a resource the server deletes leaves it as it leaves every collection.
    make(admin, "Tuesday workshop", uids[10:12])
    delete(admin, uids[6])
    admin.sync()
    trainer.sync()
    assert members(trainer, "Tuesday workshop (this laptop)") == [uids[2], uids[4]]
    assert members(trainer, "Tuesday workshop") == uids[10:12]
    assert names(trainer) == {"Induction kit": False, "Tuesday workshop": False,
                              "Tuesday workshop (this laptop)": True}
    from reslib_desktop.gui.collections_panel import CollectionsPanel
    from reslib_desktop.gui.offline.controller import OfflineController

    panel = CollectionsPanel(OfflineController(kits(trainer)))
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: "Tuesday workshop (this laptop)" in panel.names(), timeout=10_000)
    private = panel.item_of("Tuesday workshop (this laptop)")
    assert "only on this laptop" in private.toolTip() and private.font().italic()
    assert "only on this laptop" not in panel.item_of("Tuesday workshop").toolTip()


def test_collections_made_before_a_library_joins_stay_on_that_laptop_unless_an_admin_uploads_them(
    server, admin, uids, tmp_path
):
    laptop = shipped_copy(tmp_path, "laptop")
    make(laptop, "My reading list", uids[:2])
    laptop.sync(server.admin)
    assert names(laptop) == {"My reading list": True}
    assert server_collections(server.owner) == {}
    laptop.share_existing_resources()  # reslib sync --upload-existing
    assert laptop.sync().collections_uploaded == 1
    assert names(laptop) == {"My reading list": False}
    assert server_collections(server.owner) == {"My reading list": uids[:2]}
    laptop.close()


def test_two_collections_swapping_names_upload_in_one_batch(server, admin, uids, tmp_path):
    make(admin, "Morning", uids[:1])
    make(admin, "Evening", uids[1:2])
    admin.sync()
    other = empty_library(tmp_path, "other")
    other.sync(server.admin)
    service = kits(admin)
    service.rename_collection("Morning", "tmp")
    service.rename_collection("Evening", "Morning")
    service.rename_collection("tmp", "Evening")
    assert admin.sync().collections_uploaded == 2
    assert server_collections(server.owner) == {"Evening": uids[:1], "Morning": uids[1:2]}
    worker = empty_library(tmp_path, "worker")
    worker.sync(server.reader)
    assert members(worker, "Evening") == uids[:1] and members(worker, "Morning") == uids[1:2]
    report = other.sync()  # a replica that had them: the swap is no local change and no conflict
    assert (report.conflicts, report.collections_uploaded) == (0, 0)
    assert members(other, "Evening") == uids[:1] and members(other, "Morning") == uids[1:2]
    assert set(names(other)) == {"Evening", "Morning"}


def test_a_collection_deleted_here_but_changed_on_the_server_comes_back_with_the_change(
    server, admin, uids, tmp_path
):
    make(admin, "Kit", uids[:2])
    admin.sync()
    other = empty_library(tmp_path, "other")
    other.sync(server.admin)
    kits(admin).add_to_collection("Kit", [ids_by_uid(admin)[uids[3]]])
    admin.sync()
    kits(other).delete_collection("Kit")
    other.sync()
    assert members(other, "Kit") == [uids[0], uids[1], uids[3]]
    assert server_collections(server.owner) == {"Kit": [uids[0], uids[1], uids[3]]}


def test_a_server_made_before_collections_upgrades_keeping_its_library(pg_cluster, tmp_path):
    from psycopg import sql

    from reslib_desktop.server.schema import SERVER_HEAD, _migrate, add_user, init_server, server_revision

    database = f"library_upgrade_{os.getpid()}"
    with psycopg.connect(pg_cluster.url(), autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    owner = pg_cluster.url(database)
    try:
        _migrate(owner, "s0001_server_baseline")
        with psycopg.connect(owner) as connection:
            connection.execute("INSERT INTO library (id, library_id, name, version) VALUES (1, 'lib-1', 'Old', 1)")
            connection.execute("INSERT INTO change_batches (version) VALUES (1)")
            connection.execute(
                "INSERT INTO resources (uid, record, version) VALUES ('t-old', %s::jsonb, 1)",
                ('{"uid": "t-old", "title": "Kept across the upgrade", "attachments": []}',),
            )
        assert init_server(owner) == "lib-1" and server_revision(owner) == SERVER_HEAD
        add_user(owner, "alice", "admin")
        add_user(owner, "bob", "reader")
        admin = empty_library(tmp_path, "admin")
        admin.sync(pg_cluster.url(database, "alice"))
        make(admin, "After the upgrade", ["t-old"])
        assert admin.sync().collections_uploaded == 1
        assert server_collections(owner) == {"After the upgrade": ["t-old"]}
        with psycopg.connect(pg_cluster.url(database, "bob")) as connection:
            assert connection.execute("SELECT name FROM collections").fetchall() == [("After the upgrade",)]
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute("UPDATE collections SET name = 'by a reader'")
        admin.close()
    finally:
        with psycopg.connect(pg_cluster.url(), autocommit=True) as connection:
            connection.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(database)))


def test_a_push_killed_after_the_server_committed_a_new_collection_does_not_upload_it_again(
    server, admin, uids, tmp_path
):
    from sync.laptops import server_batches
    from sync.test_sigkill import kill_at

    make(admin, "Kit", uids[:3])
    batches = server_batches(server.owner)
    kill_at("push-committed", admin.path, server.admin, "server-committed")
    assert len(server_batches(server.owner)) == len(batches) + 1
    assert server_collections(server.owner) == {"Kit": uids[:3]}
    report = admin.sync()
    assert report.collections_uploaded == 0 and report.conflicts == 0
    assert len(server_batches(server.owner)) == len(batches) + 1
    assert members(admin, "Kit") == uids[:3] and names(admin) == {"Kit": False}

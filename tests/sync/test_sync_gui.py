"""The window's sync: F5 syncs in a worker, the status bar tells how it went, conflicts are chosen in a view."""

from __future__ import annotations

from PySide6.QtCore import Qt

from support import wait_for_results
from sync.laptops import edit, empty_library, quit_app, server_records, shipped_copy, snapshot


def open_window(qtbot, library):
    from reslib_desktop.gui.main_window import MainWindow

    window = MainWindow(library)
    qtbot.addWidget(window)
    window.resize(1024, 600)
    window.show()
    return window


def test_f5_syncs_in_the_background_and_the_status_bar_says_when(qtbot, server, admin, tmp_path) -> None:
    worker = empty_library(tmp_path, "worker")
    worker.sync(server.reader)
    uid = sorted(server_records(server.owner))[0]
    edit(admin, uid, title="Renamed by the admin")
    admin.sync()
    window = open_window(qtbot, worker)
    status = window.sync.status
    with qtbot.waitSignal(window.sync.controller.finished, timeout=20_000):
        pass  # the sync the window starts as it opens
    assert status.isVisible() and status.text().startswith("Synced just now")
    assert snapshot(worker)[uid][0] == "Renamed by the admin"  # the sync at start
    edit(admin, uid, title="Renamed again")
    admin.sync()
    with qtbot.waitSignal(window.sync.controller.finished, timeout=20_000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(
        lambda: (
            "Renamed again" in [window.model.data(window.model.index(r, 0)) for r in range(window.model.rowCount())]
        ),
        timeout=10_000,
    )
    quit_app(window, worker)


def test_an_unreachable_server_shows_offline_and_the_library_still_searches(
    qtbot, server, admin, tmp_path, pg_cluster
) -> None:
    worker = empty_library(tmp_path, "worker")
    worker.sync(server.reader)
    with worker.engine.begin() as connection:  # as if the laptop left the office network
        from sqlalchemy import text

        connection.execute(text("UPDATE sync_state SET server_url = :u"), {"u": f"postgresql://bob@/x?host={tmp_path}&port=1"})
    window = open_window(qtbot, worker)
    qtbot.waitUntil(lambda: window.sync.status.text().startswith("Offline"), timeout=20_000)
    window.search_box.set_text("housing")
    wait_for_results(qtbot, window, "housing")
    assert window.model.rowCount() >= 1
    quit_app(window, worker)


def test_the_conflicts_view_keeps_the_admins_choice(qtbot, server, admin, tmp_path) -> None:
    other = empty_library(tmp_path, "other")
    other.sync(server.admin)
    uid = sorted(server_records(server.owner))[0]
    edit(admin, uid, title="Title from the office")
    admin.sync()
    edit(other, uid, title="Title from the field")
    window = open_window(qtbot, other)
    qtbot.waitUntil(lambda: window.sync.conflicts_view is not None and window.sync.conflicts_view.table.rowCount() == 1,
                    timeout=20_000)
    view = window.sync.conflicts_view
    assert [view.table.item(0, c).text() for c in (1, 2, 3)] == [
        "title",
        "Title from the field",
        "Title from the office",
    ]
    assert "1 conflict" in window.sync.status.text()
    qtbot.mouseClick(view.keep_mine, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.table.rowCount() == 0, timeout=10_000)
    assert "conflict" not in window.sync.status.text()  # the status bar follows the choice
    with qtbot.waitSignal(window.sync.controller.finished, timeout=20_000):
        window.sync.sync_action.trigger()
    assert server_records(server.owner)[uid]["title"] == "Title from the field"
    quit_app(window, other)


def test_a_library_without_a_server_shows_no_sync_status(qtbot, tmp_path) -> None:
    library = shipped_copy(tmp_path, "plain")
    window = open_window(qtbot, library)
    assert not window.sync.status.isVisible()
    assert window.sync.controller.start() is False
    quit_app(window, library)


def test_a_closed_window_reads_no_sync_status_from_its_closed_library(qtbot, tmp_path, monkeypatch) -> None:
    """The status refreshes on a timer; once the window has closed (and the application closed the library
    after it), a tick must not read the library: that used to open its file again, and leave it open."""
    from reslib_desktop.gui.sync import status

    monkeypatch.setattr(status, "REFRESH_MS", 50)
    library = shipped_copy(tmp_path, "plain")
    window = open_window(qtbot, library)
    wait_for_results(qtbot, window)
    quit_app(window, library)
    qtbot.wait(300)  # several ticks: an exception raised in one fails this test (pytest-qt)

"""Sync → Join a server… in the window, against a real PostgreSQL: test the connection, join, stop, leave.

Passwords go to a file-backed keyring (the test machine has no desktop keyring), so the test can
look for the password in every other file it made: the library, its copy, the settings.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from reslib_desktop.server.schema import add_user
from reslib_desktop.sync.connect import KEYRING_SERVICE, PASSWORD_ENV, account_of
from support import wait_for_results
from sync.laptops import edit, empty_library, ids_by_uid, quit_app, require_password, server_records, shipped_copy

PASSWORD = "tuesday training 7"
WAIT_MS = 20_000


class FileKeyring(KeyringBackend):
    """A keyring backend that keeps passwords in one JSON file (as a desktop keyring keeps them apart)."""

    priority = 1

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def _read(self) -> dict[str, str]:
        return json.loads(self.path.read_text()) if self.path.exists() else {}

    def get_password(self, service, username):
        return self._read().get(f"{service}/{username}")

    def set_password(self, service, username, password):
        saved = self._read()
        saved[f"{service}/{username}"] = password
        self.path.write_text(json.dumps(saved))

    def delete_password(self, service, username):
        saved = self._read()
        saved.pop(f"{service}/{username}", None)
        self.path.write_text(json.dumps(saved))


class NoKeyring(KeyringBackend):
    """What keyring finds on a machine without a desktop keyring."""

    priority = 0

    def get_password(self, service, username):
        raise RuntimeError("no recommended backend")

    def set_password(self, service, username, password):
        raise RuntimeError("no recommended backend")

    def delete_password(self, service, username):
        raise RuntimeError("no recommended backend")


@pytest.fixture
def seeded(server, admin):
    """The server holding the shipped library, uploaded by an admin laptop."""
    return server


@pytest.fixture
def dora(seeded, pg_cluster, monkeypatch) -> str:
    """A read-only account that must give its password (scram); returns its URL (no password in it)."""
    require_password(pg_cluster, "dora")
    add_user(seeded.owner, "dora", "reader", PASSWORD)
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    return seeded.url("dora")


@pytest.fixture
def file_keyring(tmp_path):
    previous = keyring.get_keyring()
    backend = FileKeyring(tmp_path / "keyring.json")
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    yield
    keyring.set_keyring(previous)


def open_window(qtbot, library, tmp_path):
    from reslib_desktop.gui.assemble import assemble_window

    assembled = assemble_window(library, None, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = assembled.window
    qtbot.addWidget(window)
    window.resize(1024, 600)
    window.show()
    qtbot.waitExposed(window)
    wait_for_results(qtbot, window)
    return window


def fill(qtbot, dialog, url: str, password: str) -> None:
    """Type the address and password, once the dialog knows whether there is a keyring."""
    qtbot.waitUntil(lambda: "Looking for" not in dialog.keyring_note.text(), timeout=WAIT_MS)
    dialog.server.setText(url)
    dialog.server.textEdited.emit(url)  # as typing does
    dialog.password.setText(password)


def table_uids(window) -> set[str]:
    return {window.model.resource_at(r).uid for r in range(window.model.rowCount())}


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_read_only_user_joins_from_the_dialog_and_sees_the_servers_resources(
    qtbot, dora, file_keyring, tmp_path
) -> None:
    laptop = empty_library(tmp_path, "laptop")
    window = open_window(qtbot, laptop, tmp_path)
    assert window.model.rowCount() == 0 and not window.sync.status.isVisible()
    membership = window.sync.membership
    assert membership.join_action.isEnabled() and not membership.leave_action.isEnabled()
    membership.join_action.trigger()
    dialog = membership.join_dialog
    qtbot.waitExposed(dialog)
    assert not dialog.port.isEnabled() or dialog.server.text() == ""
    fill(qtbot, dialog, dora, PASSWORD)
    assert not dialog.port.isEnabled()  # a whole URL gives its own port and database
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Connected" in dialog.result_label.text(), timeout=WAIT_MS)
    shown = dialog.result_label.text()
    assert "dora" in shown and "read-only" in shown and "Test organisation" in shown
    assert "57 resources" in shown
    assert laptop.sync_status().server_url is None  # testing joins nothing
    with qtbot.waitSignal(window.sync.controller.finished, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table_uids(window) == set(server_records(seeded_owner(dora))), timeout=WAIT_MS)
    assert window.sync.status.isVisible() and window.sync.status.text().startswith("Synced just now")
    assert not membership.join_action.isEnabled() and membership.leave_action.isEnabled()
    # The password is in the keyring and nowhere else.
    assert keyring.get_password(KEYRING_SERVICE, account_of(dora).key) == PASSWORD
    assert laptop.sync_status().server_url == dora
    quit_app(window, laptop)
    keyring_file = tmp_path / "keyring.json"
    holders = [p for p in tmp_path.rglob("*") if p.is_file() and PASSWORD.encode() in p.read_bytes()]
    assert holders == [keyring_file]
    assert (tmp_path / "settings.ini").exists() and (tmp_path / "laptop.db").exists()


def seeded_owner(url: str) -> str:
    """The owner's URL of the database `url` names (same socket, user postgres)."""
    return url.replace("postgresql://dora@", "postgresql://postgres@", 1)


def test_a_wrong_password_is_named_and_changes_nothing(qtbot, dora, file_keyring, tmp_path) -> None:
    laptop = shipped_copy(tmp_path, "laptop")
    window = open_window(qtbot, laptop, tmp_path)
    dialog = window.sync.membership.open_join_dialog()
    qtbot.waitUntil(lambda: "57 resources already in this library" in dialog.explanation.text(), timeout=WAIT_MS)
    fill(qtbot, dialog, dora, "not the password")
    qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Wrong user name or password." in dialog.result_label.text(), timeout=WAIT_MS)
    assert 'password authentication failed for user "dora"' in dialog.result_label.text()
    assert dialog.isVisible()  # still there to correct the password
    assert laptop.sync_status().server_url is None
    assert keyring.get_password(KEYRING_SERVICE, account_of(dora).key) is None
    assert not (tmp_path / "laptop.db.before-join.bak").exists()
    assert laptop.resource_count() == 57 and not window.sync.controller.running
    quit_app(window, laptop)


def test_an_unreachable_host_and_a_database_without_a_library_are_named(
    qtbot, dora, file_keyring, tmp_path, pg_cluster
) -> None:
    laptop = empty_library(tmp_path, "laptop")
    window = open_window(qtbot, laptop, tmp_path)
    dialog = window.sync.membership.open_join_dialog()
    dialog.server.setText("127.0.0.1")
    dialog.port.setText(str(closed_port()))
    dialog.user.setText("dora")
    dialog.password.setText(PASSWORD)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cannot be reached" in dialog.result_label.text(), timeout=WAIT_MS)
    assert "Connection refused" in dialog.result_label.text()
    fill(qtbot, dialog, pg_cluster.url("postgres", "postgres"), "")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "holds no reslib library" in dialog.result_label.text(), timeout=WAIT_MS)
    assert laptop.sync_status().server_url is None
    quit_app(window, laptop)


def test_joining_keeps_a_copy_of_the_library_with_its_local_edit(qtbot, dora, file_keyring, tmp_path) -> None:
    laptop = shipped_copy(tmp_path, "laptop")
    uid = sorted(ids_by_uid(laptop))[0]
    edit(laptop, uid, title="Edited on this laptop before joining")
    window = open_window(qtbot, laptop, tmp_path)
    dialog = window.sync.membership.open_join_dialog()
    fill(qtbot, dialog, dora, PASSWORD)
    with qtbot.waitSignal(window.sync.controller.finished, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "before-join.bak" in window.statusBar().currentMessage(), timeout=WAIT_MS)
    backup = tmp_path / "laptop.db.before-join.bak"
    from reslib_desktop.library import Library

    with Library.open(backup) as copy:
        assert copy.resource(ids_by_uid(copy)[uid]).title == "Edited on this laptop before joining"
    quit_app(window, laptop)


def test_stop_then_leave_the_server_and_the_library_stays(qtbot, dora, file_keyring, tmp_path) -> None:
    laptop = empty_library(tmp_path, "laptop")
    window = open_window(qtbot, laptop, tmp_path)
    membership = window.sync.membership
    dialog = membership.open_join_dialog()
    fill(qtbot, dialog, dora, PASSWORD)
    with qtbot.waitSignal(window.sync.controller.stopped, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: membership.stop_action.isEnabled(), timeout=WAIT_MS)
        membership.stop_action.trigger()  # stops after the page being applied
    assert laptop.sync_status().server_url == dora  # joined; the next sync goes on
    with qtbot.waitSignal(window.sync.controller.finished, timeout=WAIT_MS):
        window.sync.sync_action.trigger()  # Sync now (F5)
    qtbot.waitUntil(lambda: window.model.rowCount() == 57, timeout=WAIT_MS)
    membership.leave_action.trigger()
    box = membership.leave_box
    qtbot.waitExposed(box)
    leave = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    qtbot.mouseClick(leave, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.sync.status.isVisible(), timeout=WAIT_MS)
    assert laptop.sync_status().server_url is None
    assert keyring.get_password(KEYRING_SERVICE, account_of(dora).key) is None
    assert laptop.resource_count() == 57 and window.model.rowCount() == 57
    assert membership.join_action.isEnabled() and not membership.leave_action.isEnabled()
    quit_app(window, laptop)


def test_without_a_keyring_the_password_is_asked_each_time(qtbot, dora, no_keyring, tmp_path) -> None:
    laptop = empty_library(tmp_path, "laptop")
    window = open_window(qtbot, laptop, tmp_path)
    dialog = window.sync.membership.open_join_dialog()
    qtbot.waitUntil(lambda: "asked each time" in dialog.keyring_note.text(), timeout=WAIT_MS)
    assert not dialog.remember.isEnabled() and not dialog.remember.isChecked()
    fill(qtbot, dialog, dora, PASSWORD)
    with qtbot.waitSignal(window.sync.controller.finished, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    quit_app(window, laptop)
    laptop = Library_open(tmp_path / "laptop.db")  # the app starts again: no password anywhere
    window = open_window(qtbot, laptop, tmp_path)
    qtbot.waitUntil(lambda: window.sync.membership.password_prompt is not None, timeout=WAIT_MS)
    prompt: QInputDialog = window.sync.membership.password_prompt
    assert "needs your password" in prompt.labelText()
    with qtbot.waitSignal(window.sync.controller.finished, timeout=WAIT_MS):
        prompt.setTextValue(PASSWORD)
        prompt.accept()
    assert window.sync.status.text().startswith("Synced just now")
    quit_app(window, laptop)
    assert PASSWORD.encode() not in (tmp_path / "laptop.db").read_bytes()


def Library_open(path: Path):
    from reslib_desktop.library import Library

    return Library.open(path)


@pytest.fixture(autouse=True)
def _close_dialogs():
    yield
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.close()


def test_the_dialog_is_reached_by_keyboard_and_every_control_is_named(qtbot, tmp_path) -> None:
    from reslib_desktop.gui.a11y import unnamed_widgets

    laptop = empty_library(tmp_path, "laptop")
    window = open_window(qtbot, laptop, tmp_path)
    window.sync.sync_action.trigger()  # F5 in a library that never joined: the Join dialog
    dialog = window.sync.membership.join_dialog
    qtbot.waitExposed(dialog)
    assert unnamed_widgets(dialog) == []
    assert dialog.join_button.isDefault()
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    sync_menu = next(m for m in menus if window.sync.sync_action in m.actions())
    assert window.sync.membership.join_action in sync_menu.actions()  # Alt+Y, J
    assert window.sync.membership.join_action.text() == "&Join a server…"
    quit_app(window, laptop)


def test_the_tls_setting_reaches_libpq(qtbot, tmp_path, pg_cluster) -> None:
    """A server listening on TCP without TLS, asked for TLS (sslmode=require): the dialog says so."""
    import tempfile

    from reslib_desktop.server.cluster import LocalCluster

    # In /tmp: initdb runs as nobody when we are root, and may not enter pytest's folders.
    tcp = LocalCluster(Path(tempfile.mkdtemp(prefix="reslib-pg-tcp-")), closed_port(), tcp=True)
    tcp.init()
    tcp.start()
    try:
        laptop = empty_library(tmp_path, "laptop")
        window = open_window(qtbot, laptop, tmp_path)
        dialog = window.sync.membership.open_join_dialog()
        dialog.server.setText("127.0.0.1")
        dialog.port.setText(str(tcp.port))
        dialog.database.setText("postgres")
        dialog.user.setText("postgres")
        dialog.ssl.setCurrentIndex(dialog.ssl.findData("require"))
        assert dialog.address()[0].endswith("?sslmode=require")
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "does not offer TLS" in dialog.result_label.text(), timeout=WAIT_MS)
        dialog.ssl.setCurrentIndex(dialog.ssl.findData("prefer"))  # TLS if offered: this server is reached
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "holds no reslib library" in dialog.result_label.text(), timeout=WAIT_MS)
        quit_app(window, laptop)
    finally:
        tcp.remove()


def test_a_typed_address_keeps_its_libpq_settings_and_never_its_password() -> None:
    from reslib_desktop.library import join_address

    typed = join_address(
        "postgresql://bob:s3cret@db.example.org:6432/lib?sslrootcert=/etc/ca.pem", sslmode="verify-full"
    )
    assert typed.url == "postgresql://bob@db.example.org:6432/lib?sslrootcert=/etc/ca.pem&sslmode=verify-full"
    assert typed.password == "s3cret"
    assert join_address("db.example.org", user="dora").url == "postgresql://dora@db.example.org:5432/reslib"

"""Server passwords: from $RESLIB_SERVER_PASSWORD, the system keyring or a prompt; never stored in the library."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend

from reslib_desktop.library import SyncError
from reslib_desktop.server.schema import add_user
from reslib_desktop.sync.connect import KEYRING_SERVICE, PASSWORD_ENV, account_of
from sync.laptops import empty_library, require_password

PASSWORD = "correct horse battery"


class MemoryKeyring(KeyringBackend):
    """A keyring backend in this process (the test machine has no desktop keyring)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.saved: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.saved.get((service, username))

    def set_password(self, service, username, password):
        self.saved[(service, username)] = password

    def delete_password(self, service, username):
        self.saved.pop((service, username), None)


@pytest.fixture
def carol(server, pg_cluster, monkeypatch) -> str:
    """An admin account that must give a password (scram) on this cluster; returns its URL."""
    require_password(pg_cluster, "carol")
    add_user(server.owner, "carol", "admin", PASSWORD)
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    memory = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(memory)
    yield server.url("carol")
    keyring.set_keyring(previous)


def test_without_a_password_the_sync_says_how_to_give_one(carol, tmp_path) -> None:
    laptop = empty_library(tmp_path, "laptop")
    with pytest.raises(SyncError, match=f"cannot sign in .* as carol: .*set {PASSWORD_ENV} or save the password"):
        laptop.sync(carol)
    assert laptop.sync_status().server_url is None  # nothing joined


def test_a_prompted_password_is_saved_in_the_keyring_and_never_in_the_library(carol, tmp_path) -> None:
    asked: list[str] = []
    laptop = empty_library(tmp_path, "laptop")
    laptop.sync(carol, prompt=lambda text: asked.append(text) or PASSWORD)
    assert asked == [f"Password for {account_of(carol).key}: "]
    assert keyring.get_password(KEYRING_SERVICE, account_of(carol).key) == PASSWORD
    laptop.sync()  # the keyring answers now: no prompt
    assert len(asked) == 1
    laptop.close()
    assert PASSWORD.encode() not in (tmp_path / "laptop.db").read_bytes()


def test_the_environment_variable_is_used(carol, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    laptop = empty_library(tmp_path, "laptop")
    assert laptop.sync(carol).version == 0
    assert laptop.sync_status().server_url == carol

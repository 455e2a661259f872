"""Settings: whether downloads may reach this computer and the local network (the library's own server)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from reslib_desktop.gui.settings_dialog import SettingsDialog
from support import WAIT_MS


def test_the_local_server_setting_is_shown_and_saved_in_the_library(qtbot, window, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert window.offline.local_server() is False  # off unless the user says the library's server is near
    dialog = SettingsDialog(window, settings)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.local_server.isEnabled, timeout=WAIT_MS)
    assert not dialog.local_server.isChecked()
    assert dialog.local_server.accessibleDescription()
    dialog.local_server.setChecked(True)
    dialog.accept()
    assert dialog.wait()
    assert window.offline.local_server() is True

    reopened = SettingsDialog(window, settings)
    qtbot.addWidget(reopened)
    qtbot.waitUntil(reopened.local_server.isEnabled, timeout=WAIT_MS)
    assert reopened.local_server.isChecked()
    reopened.local_server.setChecked(False)
    reopened.accept()
    assert reopened.wait()
    assert window.offline.local_server() is False

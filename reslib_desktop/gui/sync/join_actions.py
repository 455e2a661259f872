"""Sync menu: Join a server…, Stop syncing now, Leave server…; and the password prompt when a sync cannot sign in.

Joining runs as a sync of the window's controller (progress in the status bar,
Stop syncing now cancels after the page being applied, the window stays usable).
Leaving forgets the address and the saved password; the library stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QMessageBox

from reslib_desktop.gui.i18n import translate
from reslib_desktop.gui.task_runner import TaskRunner, database_lane

if TYPE_CHECKING:  # imported when first opened (it loads the server's database driver)
    from reslib_desktop.gui.sync.join_dialog import JoinServerDialog


class ServerMembership(QObject):
    """The join / leave / stop actions of a WindowSync (install.py), kept for tests."""

    def __init__(self, window_sync, menu: QMenu) -> None:
        super().__init__(window_sync)
        self.window_sync = window_sync
        self.window = window_sync.window
        self.controller = window_sync.controller
        self.join_dialog: JoinServerDialog | None = None
        self.password_prompt: QInputDialog | None = None
        self._tasks = TaskRunner(self)
        self.join_action = QAction(translate("MainWindow", "&Join a server…"), self.window)
        self.join_action.setToolTip(
            translate("MainWindow", "Make this library a copy of the organisation's library on a server")
        )
        self.join_action.triggered.connect(self.open_join_dialog)
        self.stop_action = QAction(translate("MainWindow", "S&top syncing now"), self.window)
        self.stop_action.triggered.connect(self.controller.stop)
        self.leave_action = QAction(translate("MainWindow", "&Leave server…"), self.window)
        self.leave_action.setToolTip(
            translate("MainWindow", "Stop syncing with the server; this library and its resources stay")
        )
        self.leave_action.triggered.connect(self.confirm_leave)
        first = menu.actions()[0]  # Sync now: join and leave come before it
        for action in (self.join_action, self.leave_action):
            menu.insertAction(first, action)
        menu.insertSeparator(first)
        menu.addAction(self.stop_action)
        self.controller.statusChanged.connect(self.update_actions)
        self.controller.passwordRefused.connect(self.ask_password)
        self.update_actions()

    def update_actions(self) -> None:
        joined = self.controller.status().joined
        running = self.controller.running
        self.join_action.setEnabled(not joined and not running)
        self.leave_action.setEnabled(joined and not running)
        self.stop_action.setEnabled(running)

    # --- join -------------------------------------------------------------------------------------------------
    def open_join_dialog(self) -> JoinServerDialog | None:
        """The Join dialog (None when the library already syncs with a server: leave it first)."""
        if self.controller.status().joined:
            self.window.statusBar().showMessage(
                translate("MainWindow", "This library already syncs with a server: leave it first"), 8000
            )
            return None
        if self.join_dialog is None:
            from reslib_desktop.gui.sync.join_dialog import JoinServerDialog

            self.join_dialog = JoinServerDialog(self.window.library, self.window)
            self.join_dialog.joinRequested.connect(self._join)
        self.join_dialog.show()
        self.join_dialog.raise_()
        self.join_dialog.activateWindow()
        return self.join_dialog

    def _join(self, url: str, password: str, remember: bool) -> None:
        if self.controller.join(url, password, remember):
            self.window.statusBar().showMessage(translate("MainWindow", "Joining %1…").replace("%1", url), 5000)
            self.window_sync.timer.start()
        self.join_dialog = None  # a fresh dialog next time (this one closed)

    # --- leave ------------------------------------------------------------------------------------------------
    def confirm_leave(self) -> None:
        status = self.controller.status()
        if not status.joined or self.controller.running:
            return
        text = translate(
            "MainWindow",
            "Stop syncing with %1?\n\nThis library and its resources stay on this computer; the saved "
            "password is removed. You can join again later.",
        ).replace("%1", status.server_url or "")
        if status.pending:
            text += "\n\n" + QCoreApplication.translate(
                "MainWindow", "%Ln local changes not uploaded yet stay here.", "", status.pending
            )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            translate("MainWindow", "Leave server"),
            text,
            QMessageBox.StandardButton.Cancel,
            self.window,
        )
        leave = box.addButton(translate("MainWindow", "&Leave server"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAccessibleName(translate("MainWindow", "Leave server"))

        def chosen(_result: int) -> None:
            if box.clickedButton() is leave:
                self.leave()

        box.finished.connect(chosen)
        self.leave_box = box
        box.open()

    def leave(self) -> None:
        """Forget the server (in the database lane); the status bar hides its sync status."""
        self.window_sync.timer.stop()
        self.controller.session_password = None
        library = self.window.library
        self._tasks.run(library.leave_server, self._left, lane=database_lane())

    def _left(self, url: str | None) -> None:
        self.controller.last_error, self.controller.is_offline = None, False
        self.controller.statusChanged.emit()
        self.window.statusBar().showMessage(
            translate("MainWindow", "Left %1: this library no longer syncs; its resources stay").replace(
                "%1", url or ""
            ),
            8000,
        )

    # --- a sync that could not sign in ------------------------------------------------------------------------
    def ask_password(self, message: str) -> None:
        """Ask for the password (one prompt at a time) and sync again with it; kept in memory only, or saved in
        the system keyring when there is one (as the command line's prompt does)."""
        if self.password_prompt is not None:
            return
        status = self.controller.status()
        prompt = QInputDialog(self.window)
        prompt.setWindowTitle(translate("MainWindow", "Server password"))
        prompt.setLabelText(
            translate("MainWindow", "The server %1 needs your password:").replace("%1", status.server_url or "")
        )
        prompt.setTextEchoMode(QLineEdit.EchoMode.Password)
        prompt.setAccessibleName(translate("MainWindow", "Server password"))
        prompt.setToolTip(message)
        prompt.textValueSelected.connect(self._password_given)
        prompt.finished.connect(lambda _r: setattr(self, "password_prompt", None))
        self.password_prompt = prompt
        prompt.open()

    def _password_given(self, password: str) -> None:
        if not password:
            return
        url, library = self.controller.status().server_url, self.window.library
        if url:  # saved when there is a keyring (in a worker: keyring may ask D-Bus), as the command line does
            self._tasks.run(
                lambda: library.remember_server_password(url, password), lambda _saved: self.controller.start(password)
            )
        else:
            self.controller.start(password)


def install_membership(window_sync, menu: QMenu) -> ServerMembership:
    """Add Join / Leave / Stop to the Sync menu of a WindowSync."""
    return ServerMembership(window_sync, menu)

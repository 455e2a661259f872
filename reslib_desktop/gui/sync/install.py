"""Hooking sync into the window: a Sync menu (Join a server…, Leave server…, Sync now: F5, Conflicts…,
Stop syncing now), a status-bar status, a sync at start.

`install_sync(window)` is the window's only sync line. A library that never
joined a server shows nothing and starts nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence

from reslib_desktop.gui.sync.controller import SyncController
from reslib_desktop.gui.sync.join_actions import install_membership
from reslib_desktop.gui.sync.status import SyncStatusButton

if TYPE_CHECKING:  # imported when first shown: it is not needed to draw the window
    from reslib_desktop.gui.sync.conflicts_view import ConflictsView

PERIODIC_MS = 15 * 60 * 1000


class WindowSync(QObject):
    """The pieces `install_sync` adds, kept for tests; a running sync stops when the window closes."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        window.installEventFilter(self)
        self.controller = SyncController(window.library, window)
        self.status = SyncStatusButton(self.controller, window)
        window.statusBar().addPermanentWidget(self.status)
        self.sync_action = QAction(QCoreApplication.translate("MainWindow", "S&ync now"), window)
        self.sync_action.setShortcut(QKeySequence("F5"))
        self.sync_action.setToolTip(
            QCoreApplication.translate("MainWindow", "Get the organisation library's changes and upload yours (F5)")
        )
        self.sync_action.triggered.connect(self.sync_now)
        self.conflicts_action = QAction(QCoreApplication.translate("MainWindow", "Sync &conflicts…"), window)
        self.conflicts_action.triggered.connect(self.show_conflicts)
        menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "S&ync"))
        menus = [action for action in window.menuBar().actions() if action.menu() is not None]
        if len(menus) >= 2:  # before Help
            window.menuBar().insertMenu(menus[-2], menu)
        menu.addAction(self.sync_action)
        menu.addAction(self.conflicts_action)
        window.addAction(self.sync_action)
        self.conflicts_view: ConflictsView | None = None
        self.timer = QTimer(window)
        self.timer.setInterval(PERIODIC_MS)
        self.timer.timeout.connect(self.controller.start)
        self.membership = install_membership(self, menu)  # Join a server…, Leave server…, Stop syncing now
        self.status.syncRequested.connect(self.sync_now)
        self.status.stopRequested.connect(self.controller.stop)
        self.status.conflictsRequested.connect(self.show_conflicts)
        self.controller.finished.connect(self._on_finished)
        self.controller.offline.connect(
            lambda _m: window.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "Offline: working from this computer's copy"), 5000
            )
        )
        self.controller.failed.connect(
            lambda m: window.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "Sync failed: %1").replace("%1", m), 10_000
            )
        )
        self.controller.stopped.connect(
            lambda _m: window.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "Sync stopped: what arrived stays; the next sync goes on"),
                8000,
            )
        )
        if self.controller.status().joined:
            self.timer.start()
            QTimer.singleShot(0, self.controller.start)

    def eventFilter(self, watched, event) -> bool:  # Qt API (camelCase)
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.timer.stop()
            self.controller.shutdown()
        return False

    def sync_now(self) -> None:
        """Sync (F5); a library that never joined a server opens the Join dialog instead."""
        if not self.controller.status().joined:
            self.membership.open_join_dialog()
            return
        self.controller.start()

    def _on_finished(self, report) -> None:
        message = report.summary()
        if report.kept_copy:  # the first join of a library that had resources
            message += " · " + QCoreApplication.translate(
                "MainWindow", "the library as it was before joining: %1").replace("%1", report.kept_copy)
        self._show_after_refresh(message)
        self.window.controller.refresh()
        if report.collections_pulled:
            self.window.collections_panel.client.refresh()
        if report.conflicts:
            self.show_conflicts()

    def _show_after_refresh(self, message: str) -> None:
        """Say how the sync went once the refreshed results are shown (showing them clears the status bar)."""
        results = self.window.controller.resultsReady

        def show(*_args: object) -> None:
            results.disconnect(show)
            self.window.statusBar().showMessage(message, 15_000)

        results.connect(show)

    def show_conflicts(self) -> None:
        if self.conflicts_view is None:
            from reslib_desktop.gui.sync.conflicts_view import ConflictsView

            self.conflicts_view = ConflictsView(self.window.library, self.window)
            self.conflicts_view.resolved.connect(self.status.refresh)
        else:
            self.conflicts_view.reload()
        self.conflicts_view.show()
        self.conflicts_view.raise_()


def install_sync(window) -> WindowSync:
    """Add sync to the window (see the module docstring)."""
    return WindowSync(window)

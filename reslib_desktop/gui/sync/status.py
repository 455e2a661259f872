"""The status bar's sync status: "Synced 3 min ago", "Syncing… 2,000 of 9,000", "Offline", conflicts."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QToolButton, QWidget

from reslib_desktop.gui.sync.controller import SyncController, ago

REFRESH_MS = 30_000


class SyncStatusButton(QToolButton):
    """Click: stop a running sync, else the Conflicts view when there are conflicts, else sync now.
    Hidden for a library without a server."""

    conflictsRequested = Signal()
    syncRequested = Signal()
    stopRequested = Signal()

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setAutoRaise(True)
        self.setAccessibleName(self.tr("Sync status"))
        self._progress = ""
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        controller.statusChanged.connect(self._on_status_changed)
        controller.progress.connect(self._on_progress)
        self.clicked.connect(self._on_clicked)
        self.conflicts = 0
        self._status = controller.status()
        self._render()

    def _on_status_changed(self) -> None:
        self._progress = ""
        self.refresh()

    def _on_progress(self, phase: str, done: int, total: int) -> None:
        verb = self.tr("Syncing") if phase == "pull" else self.tr("Uploading")
        self._progress = f"{verb}… {done:,} / {total:,}"
        self._render()

    def _tick(self) -> None:
        if self.window().isVisible():  # a closed window's library may be closed too: nothing to show it on
            self.refresh()

    def refresh(self) -> None:
        """Read the replica's sync state again (a one-row read) and show it."""
        self._status = self.controller.status()
        self._render()

    def _render(self) -> None:
        status = self._status
        self.setVisible(status.joined)
        self.conflicts = status.conflicts
        if self.controller.running:
            text = self._progress or self.tr("Syncing…")
        elif self.controller.is_offline:
            text = self.tr("Offline: library as of %1").replace("%1", ago(status.last_synced_at))
        elif self.controller.last_error:
            text = self.tr("Sync failed")
        else:
            text = self.tr("Synced %1").replace("%1", ago(status.last_synced_at))
        if status.conflicts:
            text += " · " + self.tr("%Ln conflicts", "", status.conflicts)
        if status.pending and not self.controller.running:
            text += " · " + self.tr("%Ln to upload", "", status.pending)
        self.setText(text)
        tip = status.server_url or ""
        if self.controller.running:
            tip += "\n" + self.tr("Click to stop syncing (what arrived stays)")
        if self.controller.last_error:
            tip += "\n" + self.controller.last_error
        self.setToolTip(tip.strip())
        self.setAccessibleDescription(tip.strip())

    def _on_clicked(self) -> None:
        if self.controller.running:
            self.stopRequested.emit()
        elif self.conflicts:
            self.conflictsRequested.emit()
        else:
            self.syncRequested.emit()

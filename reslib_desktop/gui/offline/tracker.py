"""The files of a run and the signals about them: each state change at once, progress coalesced (<= 10/s)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from reslib_desktop.gui.offline.progress import (
    BatchProgress,
    FileProgress,
    batch_progress,
)

PROGRESS_INTERVAL_MS = 100


class FileTracker(QObject):
    """Where each file of the current (or last) run stands.

    Signals: attachmentStateChanged(id, state) at once; progressChanged(BatchProgress),
    attachmentStatesChanged({id: state}) and resourcesChanged({resource id}) at most every
    PROGRESS_INTERVAL_MS, carrying everything since the previous emission.
    """

    progressChanged = Signal(object)
    attachmentStateChanged = Signal(int, str)
    attachmentStatesChanged = Signal(object)
    resourcesChanged = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.running = False  # whether a run is in progress (set by the controller)
        self.labels: list[str] = []
        self._files: dict[int, FileProgress] = {}
        self._changed: dict[int, FileProgress] = {}
        self._states: dict[int, str] = {}
        self._resources: set[int] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PROGRESS_INTERVAL_MS)
        self._timer.timeout.connect(self.flush)

    def reset(self) -> None:
        """A new run: forget the last run's files and labels."""
        self.labels = []
        self._files = {}

    def add_label(self, label: str) -> str:
        """Note what the run is for; returns all its labels joined."""
        if label and label not in self.labels:
            self.labels.append(label)
        return ", ".join(self.labels)

    def get(self, attachment_id: int) -> FileProgress | None:
        return self._files.get(attachment_id)

    def files(self) -> list[FileProgress]:
        return list(self._files.values())

    def progress(self, changed: Iterable[FileProgress] = ()) -> BatchProgress:
        return batch_progress(", ".join(self.labels), list(self._files.values()), self.running, tuple(changed))

    def set(self, entry: FileProgress, announce: bool = False) -> None:
        """Record a file's new state (`announce`: signal its state even if unchanged, e.g. when it joins the run)."""
        old = self._files.get(entry.attachment_id)
        self._files[entry.attachment_id] = entry
        if announce or old is None or old.state != entry.state:
            self.attachmentStateChanged.emit(entry.attachment_id, entry.state)
            self._states[entry.attachment_id] = entry.state
            if entry.resource_id:
                self._resources.add(entry.resource_id)
        self._changed[entry.attachment_id] = entry
        if not self._timer.isActive():
            self._timer.start()

    @Slot()
    def flush(self) -> None:
        """Emit what changed since the last emission now."""
        self._timer.stop()
        changed, self._changed = tuple(self._changed.values()), {}
        states, self._states = self._states, {}
        resources, self._resources = self._resources, set()
        if states:
            self.attachmentStatesChanged.emit(states)
        if resources:
            self.resourcesChanged.emit(resources)
        self.progressChanged.emit(self.progress(changed))

    def stop(self) -> None:
        self._timer.stop()

"""Bytes of the files being downloaded, re-read from the database while they download.

The core reports progress through callbacks, which pause while a server stalls; the
downloads view still shows what has reached the disk by re-reading it every
LIVE_POLL_MS (one read in flight at a time, on the database lane).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer

from reslib_desktop.gui.offline.tracker import FileTracker
from reslib_desktop.gui.task_runner import TaskRunner, database_lane
from reslib_desktop.library import AttachmentCacheInfo, CacheState, OfflineService

LIVE_POLL_MS = 1000
_DOWNLOADING = CacheState.DOWNLOADING.value


class LiveBytes(QObject):
    """Polls the bytes of `active()` attachments into `tracker` while any are active."""

    def __init__(self, service: OfflineService, jobs: TaskRunner, tracker: FileTracker,
                 active: Callable[[], set[int]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service, self._jobs, self._tracker, self._active = service, jobs, tracker, active
        self._closed = False
        self._reading = False
        self._timer = QTimer(self)
        self._timer.setInterval(LIVE_POLL_MS)
        self._timer.timeout.connect(self._poll)

    def start(self) -> None:
        """Poll from now on (no-op while polling) until no attachment is active."""
        if not self._timer.isActive() and not self._closed:
            self._timer.start()

    def close(self) -> None:
        self._closed = True
        self._timer.stop()

    def _poll(self) -> None:
        active = self._active()
        if not active or self._closed:
            self._timer.stop()
            return
        if self._reading:
            return
        self._reading = True
        ids, service = list(active), self._service
        self._jobs.run(lambda: service.state_of(ids), self._on_read, lambda _error: self._on_read({}),
                       lane=database_lane())

    def _on_read(self, infos: dict[int, AttachmentCacheInfo]) -> None:
        self._reading = False
        active = self._active()
        for ident, info in infos.items():
            entry = self._tracker.get(ident)
            if entry is None or ident not in active or entry.state != _DOWNLOADING:
                continue
            if info.bytes_done is not None and info.bytes_done > entry.bytes_done:
                total = entry.bytes_total if entry.bytes_total is not None else info.size
                self._tracker.set(replace(entry, bytes_done=info.bytes_done, bytes_total=total))

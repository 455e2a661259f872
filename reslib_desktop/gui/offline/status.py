"""Reading the cache's counts in the background: requests coalesce, one read at a time."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from reslib_desktop.gui.task_runner import TaskRunner, database_lane, failure_text
from reslib_desktop.library import CacheState, CacheStatus, OfflineService

log = logging.getLogger(__name__)
STATUS_DELAY_MS = 300  # `schedule()` waits this long, so a burst of changes costs one read


class StatusReader(QObject):
    """Signals: read(CacheStatus, [ids of queued attachments], count of attachments with an address),
    failed(message)."""

    read = Signal(object, object, int)
    failed = Signal(str)

    def __init__(self, service: OfflineService, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._tasks = tasks
        self._running = False
        self._again = False
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(STATUS_DELAY_MS)
        self._timer.timeout.connect(self.refresh)

    @Slot()
    def refresh(self) -> None:
        """Read now (or right after the read in progress)."""
        if self._closed:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        service = self._service

        def work() -> tuple[CacheStatus, list[int], int]:  # a worker thread: no GUI objects here
            return service.status(), service.attachments_in_state(CacheState.QUEUED), service.downloadable_count()

        self._tasks.run(work, self._on_read, self._on_failed, lane=database_lane())

    def schedule(self) -> None:
        """Read a little later (changes coming in bursts are read once)."""
        if not self._closed and not self._timer.isActive():
            self._timer.start()

    def close(self) -> None:
        self._closed = True
        self._timer.stop()

    def _on_read(self, result: tuple[CacheStatus, list[int], int]) -> None:
        self.read.emit(*result)
        self._done()

    def _on_failed(self, error: BaseException) -> None:
        self.failed.emit(failure_text(error))
        self._done()

    def _done(self) -> None:
        self._running = False
        if self._again:
            self._again = False
            self.refresh()


def unqueue_unfetchable(service: OfflineService, tasks: TaskRunner) -> None:
    """Forget 'queued' marks (left by earlier versions) on attachments without a download address.

    Queued on the database lane before the first status read, so no "interrupted" that cannot resume
    is ever offered; a read-only library changes nothing (the failure is only logged)."""

    def work() -> int:
        queued = service.attachments_in_state(CacheState.QUEUED)
        stuck = [i for i, info in service.state_of(queued).items() if not info.has_url]
        return service.unqueue(stuck) if stuck else 0

    def log_failure(error: BaseException) -> None:
        log.warning("could not forget queued marks: %s", failure_text(error))

    tasks.run(work, on_failed=log_failure, lane=database_lane())

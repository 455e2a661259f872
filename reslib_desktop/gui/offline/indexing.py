"""The text-indexing job of the offline controller: one run at a time, another asked for while it runs."""

from __future__ import annotations

import threading
from collections.abc import Callable

from reslib_desktop.gui.task_runner import Report, TaskRunner, failure_text, parallel_lane
from reslib_desktop.library import IndexReport, OfflineService


class TextIndexing:
    """Runs `service.index_pending` in a worker; `running` while it does, `needed` when more text waits."""

    def __init__(self, service: OfflineService, tasks: TaskRunner,
                 on_progress: Callable[[tuple[int, int]], None], on_done: Callable[[IndexReport], None],
                 on_failed: Callable[[str], None]) -> None:
        self._service, self._tasks = service, tasks
        self._on_progress, self._on_done, self._on_failed = on_progress, on_done, on_failed
        self.running = False
        self.needed = False

    def start(self, cancel: threading.Event) -> None:
        self.needed = False
        self.running = True
        service = self._service

        def work(report: Report, _cancelled: object) -> IndexReport:  # a worker thread: no GUI objects here
            report(service.indexing_status())
            return service.index_pending(lambda _update: report(service.indexing_status()), cancel)

        self._tasks.run_reporting(work, self._done, self._failed, self._on_progress, lane=parallel_lane())

    def _done(self, report: IndexReport) -> None:
        self.running = False
        self._on_done(report)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self._on_failed(failure_text(error))

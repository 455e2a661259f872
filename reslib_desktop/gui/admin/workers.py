"""One blocking core call off the GUI thread, with progress and cancel; results arrive on the GUI thread.

task = run_task(work, self, on_done=self._done, on_failed=self._failed, on_progress=self._progress)
...
task.cancel()  # work(progress, cancelled) sees cancelled() turn True
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Work = Callable[[Progress, Cancelled], Any]

_POOL: QThreadPool | None = None


def admin_pool() -> QThreadPool:
    """The thread pool of the admin windows (apart from the search's, so neither waits for the other)."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(2)
    return _POOL


class _Relay(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)


def _emit(signal: SignalInstance, *args: Any) -> None:
    try:
        signal.emit(*args)
    except RuntimeError:  # the task was deleted while its work was finishing (its window closed)
        pass


class _Run(QRunnable):
    def __init__(self, work: Work, relay: _Relay, stop: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._relay = relay
        self._stop = stop

    def run(self) -> None:
        try:
            result = self._work(lambda done, total: _emit(self._relay.progressed, done, total), self._stop.is_set)
        except Exception as error:
            log.debug("background task failed", exc_info=True)
            _emit(self._relay.failed, error)
            return
        _emit(self._relay.succeeded, result)


class Task(QObject):
    """A background call: `progressed(done, total)`, then `succeeded(result)` or `failed(exception)`, then `finished()`.

    Callbacks given here (`on_done`, `on_failed`, `on_progress`) run on the GUI thread before the
    signals; use them rather than connecting lambdas to the signals (a lambda connected to a
    signal of an object deleted later can crash PySide). The task deletes itself when done.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(
        self,
        work: Work,
        parent: QObject | None = None,
        pool: QThreadPool | None = None,
        *,
        on_done: Callable[[Any], None] | None = None,
        on_failed: Callable[[Any], None] | None = None,
        on_progress: Progress | None = None,
    ) -> None:
        super().__init__(parent)
        self._work = work
        self._pool = pool or admin_pool()
        self._stop = threading.Event()
        self._on_done = on_done
        self._on_failed_callback = on_failed
        self._on_progress = on_progress
        self._relay = _Relay(self)
        self._relay.progressed.connect(self._on_progressed)
        self._relay.succeeded.connect(self._on_succeeded)
        self._relay.failed.connect(self._on_failed)
        self.running = False

    def start(self) -> Task:
        self.running = True
        self._pool.start(_Run(self._work, self._relay, self._stop))
        return self

    def cancel(self) -> None:
        """Ask the work to stop (it checks between steps); `failed` or `succeeded` still follows."""
        self._stop.set()

    @property
    def cancel_requested(self) -> bool:
        return self._stop.is_set()

    def _on_progressed(self, done: int, total: int) -> None:
        if self._on_progress is not None:
            self._on_progress(done, total)
        self.progressed.emit(done, total)

    def _on_succeeded(self, result: object) -> None:
        self.running = False
        if self._on_done is not None:
            self._on_done(result)
        self.succeeded.emit(result)
        self._end()

    def _on_failed(self, error: object) -> None:
        self.running = False
        if self._on_failed_callback is not None:
            self._on_failed_callback(error)
        self.failed.emit(error)
        self._end()

    def _end(self) -> None:
        self.finished.emit()
        self._on_done = self._on_failed_callback = self._on_progress = None  # no cycles through the callbacks
        self.deleteLater()


def run_task(
    work: Work,
    parent: QObject,
    on_done: Callable[[Any], None],
    on_failed: Callable[[Any], None] | None = None,
    on_progress: Progress | None = None,
    pool: QThreadPool | None = None,
) -> Task:
    """Start `work(progress, cancelled)` in the background; the callbacks run on the GUI thread."""
    return Task(work, parent, pool, on_done=on_done, on_failed=on_failed, on_progress=on_progress).start()


def error_text(error: object) -> str:
    """A one-line message for an exception from the core (its own text, else its type)."""
    reasons = getattr(error, "reasons", None)
    if isinstance(reasons, list) and reasons:
        return "; ".join(str(reason) for reason in reasons)
    text = str(error).strip()
    return text or type(error).__name__

"""Running blocking calls in a QThreadPool and getting their results (and progress) back on the GUI thread.

Workers hold only the job's own function and a small signal carrier with no
Python references of its own: never the callbacks, never the owner. So a
worker finishing late can never drop the last reference to a GUI object
(which would destroy it in the wrong thread).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)
Done = Callable[[Any], None]
Failed = Callable[[str], None]
Progress = Callable[[Any], None]
Report = Callable[[Any], None]  # what a job with progress calls (from its worker thread)


class _Carrier(QObject):
    """Carries results from worker threads to the runner's thread (queued connections)."""

    done = Signal(int, object)
    failed = Signal(int, str)
    progress = Signal(int, object)


def _emit(signal: Any, *args: Any) -> None:
    try:
        signal.emit(*args)
    except RuntimeError:  # the carrier was deleted (application quitting): nobody is listening
        pass


def _job(carrier: _Carrier, token: int, work: Callable[..., Any], with_report: bool) -> Callable[[], None]:
    """The function a pool thread runs: `work()` (or `work(report)`), then its result or error."""

    def report(value: Any) -> None:
        _emit(carrier.progress, token, value)

    def run() -> None:
        try:
            result = work(report) if with_report else work()
        except Exception as error:
            log.exception("background job failed")
            _emit(carrier.failed, token, f"{type(error).__name__}: {error}")
            return
        _emit(carrier.done, token, result)

    return run


class JobRunner(QObject):
    """Starts jobs in thread pools; their callbacks run on the thread this object lives in (the GUI thread)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._next = 0
        self._callbacks: dict[int, tuple[Done | None, Failed | None, Progress | None]] = {}
        self._carrier = _Carrier(self)
        self._carrier.done.connect(self._on_done)
        self._carrier.failed.connect(self._on_failed)
        self._carrier.progress.connect(self._on_progress)

    @property
    def pending(self) -> int:
        """Jobs started whose callbacks have not run yet."""
        return len(self._callbacks)

    def submit(self, pool: QThreadPool, work: Callable[..., Any], on_done: Done | None = None,
               on_failed: Failed | None = None, on_progress: Progress | None = None) -> int:
        """Run `work()` in `pool` (`work(report)` when `on_progress` is given: each `report(value)`
        calls `on_progress(value)` here); then `on_done(result)` or `on_failed(message)` here.

        `work` must not refer to GUI objects: pass it plain values and services.
        """
        self._next += 1
        self._callbacks[self._next] = (on_done, on_failed, on_progress)
        # A plain callable, not a QRunnable subclass: Qt owns and deletes the runnable it wraps it in.
        pool.start(_job(self._carrier, self._next, work, on_progress is not None))
        return self._next

    def forget(self) -> None:
        """Drop every callback (after a shutdown): late results are ignored."""
        self._callbacks.clear()

    @Slot(int, object)
    def _on_done(self, token: int, result: object) -> None:
        on_done = self._callbacks.pop(token, (None, None, None))[0]
        if on_done is not None:
            on_done(result)

    @Slot(int, str)
    def _on_failed(self, token: int, message: str) -> None:
        on_failed = self._callbacks.pop(token, (None, None, None))[1]
        if on_failed is not None:
            on_failed(message)

    @Slot(int, object)
    def _on_progress(self, token: int, value: object) -> None:
        callbacks = self._callbacks.get(token)
        if callbacks is not None and callbacks[2] is not None:
            callbacks[2](value)

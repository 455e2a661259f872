"""Running blocking calls in a QThreadPool and getting their results (and progress) back on the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)
Done = Callable[[Any], None]
Failed = Callable[[str], None]


class _Job(QRunnable):
    def __init__(self, runner: JobRunner, token: int, work: Callable[[], Any]) -> None:
        super().__init__()
        self._runner = runner
        self._token = token
        self._work = work

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # noqa: BLE001 - reported to the GUI thread, never lost
            log.exception("background job failed")
            self._runner.emit_safely(self._runner._failed, self._token, f"{type(error).__name__}: {error}")
            return
        self._runner.emit_safely(self._runner._done, self._token, result)


class JobRunner(QObject):
    """Starts jobs in thread pools; their callbacks run on the thread this object lives in (the GUI thread)."""

    _done = Signal(int, object)
    _failed = Signal(int, str)
    _call = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._next = 0
        self._callbacks: dict[int, tuple[Done | None, Failed | None]] = {}
        self._done.connect(self._on_done)
        self._failed.connect(self._on_failed)
        self._call.connect(self._on_call)

    @property
    def pending(self) -> int:
        """Jobs started whose callbacks have not run yet."""
        return len(self._callbacks)

    def submit(self, pool: QThreadPool, work: Callable[[], Any], on_done: Done | None = None,
               on_failed: Failed | None = None, priority: int = 0) -> int:
        """Run `work()` in `pool`; then `on_done(result)` or `on_failed(message)` here."""
        self._next += 1
        self._callbacks[self._next] = (on_done, on_failed)
        pool.start(_Job(self, self._next, work), priority)
        return self._next

    def post(self, function: Callable[[], None]) -> None:
        """From any thread: call `function()` on this object's thread (queued, in order)."""
        self.emit_safely(self._call, function)

    def emit_safely(self, signal: Any, *args: Any) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the runner was deleted while a job was finishing (application quitting)
            pass

    @Slot(object)
    def _on_call(self, function: Callable[[], None]) -> None:
        function()

    @Slot(int, object)
    def _on_done(self, token: int, result: object) -> None:
        on_done, _ = self._callbacks.pop(token, (None, None))
        if on_done is not None:
            on_done(result)

    @Slot(int, str)
    def _on_failed(self, token: int, message: str) -> None:
        _, on_failed = self._callbacks.pop(token, (None, None))
        if on_failed is not None:
            on_failed(message)

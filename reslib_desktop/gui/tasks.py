"""Running library calls off the GUI thread, delivering only the newest result."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    finished = Signal(int, object)  # generation, result
    failed = Signal(int, str)  # generation, message


class _Job(QRunnable):
    def __init__(self, generation: int, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self._generation = generation
        self._work = work
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # noqa: BLE001 - reported to the GUI, never lost
            self._emit(self._signals.failed, f"{type(error).__name__}: {error}")
            return
        self._emit(self._signals.finished, result)

    def _emit(self, signal, value: object) -> None:
        try:
            signal.emit(self._generation, value)
        except RuntimeError:
            pass  # the window that asked has been closed (its signals object deleted): nobody to tell


class LatestOnlyRunner(QObject):
    """Runs jobs in a thread pool; a job's result is delivered only if no newer job was started.

    A newer request supersedes an older one: results of older generations are
    dropped, so a slow search can never overwrite the results of a newer one.
    """

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._generation = 0
        self._signals = _Signals(self)
        self._signals.finished.connect(self._deliver)
        self._signals.failed.connect(self._fail)
        self.busy = False

    @property
    def generation(self) -> int:
        return self._generation

    def submit(self, work: Callable[[], Any]) -> int:
        """Start `work` in a worker thread; returns its generation number."""
        self._generation += 1
        self.busy = True
        self._pool.start(_Job(self._generation, work, self._signals))
        return self._generation

    def _deliver(self, generation: int, result: object) -> None:
        if generation != self._generation:
            return  # superseded by a newer request
        self.busy = False
        self.finished.emit(result)

    def _fail(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self.busy = False
        self.failed.emit(message)

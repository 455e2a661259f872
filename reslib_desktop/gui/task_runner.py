"""The one way gui/ runs blocking work: off the GUI thread, results and progress back on it.

    tasks = TaskRunner(self)                                   # one per widget or controller
    tasks.run(lambda: library.rows_by_ids(ids), self._show)    # a parallel worker; `_show(rows)` here
    tasks.run(lambda: store.save(state), lane=database_lane())  # the database lane: one at a time, in order
    tasks.run(lambda: search(query), self._show, key="search")  # newest only: older results are dropped
    task = tasks.run_reporting(work, self._done, self._failed, self._progress)
    task.cancel()                                              # work(report, cancelled) sees cancelled()

Two lanes, shared by the whole application: `database_lane()` runs one task at a
time in the order submitted (short reads and writes that must not overtake each
other); `parallel_lane()` runs several (searches, downloads, imports, exports).

Callbacks (`on_done`, `on_failed`, `on_progress`) always run on the GUI thread
and are kept there: a worker holds only the work function, a cancel flag and
a number, so a late result can never drop the last reference to a widget in a
worker thread. Work functions must not touch GUI objects: give them plain
values and services.

A failure reaches `on_failed` as the exception object itself (its traceback
attached). A task without `on_failed` sends it to the application's one error
path, `report_error`: `sys.excepthook`, which the crash reporter
(gui/crash_log.py) logs and shows in the error dialog.

When the runner's owner is deleted (a window closed), results still on their
way are dropped; `forget()` drops them explicitly, `wait(ms)` waits until this
runner's own workers have finished (before shutting a service down).
"""

from __future__ import annotations

import logging
import sys
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any], object]
Failed = Callable[[BaseException], object]
OnProgress = Callable[..., object]
Report = Callable[..., None]  # what a reporting work function calls, from its worker: report(*values)
Cancelled = Callable[[], bool]
PARALLEL_THREADS = 8  # downloads (3 + one to open now), text indexing, a search, two admin jobs


class Lane:
    """A thread pool tasks go to: `Lane("name", 1)` runs one at a time, in order."""

    def __init__(self, name: str, threads: int) -> None:
        self.name = name
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(max(1, threads))
        self.pool.setObjectName(name)

    @property
    def serial(self) -> bool:
        return self.pool.maxThreadCount() == 1

    def wait(self, msecs: int = 10_000) -> bool:
        """Wait until every task of this lane (of every runner) has finished; False on time-out."""
        return self.pool.waitForDone(msecs)


_LANES: dict[str, Lane] = {}


def database_lane() -> Lane:
    """The serial lane: database work one task at a time, in the order submitted."""
    return _LANES.setdefault("database", Lane("reslib-database", 1))


def parallel_lane() -> Lane:
    """The parallel lane: independent work (searches, downloads, imports) side by side."""
    return _LANES.setdefault("parallel", Lane("reslib-parallel", PARALLEL_THREADS))


def wait_for_all(msecs: int = 10_000) -> bool:
    """Wait for both shared lanes to be idle (tests, and the application before it quits)."""
    return all([lane.wait(msecs) for lane in list(_LANES.values())])


def error_text(error: object) -> str:
    """A one-line message for an exception from the core (its own text, else its type)."""
    reasons = getattr(error, "reasons", None)
    if isinstance(reasons, list) and reasons:
        return "; ".join(str(reason) for reason in reasons)
    text = str(error).strip()
    return text or type(error).__name__


def failure_text(error: BaseException) -> str:
    """`Type: message`, for a failure shown in a status line or a list of errors."""
    return f"{type(error).__name__}: {error}"


def report_error(error: BaseException) -> None:
    """The one error path for failures nobody handles: the crash reporter's log and error dialog."""
    sys.excepthook(type(error), error, error.__traceback__)


# --- the worker side: no GUI objects, no callbacks --------------------------------------------------------
class _Hub(QObject):
    """Carries outcomes from workers to the GUI thread; one for the application, never deleted."""

    outcome = Signal(int, bool, object)  # token, succeeded, result or exception
    progress = Signal(int, object)  # token, values

    def __init__(self) -> None:
        super().__init__()
        self.owners: dict[int, weakref.ref[TaskRunner]] = {}
        self._last_token = 0
        self.outcome.connect(self._on_outcome)
        self.progress.connect(self._on_progress)

    def next_token(self) -> int:
        self._last_token += 1
        return self._last_token

    def _owner(self, token: int, pop: bool) -> TaskRunner | None:
        ref = self.owners.pop(token, None) if pop else self.owners.get(token)
        runner = ref() if ref is not None else None
        return runner if runner is not None and shiboken6.isValid(runner) else None

    @Slot(int, bool, object)
    def _on_outcome(self, token: int, succeeded: bool, value: object) -> None:
        runner = self._owner(token, pop=True)
        if runner is not None:
            runner._deliver(token, succeeded, value)

    @Slot(int, object)
    def _on_progress(self, token: int, values: tuple) -> None:
        runner = self._owner(token, pop=False)
        if runner is not None:
            runner._progress(token, values)


_HUB: _Hub | None = None


def _hub() -> _Hub:
    global _HUB
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        raise RuntimeError("tasks are started from the GUI thread, once the application exists")
    if _HUB is None:
        _HUB = _Hub()
    return _HUB


def _emit(signal: Any, *args: Any) -> None:
    try:
        signal.emit(*args)
    except RuntimeError:  # the application is being torn down: nobody is listening
        pass


class _InFlight:
    """How many of a runner's tasks have not finished in their workers (thread-safe)."""

    def __init__(self) -> None:
        self._count = 0
        self._changed = threading.Condition()

    def add(self) -> None:
        with self._changed:
            self._count += 1

    def done(self) -> None:
        with self._changed:
            self._count -= 1
            self._changed.notify_all()

    def wait(self, msecs: int) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: self._count == 0, msecs / 1000)


@dataclass
class _Job:
    """What a worker holds: the work, its flags and its number."""

    token: int
    work: Callable[..., Any]
    reporting: bool
    in_flight: _InFlight
    cancel: threading.Event = field(default_factory=threading.Event)
    skip: threading.Event = field(default_factory=threading.Event)  # nobody wants the result any more

    def __call__(self) -> None:
        hub = _HUB
        assert hub is not None  # made when the first task started, before any job runs
        try:
            if self.skip.is_set():
                _emit(hub.outcome, self.token, False, None)  # lets the hub forget it
                return
            try:
                if self.reporting:
                    result = self.work(lambda *values: _emit(hub.progress, self.token, values), self.cancel.is_set)
                else:
                    result = self.work()
            except Exception as error:  # noqa: BLE001 - kept as an object: the GUI side decides who sees it
                _emit(hub.outcome, self.token, False, error)
                return
            _emit(hub.outcome, self.token, True, result)
        finally:
            self.in_flight.done()


# --- the GUI side -------------------------------------------------------------------------------------------
class Task:
    """A submitted task, as the GUI thread sees it: `cancel()` asks its work to stop."""

    def __init__(self, job: _Job, key: str | None) -> None:
        self._job = job
        self.key = key
        self.running = True  # until its callbacks have run (or been dropped)

    def cancel(self) -> None:
        """Ask the work to stop (a reporting work sees `cancelled()` turn True); its callbacks still follow."""
        self._job.cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._job.cancel.is_set()


@dataclass
class _Callbacks:
    task: Task
    on_done: Done | None
    on_failed: Failed | None
    on_progress: OnProgress | None


class TaskRunner(QObject):
    """Starts tasks in the shared lanes for one owner; their callbacks run on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hub = _hub()
        self._callbacks: dict[int, _Callbacks] = {}
        self._newest: dict[str, int] = {}
        self._in_flight = _InFlight()

    def run(self, work: Callable[[], Any], on_done: Done | None = None, on_failed: Failed | None = None, *,
            lane: Lane | None = None, key: str | None = None) -> Task:
        """Run `work()` in `lane` (the parallel lane by default); then `on_done(result)` or `on_failed(error)`.

        `key`: newest only — a later task with the same key makes this one's result be dropped
        (and, if it has not started yet, it never runs).
        """
        return self._start(work, False, on_done, on_failed, None, lane, key)

    def run_reporting(self, work: Callable[[Report, Cancelled], Any], on_done: Done | None = None,
                      on_failed: Failed | None = None, on_progress: OnProgress | None = None, *,
                      lane: Lane | None = None, key: str | None = None) -> Task:
        """As `run`, for `work(report, cancelled)`: each `report(*values)` calls `on_progress(*values)` here,
        `cancelled()` is True once `Task.cancel()` was called."""
        return self._start(work, True, on_done, on_failed, on_progress, lane, key)

    def busy(self, key: str | None = None) -> bool:
        """Whether a task (with this key) is waiting for its callbacks."""
        if key is None:
            return bool(self._callbacks)
        return self._newest.get(key) in self._callbacks

    @property
    def pending(self) -> int:
        """Tasks started whose callbacks have not run yet."""
        return len(self._callbacks)

    def discard(self, key: str) -> None:
        """Drop the result of the newest task with this key (nobody wants it any more)."""
        self._drop(self._newest.pop(key, None))

    def forget(self) -> None:
        """Drop every pending callback (the owner is shutting down); tasks not started yet never run."""
        for callbacks in self._callbacks.values():
            callbacks.task._job.skip.set()
            callbacks.task.running = False
        self._callbacks.clear()
        self._newest.clear()

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until this runner's tasks have finished in their workers; False on time-out.

        Their callbacks run later, from the event loop (or never, after `forget()`).
        """
        return self._in_flight.wait(msecs)

    # --- plumbing (GUI thread) ----------------------------------------------------------------------
    def _start(self, work: Callable[..., Any], reporting: bool, on_done: Done | None, on_failed: Failed | None,
               on_progress: OnProgress | None, lane: Lane | None, key: str | None) -> Task:
        token = self._hub.next_token()
        job = _Job(token, work, reporting, self._in_flight)
        task = Task(job, key)
        if key is not None:
            self._drop(self._newest.get(key))
            self._newest[key] = token
        self._callbacks[token] = _Callbacks(task, on_done, on_failed, on_progress)
        self._hub.owners[token] = weakref.ref(self)
        self._in_flight.add()
        (lane or parallel_lane()).pool.start(job)  # a plain callable: Qt owns the runnable it wraps it in
        return task

    def _drop(self, token: int | None) -> None:
        callbacks = self._callbacks.pop(token, None) if token is not None else None
        if callbacks is not None:
            callbacks.task._job.skip.set()
            callbacks.task._job.cancel.set()
            callbacks.task.running = False

    def _deliver(self, token: int, succeeded: bool, value: object) -> None:
        callbacks = self._callbacks.pop(token, None)
        if callbacks is None:
            return  # superseded by a newer task with its key, or forgotten
        callbacks.task.running = False
        if callbacks.task.key is not None and self._newest.get(callbacks.task.key) == token:
            del self._newest[callbacks.task.key]
        if succeeded:
            if callbacks.on_done is not None:
                callbacks.on_done(value)
            return
        if not isinstance(value, BaseException):
            return
        if callbacks.on_failed is None:
            report_error(value)
            return
        log.debug("background task failed", exc_info=value)
        callbacks.on_failed(value)

    def _progress(self, token: int, values: tuple) -> None:
        callbacks = self._callbacks.get(token)
        if callbacks is not None and callbacks.on_progress is not None:
            callbacks.on_progress(*values)

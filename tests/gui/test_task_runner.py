"""The task runner: work off the GUI thread, callbacks on it, order, newest only, errors as objects."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QThread
from PySide6.QtWidgets import QApplication

from reslib_desktop.gui.app import install_crash_reporting
from reslib_desktop.gui.crash_log import CrashReporter
from reslib_desktop.gui.task_runner import Lane, TaskRunner, database_lane, parallel_lane, wait_for_all

WAIT = 10_000


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:
    owner = QObject()
    tasks = TaskRunner(owner)
    yield tasks
    tasks.forget()
    assert tasks.wait(WAIT)


def test_the_database_lane_runs_tasks_one_at_a_time_in_the_order_submitted(qtbot, runner) -> None:
    started: list[int] = []
    delivered: list[int] = []
    overlapping = []
    running = threading.Lock()

    def work(number: int) -> int:
        if not running.acquire(blocking=False):
            overlapping.append(number)
            running.acquire()
        try:
            started.append(number)
            sum(range(20_000 * (number % 3)))  # uneven lengths: a parallel pool would reorder them
            return number
        finally:
            running.release()

    for number in range(30):
        runner.run(lambda n=number: work(n), delivered.append, lane=database_lane())
    qtbot.waitUntil(lambda: len(delivered) == 30, timeout=WAIT)
    assert started == list(range(30)) and delivered == list(range(30))
    assert overlapping == []


def test_a_newer_task_with_the_same_key_drops_the_older_result(qtbot, runner) -> None:
    started, release = threading.Event(), threading.Event()
    shown: list[str] = []
    ran: list[str] = []

    def slow() -> str:
        started.set()
        release.wait(WAIT / 1000)
        ran.append("slow")
        return "old search"

    def queued() -> str:
        ran.append("queued")
        return "never shown"

    lane = Lane("one-thread", 1)
    runner.run(slow, shown.append, key="search", lane=lane)
    assert started.wait(WAIT / 1000)
    runner.run(queued, shown.append, key="search", lane=lane)  # superseded before it starts: never runs
    runner.run(lambda: "new search", shown.append, key="search")
    qtbot.waitUntil(lambda: shown == ["new search"], timeout=WAIT)
    assert not runner.busy("search")
    release.set()
    assert lane.wait(WAIT) and runner.wait(WAIT)
    QCoreApplication.processEvents()  # the old result was posted before its worker finished
    assert shown == ["new search"] and ran == ["slow"]


def test_callbacks_run_on_the_gui_thread_and_work_never_does(qtbot, runner) -> None:
    gui = QApplication.instance().thread()
    threads: dict[str, QThread] = {}

    def reporting(report, _cancelled) -> int:
        threads["work"] = QThread.currentThread()
        report(1, 2)
        return 3

    def failing() -> None:
        threads["failing work"] = QThread.currentThread()
        raise ValueError("no")

    runner.run_reporting(reporting, lambda _r: threads.setdefault("done", QThread.currentThread()),
                         on_progress=lambda *_v: threads.setdefault("progress", QThread.currentThread()))
    runner.run(failing, on_failed=lambda _e: threads.setdefault("failed", QThread.currentThread()),
               lane=database_lane())
    qtbot.waitUntil(lambda: {"done", "progress", "failed"} <= threads.keys(), timeout=WAIT)
    assert threads["work"] is not gui and threads["failing work"] is not gui
    assert threads["done"] is gui and threads["progress"] is gui and threads["failed"] is gui


def test_progress_arrives_in_order_and_cancel_reaches_the_work(qtbot, runner) -> None:
    progress: list[tuple[int, int]] = []
    outcome: list[object] = []
    may_finish = threading.Event()

    def work(report, cancelled) -> str:
        for done in range(3):
            report(done, 3)
        may_finish.wait(WAIT / 1000)
        return "cancelled" if cancelled() else "finished"

    task = runner.run_reporting(work, outcome.append, on_progress=lambda done, total: progress.append((done, total)))
    qtbot.waitUntil(lambda: len(progress) == 3, timeout=WAIT)
    task.cancel()
    may_finish.set()
    qtbot.waitUntil(lambda: outcome == ["cancelled"], timeout=WAIT)
    assert progress == [(0, 3), (1, 3), (2, 3)] and not task.running


def _broken_worker_function() -> None:
    raise KeyError("missing row 42")


def test_a_failure_reaches_on_failed_as_the_exception_with_its_traceback(qtbot, runner) -> None:
    errors: list[BaseException] = []
    runner.run(_broken_worker_function, on_failed=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT)
    error = errors[0]
    assert isinstance(error, KeyError) and error.args == ("missing row 42",)
    assert "_broken_worker_function" in "".join(traceback.format_tb(error.__traceback__))


@pytest.fixture
def reporter(isolated_user_dirs: Path) -> Iterator[CrashReporter]:
    installed = install_crash_reporting()
    assert installed is not None
    yield installed
    if installed.dialog is not None:
        installed.dialog.close()
    installed.uninstall()


@pytest.mark.qt_no_exception_capture  # the app's own hook must see the exception
def test_an_unhandled_failure_goes_to_the_crash_dialog_with_the_workers_traceback(qtbot, runner, reporter) -> None:
    runner.run(_broken_worker_function)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible(), timeout=WAIT)
    assert "_broken_worker_function" in reporter.dialog.details_text
    assert "KeyError: 'missing row 42'" in reporter.dialog.details_text
    assert "_broken_worker_function" in reporter.log_path.read_text(encoding="utf-8")


def test_results_for_a_deleted_owner_are_dropped(qtbot) -> None:
    owner = QObject()
    tasks = TaskRunner(owner)
    release = threading.Event()
    shown: list[str] = []
    tasks.run(lambda: release.wait(WAIT / 1000) and "late", shown.append)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(tasks), timeout=WAIT)
    release.set()
    assert parallel_lane().wait(WAIT)
    QCoreApplication.processEvents()
    assert shown == []


def _alive(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_forget_drops_pending_results_and_wait_for_all_waits_for_both_lanes(qtbot, runner) -> None:
    shown: list[int] = []
    for number in range(5):
        runner.run(lambda n=number: n, shown.append, lane=database_lane())
    runner.forget()
    assert wait_for_all(WAIT)
    QCoreApplication.processEvents()
    assert shown == [] and runner.pending == 0

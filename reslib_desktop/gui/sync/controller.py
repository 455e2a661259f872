"""Running a sync off the GUI thread and telling the window how it goes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reslib_desktop.gui.task_runner import Cancelled, Lane, Report, Task, TaskRunner, failure_text
from reslib_desktop.library import (
    Library,
    ServerUnreachable,
    SyncCancelled,
    SyncError,
)

if TYPE_CHECKING:  # (the sync engine itself is loaded by the first sync, not to draw the window)
    from reslib_desktop.library import SyncReport, SyncStatus

#: Why a sync could not sign in: the window asks for the password then (see join_actions.py).
PASSWORD_KINDS = ("password-needed", "wrong-password")


class SyncController(QObject):
    """One sync at a time on the task runner; its state for the status bar.

    A password typed in this session (the Join dialog or the password prompt, when the
    system has no keyring) is kept in memory only and given to each sync."""

    started = Signal()
    progress = Signal(str, int, int)  # phase, done, total
    finished = Signal(object)  # SyncReport
    offline = Signal(str)
    failed = Signal(str)
    passwordRefused = Signal(str)  # a sync could not sign in (no password, or a wrong one): its message
    stopped = Signal(str)  # cancelled on request: what was applied stays
    statusChanged = Signal()

    def __init__(self, library: Library, parent: QObject | None = None, lane: Lane | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._lane = lane
        self._tasks = TaskRunner(self)
        self._task: Task | None = None
        self.running = False
        self.last_error: str | None = None
        self.is_offline = False
        self.session_password: str | None = None

    def status(self) -> SyncStatus:
        return self.library.sync_status()

    def start(self, password: str | None = None) -> bool:
        """Start a sync unless one runs or the library has no server; True when started."""
        if self.running or not self.status().joined:
            return False
        if password:
            self.session_password = password
        library, typed = self.library, self.session_password

        def work(report: Report, cancelled: Cancelled) -> SyncReport:  # a worker thread: no GUI objects here
            done = library.sync(progress=report, cancel=cancelled, password=typed)
            library.download_synced_offline(done)
            return done

        self._run(work)
        return True

    def join(self, url: str, password: str | None, remember: bool) -> bool:
        """Join the server at `url` (already tried) and pull its library: a sync whose progress the status
        bar shows; the password goes to the system keyring when `remember`, else stays in memory."""
        if self.running:
            return False
        self.session_password = password or None
        library = self.library

        def work(report: Report, cancelled: Cancelled) -> SyncReport:  # a worker thread: no GUI objects here
            if remember and password:
                library.remember_server_password(url, password)
            done = library.sync(url, progress=report, cancel=cancelled, password=password or None)
            library.download_synced_offline(done)
            return done

        self._run(work)
        return True

    def stop(self) -> None:
        """Stop the running sync after the page it is applying (what was applied stays)."""
        if self._task is not None and self.running:
            self._task.cancel()

    def _run(self, work) -> None:
        self.running, self.is_offline, self.last_error = True, False, None
        self.started.emit()
        self.statusChanged.emit()
        self._task = self._tasks.run_reporting(work, self._on_finished, self._on_error, self.progress.emit,
                                               lane=self._lane)

    def shutdown(self, wait_ms: int = 5000) -> bool:
        """Stop a running sync after the page it is applying (nothing is lost); True when it stopped."""
        if self._task is not None:
            self._task.cancel()
        return self._tasks.wait(wait_ms)

    def _on_finished(self, report: object) -> None:
        self.running, self.is_offline, self.last_error = False, False, None
        self.finished.emit(report)
        self.statusChanged.emit()

    def _on_error(self, error: BaseException) -> None:
        if isinstance(error, ServerUnreachable):
            self._on_offline(str(error))
        elif isinstance(error, SyncCancelled):
            self.running, self.last_error = False, None
            self.stopped.emit(str(error))
            self.statusChanged.emit()
        elif isinstance(error, SyncError) and error.kind in PASSWORD_KINDS:
            self.session_password = None  # it did not work: ask again
            self._on_failed(str(error))
            self.passwordRefused.emit(str(error))
        elif isinstance(error, SyncError):
            self._on_failed(str(error))
        else:  # shown in the status bar, never lost in a thread
            self._on_failed(failure_text(error))

    def _on_offline(self, message: str) -> None:
        self.running, self.is_offline, self.last_error = False, True, message
        self.offline.emit(message)
        self.statusChanged.emit()

    def _on_failed(self, message: str) -> None:
        self.running, self.is_offline, self.last_error = False, False, message
        self.failed.emit(message)
        self.statusChanged.emit()


def ago(when: datetime | None, now: datetime | None = None) -> str:
    """'just now', '3 min ago', '2 h ago', '4 days ago' for a UTC time."""
    # PySide6's stub types tr() as an instance method; PySide also allows Class.tr() (context: the class name).
    if when is None:
        return SyncController.tr("never")  # type: ignore[arg-type,call-arg]
    now = now or datetime.now(UTC).replace(tzinfo=None)
    seconds = max(0, int((now - when).total_seconds()))
    if seconds < 60:
        return SyncController.tr("just now")  # type: ignore[arg-type,call-arg]
    if seconds < 3600:
        return SyncController.tr("%Ln min ago", "", seconds // 60)  # type: ignore[arg-type]
    if seconds < 86400:
        return SyncController.tr("%Ln h ago", "", seconds // 3600)  # type: ignore[arg-type]
    return SyncController.tr("%Ln days ago", "", seconds // 86400)  # type: ignore[arg-type]

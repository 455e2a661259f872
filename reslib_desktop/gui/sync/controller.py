"""Running a sync off the GUI thread and telling the window how it goes."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from reslib_desktop.library import Library, ServerUnreachable, SyncError, SyncStatus


class _Signals(QObject):
    progress = Signal(str, int, int)  # phase, done, total
    finished = Signal(object)  # SyncReport
    offline = Signal(str)
    failed = Signal(str)


class _SyncJob(QRunnable):
    def __init__(self, library: Library, signals: _Signals, cancel: threading.Event, idle: threading.Event) -> None:
        super().__init__()
        self._library = library
        self._signals = signals
        self._cancel = cancel
        self._idle = idle

    def run(self) -> None:
        try:
            self._run()
        finally:
            self._idle.set()

    def _run(self) -> None:
        try:
            report = self._library.sync(progress=self._signals.progress.emit, cancel=self._cancel.is_set)
            self._library.download_synced_offline(report)
        except ServerUnreachable as error:
            self._signals.offline.emit(str(error))
        except SyncError as error:
            self._signals.failed.emit(str(error))
        except Exception as error:  # noqa: BLE001 - shown in the status bar, never lost in a thread
            self._signals.failed.emit(f"{type(error).__name__}: {error}")
        else:
            self._signals.finished.emit(report)


class SyncController(QObject):
    """One sync at a time in a worker thread; its state for the status bar."""

    started = Signal()
    progress = Signal(str, int, int)
    finished = Signal(object)  # SyncReport
    offline = Signal(str)
    failed = Signal(str)
    statusChanged = Signal()

    def __init__(self, library: Library, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._pool = pool or QThreadPool.globalInstance()
        self._signals = _Signals(self)
        self._cancel = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self.running = False
        self.last_error: str | None = None
        self.is_offline = False
        self._signals.progress.connect(self.progress)
        self._signals.finished.connect(self._on_finished)
        self._signals.offline.connect(self._on_offline)
        self._signals.failed.connect(self._on_failed)

    def status(self) -> SyncStatus:
        return self.library.sync_status()

    def start(self) -> bool:
        """Start a sync unless one runs or the library has no server; True when started."""
        if self.running or not self.status().joined:
            return False
        self.running = True
        self._cancel.clear()
        self.started.emit()
        self.statusChanged.emit()
        self._idle.clear()
        self._pool.start(_SyncJob(self.library, self._signals, self._cancel, self._idle))
        return True

    def shutdown(self, wait_ms: int = 5000) -> bool:
        """Stop a running sync after the page it is applying (nothing is lost); True when it stopped."""
        self._cancel.set()
        return self._idle.wait(wait_ms / 1000)

    def _on_finished(self, report: object) -> None:
        self.running, self.is_offline, self.last_error = False, False, None
        self.finished.emit(report)
        self.statusChanged.emit()

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

"""Unexpected errors in the window: written to a log, shown in the error dialog, and the app keeps running.

`install(folder)` routes uncaught Python exceptions (from slots, event handlers
and worker threads), Qt's own warnings and, through faulthandler, fatal crashes
(a segfault in a C library) to files in `folder` (the user's data folder,
`paths.log_dir()`). The log is size-capped and rotated; a fatal-crash report
left by the previous run is kept beside it and noted in the log.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import TextIO

from PySide6.QtCore import (
    QMessageLogContext,
    QObject,
    Qt,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from reslib_desktop.gui.error_dialog import ErrorDialog, show_error

LOG_NAME = "reslib-desktop.log"
FAULTS_NAME = "fatal-errors.log"
PREVIOUS_FAULTS_NAME = "fatal-errors.previous.log"
MAX_LOG_BYTES = 1_000_000
LOG_BACKUPS = 2  # reslib-desktop.log.1, .2: at most ~3 MB in all

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _traceback_text(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> str:
    return "".join(traceback.format_exception(kind, error, trace)).rstrip()


class CrashReporter(QObject):
    """Owns the log files and the hooks; shows one error dialog at a time on the GUI thread."""

    # (message, details): emitted from any thread, shown on the GUI thread.
    report = Signal(str, str)

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.log_path = self.folder / LOG_NAME
        self.faults_path = self.folder / FAULTS_NAME
        self.dialog: ErrorDialog | None = None
        # Says in one line what went wrong for errors it knows (a full disk, a read-only library).
        self.explain: Callable[[BaseException], str | None] | None = None
        self.logger = logging.getLogger(f"reslib_desktop.crash.{id(self)}")
        self.logger.propagate = False
        self.logger.setLevel(logging.INFO)
        self._handler = RotatingFileHandler(
            self.log_path, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
        self._handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        self.logger.addHandler(self._handler)
        self._faults: TextIO | None = None
        self._previous_hooks: tuple | None = None
        self.report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    # --- installing ------------------------------------------------------------------------
    def install(self) -> CrashReporter:
        """Take over sys.excepthook, threading.excepthook, Qt's message handler and faulthandler."""
        self._keep_previous_fatal_report()
        self._faults = self.faults_path.open("w", encoding="utf-8")
        faulthandler.enable(self._faults, all_threads=True)
        previous_qt = qInstallMessageHandler(self._qt_message)
        self._previous_hooks = (sys.excepthook, threading.excepthook, previous_qt)
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook
        self.logger.info("reslib-desktop started")
        return self

    def uninstall(self) -> None:
        """Give the hooks back and close the files (the fatal-error file is removed if nothing was written)."""
        if self._previous_hooks is not None:
            sys.excepthook, threading.excepthook, previous_qt = self._previous_hooks
            qInstallMessageHandler(previous_qt)
            self._previous_hooks = None
        if self._faults is not None:
            faulthandler.disable()
            self._faults.close()
            self._faults = None
            if self.faults_path.exists() and self.faults_path.stat().st_size == 0:
                self.faults_path.unlink()
        self.logger.removeHandler(self._handler)
        self._handler.close()

    def _keep_previous_fatal_report(self) -> None:
        if self.faults_path.exists() and self.faults_path.stat().st_size > 0:
            self.faults_path.replace(self.folder / PREVIOUS_FAULTS_NAME)
            self.logger.error("the previous run stopped with a fatal error; its report is in %s", PREVIOUS_FAULTS_NAME)

    # --- hooks -------------------------------------------------------------------------------
    def _excepthook(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        self._record(_traceback_text(kind, error, trace), error)

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "a worker thread"
        details = f"In thread {name}:\n" + _traceback_text(args.exc_type, args.exc_value, args.exc_traceback)
        self._record(details, args.exc_value)

    def _record(self, details: str, error: BaseException) -> None:
        self.logger.error("unexpected error\n%s", details)
        print(details, file=sys.stderr)
        known = self._known_problem(error)
        if known:
            message = QApplication.translate(
                "CrashReporter", "{problem}. The app keeps running. The details are also saved in {log}."
            ).format(problem=known.rstrip("."), log=self.log_path)
        else:
            message = QApplication.translate(
                "CrashReporter",
                "Something unexpected went wrong. The app keeps running and your library is safe; if this "
                "happens again, copy the details and send them to whoever supports the app. "
                "The details are also saved in {log}.",
            ).format(log=self.log_path)
        self.report.emit(message, details)

    def _known_problem(self, error: BaseException) -> str | None:
        if self.explain is None:
            return None
        try:
            return self.explain(error)
        except Exception:  # explaining must never hide the error itself
            self.logger.exception("could not explain the error")
            return None

    def _qt_message(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        where = f" ({context.file}:{context.line})" if context.file else ""
        self.logger.log(_QT_LEVELS.get(kind, logging.WARNING), "Qt: %s%s", message, where)
        if kind != QtMsgType.QtDebugMsg:
            print(f"Qt: {message}", file=sys.stderr)

    # --- showing -----------------------------------------------------------------------------
    def _show(self, message: str, details: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            return  # one dialog at a time: a burst of errors is in the log
        if QApplication.instance() is None:
            return
        title = QApplication.translate("CrashReporter", "Something went wrong")
        dialog = show_error(QApplication.activeWindow(), title, message, details, modal=False)
        if dialog is not None:
            dialog.destroyed.connect(self._forget_dialog)
        self.dialog = dialog

    def _forget_dialog(self) -> None:
        self.dialog = None


def install(folder: Path) -> CrashReporter | None:
    """Install crash reporting into `folder`; None (a warning on stderr) if the folder cannot be written."""
    try:
        return CrashReporter(folder).install()
    except OSError as error:
        print(f"reslib-desktop: no crash log ({error}); errors go to the terminal only", file=sys.stderr)
        return None

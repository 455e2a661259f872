"""Opening an attachment in the PDF pane: from the cache at once, else downloaded with progress."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices

from reslib_desktop.gui.pdf.pane import PdfPane
from reslib_desktop.gui.task_runner import Cancelled, Report, TaskRunner, failure_text
from reslib_desktop.library import (
    CacheState,
    FetchProgress,
    FetchReport,
    OfflineService,
)

_OFFLINE_HINTS = ("name or service not known", "temporary failure in name resolution", "connection refused",
                  "network is unreachable", "no route to host", "nodename nor servname")


def looks_offline(reason: str) -> bool:
    """Whether a download failure means there is no network (rather than a bad file or server)."""
    lowered = reason.lower()
    return any(hint in lowered for hint in _OFFLINE_HINTS)


log = logging.getLogger(__name__)


def _index_failed(error: BaseException) -> None:
    log.info("indexing after a download failed (the next run retries): %s", failure_text(error))


class AttachmentOpener(QObject):
    """Shows an attachment in the pane; remembers the page the user was on, per attachment."""

    opened = Signal(int)  # attachment id
    attachmentCached = Signal(int)
    attachmentIndexed = Signal(int)

    SAVE_PAGE_DELAY_MS = 600

    def __init__(self, service: OfflineService, pane: PdfPane, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.pane = pane
        self._tasks = TaskRunner(self)
        self._cancel = threading.Event()
        self._wanted: tuple[int, str, int | None] | None = None  # what the user asked to see last
        self._pending_page: tuple[int, int] | None = None
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(self.SAVE_PAGE_DELAY_MS)
        self._save_timer.timeout.connect(self._save_page)
        pane.pageChanged.connect(self._on_page_changed)
        pane.openExternallyRequested.connect(lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
        pane.downloadAgainRequested.connect(lambda key: self.open(int(key), self._label_of(int(key)), refetch=True))
        pane.retryRequested.connect(lambda key: self.open(int(key), self._label_of(int(key))))

    def open(self, attachment_id: int, label: str, page: int | None = None, refetch: bool = False) -> None:
        """Show an attachment (0-based `page`, else where the user left it)."""
        self._save_page()
        self._wanted = (attachment_id, label, page)
        path = None if refetch else self.service.local_path(attachment_id)
        if path is not None:
            self._show(attachment_id, label, path, page)
            return
        info = self.service.state_of([attachment_id]).get(attachment_id)
        if info is None:
            self.pane.show_status(self.tr("This attachment no longer exists."), key=str(attachment_id), title=label)
            return
        if not info.has_url:
            self.pane.show_status(
                self.tr("This attachment is not in the offline cache and no download address is known for it: "
                        "import a bundle, or its record with a URL, to get the file."),
                key=str(attachment_id), title=label,
            )
            return
        if refetch:
            self.service.forget(attachment_id)
        self.pane.show_status(self.tr("Downloading “%1”…").replace("%1", label), 0, key=str(attachment_id), title=label)
        self._fetch(attachment_id)

    def shutdown(self, wait_ms: int = 5000) -> None:
        """Stop downloads started here and wait for their threads (before the window goes)."""
        self._save_page()
        self._cancel.set()
        self._tasks.wait(wait_ms)

    def _fetch(self, attachment_id: int) -> None:
        service, cancel = self.service, self._cancel

        def work(report: Report, _cancelled: Cancelled) -> FetchReport:  # a worker thread: no GUI objects here
            return service.fetch([attachment_id], progress=report, cancel=cancel, concurrency=1)

        self._tasks.run_reporting(work, lambda outcome: self._on_done(attachment_id, outcome),
                                  lambda error: self._on_done(attachment_id, failure_text(error)), self._on_progress)

    def _index(self, attachment_id: int) -> None:
        """Its words become searchable (after the document is already on screen); a failure is retried later."""
        service, cancel = self.service, self._cancel
        self._tasks.run(lambda: service.index_pending(cancel=cancel),
                        lambda _report: self.attachmentIndexed.emit(attachment_id), _index_failed)

    def _show(self, attachment_id: int, label: str, path: Path, page: int | None) -> None:
        start = page if page is not None else self.service.last_page(attachment_id)
        if self.pane.open_file(path, str(attachment_id), label, start_page=start):
            self.opened.emit(attachment_id)

    def _label_of(self, attachment_id: int) -> str:
        if self._wanted and self._wanted[0] == attachment_id:
            return self._wanted[1]
        info = self.service.state_of([attachment_id]).get(attachment_id)
        return info.label if info else ""

    def _on_progress(self, progress: FetchProgress) -> None:
        if self._wanted is None or progress.attachment_id != self._wanted[0]:
            return
        if progress.state == CacheState.DOWNLOADING:
            percent = progress.percent
            self.pane.show_status(
                self.tr("Downloading “%1”…").replace("%1", progress.label),
                int(percent) if percent is not None else -1,
                key=str(progress.attachment_id), title=progress.label,
            )

    def _on_done(self, attachment_id: int, outcome: FetchReport | str) -> None:
        if isinstance(outcome, FetchReport) and (outcome.cached or outcome.already_cached):
            self.attachmentCached.emit(attachment_id)
        if isinstance(outcome, FetchReport) and outcome.cached and not self._cancel.is_set():
            self._index(attachment_id)
        if self._wanted is None or attachment_id != self._wanted[0]:
            return  # the user has moved on; the file stays cached for next time
        _id, label, page = self._wanted
        if isinstance(outcome, str):
            reason = outcome
        elif outcome.failed or outcome.skipped:
            reason = (outcome.failed or outcome.skipped)[0].reason
        else:
            path = self.service.local_path(attachment_id)
            if path is not None:
                self._show(attachment_id, label, path, page)
                return
            reason = self.tr("the download was cancelled")
        if looks_offline(reason):
            message = self.tr("You seem to be offline, and this attachment is not available offline.")
        else:
            message = self.tr("Could not download this attachment: %1").replace("%1", reason)
        self.pane.show_status(message, retry=True, key=str(attachment_id), title=label)

    def _on_page_changed(self, key: str, page: int) -> None:
        self._pending_page = (int(key), page)
        self._save_timer.start()

    def _save_page(self) -> None:
        self._save_timer.stop()
        if self._pending_page is not None:
            attachment_id, page = self._pending_page
            self._pending_page = None
            self.service.set_last_page(attachment_id, page)

"""OfflineController: OfflineService work in background threads, its callbacks turned into Qt signals.

The GUI thread only schedules: which attachments wait, which are being
fetched (one `service.fetch([id])` per worker, at most `concurrency` at a
time, plus one slot for a file the user wants to open now), and when to index
text. Every database and network call runs on the task runner (database work
in its serial lane, downloads and indexing in the parallel one). Cache state
lives in the database, so nothing here needs saving: attachments still
'queued' after a cancel or a restart are offered back through
`resumableChanged` and `resume()`.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from reslib_desktop.gui.offline.collections_client import CollectionsClient
from reslib_desktop.gui.offline.indexing import TextIndexing
from reslib_desktop.gui.offline.live_bytes import LiveBytes
from reslib_desktop.gui.offline.progress import (
    SKIPPED,
    BatchProgress,
    FileProgress,
    RunReport,
    final_entry,
    first_entry,
)
from reslib_desktop.gui.offline.status import StatusReader, unqueue_unfetchable
from reslib_desktop.gui.offline.tracker import FileTracker
from reslib_desktop.gui.task_runner import (
    Cancelled,
    Lane,
    Report,
    TaskRunner,
    database_lane,
    failure_text,
    parallel_lane,
)
from reslib_desktop.library import (
    AttachmentCacheInfo,
    CacheState,
    CacheStatus,
    FetchFailure,
    FetchProgress,
    FetchReport,
    IndexReport,
    OfflineService,
)

_CACHED = CacheState.CACHED.value
_FAILED = CacheState.FAILED.value


class OfflineController(QObject):
    """Downloads, text indexing and collections of one OfflineService, without blocking the GUI.

    Signals: attachmentStateChanged(id, state) at each change; progressChanged(BatchProgress),
    attachmentStatesChanged({id: state}) and resourcesChanged({resource id}) coalesced (<= 10/s);
    finished(RunReport), failed(message), indexingChanged(done, total), statusChanged(CacheStatus),
    busyChanged(bool), resumableChanged(count), downloadableChanged(count of attachments with an address).
    """

    progressChanged = Signal(object)
    attachmentStateChanged = Signal(int, str)
    attachmentStatesChanged = Signal(object)  # {attachment id: state}, coalesced like progressChanged
    resourcesChanged = Signal(object)  # {resource ids} whose attachments changed state, coalesced
    finished = Signal(object)
    failed = Signal(str)
    indexingChanged = Signal(int, int)
    statusChanged = Signal(object)
    busyChanged = Signal(bool)
    resumableChanged = Signal(int)
    downloadableChanged = Signal(int)

    def __init__(self, service: OfflineService, lane: Lane | None = None, parent: QObject | None = None,
                 concurrency: int = 3, auto_index: bool = True) -> None:
        super().__init__(parent)
        self.service = service
        self.concurrency = max(1, concurrency)
        self._lane = lane or parallel_lane()  # downloads; short database jobs go to the database lane, in order
        self._jobs = TaskRunner(self)
        self._auto_index = auto_index
        self._closed = False
        self._cancel = threading.Event()
        self._run: RunReport | None = None
        self._tracker = FileTracker(self)
        for name in ("progressChanged", "attachmentStateChanged", "attachmentStatesChanged", "resourcesChanged"):
            getattr(self._tracker, name).connect(getattr(self, name))
        self._pending: deque[int] = deque()
        self._priority: deque[int] = deque()
        self._active: set[int] = set()
        self._preparing = 0
        self._first_status = True
        self._resumable = 0
        self._downloadable: int | None = None
        self._status: CacheStatus | None = None
        self._reader = StatusReader(service, self._jobs, self)
        self._reader.read.connect(self._on_status)
        self._reader.failed.connect(self.failed)
        self._live = LiveBytes(service, self._jobs, self._tracker, lambda: self._active, self)
        self.collections = CollectionsClient(service, self._jobs, self)
        self.collections.fetchRequested.connect(self.make_available)
        self.attachmentStateChanged.connect(self.collections.on_attachment_state)
        self._text = TextIndexing(service, self._jobs, lambda counts: self.indexingChanged.emit(*counts),
                                  self._on_indexed, self._on_index_failed)
        unqueue_unfetchable(service, self._jobs)  # before the first status read, on the same lane
        QTimer.singleShot(0, self.refresh_status)

    # --- what views can read ---------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while downloads or text indexing run."""
        return self._run is not None

    @property
    def resumable(self) -> int:
        """Attachments left 'queued' (by a cancel or a restart) that nothing is fetching now."""
        return self._resumable

    @property
    def last_status(self) -> CacheStatus | None:
        return self._status

    @property
    def downloadable(self) -> int | None:
        """Attachments of the library that have a download address (None until first read)."""
        return self._downloadable

    def ask_downloadable(self, resource_ids: list[int], answer: Callable[[bool], None]) -> None:
        """Call `answer(bool)` (on the GUI thread) with whether some attachment of these resources has an address."""
        ids, service = [int(i) for i in resource_ids], self.service

        def work() -> bool:
            return any(info.has_url for info in service.state_of(service.attachments_for(ids)).values())

        self._jobs.run(work, answer, lambda _error: answer(True), lane=database_lane())  # unsure: let the run tell

    def file(self, attachment_id: int) -> FileProgress | None:
        """One file of the current (or last) run: its state and, after a failure, the reason."""
        return self._tracker.get(int(attachment_id))

    def files(self) -> list[FileProgress]:
        """Every file of the current (or last) run, in the order requested."""
        return self._tracker.files()

    def progress(self, changed: Iterable[FileProgress] = ()) -> BatchProgress:
        """Overall progress of the current (or last) run."""
        return self._tracker.progress(changed)

    # --- starting and stopping work ---------------------------------------------------------
    @Slot(list, str)
    def make_available(self, attachment_ids: list[int], label: str) -> None:
        """Queue these attachments (in the database), fetch them in the background, then index their text."""
        ids = list(dict.fromkeys(int(i) for i in attachment_ids))
        if ids:
            self._prepare(lambda: ids, label, priority=False)

    @Slot(list, str)
    def make_resources_available(self, resource_ids: list[int], label: str) -> None:
        """As make_available, for every attachment of these resources (looked up in the background)."""
        ids = [int(i) for i in resource_ids]
        if ids:
            service = self.service
            self._prepare(lambda: service.attachments_for(ids), label)

    @Slot(str)
    def make_all_available(self, label: str = "") -> None:
        """Every attachment of the library."""
        self._prepare(self.service.all_attachments, label or self.tr("The whole library"))

    @Slot(int)
    def fetch_one(self, attachment_id: int) -> None:
        """Fetch one attachment before anything else (to open it now).

        Ends with attachmentStateChanged(id, state): 'cached' (also at once if it
        already was), 'failed' (reason in file(id).error), 'skipped' (no address)
        or 'queued' (cancelled).
        """
        attachment_id = int(attachment_id)
        if attachment_id in self._active or attachment_id in self._priority:
            return
        if attachment_id in self._pending:
            self._pending.remove(attachment_id)
            self._priority.appendleft(attachment_id)
            self._pump()
            return
        self._prepare(lambda: [attachment_id], self.tr("Opening an attachment"), priority=True)

    @Slot()
    def retry_failed(self) -> None:
        """Fetch again every attachment whose download failed."""
        service = self.service
        self._prepare(lambda: service.attachments_in_state(CacheState.FAILED), self.tr("Retrying failed downloads"))

    @Slot()
    def resume(self) -> None:
        """Fetch the attachments left queued by a cancel or an earlier session."""
        self._set_resumable(0)  # all of them become this run's
        service = self.service
        self._prepare(lambda: service.attachments_in_state(CacheState.QUEUED), self.tr("Resumed downloads"))

    @Slot()
    def discard_interrupted(self) -> None:
        """Forget queued attachments nothing is fetching (their partial files stay until `reslib cache clear`)."""
        if self._closed:
            return
        mine = self._mine()
        service = self.service

        def work() -> int:
            return service.unqueue([i for i in service.attachments_in_state(CacheState.QUEUED) if i not in mine])

        self._jobs.run(work, lambda _count: self.refresh_status(), self._report_error, lane=database_lane())

    @Slot()
    def cancel(self) -> None:
        """Stop downloads and indexing; unfinished attachments stay queued (resumable), partial files kept."""
        if self._run is None and not self._text.running:
            return
        self._cancel.set()
        self._pending.clear()
        self._priority.clear()
        if self._run is not None:
            self._run.cancelled = True
        self._maybe_finish()

    @Slot()
    def index_now(self) -> None:
        """Index the text of cached PDFs still waiting (e.g. after a restart)."""
        if self._text.running:
            return
        if self._run is None and self._cancel.is_set():
            self._cancel = threading.Event()
        self._start_indexing()

    def shutdown(self, wait_ms: int = 10_000) -> bool:
        """Cancel everything, start nothing more, wait for the workers (call before the application quits).

        False if workers were still busy after `wait_ms` (a download blocked in a read ends
        at the read timeout).
        """
        self.cancel()
        self._closed = True
        self._reader.close()
        self._live.close()
        self._tracker.stop()
        self.collections.close()
        done = self._jobs.wait(wait_ms)
        self._jobs.forget()
        return done

    @Slot()
    def refresh_status(self) -> None:
        """Read counts in the background; emits statusChanged, indexingChanged and resumableChanged."""
        self._reader.refresh()

    # --- scheduling (GUI thread) ------------------------------------------------------------
    def _mine(self) -> set[int]:
        return set(self._active) | set(self._pending) | set(self._priority)

    def _begin(self, label: str) -> None:
        if self._cancel.is_set():
            self._cancel = threading.Event()  # the old one still stops the workers it was given
        if self._run is None:
            self._run = RunReport(label)
            self._tracker.reset()
            self._tracker.running = True
            self.busyChanged.emit(True)
        self._run.label = self._tracker.add_label(label)

    def _prepare(self, source: Callable[[], list[int]], label: str, priority: bool = False) -> None:
        """Queue the ids `source()` gives and read their state (in the background), then schedule them."""
        if self._closed:
            return
        self._begin(label)
        self._preparing += 1
        cancel = self._cancel
        service = self.service

        def work() -> dict[int, AttachmentCacheInfo]:
            ids = source()
            infos = service.state_of(ids)
            service.queue([i for i, info in infos.items() if info.has_url])  # nothing to resume without an address
            service.unqueue([i for i, info in infos.items() if not info.has_url and info.state == CacheState.QUEUED])
            return infos  # what scheduling reads (cached or not, has an address) is what it was before queueing

        self._jobs.run(work, lambda infos: self._on_prepared(infos, priority, cancel), self._on_prepare_failed,
                       lane=database_lane())

    def _on_prepared(self, infos: dict[int, AttachmentCacheInfo], priority: bool, cancel: threading.Event) -> None:
        self._preparing -= 1
        run = self._run
        if run is None or cancel.is_set():
            self._maybe_finish()  # cancelled meanwhile: they stay queued, offered for resume
            return
        run.requested += len(infos)
        for info in infos.values():
            ident = info.attachment_id
            if ident in self._active or ident in self._priority:
                continue
            if ident in self._pending:
                if priority:
                    self._pending.remove(ident)
                    self._priority.append(ident)
                continue
            entry = first_entry(info, self.tr("no download address"))
            if entry.state == _CACHED:
                run.already_cached.append(ident)
            elif entry.state == SKIPPED:
                run.skipped.append(FetchFailure(ident, info.label, entry.error or ""))
            else:
                (self._priority if priority else self._pending).append(ident)
            self._tracker.set(entry, announce=True)
        self._pump()
        self._maybe_finish()

    def _on_prepare_failed(self, error: BaseException) -> None:
        self._preparing -= 1
        self._report_error(error)
        self._maybe_finish()

    def _pump(self) -> None:
        if self._closed:
            return
        while self._priority and len(self._active) < self.concurrency + 1:
            self._start_fetch(self._priority.popleft())
        while self._pending and len(self._active) < self.concurrency:
            self._start_fetch(self._pending.popleft())

    def _start_fetch(self, attachment_id: int) -> None:
        self._active.add(attachment_id)
        self._live.start()
        cancel = self._cancel
        service = self.service

        def work(report: Report, _cancelled: Cancelled) -> FetchReport:  # a worker thread: no GUI objects here
            return service.fetch([attachment_id], report, cancel, 1)

        self._jobs.run_reporting(
            work,
            lambda result: self._on_fetched(attachment_id, result),
            lambda error: self._on_fetch_error(attachment_id, failure_text(error)),
            self._on_fetch_progress,
            lane=self._lane,
        )

    def _on_fetch_progress(self, update: FetchProgress) -> None:
        old = self._tracker.get(update.attachment_id)
        if old is None or update.attachment_id not in self._active:
            return
        total = update.bytes_total if update.bytes_total is not None else old.bytes_total
        self._tracker.set(replace(old, state=update.state.value, bytes_done=update.bytes_done, bytes_total=total,
                                  error=update.error))

    def _on_fetched(self, attachment_id: int, report: FetchReport) -> None:
        self._active.discard(attachment_id)
        old = self._tracker.get(attachment_id)
        if self._run is not None:
            self._run.merge_fetch(report)
        if old is not None:
            self._tracker.set(final_entry(old, report, self.tr("no longer in the library")))
        if report.cached:
            self._text.needed = True
        self._schedule_status()
        self._pump()
        if self._text.needed and not self._text.running and not self._cancel.is_set():
            self._start_indexing()
        self._maybe_finish()

    def _on_fetch_error(self, attachment_id: int, message: str) -> None:
        self._active.discard(attachment_id)
        old = self._tracker.get(attachment_id)
        if old is not None:
            self._tracker.set(replace(old, state=_FAILED, error=message))
        self._report_failure(message)
        self._pump()
        self._maybe_finish()

    def _start_indexing(self) -> None:
        if not self._closed:
            self._text.start(self._cancel)

    def _on_indexed(self, report: IndexReport) -> None:
        if self._run is not None:
            self._run.merge_index(report)
        self._after_indexing()

    def _on_index_failed(self, message: str) -> None:
        self._report_failure(message)
        self._after_indexing()

    def _after_indexing(self) -> None:
        self._schedule_status()
        if self._text.needed and not self._cancel.is_set():
            self._start_indexing()
        self._maybe_finish()

    def _maybe_finish(self) -> None:
        run = self._run
        if run is None or self._active or self._pending or self._priority or self._preparing or self._text.running:
            return
        if self._text.needed and not self._cancel.is_set():
            self._start_indexing()
            return
        self._run = None
        self._tracker.running = False
        self._tracker.flush()
        self.busyChanged.emit(False)
        self.finished.emit(run)
        self.refresh_status()
        self.collections.refresh()

    def _report_error(self, error: BaseException) -> None:
        self._report_failure(failure_text(error))

    def _report_failure(self, message: str) -> None:
        if self._run is not None:
            self._run.errors.append(message)
        self.failed.emit(message)

    # --- status -----------------------------------------------------------------------------
    def _schedule_status(self) -> None:
        self._reader.schedule()

    def _on_status(self, status: CacheStatus, queued: list[int], downloadable: int) -> None:
        self._status = status
        if downloadable != self._downloadable:
            self._downloadable = downloadable
            self.downloadableChanged.emit(downloadable)
        self.statusChanged.emit(status)
        self.indexingChanged.emit(status.indexing_done, status.indexing_total)
        mine = self._mine()
        resumable = sum(1 for i in queued if i not in mine) if not self._preparing else self._resumable
        self._set_resumable(resumable)
        first, self._first_status = self._first_status, False
        if first and self._auto_index and status.indexing_done < status.indexing_total and not self._text.running:
            self._start_indexing()

    def _set_resumable(self, count: int) -> None:
        if count != self._resumable:
            self._resumable = count
            self.resumableChanged.emit(count)

"""Fetching many attachments: a bounded pool of download threads, state persisted as it goes.

Each attachment is claimed in the database ('downloading'), downloaded into its
.part, installed by atomic rename and recorded 'cached' in one transaction, or
recorded 'failed' with the reason. Cancelling leaves it 'queued' with its .part
kept, so the next fetch resumes it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import replace

from reslib_desktop.offline import locks, state
from reslib_desktop.offline.cache import FileCache
from reslib_desktop.offline.download import DownloadSettings, download
from reslib_desktop.offline.errors import DownloadCancelled, DownloadError
from reslib_desktop.offline.models import FetchFailure, FetchProgress, FetchReport
from reslib_desktop.offline.state import AttachmentRow, StateStore
from reslib_desktop.store.schema import CacheState

log = logging.getLogger(__name__)
PROGRESS_INTERVAL = 0.1  # seconds between progress callbacks for one file
PERSIST_INTERVAL = 1.0  # seconds between writes of the byte count to the database

ProgressCallback = Callable[[FetchProgress], None]


class LiveBytes:
    """Bytes received and expected per attachment while this process downloads it (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: dict[int, tuple[int, int | None]] = {}

    def set(self, attachment_id: int, done: int, total: int | None) -> None:
        with self._lock:
            self._values[attachment_id] = (done, total)

    def pop(self, attachment_id: int) -> None:
        with self._lock:
            self._values.pop(attachment_id, None)

    def get(self, attachment_id: int) -> tuple[int, int | None] | None:
        with self._lock:
            return self._values.get(attachment_id)


class _Run:
    """One fetch call's totals and its progress callback (called one at a time)."""

    def __init__(
        self, callback: ProgressCallback | None, files_total: int, report: FetchReport, settings: DownloadSettings
    ) -> None:
        self.callback = callback
        self.files_total = files_total
        self.files_done = 0
        self.report = report
        self.settings = settings
        self._received: dict[int, int] = {}
        self._lock = threading.Lock()

    def send(
        self,
        row: AttachmentRow,
        status: CacheState,
        done: int,
        total: int | None,
        start: int,
        error: str | None = None,
        finished: bool = False,
    ) -> None:
        with self._lock:
            self._received[row.id] = max(0, done - start)
            self.report.bytes_downloaded = sum(self._received.values())
            if finished:
                self.files_done += 1
            if self.callback is None:
                return
            update = FetchProgress(
                row.id,
                row.label,
                status,
                done,
                total,
                error,
                self.files_done,
                self.files_total,
                self.report.bytes_downloaded,
            )
            try:
                self.callback(update)
            except Exception:  # a broken progress view must not break the downloads
                log.exception("fetch progress callback failed")

    def record(self, action: Callable[[], None]) -> None:
        with self._lock:
            action()


class Fetcher:
    def __init__(self, store: StateStore, cache: FileCache, settings: DownloadSettings, live: LiveBytes) -> None:
        self.store = store
        self.cache = cache
        self.settings = settings
        self.live = live

    def run(
        self,
        attachment_ids: Iterable[int],
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
        concurrency: int = 3,
    ) -> FetchReport:
        """Download what is not cached yet among these attachments."""
        with self.store.read() as connection:
            rows = state.rows(connection, attachment_ids)
        report = FetchReport(requested=len(rows))
        todo: list[AttachmentRow] = []
        for row in rows:
            if self._present(row):
                report.already_cached.append(row.id)
            elif not row.url:
                report.skipped.append(FetchFailure(row.id, row.label, "no download address"))
            else:
                todo.append(row)
        if not todo:
            return report
        with self.store.write() as connection:
            state.queue(connection, [row.id for row in todo])
            local_server = state.get_local_server(connection)
        self.cache.prepare()
        settings = replace(self.settings, allow_local_network=True) if local_server else self.settings
        run = _Run(progress, len(todo), report, settings)
        stop = threading.Event()
        with locks.shared(self.cache.lock_path):
            pool = ThreadPoolExecutor(max_workers=max(1, concurrency), thread_name_prefix="reslib-fetch")
            try:
                waiting = {pool.submit(self._one, row, run, stop) for row in todo}
                while waiting:
                    _, waiting = wait(waiting, timeout=0.1, return_when=FIRST_COMPLETED)
                    if cancel is not None and cancel.is_set():
                        stop.set()
            except BaseException:  # e.g. KeyboardInterrupt: stop the workers, keep their .part files
                stop.set()
                report.cancelled = True
                raise
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
        return report

    def _present(self, row: AttachmentRow) -> bool:
        """Cached, and its file is there."""
        if row.cache_state != CacheState.CACHED or not row.file_path:
            return False
        return self.cache.resolve(row.file_path).is_file()

    def _one(self, row: AttachmentRow, run: _Run, stop: threading.Event) -> None:
        report = run.report
        part = self.cache.partial_path(row.id)
        if stop.is_set():
            run.record(lambda: setattr(report, "cancelled", True))
            return
        start = self.cache.partial_size(row.id)
        with self.store.write() as connection:
            now = state.rows(connection, [row.id])
            if now and self._present(now[0]):  # another fetch finished it meanwhile
                run.record(lambda: report.already_cached.append(row.id))
                run.send(row, CacheState.CACHED, now[0].size or 0, now[0].size, start, finished=True)
                return
            claimed = bool(now) and state.claim(connection, row.id, start)
        if not claimed:
            run.record(lambda: report.skipped.append(FetchFailure(row.id, row.label, "another download has it")))
            run.send(row, CacheState.DOWNLOADING, start, row.size, start, finished=True)
            return
        persisted = [time.monotonic()]
        shown = [0.0]

        def on_bytes(done: int, total: int | None) -> None:
            self.live.set(row.id, done, total)
            now = time.monotonic()
            if now - persisted[0] >= PERSIST_INTERVAL:
                persisted[0] = now
                with self.store.write() as connection:
                    state.set_bytes(connection, row.id, done)
            if now - shown[0] >= PROGRESS_INTERVAL:
                shown[0] = now
                run.send(row, CacheState.DOWNLOADING, done, total, start)

        self.live.set(row.id, start, row.size)
        run.send(row, CacheState.DOWNLOADING, start, row.size, start)
        try:
            result = download(
                row.url or "", part, row.expected, run.settings, on_bytes, stop
            )
            self.cache.install(part, result.sha256)
            with self.store.write() as connection:
                state.set_cached(
                    connection, row.id, result.sha256, result.size, self.cache.relative_path(result.sha256)
                )
        except DownloadCancelled:
            kept = self.cache.partial_size(row.id)
            with self.store.write() as connection:
                state.set_queued(connection, row.id, kept)
            run.record(lambda: setattr(report, "cancelled", True))
            run.send(row, CacheState.QUEUED, kept, row.size, start, finished=True)
        except Exception as error:  # every failure ends as a recorded reason, never as 'downloading'
            reason = _reason(error)
            if not isinstance(error, DownloadError | OSError):
                log.exception("download of attachment %s failed", row.id)
            kept = self.cache.partial_size(row.id)
            with self.store.write() as connection:
                state.set_failed(connection, row.id, reason, kept)
            run.record(lambda: report.failed.append(FetchFailure(row.id, row.label, reason)))
            run.send(row, CacheState.FAILED, kept, row.size, start, error=reason, finished=True)
        else:
            run.record(lambda: report.cached.append(row.id))
            run.send(row, CacheState.CACHED, result.size, result.size, start, finished=True)
        finally:
            self.live.pop(row.id)


def _reason(error: Exception) -> str:
    if isinstance(error, DownloadError):
        return error.reason
    if isinstance(error, OSError):
        return f"cannot write to the cache ({error.strerror or error})"
    return f"unexpected error ({type(error).__name__}: {error})"

"""OfflineService: the one offline API the GUI and the CLI use (Qt-free, thread-safe).

Long calls (fetch, index_pending, verify) block: run them in a worker. Their
progress callbacks come from worker threads; a GUI must hand them to its own
thread (e.g. a queued signal).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.exc import OperationalError

from reslib_desktop.offline import collections as kits
from reslib_desktop.offline import housekeeping, state
from reslib_desktop.offline.cache import FileCache
from reslib_desktop.offline.download import DownloadSettings, copy_local_file
from reslib_desktop.offline.errors import DownloadError
from reslib_desktop.offline.fetch import Fetcher, LiveBytes
from reslib_desktop.offline.models import (
    AttachmentCacheInfo,
    CacheStatus,
    CollectionInfo,
    EvictReport,
    FetchProgress,
    FetchReport,
    TemporaryCleanup,
    VerifyReport,
)
from reslib_desktop.offline.state import StateStore
from reslib_desktop.pdf import indexer
from reslib_desktop.pdf.indexer import IndexProgress, IndexReport
from reslib_desktop.pdf.matches import PageMatch, page_matches
from reslib_desktop.store.library_handle import ReadsResources
from reslib_desktop.store.schema import Attachment, CacheState, Collection

__all__ = ["DownloadSettings", "OfflineService"]


class OfflineService:
    """The attachment cache of one library in one cache folder."""

    def __init__(self, library: ReadsResources, cache_dir: Path, settings: DownloadSettings | None = None) -> None:
        self.library = library
        self.cache = FileCache(Path(cache_dir))
        self._store = StateStore(library.engine)
        self._live = LiveBytes()
        self._fetcher = Fetcher(self._store, self.cache, settings or DownloadSettings(), self._live)
        self._tidied = TemporaryCleanup()  # a killed import's temporary files removed since opening
        try:
            self._tidied = housekeeping.repair_on_open(self._store, self.cache)
        except (OperationalError, OSError):
            pass  # a read-only library or cache folder: nothing to repair from here

    @property
    def cache_dir(self) -> Path:
        return self.cache.root

    @property
    def settings(self) -> DownloadSettings:
        """Timeouts, retries, size cap, allowed folders; assign a new one to change them (next fetch)."""
        return self._fetcher.settings

    @settings.setter
    def settings(self, value: DownloadSettings) -> None:
        self._fetcher.settings = value

    # --- state ------------------------------------------------------------------------------
    def status(self) -> CacheStatus:
        """Counts per state, bytes used, the limit, pinned bytes, indexing progress."""
        with self._store.read() as connection:
            counts = state.state_counts(connection)
            files, used, pinned = state.file_totals(connection)
            limit = state.get_limit(connection)
            done, total = state.indexing_counts(connection)
        return CacheStatus(counts, used, files, limit, pinned, done, total)

    def sources(self, attachment_ids: Iterable[int]) -> dict[int, tuple[str, str | None]]:
        """(resource title, URL) of each attachment: what a message about one names."""
        with self._store.read() as connection:
            return state.sources(connection, attachment_ids)

    def state_of(self, attachment_ids: Iterable[int]) -> dict[int, AttachmentCacheInfo]:
        """Cache state of each attachment (with live percent while this process downloads it)."""
        with self._store.read() as connection:
            rows = state.rows(connection, attachment_ids)
        result: dict[int, AttachmentCacheInfo] = {}
        for row in rows:
            live = self._live.get(row.id)
            done, total = live if live is not None else (row.cache_bytes, row.size)
            percent = None
            if row.cache_state == CacheState.CACHED:
                percent = 100.0
            elif done is not None and total:
                percent = min(100.0, 100.0 * done / total)
            result[row.id] = AttachmentCacheInfo(
                row.id,
                row.resource_id,
                row.label,
                row.cache_state,
                percent,
                row.cache_error,
                done,
                row.size,
                row.text_state,
                row.page_count,
                row.pinned,
                bool(row.url),
            )
        return result

    def attachments_for(self, resource_ids: Iterable[int]) -> list[int]:
        with self._store.read() as connection:
            return state.ids_for_resources(connection, resource_ids)

    def attachments_of_collection(self, name: str) -> list[int]:
        return self.attachments_for(self.collection_resource_ids(name))

    def all_attachments(self) -> list[int]:
        with self._store.read() as connection:
            return state.ids_where(connection)

    def attachments_in_state(self, *states: CacheState) -> list[int]:
        """E.g. QUEUED to resume after a restart, FAILED to retry."""
        with self._store.read() as connection:
            return state.ids_where(connection, Attachment.cache_state.in_(list(states)))

    def downloadable_count(self) -> int:
        """How many attachments of the library have a download address (none: nothing can be fetched)."""
        with self._store.read() as connection:
            return int(connection.scalar(select(func.count()).where(func.coalesce(Attachment.url, "") != "")) or 0)

    # --- downloading ----------------------------------------------------------------------------
    def queue(self, attachment_ids: Iterable[int]) -> int:
        """Mark attachments queued (shown at once; fetch() does the work)."""
        with self._store.write() as connection:
            return state.queue(connection, attachment_ids)

    def unqueue(self, attachment_ids: Iterable[int]) -> int:
        with self._store.write() as connection:
            return state.unqueue(connection, attachment_ids)

    def fetch(
        self,
        attachment_ids: Iterable[int],
        progress: Callable[[FetchProgress], None] | None = None,
        cancel: threading.Event | None = None,
        concurrency: int = 3,
    ) -> FetchReport:
        """Download what is not cached yet, then keep the cache within its limit (sparing these files; when
        they alone, with the pinned ones, take more than the limit, no file is removed and
        `report.evicted.over_limit` says so)."""
        report = self._fetcher.run(attachment_ids, progress, cancel, concurrency)
        limit = self.limit()
        if limit is not None and report.cached:
            with self._store.read() as connection:
                fresh = {row.sha256 for row in state.rows(connection, report.cached + report.already_cached)}
            report.evicted = housekeeping.evict(
                self._store, self.cache, limit, protect={s for s in fresh if s}, only_if_enough=True
            )
        return report

    def accept_new_versions(self, attachment_ids: Iterable[int]) -> int:
        """Forget the sha256 and size remembered from an earlier download of these (not cached)
        attachments, so the next fetch takes the file the server has now instead of failing with
        "sha256 mismatch" / "size mismatch". Returns how many changed."""
        with self._store.write() as connection:
            return state.forget_known_content(connection, attachment_ids)

    def forget(self, attachment_id: int) -> None:
        """ "Download again": drop this attachment's cached file (even if pinned), its partial download
        and the sha256/size remembered from the last download, so the next fetch starts afresh."""
        with self._store.read() as connection:
            rows = state.rows(connection, [attachment_id])
        if not rows:
            return
        row = rows[0]
        self.cache.remove_partial(attachment_id)
        with self._store.write() as connection:
            if row.sha256 and row.file_path:
                self.cache.remove(row.sha256)
                state.forget_file(connection, row.sha256, CacheState.NOT_CACHED)
            state.forget_known_content(connection, [attachment_id])
            connection.execute(
                update(Attachment)
                .where(Attachment.id == attachment_id, Attachment.cache_state == CacheState.FAILED)
                .values(cache_state=CacheState.NOT_CACHED, cache_error=None, cache_bytes=None)
            )

    def add_local_file(self, attachment_id: int, path: Path) -> None:
        """Copy a local file into the cache as this attachment's file (verified like a download)."""
        with self._store.read() as connection:
            rows = state.rows(connection, [attachment_id])
        if not rows:
            raise DownloadError(f"no attachment {attachment_id}", retryable=False)
        row = rows[0]
        self.cache.prepare()
        part = self.cache.partial_path(attachment_id)
        try:
            result = copy_local_file(Path(path), part, row.expected, self.settings)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        self.cache.install(part, result.sha256)
        with self._store.write() as connection:
            state.set_cached(
                connection, attachment_id, result.sha256, result.size, self.cache.relative_path(result.sha256)
            )

    def local_path(self, attachment_id: int) -> Path | None:
        """The cached file of an attachment, or None; marks it recently used (for eviction)."""
        with self._store.read() as connection:
            rows = state.rows(connection, [attachment_id])
        row = rows[0] if rows else None
        if row is None or row.cache_state != CacheState.CACHED or not row.file_path or not row.sha256:
            return None
        path = self.cache.resolve(row.file_path)
        with self._store.write() as connection:
            if not path.is_file():
                state.forget_file(connection, row.sha256, CacheState.NOT_CACHED)
                return None
            state.touch_opened(connection, row.sha256)
        return path

    # --- housekeeping ---------------------------------------------------------------------------
    def verify(
        self, progress: Callable[[int, int], None] | None = None, cancel: threading.Event | None = None
    ) -> VerifyReport:
        """Re-hash every cached file; damaged ones are removed and their attachments marked failed.

        The report counts the temporary files of killed imports removed since the cache was opened.
        """
        report = housekeeping.verify(self._store, self.cache, progress, cancel)
        self._tidied = report.temporaries = self._tidied + report.temporaries
        return report

    def evict(self, to_bytes: int | None = None) -> EvictReport:
        """Least recently used unpinned files go until the cache holds `to_bytes` (default: the limit)."""
        return housekeeping.evict(self._store, self.cache, to_bytes if to_bytes is not None else self.limit())

    def clear(self, include_pinned: bool = False) -> EvictReport:
        return housekeeping.clear(self._store, self.cache, include_pinned)

    def local_server(self) -> bool:
        """Whether the library's own server lives on this computer or the local network."""
        with self._store.read() as connection:
            return state.get_local_server(connection)

    def set_local_server(self, on: bool) -> None:
        """Persist in the library whether downloads may reach this computer and the local network
        (loopback, link-local, private addresses); off, they are refused, also as redirects."""
        with self._store.write() as connection:
            state.set_local_server(connection, on)

    def limit(self) -> int | None:
        with self._store.read() as connection:
            return state.get_limit(connection)

    def set_limit(self, limit_bytes: int | None) -> None:
        """Persist the cache size limit (None: no limit); evict() applies it."""
        if limit_bytes is not None and limit_bytes < 0:
            raise ValueError("the limit cannot be negative")
        with self._store.write() as connection:
            state.set_limit(connection, limit_bytes)

    # --- collections --------------------------------------------------------------------------
    def collections(self) -> list[CollectionInfo]:
        with self._store.read() as connection:
            return kits.infos(connection)

    def create_collection(self, name: str) -> int:
        with self._store.write() as connection:
            return kits.create(connection, name)

    def rename_collection(self, old: str, new: str) -> None:
        with self._store.write() as connection:
            kits.rename(connection, old, new)

    def delete_collection(self, name: str) -> None:
        with self._store.write() as connection:
            kits.remove(connection, name)
            state.refresh_pins(connection)

    def collection_resource_ids(self, name: str) -> list[int]:
        with self._store.read() as connection:
            return kits.resource_ids(connection, name)

    def add_to_collection(self, name: str, resource_ids: Iterable[int]) -> list[int]:
        """Append resources; for a kept-offline collection returns attachment ids queued for fetch()."""
        with self._store.write() as connection:
            kits.add(connection, name, resource_ids)
            return self._pin_and_queue(connection, name)

    def remove_from_collection(self, name: str, resource_ids: Iterable[int]) -> list[tuple[int, int]]:
        """Take resources out; returns (resource id, former place) pairs for restore_to_collection (undo)."""
        with self._store.write() as connection:
            removed = kits.remove_items(connection, name, resource_ids)
            state.refresh_pins(connection)
            return removed

    def restore_to_collection(self, name: str, removed: Iterable[tuple[int, int]]) -> list[int]:
        """Undo a removal: the resources go back to their places; returns attachment ids queued for fetch()."""
        with self._store.write() as connection:
            kits.restore_items(connection, name, removed)
            return self._pin_and_queue(connection, name)

    def move_in_collection(self, name: str, resource_id: int, index: int) -> None:
        with self._store.write() as connection:
            kits.move(connection, name, resource_id, index)

    def set_collection_pinned(self, name: str, pinned: bool) -> list[int]:
        """ "Keep offline": pin its cached files; returns the attachment ids it queued (pass them to fetch())."""
        with self._store.write() as connection:
            kits.set_pinned(connection, name, pinned)
            return self._pin_and_queue(connection, name)

    def _pin_and_queue(self, connection, name: str) -> list[int]:
        state.refresh_pins(connection)
        pinned = connection.scalar(select(Collection.pinned).where(Collection.name == name))
        if not pinned:
            return []
        wanted = state.ids_for_resources(connection, kits.resource_ids(connection, name))
        rows = state.rows(connection, wanted)
        todo = [r.id for r in rows if r.url and r.cache_state != CacheState.CACHED]
        state.queue(connection, todo)
        return todo

    # --- text --------------------------------------------------------------------------------
    def index_pending(
        self,
        progress: Callable[[IndexProgress], None] | None = None,
        cancel: threading.Event | None = None,
        limit: int | None = None,
    ) -> IndexReport:
        """Extract the text of cached PDFs still pending into the full-text index (resumable)."""

        def locate(relative: str) -> Path | None:
            try:
                return self.cache.resolve(relative)
            except ValueError:
                return None

        return indexer.index_pending(self._store.read, self._store.write, locate, progress, cancel, limit)

    def indexing_status(self) -> tuple[int, int]:
        """(done, total) over cached attachments, for "indexing 3 of 40"."""
        with self._store.read() as connection:
            return state.indexing_counts(connection)

    def page_matches(self, resource_id: int, fts_match_expression: str | None, limit: int = 50) -> list[PageMatch]:
        """Which attachment pages of a resource match (TextQuery.match), best first."""
        with self._store.read() as connection:
            return page_matches(connection, resource_id, fts_match_expression or "", limit)

    # --- the viewer's memory --------------------------------------------------------------------
    def last_page(self, attachment_id: int) -> int | None:
        """Where the viewer was left in this attachment (0-based), if anywhere."""
        with self._store.read() as connection:
            return connection.scalar(select(Attachment.last_page).where(Attachment.id == attachment_id))

    def set_last_page(self, attachment_id: int, page: int) -> None:
        with self._store.write() as connection:
            connection.execute(update(Attachment).where(Attachment.id == attachment_id).values(last_page=max(0, page)))

"""Keeping the cache folder and the database in agreement: repair on open, verify, evict, clear."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from sqlalchemy import select, update

from reslib_desktop.offline import locks, state
from reslib_desktop.offline.cache import FileCache, sha256_of
from reslib_desktop.offline.models import EvictReport, TemporaryCleanup, VerifyReport
from reslib_desktop.offline.state import StateStore
from reslib_desktop.store.schema import Attachment, CacheState

DAMAGED = "the cached file was damaged and has been removed; download it again"
_STARTED = time.time()  # about when this process started (this module is imported early)


def _remove_temporaries(cache: FileCache, alone: bool) -> TemporaryCleanup:
    """Delete an import's temporary files if no import can be running: nobody holds the lock (POSIX),
    or, where locks cannot tell, only those older than this process."""
    cleanup = TemporaryCleanup()
    for path in list(cache.temporary_files()):
        try:
            info = path.stat()
        except FileNotFoundError:
            continue  # its import finished meanwhile
        stale = alone if locks.REAL_LOCKS else info.st_mtime < _STARTED
        if not stale:
            cleanup.in_use += 1
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError:
            cleanup.in_use += 1  # open elsewhere (Windows)
            continue
        cleanup.removed += 1
        cleanup.removed_bytes += info.st_size
    return cleanup


def remove_stale_temporaries(cache: FileCache) -> TemporaryCleanup:
    """Remove the temporary files of imports that were killed (cheap: one listing per files/ folder)."""
    with locks.exclusive_now(cache.lock_path) as alone:
        return _remove_temporaries(cache, alone)


def repair_on_open(store: StateStore, cache: FileCache) -> TemporaryCleanup:
    """After a crash or a cache folder change: no 'downloading' left over, no 'cached' without a file,
    no temporary files of a killed import (returned: what was removed)."""
    with locks.exclusive_now(cache.lock_path) as alone:
        cleanup = _remove_temporaries(cache, alone)
        with store.write() as connection:
            if alone:  # nobody is downloading into this cache right now
                state.recover_interrupted(connection)
            for sha256, relative, _size, _pinned in state.cached_file_rows(connection):
                try:
                    present = cache.resolve(relative).is_file()
                except ValueError:
                    present = False
                if not present:
                    state.forget_file(connection, sha256, CacheState.NOT_CACHED)
            state.stale_cached_attachments(connection)
    return cleanup


def verify(
    store: StateStore,
    cache: FileCache,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> VerifyReport:
    """Re-hash every cached file; drop damaged ones; adopt or remove unrecorded files and a killed
    import's temporary files."""
    report = VerifyReport(temporaries=remove_stale_temporaries(cache))
    started = time.time()
    with store.read() as connection:
        recorded = state.cached_file_rows(connection)
    for number, (sha256, relative, size, _pinned) in enumerate(recorded, 1):
        if cancel is not None and cancel.is_set():
            break
        report.checked += 1
        try:
            path = cache.resolve(relative)
            actual = sha256_of(path)
        except (ValueError, FileNotFoundError):
            report.missing.append(sha256)
            with store.write() as connection:
                state.forget_file(connection, sha256, CacheState.NOT_CACHED)
            continue
        report.bytes_checked += path.stat().st_size
        if actual != sha256 or path.stat().st_size != size:
            cache.remove(sha256)
            report.damaged.append(sha256)
            with store.write() as connection:
                state.forget_file(connection, sha256, CacheState.FAILED, DAMAGED)
        if progress is not None:
            progress(number, len(recorded))
    with locks.exclusive_now(cache.lock_path) as alone:
        if alone:
            _tidy(store, cache, report, started)
        else:  # a fetch is saving files: one it has just saved and not yet recorded is no stray
            report.tidy_skipped = True
    return report


def _tidy(store: StateStore, cache: FileCache, report: VerifyReport, started: float) -> None:
    """Adopt or remove files nobody records, and partial downloads nobody can resume. Runs while no
    fetch can (the lock held exclusively); where locks cannot tell, files that appeared after `started`
    are left alone."""
    with store.read() as connection:
        recorded_shas = {row[0] for row in state.cached_file_rows(connection)}
        known_shas = set(connection.scalars(select(Attachment.sha256).where(Attachment.sha256.is_not(None))))
        attachment_ids = set(connection.scalars(select(Attachment.id)))
        active = set(
            connection.scalars(
                select(Attachment.id).where(Attachment.cache_state.in_([CacheState.QUEUED, CacheState.DOWNLOADING]))
            )
        )
    for sha256, path in list(cache.stored_files()):
        if sha256 in recorded_shas or _newer_than(path, started):
            continue
        if sha256 in known_shas and sha256_of(path) == sha256:
            report.adopted += _adopt(store, cache, sha256, path.stat().st_size)
        else:
            cache.remove(sha256)
            report.orphans_removed += 1
    for attachment_id, path in list(cache.partial_files()):
        if _newer_than(path, started):
            continue
        if attachment_id not in attachment_ids or (attachment_id not in active and path.stat().st_size == 0):
            cache.remove_partial(attachment_id)
            report.partials_removed += 1
    for path in list(cache.stray_part_versions()):
        path.unlink(missing_ok=True)


def _newer_than(path: Path, moment: float) -> bool:
    try:
        return path.stat().st_mtime >= moment
    except FileNotFoundError:
        return True  # gone meanwhile: nothing to do


def _adopt(store: StateStore, cache: FileCache, sha256: str, size: int) -> int:
    """A verified file on disk that attachments with this sha256 were missing (e.g. after a crash)."""
    with store.write() as connection:
        owner = connection.scalar(select(Attachment.id).where(Attachment.sha256 == sha256).limit(1))
        if owner is None:
            return 0
        state.set_cached(connection, owner, sha256, size, cache.relative_path(sha256))
    return 1


def evict(
    store: StateStore, cache: FileCache, to_bytes: int | None, protect: Iterable[str] = (), only_if_enough: bool = False
) -> EvictReport:
    """Delete least recently used unpinned files until the cache holds at most `to_bytes`; with
    `only_if_enough`, none at all when deleting every file it may would still leave more than that."""
    keep = set(protect)
    with store.read() as connection:
        _files, used, _pinned = state.file_totals(connection)
        candidates = state.lru_candidates(connection)
    report = EvictReport(target=to_bytes, remaining_bytes=used)
    if to_bytes is None:
        return report
    if only_if_enough and used - sum(size for sha256, size in candidates if sha256 not in keep) > to_bytes:
        return report  # over the limit either way: other offline files are not given up for nothing
    for sha256, size in candidates:
        if report.remaining_bytes <= to_bytes:
            break
        if sha256 in keep:
            continue
        if not cache.remove(sha256):
            report.in_use += 1
            continue
        with store.write() as connection:
            state.forget_file(connection, sha256, CacheState.NOT_CACHED)
        report.removed.append(sha256)
        report.freed_bytes += size
        report.remaining_bytes -= size
    return report


def clear(store: StateStore, cache: FileCache, include_pinned: bool = False) -> EvictReport:
    """Delete every unpinned file (or every file), and partial downloads nobody is running."""
    with store.read() as connection:
        rows = state.cached_file_rows(connection)
        downloading = set(
            connection.scalars(select(Attachment.id).where(Attachment.cache_state == CacheState.DOWNLOADING))
        )
    report = EvictReport(target=0 if include_pinned else None)
    for sha256, _relative, size, pinned in rows:
        if pinned and not include_pinned:
            report.remaining_bytes += size
            continue
        if not cache.remove(sha256):
            report.in_use += 1
            report.remaining_bytes += size
            continue
        with store.write() as connection:
            state.forget_file(connection, sha256, CacheState.NOT_CACHED)
        report.removed.append(sha256)
        report.freed_bytes += size
    for attachment_id, _path in list(cache.partial_files()):
        if attachment_id not in downloading:
            cache.remove_partial(attachment_id)
            with store.write() as connection:
                connection.execute(
                    update(Attachment)
                    .where(Attachment.id == attachment_id, Attachment.cache_state != CacheState.CACHED)
                    .values(cache_bytes=None)
                )
    return report

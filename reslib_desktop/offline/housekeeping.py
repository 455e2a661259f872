"""Keeping the cache folder and the database in agreement: repair on open, verify, evict, clear.

An import copies its files to temporary names (`.<sha256>.<hex>.tmp`, see ingest/cache_files.py)
and renames them into place only after its transaction committed. A temporary left behind when no
import is running is therefore either a killed import's copy, removed, or the copy of a file its
committed import recorded (a cached_files row) but was killed before renaming, renamed into place.
Only the database can tell the two apart: without it (`recorded` None) such temporaries are left.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path

from sqlalchemy import Connection, select, update
from sqlalchemy.exc import SQLAlchemyError

from reslib_desktop.offline import locks, state
from reslib_desktop.offline.cache import FileCache, is_sha256, sha256_of
from reslib_desktop.offline.models import EvictReport, TemporaryCleanup, VerifyReport
from reslib_desktop.offline.state import StateStore
from reslib_desktop.store.schema import Attachment, CachedFile, CacheState

DAMAGED = "the cached file was damaged and has been removed; download it again"
_STARTED = time.time()  # about when this process started (this module is imported early)
_CHUNK = 500

# Given sha256s, those the database records as cached files (cached_files rows), with their sizes.
Recorded = Callable[[Collection[str]], Mapping[str, int]]


def recorded_sizes(connection: Connection, shas: Collection[str]) -> dict[str, int]:
    """The sizes of those of these files that have a cached_files row."""
    wanted = sorted(shas)
    sizes: dict[str, int] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        rows = connection.execute(select(CachedFile.sha256, CachedFile.size).where(CachedFile.sha256.in_(chunk)))
        sizes.update((sha256, size) for sha256, size in rows)
    return sizes


def _store_recorded(store: StateStore) -> Recorded:
    def recorded(shas: Collection[str]) -> Mapping[str, int]:
        with store.read() as connection:
            return recorded_sizes(connection, shas)

    return recorded


def temporary_sha256(path: Path) -> str:
    """The sha256 a temporary file (`.<sha256>.<hex>.tmp`) is a copy of."""
    return path.name[1:65]


def has_temporary(cache: FileCache, sha256: str) -> bool:
    """Whether a copy of this file waits beside its address (an import is about to rename it)."""
    return is_sha256(sha256) and any(cache.path_for(sha256).parent.glob(f".{sha256}.*.tmp"))


def finish_temporary(cache: FileCache, path: Path, sha256: str, size: int) -> bool:
    """Rename a recorded file's temporary copy into place; False if it is not that file (OSError if the
    rename fails)."""
    try:
        same = path.stat().st_size == size and sha256_of(path) == sha256
    except FileNotFoundError:
        return False
    if same:
        os.replace(path, cache.path_for(sha256))
    return same


def _stale_temporaries(cache: FileCache, alone: bool, cleanup: TemporaryCleanup) -> list[tuple[Path, int]]:
    """(path, size) of the temporary files no running import can own: nobody holds the lock (POSIX),
    or, where locks cannot tell, those older than this process; the others are counted in use."""
    stale: list[tuple[Path, int]] = []
    for path in list(cache.temporary_files()):
        try:
            info = path.stat()
        except FileNotFoundError:
            continue  # its import finished meanwhile
        if alone if locks.REAL_LOCKS else info.st_mtime < _STARTED:
            stale.append((path, info.st_size))
        else:
            cleanup.in_use += 1
    return stale


def _remove_temporaries(cache: FileCache, alone: bool, recorded: Recorded | None) -> TemporaryCleanup:
    """Remove killed imports' temporary files; finish the renames of recorded ones (see the module text)."""
    cleanup = TemporaryCleanup()
    stale = _stale_temporaries(cache, alone, cleanup)
    shas = {temporary_sha256(path) for path, _ in stale}
    unplaced = {sha256 for sha256 in shas if not cache.path_for(sha256).is_file()}
    known: Mapping[str, int] = {}
    if recorded is not None and unplaced:
        try:
            known = recorded(unplaced)
        except SQLAlchemyError:
            recorded = None  # the database cannot tell now: such temporaries wait for the next repair
    for path, size in stale:
        sha256 = temporary_sha256(path)
        if sha256 in unplaced:
            if recorded is None:
                continue  # perhaps a committed import's file: left for a repair that can ask the database
            try:
                if sha256 in known and finish_temporary(cache, path, sha256, known[sha256]):
                    unplaced.discard(sha256)
                    continue
            except OSError:
                cleanup.in_use += 1
                continue
        _unlink(path, size, cleanup)
    return cleanup


def _unlink(path: Path, size: int, cleanup: TemporaryCleanup) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        return
    except OSError:
        cleanup.in_use += 1  # open elsewhere (Windows)
        return
    cleanup.removed += 1
    cleanup.removed_bytes += size


def remove_stale_temporaries(cache: FileCache, recorded: Recorded | None = None) -> TemporaryCleanup:
    """Remove the temporary files of imports that were killed (cheap: one listing per files/ folder);
    with `recorded`, also finish the renames a killed import had committed."""
    with locks.exclusive_now(cache.lock_path) as alone:
        return _remove_temporaries(cache, alone, recorded)


def repair_on_open(store: StateStore, cache: FileCache) -> TemporaryCleanup:
    """After a crash or a cache folder change: no 'downloading' left over, no 'cached' without a file,
    no temporary files of a killed import (returned: what was removed), a committed import's renames done."""
    with locks.exclusive_now(cache.lock_path) as alone:
        cleanup = _remove_temporaries(cache, alone, _store_recorded(store))
        with store.write() as connection:
            if alone:  # nobody is downloading into this cache right now
                state.recover_interrupted(connection)
            for sha256, relative, _size, _pinned in state.cached_file_rows(connection):
                try:
                    present = cache.resolve(relative).is_file()
                except ValueError:
                    present = False
                if not present and not has_temporary(cache, sha256):  # else an import renames it now or later
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
    report = VerifyReport(temporaries=remove_stale_temporaries(cache, _store_recorded(store)))
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
            if has_temporary(cache, sha256):
                continue  # an import renames it into place (now, or the next repair does)
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

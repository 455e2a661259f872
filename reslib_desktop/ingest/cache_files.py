"""Putting files into the offline cache (`<cache_dir>/files/<sha256[:2]>/<sha256>`), atomically.

A file is copied to a temporary name in its final folder, checked against the
expected sha256 and size, flushed to disk, then renamed into place: a reader
never sees half a file, and a crash leaves at most a temporary file behind,
which the next open of the cache removes (offline/housekeeping.py). Writers
hold the cache's lock shared meanwhile, so a live import's files are never
taken for leftovers.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import Connection, insert, select

from reslib_desktop.offline import locks
from reslib_desktop.offline.cache import FileCache
from reslib_desktop.offline.housekeeping import remove_stale_temporaries
from reslib_desktop.store.schema import CachedFile

_TIDIED: set[Path] = set()  # cache folders whose leftovers this process has removed


class CacheWriteError(Exception):
    """A file could not be copied into the cache as expected."""


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temporary_for(cache_dir: Path, sha256: str) -> Path:
    """A fresh temporary name in the folder of the file's cache address (the folder is created).

    Hold `writing(cache_dir)` from before this until the file is installed or deleted.
    """
    temporary = FileCache(cache_dir).temporary_path(sha256)
    temporary.parent.mkdir(parents=True, exist_ok=True)
    return temporary


@contextmanager
def writing(cache_dir: Path) -> Iterator[None]:
    """Hold the cache's lock shared while temporary files exist, so that no other process takes them
    for a killed import's leftovers; first removes such leftovers (once per process and cache)."""
    cache = FileCache(cache_dir)
    key = cache.root.absolute()
    if key not in _TIDIED:
        _TIDIED.add(key)
        remove_stale_temporaries(cache)
    with locks.shared(cache.lock_path):
        yield


def write_temporary(cache_dir: Path, stream: BinaryIO, sha256: str, size: int, max_bytes: int | None = None) -> Path:
    """Copy a stream to a temporary file beside its cache address, verifying it; returns the temporary path."""
    temporary = temporary_for(cache_dir, sha256)
    digest = hashlib.sha256()
    written = 0
    limit = size if max_bytes is None else min(size, max_bytes)
    try:
        with temporary.open("wb") as out:
            while chunk := stream.read(1 << 20):
                written += len(chunk)
                if written > limit:
                    raise CacheWriteError(f"more than the {size:,} bytes expected")
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if written != size:
            raise CacheWriteError(f"{written:,} bytes where {size:,} were expected")
        if digest.hexdigest() != sha256:
            raise CacheWriteError("its sha256 does not match")
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def install(cache_dir: Path, temporary: Path, sha256: str) -> bool:
    """Rename a verified temporary file to its address; False if the file was already cached."""
    target = FileCache(cache_dir).path_for(sha256)
    existed = target.is_file()
    os.replace(temporary, target)
    _fsync_folder(target.parent)
    return not existed


def store_local_file(cache_dir: Path, source: Path, sha256: str, size: int) -> bool:
    """Copy a local file into the cache; True when it was not there before."""
    target = FileCache(cache_dir).path_for(sha256)
    if target.is_file() and target.stat().st_size == size:
        return False
    with writing(cache_dir), source.open("rb") as stream:
        temporary = write_temporary(cache_dir, stream, sha256, size)
        return install(cache_dir, temporary, sha256)


def remove_files(cache_dir: Path, sha256s: Iterable[str]) -> None:
    """Delete cached files (after a rolled-back import or an undo); missing ones are fine."""
    cache = FileCache(cache_dir)
    for sha256 in sha256s:
        cache.remove(sha256)


def record_cached_files(connection: Connection, files: dict[str, int], now: datetime) -> None:
    """cached_files rows for files now in the cache (sha256 -> size), leaving existing rows alone."""
    if not files:
        return
    cache = FileCache(Path("."))
    present = set(
        connection.execute(select(CachedFile.sha256).where(CachedFile.sha256.in_(list(files)))).scalars()
    )
    rows = [
        {"sha256": sha, "path": cache.relative_path(sha), "size": size, "fetched_at": now, "pinned": False}
        for sha, size in files.items()
        if sha not in present
    ]
    if rows:
        connection.execute(insert(CachedFile), rows)

"""Putting files into the offline cache (`<cache_dir>/files/<sha256[:2]>/<sha256>`), atomically.

A file is copied to a temporary name in its final folder, checked against the
expected sha256 and size and flushed to disk; a reader never sees half a file.
An import stages its files (`staging`): it keeps the copies under their
temporary names while its transaction runs and renames them into place only
once the database records them (cached_files rows), so the cache never holds a
file the database does not know:

- rolled back, cancelled or Ctrl-C: the copies are deleted;
- killed before the commit: only temporaries are left, and the next open of the
  cache or the next import of files removes them;
- killed after the commit, before every rename: the database records files that
  are still temporaries, and the next open or import of files renames them into
  place (a stale temporary whose sha256 has a row: offline/housekeeping.py).

Writers hold the cache's lock shared from the first copy to the last rename,
so a live import's temporaries are never taken for leftovers.
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
from sqlalchemy.exc import SQLAlchemyError

from reslib_desktop.offline import locks
from reslib_desktop.offline.cache import FileCache
from reslib_desktop.offline.housekeeping import Recorded, remove_stale_temporaries
from reslib_desktop.store.schema import CachedFile

_TIDIED: set[Path] = set()  # cache folders whose leftovers this process has removed (asking the database)


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
def writing(cache_dir: Path, recorded: Recorded | None = None) -> Iterator[None]:
    """Hold the cache's lock shared while temporary files exist, so that no other process takes them
    for a killed import's leftovers; first removes such leftovers (once per process and cache when
    `recorded` lets it finish a committed import's renames too; see offline/housekeeping.py)."""
    cache = FileCache(cache_dir)
    key = cache.root.absolute()
    if recorded is None or key not in _TIDIED:
        if recorded is not None:
            _TIDIED.add(key)
        remove_stale_temporaries(cache, recorded)
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


class StagedFiles:
    """An import's copies of local files, beside their cache addresses until the database records them."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache = FileCache(cache_dir)
        self.temporaries: dict[str, Path] = {}  # sha256 -> verified copy

    def add(self, source: Path, sha256: str, size: int) -> None:
        """Copy a local file beside its address (nothing to do when that content is there or staged)."""
        target = self.cache.path_for(sha256)
        if sha256 in self.temporaries or (target.is_file() and target.stat().st_size == size):
            return
        with source.open("rb") as stream:
            self.temporaries[sha256] = write_temporary(self.cache.root, stream, sha256, size)

    def sync(self) -> None:
        """Make the copies' names durable (before the commit that records them)."""
        for folder in {temporary.parent for temporary in self.temporaries.values()}:
            _fsync_folder(folder)

    def settle(self, recorded: Recorded) -> None:
        """Rename the copies the database records into place and delete the others; a copy that cannot be
        settled stays for the next open of the cache, which settles it the same way."""
        if not self.temporaries:
            return
        try:
            known = recorded(list(self.temporaries))
        except SQLAlchemyError:
            return
        placed: set[Path] = set()
        for sha256, temporary in list(self.temporaries.items()):
            target = self.cache.path_for(sha256)
            try:
                if sha256 in known:
                    os.replace(temporary, target)
                    placed.add(target.parent)
                else:
                    temporary.unlink(missing_ok=True)
            except OSError:
                continue
            del self.temporaries[sha256]
        for folder in placed:
            _fsync_folder(folder)


@contextmanager
def staging(cache_dir: Path, recorded: Recorded) -> Iterator[StagedFiles]:
    """Stage files for an import whose transaction runs inside. On leaving, committed or not, the database
    decides (`recorded`): the copies it records are renamed into place, the others deleted."""
    staged = StagedFiles(cache_dir)
    with writing(cache_dir, recorded):
        try:
            yield staged
        finally:
            staged.settle(recorded)


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

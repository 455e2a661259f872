"""The cache folder's lock file: shared while fetching, exclusive to repair a crash's leftovers.

Any number of fetches (threads or processes) hold it shared. Opening the cache
resets 'downloading' states left by a crash only if it can take the lock
exclusively at once, i.e. when nobody is downloading. POSIX uses flock; on
Windows there is no shared lock, so the repair always runs there.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


# Whether the lock can tell a running writer (POSIX flock); on Windows it cannot.
REAL_LOCKS = fcntl is not None


def _open(path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)


@contextmanager
def shared(path: Path) -> Iterator[None]:
    """Hold the lock shared (blocks only while someone holds it exclusively)."""
    if fcntl is None:
        yield
        return
    fd = _open(path)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)  # releases the lock


@contextmanager
def exclusive_now(path: Path) -> Iterator[bool]:
    """Try to hold the lock exclusively without waiting; yields whether it was taken."""
    if fcntl is None:
        yield True
        return
    fd = _open(path)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        yield True
    finally:
        os.close(fd)

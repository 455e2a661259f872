"""Where a library's search index lives.

Beside a library file the user can write (in a folder they can write): `<library file>.search-index/`,
whether this process opened the library read-only or not, so the window and `reslib` share one index.
For the shipped resources.db and a library on read-only media the index goes to the user's cache
folder, `<cache>/search-index/<sha1 of the library's full path>/`, since nothing is written beside them.
Either way the index dir records the library it was built from (see engine.py), so a stale or foreign
index is rebuilt rather than trusted.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

SUFFIX = ".search-index"


def index_dir(library_path: Path, cache_root: Path | None = None) -> Path:
    """The index folder for a library file."""
    from reslib_desktop.paths import shipped_db

    library_path = Path(library_path).resolve()
    writable = os.access(library_path, os.W_OK) and os.access(library_path.parent, os.W_OK)
    if writable and library_path != shipped_db().resolve():
        return library_path.with_name(library_path.name + SUFFIX)
    return cache_index_dir(library_path, cache_root)


def cache_index_dir(library_path: Path, cache_root: Path | None = None) -> Path:
    """The index folder in the user's cache (also where an index goes when the library's folder turns
    out not to be writable, e.g. write-protected media that still report write access to root)."""
    library_path = Path(library_path).resolve()
    if cache_root is None:
        from reslib_desktop.paths import cache_dir

        cache_root = cache_dir()
    key = hashlib.sha1(str(library_path).encode("utf-8")).hexdigest()[:20]
    return Path(cache_root) / "search-index" / key

"""Errors the store raises; each message is one clear line for a user.

`storage_problem` turns what SQLite or the operating system raised while a
library was read or written (read-only file or folder, full disk, damaged
file, file in use) into such a line.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

NOT_CHANGED = "the library was not changed"


class LibraryError(Exception):
    """A library cannot be opened or used; the message says which file and why."""


class NewerLibraryError(LibraryError):
    """The file was made by a newer version of the app; it is left untouched."""


class LibraryClosedError(LibraryError):
    """The library was closed, and something still tried to read or write it."""


# SQLite result codes (sqlite_errorname, without the extended part) -> what to tell the user.
_SQLITE_REASONS = {
    "SQLITE_FULL": "the disk is full; free some space and try again ({unchanged})",
    "SQLITE_READONLY": "{read_only} is read-only: make it writable ({unchanged})",
    "SQLITE_PERM": "permission denied; make the library file and its folder writable ({unchanged})",
    "SQLITE_CANTOPEN": "the file cannot be opened for writing: {read_only} may be read-only ({unchanged})",
    "SQLITE_IOERR": "the disk could not be read or written (is it full, failing or removed?); {unchanged}",
    "SQLITE_BUSY": "another program is writing to the library; close it and try again",
    "SQLITE_LOCKED": "another program is writing to the library; close it and try again",
    "SQLITE_CORRUPT": "the file is damaged ({detail}); restore it from a backup",
    "SQLITE_NOTADB": "the file is not a reslib library",
}

# Message text -> result code, for errors raised without a code (older Pythons, SQLAlchemy wrappers).
_SQLITE_MESSAGES = (
    ("disk is full", "SQLITE_FULL"),
    ("readonly database", "SQLITE_READONLY"),
    ("unable to open database", "SQLITE_CANTOPEN"),
    ("disk i/o error", "SQLITE_IOERR"),
    ("database is locked", "SQLITE_BUSY"),
    ("malformed", "SQLITE_CORRUPT"),
    ("not a database", "SQLITE_NOTADB"),
)

_OS_REASONS = {
    errno.ENOSPC: "the disk is full; free some space and try again",
    errno.EDQUOT: "your disk quota is used up; free some space and try again",
    errno.EFBIG: "the file would be larger than this disk or system allows",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission denied (the file or its folder is read-only)",
    errno.EPERM: "the operation is not permitted (the file or its folder is read-only or locked)",
}


def _read_only_part(path: Path) -> str:
    """Which part cannot be written: the file, its folder (SQLite keeps a journal beside the file), or either."""
    folder = path.parent
    if folder.is_dir() and not os.access(folder, os.W_OK):
        return f"its folder {folder}"
    if path.is_file() and not os.access(path, os.W_OK):
        return "the library file"
    return "the library file or its folder"


def sqlite_code(error: BaseException) -> str | None:
    """The SQLite result code name ('SQLITE_FULL', ...) of a sqlite3 or SQLAlchemy error, else None."""
    original = getattr(error, "orig", None)  # SQLAlchemy wraps the DB-API error
    if isinstance(original, sqlite3.Error):
        error = original
    if not isinstance(error, sqlite3.Error):
        return None
    name = getattr(error, "sqlite_errorname", None)
    if isinstance(name, str) and name.startswith("SQLITE_") and name != "SQLITE_ERROR":
        base = "_".join(name.split("_")[:2])
        if base in _SQLITE_REASONS:
            return base
    text = str(error).casefold()
    return next((code for fragment, code in _SQLITE_MESSAGES if fragment in text), None)


def storage_problem(error: BaseException, path: str | os.PathLike[str]) -> str | None:
    """One line saying what went wrong with the library at `path`, or None if `error` is not a storage error.

    Covers SQLite errors (also wrapped by SQLAlchemy) and operating-system errors
    such as a full disk or a read-only folder; an OSError names its own file.
    """
    if isinstance(error, LibraryError):
        return str(error)
    code = sqlite_code(error)
    if code is not None:
        original = getattr(error, "orig", error)
        reason = _SQLITE_REASONS[code].format(
            unchanged=NOT_CHANGED, detail=str(original).strip(), read_only=_read_only_part(Path(path))
        )
        return f"{Path(path)}: {reason}"
    if isinstance(error, OSError) and error.errno in _OS_REASONS:
        where = error.filename if error.filename else path
        return f"{where}: {_OS_REASONS[error.errno]}"
    return None

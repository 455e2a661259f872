"""A new library's search index built from the documents an import is about to write, beside the writing.

An import into a library with no resources knows every document of the finished index before SQLite has
stored a row. Where the platform forks cheaply (Linux), a child process builds the index folder from them
while the importing process writes SQLite, on the other core; elsewhere the folder is built after the
commit, still without reading the resources back. Either way the folder is built under a temporary name
and only renamed into place, with the state read inside the import's transaction, by `SearchIndex` after
the commit. A rolled-back import kills the child and removes the folder; a failed build leaves the usual
path (a rebuild from SQLite), so the fast path can only be faster, never different.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import tantivy

from reslib_desktop.search import fields, title_order
from reslib_desktop.search.documents import SearchDocument
from reslib_desktop.search.state import IndexState, current_state

Documents = Callable[[], Iterable[SearchDocument]]
_CHILD_NICENESS = 10


def build_folder(folder: Path, documents: Iterable[SearchDocument]) -> int:
    """A complete index of exactly `documents` (in resource id order) in `folder`; the number of documents."""
    listed = list(documents)
    ranks = title_order.ranks_in_memory((document.resource_id, document.title_sort) for document in listed)
    folder.mkdir(parents=True)
    index = fields.prepare(tantivy.Index(fields.schema(), path=str(folder)))
    writer = index.writer(fields.WRITER_HEAP, 1)
    for document in listed:
        writer.add_document(fields.to_document(document, ranks[document.resource_id]))
    writer.commit()
    writer.wait_merging_threads()
    return len(listed)


def remove_abandoned(directory: Path) -> None:
    """Folders left by builds whose process died (a kill -9 mid-import): nothing refers to them."""
    for folder in directory.parent.glob(f"{directory.name}.building-*"):
        pid = folder.name.rpartition("-")[2]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, or a platform without signals to probe with
        return True
    return True


def _forks_cheaply() -> bool:
    # macOS and Windows: no fork, or a fork that system libraries do not support.
    return sys.platform.startswith("linux") and hasattr(os, "fork")


class IndexBuild:
    """One import's index, built beside it (the `batches.IndexFeed` an import is given)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._folder = directory.with_name(f"{directory.name}.building-{os.getpid()}")
        self._child: int | None = None
        self._documents: Documents | None = None
        self._state: IndexState | None = None

    def start(self, documents: Documents) -> None:
        """Begin building from `documents` (called inside the import's transaction, before its writes)."""
        shutil.rmtree(self._folder, ignore_errors=True)
        if not _forks_cheaply():
            self._documents = documents
            return
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            child = os.fork()
        except OSError:  # no memory or process slot for a child: built after the commit instead
            self._documents = documents
            return
        if child == 0:  # the child: build, and leave without running anything of the parent's
            status = 1
            try:
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                os.nice(_CHILD_NICENESS)  # the import's own writing keeps its core
                build_folder(self._folder, documents())
                status = 0
            finally:
                os._exit(status)
        self._child = child

    def committing(self, connection: sqlite3.Connection) -> None:
        """Record what the index will stand for: read last inside the import's transaction."""
        self._state = current_state(connection, fields.INDEX_SCHEMA_VERSION)

    def abandon(self) -> None:
        """The import did not commit: stop building and remove what was built."""
        self._state = None
        self._documents = None
        if self._child is not None:
            try:
                os.kill(self._child, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._wait()
        shutil.rmtree(self._folder, ignore_errors=True)

    def _wait(self) -> bool:
        child, self._child = self._child, None
        if child is None:
            return False
        _pid, status = os.waitpid(child, 0)
        return os.waitstatus_to_exitcode(status) == 0

    def finished(self) -> tuple[Path, IndexState] | None:
        """After the commit: the built folder and its state, or None when the build failed (or never ran)."""
        built = False
        if self._child is not None:
            built = self._wait()
        elif self._documents is not None:
            try:
                build_folder(self._folder, self._documents())
                built = True
            except (OSError, ValueError):
                built = False
            self._documents = None
        if built and self._state is not None:
            return self._folder, self._state
        shutil.rmtree(self._folder, ignore_errors=True)
        return None

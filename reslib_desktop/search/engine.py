"""A library's search index: opened (rebuilt when missing, stale or of an older format), kept current
through the outbox, and asked which resources match a query and how well.

The outbox (`index_outbox`, filled by triggers in the same SQLite transaction as each change) is
applied after commits: by the Library after its own writes, and before any search that finds rows
newer than the index. Applying re-reads those resources from SQLite and replaces their documents, so
applying a row twice is harmless; the last applied row id is recorded in the index folder after each
index commit. A crash between the SQLite commit and the index update therefore loses nothing: the
next open or search applies the rows.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import tantivy

from reslib_desktop.search import fields, title_order, translate
from reslib_desktop.search.documents import SearchDocument, all_documents, documents_of
from reslib_desktop.search.location import cache_index_dir
from reslib_desktop.search.prebuilt import IndexBuild, remove_abandoned
from reslib_desktop.search.state import FINGERPRINT, LAST_ISSUED, IndexState, current_state, read_state, write_state
from reslib_desktop.store.sqlite_files import connect_read_only

_REBUILD_SHARE = 0.25  # applying more than this share of the library: rebuild in bulk instead
_QUICK_CATCH_UP = 2000  # outbox rows `open_if_current` applies itself (a few ms); more: a background build
_PROGRESS_EVERY = 5000  # documents between two progress reports

Progress = Callable[[int, int], None]  # (documents indexed, documents to index)


class SearchIndexError(Exception):
    """The index folder cannot be used (e.g. it cannot be created)."""


class SearchIndex:
    """The tantivy index of one library file. Thread-safe; several processes may share the folder
    (each applies the outbox when it holds tantivy's writer lock, and follows the others otherwise)."""

    def __init__(self, library_path: Path, directory: Path, prune_outbox: bool) -> None:
        self.library_path = Path(library_path)
        self.directory: Path | None = Path(directory)  # None: in memory (no folder could be written)
        self._prune = prune_outbox
        self._lock = threading.RLock()
        self._index: tantivy.Index | None = None
        self._searcher: tantivy.Searcher | None = None
        self._applied = -1
        self._values: dict[tuple[str, int], list[str]] = {}
        self._pending: IndexBuild | None = None  # an import's build, adopted by the next ensure_current
        self._listeners: list[Progress] = []  # progress callbacks of the ensure_current calls under way
        self._analyzer = fields.analyzer()
        self._schema = fields.schema()

    # --- opening -----------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        connection = connect_read_only(self.library_path, check_same_thread=False)
        connection.isolation_level = None  # explicit BEGIN: a consistent snapshot while reading
        return connection

    def _open_existing(self) -> IndexState | None:
        if self.directory is None:
            return None
        state = read_state(self.directory)
        if state is None or state.schema_version != fields.INDEX_SCHEMA_VERSION:
            return None
        try:
            index = fields.prepare(tantivy.Index.open(str(self.directory)))
        except (OSError, ValueError):
            return None
        self._index = index
        self._searcher = index.searcher()
        self._applied = state.applied_outbox_id
        return state

    def open_if_current(self) -> bool:
        """Open the index when that is quick: it exists, is of this format and library, and at most a few
        changes are pending (applied here). False when a rebuild or a long catch-up is due, or another
        thread is building right now: then `ensure_current` (in the background) does the work."""
        if not self._lock.acquire(blocking=False):
            return False
        try:
            connection = self._connect()
            try:
                if self._index is None:
                    state = self._open_existing()
                    if state is None or self._is_foreign(connection, state):
                        self._index = self._searcher = None
                        return False
                last_issued = connection.execute(LAST_ISSUED).fetchone()[0]
                if last_issued <= self._applied:
                    return True
                first = connection.execute(
                    "SELECT min(id) FROM index_outbox WHERE id > ?", (self._applied,)
                ).fetchone()[0]
                if first != self._applied + 1 or last_issued - self._applied > _QUICK_CATCH_UP:
                    return False
                self._catch_up(connection)
                return True
            finally:
                connection.close()
        except (OSError, ValueError, SearchIndexError):
            return False
        finally:
            self._lock.release()

    def ensure_current(self, progress: Progress | None = None) -> None:
        """Make the index answer for the library as committed now (open, rebuild or catch up).

        `progress(done, total)` is called now and then while documents are written, also when another
        thread does the writing this call waits for (from that thread)."""
        if progress is not None:
            self._listeners.append(progress)
        try:
            self._ensure_current_locked()
        finally:
            if progress is not None:
                self._listeners.remove(progress)

    def _ensure_current_locked(self) -> None:
        with self._lock:
            self._adopt_pending()
            connection = self._connect()
            try:
                try:
                    self._ensure_current(connection)
                except (OSError, ValueError, SearchIndexError):
                    if self._index is not None or self.directory is None:
                        raise
                    # The folder cannot be written after all (write-protected media, a full disk, a file
                    # size limit): the user's cache folder, else an index in memory for this process.
                    self._prune = False
                    fallback = cache_index_dir(self.library_path)
                    self.directory = fallback if self.directory != fallback else None
                    try:
                        self._ensure_current(connection)
                    except (OSError, ValueError, SearchIndexError):
                        if self.directory is None:
                            raise
                        self.directory = None
                        self._ensure_current(connection)
            finally:
                connection.close()

    def open_unchanged_if_current(self, connection: sqlite3.Connection) -> bool:
        """Open the index folder as it stands if it already answers for the library as committed (its
        format, this library, every outbox row applied), writing nothing (unlike `open_if_current`, which
        applies a few pending changes); False when there is any work to do. `connection`: a read-only
        one to the library, whose snapshot the answer is about."""
        with self._lock:
            state = self._open_existing()
            if state is None:
                return False
            last_issued = connection.execute(LAST_ISSUED).fetchone()[0]
            if last_issued != state.applied_outbox_id or self._is_foreign(connection, state):
                self._index = self._searcher = None
                self._applied = -1
                return False
            return True

    def _ensure_current(self, connection: sqlite3.Connection) -> None:
        if self._index is None:
            state = self._open_existing()
            if state is None or self._is_foreign(connection, state):
                self._rebuild(connection)
                return
        self._catch_up(connection)

    def _is_foreign(self, connection: sqlite3.Connection, state: IndexState) -> bool:
        """The recorded state cannot be from this library as it is (replaced file, restored backup,
        changes made without the outbox)."""
        last_issued = connection.execute(LAST_ISSUED).fetchone()[0]
        if last_issued < state.applied_outbox_id:
            return True
        if last_issued == state.applied_outbox_id:
            return list(connection.execute(FINGERPRINT).fetchone()) != state.library_fingerprint
        return False

    # --- writing -------------------------------------------------------------------------------
    def rebuild(self) -> int:
        """Index every resource afresh; the number of documents."""
        with self._lock:
            connection = self._connect()
            try:
                return self._rebuild(connection)
            finally:
                connection.close()

    def _rebuild(self, connection: sqlite3.Connection) -> int:
        self._index = self._searcher = None
        if self.directory is None:
            index = fields.prepare(tantivy.Index(self._schema))
        else:
            if self.directory.exists():
                shutil.rmtree(self.directory)
            remove_abandoned(self.directory)
            try:
                self.directory.mkdir(parents=True)
            except OSError as error:
                raise SearchIndexError(f"cannot create the search index folder {self.directory}: {error}") from None
            index = fields.prepare(tantivy.Index(self._schema, path=str(self.directory)))
        writer = index.writer(fields.WRITER_HEAP, 1)
        connection.execute("BEGIN")
        try:
            state = current_state(connection, fields.INDEX_SCHEMA_VERSION)
            total = connection.execute("SELECT count(*) FROM resources").fetchone()[0] if self._listeners else 0
            count = self._add(writer, all_documents(connection), title_order.all_ranks(connection), total)
        finally:
            connection.execute("COMMIT")
        writer.commit()
        writer.wait_merging_threads()
        self._record(state)
        index.reload()
        self._index, self._searcher, self._applied = index, index.searcher(), state.applied_outbox_id
        self._prune_applied(state.applied_outbox_id)
        return count

    def build_beside_import(self) -> IndexBuild | None:
        """A build of this index from the documents of an import into a library with no resources (see
        search/prebuilt.py), adopted by the next `ensure_current`; None while the index is held in memory."""
        with self._lock:
            if self.directory is None:
                return None
            self._pending = IndexBuild(self.directory)
            return self._pending

    def _adopt_pending(self) -> None:
        """Put the folder an import built in place of the index, when that build succeeded."""
        pending, self._pending = self._pending, None
        if pending is None or self.directory is None or pending.directory != self.directory:
            return
        built = pending.finished()
        if built is None:
            return  # the usual path follows: a rebuild or a catch-up from SQLite
        folder, state = built
        self._index = self._searcher = None
        self._applied = -1
        shutil.rmtree(self.directory, ignore_errors=True)
        os.replace(folder, self.directory)
        self._record(state)
        self._prune_applied(state.applied_outbox_id)

    def _add(self, writer: tantivy.IndexWriter, documents: Iterable[SearchDocument],
             ranks: Iterable[tuple[int, int]] | dict[int, int], total: int) -> int:
        self._report(0, total)
        count = 0
        rank_of = None if isinstance(ranks, dict) else iter(ranks)  # both in id order
        for document in documents:
            if rank_of is None:
                rank = ranks[document.resource_id]  # type: ignore[index]
            else:
                resource_id, rank = next(rank_of)
                while resource_id != document.resource_id:
                    resource_id, rank = next(rank_of)
            writer.add_document(fields.to_document(document, rank))
            count += 1
            if count % _PROGRESS_EVERY == 0:
                self._report(count, max(total, count))
        self._report(count, max(total, count))
        return count

    def _report(self, done: int, total: int) -> None:
        for listener in list(self._listeners):
            listener(done, total)

    def _indexed_rank(self, resource_id: int) -> int | None:
        searcher = self._searcher
        if searcher is None:
            return None
        hits = searcher.search(tantivy.Query.term_query(self._schema, fields.RID, resource_id), 1, count=False).hits
        if not hits:
            return None
        return fields.fast_ints(searcher, fields.TITLE_RANK, [hits[0][1]])[0]

    def _catch_up(self, connection: sqlite3.Connection) -> None:
        last_issued = connection.execute(LAST_ISSUED).fetchone()[0]
        if last_issued <= self._applied:
            return
        assert self._index is not None
        state = read_state(self.directory) if self.directory is not None else None
        if state is not None and state.applied_outbox_id > self._applied:  # another process applied rows
            self._index.reload()
            self._searcher, self._applied = self._index.searcher(), state.applied_outbox_id
            if last_issued <= self._applied:
                return
        try:
            writer = self._index.writer(fields.WRITER_HEAP // 2, 1)
        except ValueError:
            return  # another process holds the writer and is applying these rows; searched as is until then
        connection.execute("BEGIN")
        try:
            changed = self._changes(connection, last_issued)
            if changed is None:
                writer.rollback()
                del writer
                connection.execute("COMMIT")
                self._rebuild(connection)
                return
            ranks = title_order.ranks_for(connection, changed, self._indexed_rank)
            if ranks is None:  # no room left between two titles: renumber all
                writer.rollback()
                del writer
                connection.execute("COMMIT")
                self._rebuild(connection)
                return
            fingerprint = list(connection.execute(FINGERPRINT).fetchone())
            for resource_id in changed:
                writer.delete_documents_by_term(fields.RID, resource_id)
            self._add(writer, documents_of(connection, changed), ranks, len(changed))
        finally:
            if connection.in_transaction:
                connection.execute("COMMIT")
        writer.commit()
        writer.wait_merging_threads()
        del writer
        self._record(IndexState(fields.INDEX_SCHEMA_VERSION, last_issued, fingerprint))
        self._index.reload()
        self._searcher, self._applied = self._index.searcher(), last_issued
        self._prune_applied(last_issued)

    def _changes(self, connection: sqlite3.Connection, last_issued: int) -> list[int] | None:
        """Resources changed by outbox rows after the applied one; None when a bulk rebuild is due
        (rows this index never saw were pruned, or the change touches much of the library)."""
        first = connection.execute("SELECT min(id) FROM index_outbox WHERE id > ?", (self._applied,)).fetchone()[0]
        if first != self._applied + 1:
            return None
        changed = [
            row[0]
            for row in connection.execute(
                "SELECT DISTINCT resource_id FROM index_outbox WHERE id > ? AND id <= ?", (self._applied, last_issued)
            )
        ]
        size = connection.execute("SELECT count(*) FROM resources").fetchone()[0]
        if len(changed) > max(2000, _REBUILD_SHARE * size):
            return None
        return changed

    def _record(self, state: IndexState) -> None:
        if self.directory is not None:
            write_state(self.directory, state)

    def _prune_applied(self, applied: int) -> None:
        if not self._prune:
            return
        try:
            connection = sqlite3.connect(self.library_path.resolve().as_uri() + "?mode=rw", uri=True, timeout=5)
        except sqlite3.Error:
            return
        try:
            with connection:
                connection.execute("DELETE FROM index_outbox WHERE id <= ?", (applied,))
        except sqlite3.Error:
            pass  # busy or read-only: the rows are pruned next time
        finally:
            connection.close()

    # --- reading -------------------------------------------------------------------------------
    @property
    def epoch(self) -> int:
        """Changes whenever the index content changes (the last outbox row applied)."""
        return self._applied

    @property
    def schema(self) -> tantivy.Schema:
        return self._schema

    @property
    def searcher(self) -> tantivy.Searcher | None:
        """The current snapshot (a result keeps its own, so paging stays consistent)."""
        return self._searcher

    def values_of(self, field: str) -> list[str]:
        """Every value of a facet field in the index (topics, audiences: a few hundred at most)."""
        searcher = self._searcher
        if searcher is None:
            return []
        key = (field, self._applied)
        cached = self._values.get(key)
        if cached is None:
            cached = [term for term, _count in searcher.terms_with_prefix(field, "")]
            self._values = {k: v for k, v in self._values.items() if k[1] == self._applied}
            self._values[key] = cached
        return cached

    @property
    def size(self) -> int:
        return self._searcher.num_docs if self._searcher is not None else 0

    def query(self, expression: str) -> tantivy.Query:
        """The tantivy query of a querylang match expression, for the current snapshot."""
        searcher = self._searcher
        if searcher is None:
            return translate.to_query(expression, self._schema, self._analyzer)

        def expansions(field: str, prefix: str, limit: int) -> int:
            return len(searcher.terms_with_prefix(field, prefix, limit=limit))

        return translate.to_query(expression, self._schema, self._analyzer, expansions)

    def top(self, expression: str, limit: int) -> list[tuple[float, int]]:
        """The best `limit` matches as (score, resource id), best first."""
        searcher = self._searcher
        if searcher is None or searcher.num_docs == 0:
            return []
        hits = searcher.search(self.query(expression), limit, count=False).hits
        ids = fields.fast_ints(searcher, fields.RID, [address for _score, address in hits])
        return [(score, rid) for (score, _address), rid in zip(hits, ids)]

    def vocabulary(self, limit: int) -> list[str]:
        """The library's words, most common first (what "did you mean" chooses from)."""
        searcher = self._searcher
        if searcher is None:
            return []
        counts: dict[str, int] = {}
        for field in ("title", "subtitle", "description", "topics"):
            for term, number in searcher.terms_with_prefix(field, "", limit=limit):
                counts[term] = max(counts.get(term, 0), number)
        return [term for term, _n in sorted(counts.items(), key=lambda item: -item[1])][:limit]

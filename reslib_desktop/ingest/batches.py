"""Applying a preview as one import batch, in one transaction, recorded so it can be undone.

The batch row is written first, which takes SQLite's write lock; the records
are then matched again against the library as it is inside the transaction,
updated resources are snapshotted into `import_changes`, and everything is
written with Core executemany in chunks (progress is reported and cancelling
is checked between chunks). Any failure or a cancel rolls everything back,
including files copied into the offline cache: those are staged under
temporary names and renamed into place only once the transaction has
committed (ingest/cache_files.py tells what a kill at any moment leaves).
"""

from __future__ import annotations

import copy
import getpass
import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy import Connection, Engine, insert, select, update

from reslib_desktop.ingest import snapshot
from reslib_desktop.ingest.apply import apply_records, bulk_insert, cached_shas
from reslib_desktop.ingest.cache_files import StagedFiles, record_cached_files, staging
from reslib_desktop.ingest.dedupe import merge_records
from reslib_desktop.ingest.index_documents import documents_of_records
from reslib_desktop.ingest.pipeline import (
    Action,
    ImportPreview,
    PreviewItem,
    bulk_allocation,
    replan,
)
from reslib_desktop.ingest.problems import Problem
from reslib_desktop.ingest.record import ResourceRecord
from reslib_desktop.ingest.sources import DuplicatePolicy
from reslib_desktop.ingest.stored import ids_of_uids, stored_records
from reslib_desktop.offline.housekeeping import recorded_sizes
from reslib_desktop.search.documents import SearchDocument
from reslib_desktop.store.bulk_indexes import built_after_load
from reslib_desktop.store.clock import utcnow
from reslib_desktop.store.database import inserted_id, sqlite_connection
from reslib_desktop.store.schema import ImportBatch, ImportChange, Resource

APPLY_CHUNK = 2_000
IMPORT_CACHE_KIB = -65_536  # negative: KiB, so 64 MiB
_LOADED_TABLES = ("resources", "attachments", "resource_topics", "resource_audiences")
Progress = Callable[[int, int], None]


class IndexFeed(Protocol):
    """Builds a new library's search index from the records an import writes, beside the writing
    (search/prebuilt.py's IndexBuild)."""

    def start(self, documents: Callable[[], Iterable[SearchDocument]]) -> None: ...

    def committing(self, connection: sqlite3.Connection) -> None: ...

    def abandon(self) -> None: ...


class ImportRefused(Exception):
    """The preview has errors: nothing was changed."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} error(s) in the input; nothing was changed")
        self.problems = problems


class ImportCancelled(Exception):
    """The import was cancelled before it finished: nothing was changed."""


@dataclass(frozen=True)
class ImportResult:
    batch_id: int
    added: int
    updated: int
    unchanged: int
    skipped: int  # possible duplicates left out (policy skip)
    merged: int  # possible duplicates folded into the resource they resemble (policy merge)
    flagged: int  # possible duplicates imported and flagged (policy keep)


def current_user() -> str | None:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return None


@dataclass
class _Write:
    record: ResourceRecord
    extra: dict


class _Plan:
    """The records to write, from the matched items and the duplicate policy."""

    def __init__(self, connection: Connection, batch_id: int, policy: DuplicatePolicy) -> None:
        self.connection = connection
        self.batch_id = batch_id
        self.policy = policy
        self.writes: dict[str, _Write] = {}  # by uid, in order
        self.updated: set[str] = set()  # library resources changed (snapshotted)
        self.merged_into: dict[str, str] = {}
        self.counts = {"unchanged": 0, "skipped": 0, "merged": 0, "flagged": 0}

    def add(self, item: PreviewItem) -> None:
        record = item.record
        assert record is not None
        if item.action is Action.UPDATE or not record.uid:
            record = copy.copy(record)  # its uid is set here or on apply: the preview's own record stays as it was
        # Applied items are valid ones of a settled preview: a record with its uid, a target for updates and duplicates.
        assert record.uid is not None
        if item.action is Action.UNCHANGED:
            self.counts["unchanged"] += 1
        elif item.action is Action.UPDATE:
            assert item.target is not None
            record.uid = item.target.uid
            self.updated.add(record.uid)
            self.writes[record.uid] = _Write(record, {"import_batch_id": self.batch_id})
        elif item.action is Action.NEW:
            self.writes[record.uid] = _Write(record, {"import_batch_id": self.batch_id})
        elif self.policy is DuplicatePolicy.SKIP:
            self.counts["skipped"] += 1
        elif self.policy is DuplicatePolicy.KEEP:
            assert item.target is not None
            self.counts["flagged"] += 1
            target = self.merged_into.get(item.target.uid, item.target.uid)
            self.writes[record.uid] = _Write(record, {"import_batch_id": self.batch_id, "duplicate_of_uid": target})
        else:
            assert item.target is not None
            self._merge(record, item.target.uid)

    def _merge(self, record: ResourceRecord, target: str) -> None:
        assert record.uid is not None
        target = self.merged_into.get(target, target)
        self.counts["merged"] += 1
        self.merged_into[record.uid] = target
        if target not in self.writes:
            ids = ids_of_uids(self.connection, [target])
            [(_, stored)] = list(stored_records(self.connection, [ids[target]]))
            self.writes[target] = _Write(stored, {"import_batch_id": self.batch_id})
            self.updated.add(target)
        write = self.writes[target]
        merged = merge_records(write.record, record)
        merged.uid = target
        write.record = merged


@contextmanager
def _large_cache(connection: Connection) -> Iterator[None]:
    """A bigger SQLite page cache while one import writes (its indexes grow in random order)."""
    previous = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
    connection.exec_driver_sql(f"PRAGMA cache_size={IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={int(previous)}")


def _check_cancel(cancel: Callable[[], bool] | None) -> None:
    if cancel is not None and cancel():
        raise ImportCancelled("the import was cancelled; nothing was changed")


def _cache_local_files(plan: _Plan, staged: StagedFiles | None) -> dict[str, int]:
    """Stage the files of the records to write; sha256 -> size of each (cached_files rows to add)."""
    files: dict[str, int] = {}
    for write in plan.writes.values():
        for attachment in write.record.attachments:
            if attachment.local_path is None or not attachment.sha256 or attachment.size is None:
                continue
            if staged is None:
                raise ValueError("importing files needs an offline cache folder (--cache-dir)")
            staged.add(attachment.local_path, attachment.sha256, attachment.size)
            files[attachment.sha256] = attachment.size
    if staged is not None:
        staged.sync()
    return files


def _staging(
    engine: Engine, preview: ImportPreview, cache_dir: Path | None
) -> AbstractContextManager[StagedFiles | None]:
    """Where the import's local files are staged (None when it has none or there is no cache folder)."""
    has_files = any(
        attachment.local_path is not None
        for item in preview.items
        if item.record is not None
        for attachment in item.record.attachments
    )
    if cache_dir is None or not has_files:
        return nullcontext()

    def recorded(shas: Collection[str]) -> dict[str, int]:
        with engine.connect() as connection:
            return recorded_sizes(connection, shas)

    return staging(cache_dir, recorded)


def _record_before(connection: Connection, batch_id: int, uids: list[str]) -> None:
    """The full state of each resource the batch changes, for undo."""
    ids = ids_of_uids(connection, uids)
    rows = [
        {"batch_id": batch_id, "resource_uid": uid, "action": "updated", "before": snapshot.take(connection, ids[uid])}
        for uid in uids
    ]
    if rows:
        connection.execute(insert(ImportChange), rows)


def apply_import(
    engine: Engine,
    preview: ImportPreview,
    policy: DuplicatePolicy | None = None,
    *,
    user: str | None = None,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    extra_files: dict[str, int] | None = None,
    on_applied: Callable[[Connection], None] | None = None,
    index_feed: IndexFeed | None = None,
) -> ImportResult:
    """Apply a preview in one transaction; ImportRefused (input errors) or ImportCancelled change nothing.

    `extra_files` (sha256 -> size) are files the caller already put into the cache (a bundle's);
    `on_applied` runs last inside the same transaction. `index_feed`, when the library has no resources,
    is given every document of the library-to-be before the writes start.
    """
    if preview.has_errors:
        raise ImportRefused(preview.errors)
    policy = DuplicatePolicy(policy or preview.options.on_duplicate)
    with bulk_allocation(), _staging(engine, preview, cache_dir) as staged:
        return _apply(engine, preview, policy, user, staged, progress, cancel, extra_files, on_applied, index_feed)


def _feed_index(connection: Connection, plan: _Plan, feed: IndexFeed) -> bool:
    """Give the new resources their ids now and start `feed` on their documents, when they will be all of
    the library's resources (it has none yet); False, and nothing done, otherwise."""
    if plan.updated or connection.execute(select(Resource.id).limit(1)).first() is not None:
        return False
    resources = []
    for resource_id, write in enumerate(plan.writes.values(), start=1):  # as SQLite numbers an empty table
        write.extra["id"] = resource_id
        resources.append((resource_id, write.record))
    cached = cached_shas(connection, (record for _id, record in resources))
    feed.start(lambda: documents_of_records(resources, cached))
    return True


def _apply(engine, preview, policy, user, staged, progress, cancel, extra_files, on_applied, index_feed
           ) -> ImportResult:
    now = utcnow()
    feeding = False
    try:
        with engine.begin() as connection, _large_cache(connection):
            source = preview.options.source_label or "\n".join(str(p) for p in preview.inputs)
            batch_id = inserted_id(connection.execute(
                insert(ImportBatch).values(
                    started_at=now, user=user or current_user(), source=source,
                    format=",".join(dict.fromkeys(preview.formats)), added=0, updated=0, skipped=0, duplicates=0,
                )
            ))
            errors = replan(connection, preview)
            if errors:
                raise ImportRefused(errors)
            plan = _Plan(connection, batch_id, policy)
            for item in preview.items:
                if item.action is not Action.ERROR:
                    plan.add(item)
            _check_cancel(cancel)
            files = _cache_local_files(plan, staged)
            record_cached_files(connection, {**(extra_files or {}), **files}, now)
            _record_before(connection, batch_id, sorted(plan.updated))
            feeding = index_feed is not None and _feed_index(connection, plan, index_feed)
            writes = list(plan.writes.items())
            added: list[str] = []
            with built_after_load(connection, _LOADED_TABLES, len(writes)):
                for start in range(0, len(writes), APPLY_CHUNK):
                    _check_cancel(cancel)
                    chunk = writes[start : start + APPLY_CHUNK]
                    summary = apply_records(
                        connection, [w.record for _, w in chunk], now, extra={uid: w.extra for uid, w in chunk}
                    )
                    added.extend(summary.added_uids)
                    if progress is not None:
                        progress(min(start + APPLY_CHUNK, len(writes)), len(writes))
            bulk_insert(
                connection, ImportChange.__table__,
                [{"batch_id": batch_id, "resource_uid": uid, "action": "added", "before": None} for uid in added],
            )
            if on_applied is not None:
                on_applied(connection)
            _check_cancel(cancel)
            duplicates = plan.counts["skipped"] + plan.counts["merged"] + plan.counts["flagged"]
            connection.execute(
                update(ImportBatch).where(ImportBatch.id == batch_id).values(
                    finished_at=utcnow(), added=len(added), updated=len(plan.updated),
                    skipped=plan.counts["unchanged"] + plan.counts["skipped"], duplicates=duplicates,
                )
            )
            if feeding:
                index_feed.committing(sqlite_connection(connection))
    except BaseException:
        if feeding:
            index_feed.abandon()
        raise
    return ImportResult(batch_id, len(added), len(plan.updated), **plan.counts)


@dataclass(frozen=True)
class BatchInfo:
    id: int
    started_at: datetime
    finished_at: datetime | None
    user: str | None
    source: str
    format: str | None
    added: int
    updated: int
    skipped: int
    duplicates: int
    undone_at: datetime | None


def history(connection: Connection, limit: int | None = None) -> list[BatchInfo]:
    """Import batches, newest first."""
    statement = select(ImportBatch).order_by(ImportBatch.id.desc())
    if limit is not None:
        statement = statement.limit(limit)
    return [
        BatchInfo(r.id, r.started_at, r.finished_at, r.user, r.source, r.format, r.added, r.updated, r.skipped,
                  r.duplicates, r.undone_at)
        for r in connection.execute(statement)
    ]

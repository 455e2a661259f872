"""Undoing one import batch (or merge), exactly, in one transaction.

Added resources are deleted, updated ones restored from their snapshots,
resources a merge removed are put back. Undo is refused, with the reasons,
when a later batch changed the same resources (undo that one first), when a
resource was edited or deleted after the batch, or when the batch was already
undone. Cached files of the batch's resources (added, updated or merged into)
that no attachment uses any more and no pin keeps are removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, delete, select, update

from reslib_desktop.ingest import snapshot
from reslib_desktop.ingest.cache_files import remove_files
from reslib_desktop.ingest.stored import ids_of_uids
from reslib_desktop.store.clock import utcnow
from reslib_desktop.store.schema import (
    Attachment,
    Audience,
    CachedFile,
    ImportBatch,
    ImportChange,
    Resource,
    Topic,
    resource_audiences,
    resource_topics,
)

MAX_NAMED = 3
CHUNK = 10_000


class UndoRefused(Exception):
    """The batch cannot be undone now; `reasons` say why (nothing was changed)."""

    def __init__(self, batch_id: int, reasons: list[str]) -> None:
        super().__init__(f"cannot undo batch {batch_id}: " + "; ".join(reasons))
        self.batch_id = batch_id
        self.reasons = reasons


@dataclass(frozen=True)
class UndoResult:
    batch_id: int
    removed: int
    restored: int
    files_removed: list[str] = field(default_factory=list)


def _titles(connection: Connection, uids: list[str]) -> str:
    titles = connection.execute(select(Resource.title).where(Resource.uid.in_(uids[:MAX_NAMED]))).scalars().all()
    shown = ", ".join(f'"{t}"' for t in titles) or ", ".join(uids[:MAX_NAMED])
    return shown + (f" and {len(uids) - MAX_NAMED} more" if len(uids) > MAX_NAMED else "")


def undo_blockers(connection: Connection, batch_id: int) -> list[str]:
    """Why the batch cannot be undone now (empty when it can)."""
    batch = connection.execute(select(ImportBatch).where(ImportBatch.id == batch_id)).one_or_none()
    if batch is None:
        return [f"there is no import batch {batch_id}"]
    if batch.undone_at is not None:
        return [f"it was already undone on {batch.undone_at:%Y-%m-%d %H:%M}"]
    changes = connection.execute(
        select(ImportChange.resource_uid, ImportChange.action).where(ImportChange.batch_id == batch_id)
    ).all()
    uids = [uid for uid, _ in changes]
    reasons: list[str] = []
    later = connection.execute(
        select(ImportChange.batch_id, ImportChange.resource_uid)
        .join(ImportBatch, ImportBatch.id == ImportChange.batch_id)
        .where(ImportChange.batch_id > batch_id, ImportBatch.undone_at.is_(None), ImportChange.resource_uid.in_(uids))
        .order_by(ImportChange.batch_id.desc())
    ).all()
    by_batch: dict[int, list[str]] = {}
    for later_id, uid in later:
        by_batch.setdefault(later_id, []).append(uid)
    for later_id, later_uids in by_batch.items():
        reasons.append(
            f"batch {later_id} later changed {len(later_uids)} of its resources ({_titles(connection, later_uids)}); "
            f"undo batch {later_id} first"
        )
    present = ids_of_uids(connection, uids)
    edited = connection.execute(
        select(Resource.uid).where(Resource.uid.in_(uids), Resource.updated_at > batch.started_at)
    ).scalars().all()
    if edited and not by_batch:
        reasons.append(f"{len(edited)} of its resources were edited after it ({_titles(connection, list(edited))})")
    gone = [uid for uid, action in changes if action == "updated" and uid not in present]
    if gone:
        reasons.append(f"{len(gone)} resources it updated were deleted since ({', '.join(gone[:MAX_NAMED])})")
    back = [uid for uid, action in changes if action == "deleted" and uid in present]
    if back:
        reasons.append(f"{len(back)} resources it removed exist again ({_titles(connection, back)})")
    return reasons


def undo_batch(engine: Engine, batch_id: int, cache_dir: Path | None = None) -> UndoResult:
    """Revert one batch in one transaction; UndoRefused (nothing changed) when it cannot be."""
    now = utcnow()
    with engine.begin() as connection:
        # A write first takes SQLite's write lock: nothing can change under the checks below.
        connection.execute(
            update(ImportBatch).where(ImportBatch.id == batch_id).values(undone_at=ImportBatch.undone_at)
        )
        reasons = undo_blockers(connection, batch_id)
        if reasons:
            raise UndoRefused(batch_id, reasons)
        connection.execute(update(ImportBatch).where(ImportBatch.id == batch_id).values(undone_at=now))
        changes = connection.execute(
            select(ImportChange.resource_uid, ImportChange.action, ImportChange.before)
            .where(ImportChange.batch_id == batch_id).order_by(ImportChange.id)
        ).all()
        added = [uid for uid, action, _ in changes if action == "added"]
        ids = list(ids_of_uids(connection, added).values())
        shas = _files_of(connection, [uid for uid, _, _ in changes])
        if ids:
            connection.execute(delete(Resource).where(Resource.id.in_(ids)))
            connection.execute(update(Resource).where(Resource.duplicate_of_uid.in_(added)).values(duplicate_of_uid=None))
        restored = 0
        for action in ("updated", "deleted"):
            for _uid, kind, before in changes:
                if kind == action and before:
                    snapshot.restore(connection, before)
                    restored += 1
        # A bundle's collection changes, recorded in this batch (imported here: bundle/ builds on ingest/).
        from reslib_desktop.bundle.collections import undo_collection_changes

        undo_collection_changes(connection, batch_id)
        orphans = _unused_files(connection, shas)
        _drop_unused_names(connection)
    if cache_dir is not None and orphans:
        remove_files(cache_dir, orphans)
    return UndoResult(batch_id, len(ids), restored, orphans)


def _files_of(connection: Connection, uids: list[str]) -> set[str]:
    """The files (sha256) the batch's resources have now: those it added, updated or merged into."""
    ids = list(ids_of_uids(connection, uids).values())
    shas: set[str] = set()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        found = connection.execute(select(Attachment.sha256).where(Attachment.resource_id.in_(chunk))).scalars()
        shas.update(sha for sha in found if sha is not None)
    return shas


def _drop_unused_names(connection: Connection) -> None:
    """Topics and audiences no resource uses any more (the undone batch brought them) go too."""
    connection.execute(delete(Topic).where(Topic.id.not_in(select(resource_topics.c.topic_id))))
    connection.execute(delete(Audience).where(Audience.id.not_in(select(resource_audiences.c.audience_id))))


def _unused_files(connection: Connection, shas: set[str]) -> list[str]:
    """cached_files rows of these files that no attachment uses and no pin keeps: deleted, and returned."""
    if not shas:
        return []
    used = set(connection.execute(select(Attachment.sha256).where(Attachment.sha256.in_(shas))).scalars())
    candidates = sorted(shas - used)
    unpinned = connection.execute(
        select(CachedFile.sha256).where(CachedFile.sha256.in_(candidates), CachedFile.pinned.is_(False))
    ).scalars().all()
    if unpinned:
        connection.execute(delete(CachedFile).where(CachedFile.sha256.in_(unpinned)))
    return list(unpinned)

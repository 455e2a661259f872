"""Possible duplicates an import flagged: list them, merge a pair, or dismiss a flag.

A merge keeps one resource, folds in what the other knew (its topics,
audiences, attachments, a better description or date), moves its collection
places, and deletes it. A merge is recorded as a batch like an import, so it
can be undone the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.orm import aliased

from reslib_desktop.ingest import snapshot
from reslib_desktop.ingest.apply import apply_records
from reslib_desktop.ingest.batches import current_user
from reslib_desktop.ingest.dedupe import merge_records
from reslib_desktop.ingest.stored import ids_of_uids, stored_records
from reslib_desktop.store.clock import utcnow
from reslib_desktop.store.database import inserted_id
from reslib_desktop.store.schema import (
    CollectionItem,
    ImportBatch,
    ImportChange,
    Resource,
)


@dataclass(frozen=True)
class PossibleDuplicate:
    id: int
    uid: str
    title: str
    published: date | None
    duplicate_of_id: int | None  # None when the other resource no longer exists
    duplicate_of_uid: str
    duplicate_of_title: str | None
    import_batch_id: int | None


def possible_duplicates(connection: Connection) -> list[PossibleDuplicate]:
    """Every flagged resource with the one it may duplicate, by title."""
    other = aliased(Resource)
    rows = connection.execute(
        select(Resource.id, Resource.uid, Resource.title, Resource.published, other.id, Resource.duplicate_of_uid,
               other.title, Resource.import_batch_id)
        .outerjoin(other, other.uid == Resource.duplicate_of_uid)
        .where(Resource.duplicate_of_uid.is_not(None))
        .order_by(Resource.title_sort, Resource.id)
    ).all()
    found = []
    for id_, uid, title, published, other_id, duplicate_of_uid, other_title, batch_id in rows:
        assert duplicate_of_uid is not None  # only flagged resources are selected
        found.append(PossibleDuplicate(id_, uid, title, published, other_id, duplicate_of_uid, other_title, batch_id))
    return found


def dismiss(engine: Engine, uid: str) -> bool:
    """Clear a resource's duplicate flag (they are different resources); False if it had none."""
    with engine.begin() as connection:
        return bool(
            connection.execute(
                update(Resource)
                .where(Resource.uid == uid, Resource.duplicate_of_uid.is_not(None))
                .values(duplicate_of_uid=None)
            ).rowcount
        )


def merge(engine: Engine, keep_uid: str, drop_uid: str, user: str | None = None) -> int:
    """Fold `drop_uid` into `keep_uid` and delete it; returns the batch id (undo it like an import)."""
    if keep_uid == drop_uid:
        raise ValueError("cannot merge a resource into itself")
    now = utcnow()
    with engine.begin() as connection:
        batch_id = inserted_id(connection.execute(
            insert(ImportBatch).values(
                started_at=now, user=user or current_user(), source=f"merge {drop_uid} into {keep_uid}", format="merge",
                added=0, updated=1, skipped=0, duplicates=1,
            )
        ))
        ids = ids_of_uids(connection, [keep_uid, drop_uid])
        missing = [uid for uid in (keep_uid, drop_uid) if uid not in ids]
        if missing:
            raise ValueError(f"no resource with uid {missing[0]!r}")
        records = dict(stored_records(connection, [ids[keep_uid], ids[drop_uid]]))
        keep, drop = records[ids[keep_uid]], records[ids[drop_uid]]
        connection.execute(
            insert(ImportChange),
            [
                {
                    "batch_id": batch_id,
                    "resource_uid": keep_uid,
                    "action": "updated",
                    "before": snapshot.take(connection, ids[keep_uid]),
                },
                {
                    "batch_id": batch_id,
                    "resource_uid": drop_uid,
                    "action": "deleted",
                    "before": snapshot.take(connection, ids[drop_uid]),
                },
            ],
        )
        merged = merge_records(keep, drop)
        merged.uid = keep_uid
        apply_records(connection, [merged], now)
        _move_collections(connection, ids[drop_uid], ids[keep_uid])
        connection.execute(delete(Resource).where(Resource.id == ids[drop_uid]))
        connection.execute(
            update(Resource)
            .where(Resource.duplicate_of_uid == drop_uid, Resource.uid != keep_uid)
            .values(duplicate_of_uid=keep_uid)
        )
        connection.execute(
            update(Resource)
            .where(Resource.uid == keep_uid, Resource.duplicate_of_uid == drop_uid)
            .values(duplicate_of_uid=None)
        )
        connection.execute(update(ImportBatch).where(ImportBatch.id == batch_id).values(finished_at=utcnow()))
    return batch_id


def _move_collections(connection: Connection, from_id: int, to_id: int) -> None:
    present = set(
        connection.execute(select(CollectionItem.collection_id).where(CollectionItem.resource_id == to_id)).scalars()
    )
    for collection_id, position in connection.execute(
        select(CollectionItem.collection_id, CollectionItem.position).where(CollectionItem.resource_id == from_id)
    ).all():
        if collection_id not in present:
            connection.execute(
                insert(CollectionItem).values(collection_id=collection_id, resource_id=to_id, position=position)
            )

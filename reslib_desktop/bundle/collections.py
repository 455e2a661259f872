"""A bundle's collection: created or added to inside the import's transaction, recorded so undo reverts it.

What the batch did to the collection is one `import_changes` row (action
"collection", resource_uid "collection:<id>") whose `before` holds
{"collection_id": 3, "created": true, "added": ["uid", ...]}. Undoing the
batch (`undo_collection_changes`, in undo's transaction) takes the members it
added out of the collection and removes the collection when the batch
created it and nothing else was put into it since.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, delete, func, insert, select

from reslib_desktop.ingest.stored import ids_of_uids
from reslib_desktop.store.clock import utcnow
from reslib_desktop.store.database import inserted_id
from reslib_desktop.store.schema import Collection, CollectionItem, ImportBatch, ImportChange

ACTION = "collection"
CHUNK = 500


def _collection_id(connection: Connection, name: str) -> tuple[int, bool]:
    """The collection's id, and whether it was created now."""
    found = connection.scalar(select(Collection.id).where(Collection.name == name))
    if found is not None:
        return found, False
    created = connection.execute(insert(Collection).values(name=name, pinned=False, created_at=utcnow()))
    return inserted_id(created), True


def _append(connection: Connection, collection_id: int, uids: list[str]) -> list[str]:
    """Append these resources (those not in it already) in order; the uids appended."""
    present = set(
        connection.execute(
            select(CollectionItem.resource_id).where(CollectionItem.collection_id == collection_id)
        ).scalars()
    )
    last = connection.scalar(
        select(func.max(CollectionItem.position)).where(CollectionItem.collection_id == collection_id)
    )
    position = -1 if last is None else last
    ids = ids_of_uids(connection, uids)
    rows, added = [], []
    for uid in uids:
        if uid in ids and ids[uid] not in present:
            present.add(ids[uid])
            position += 1
            rows.append({"collection_id": collection_id, "resource_id": ids[uid], "position": position})
            added.append(uid)
    if rows:
        connection.execute(insert(CollectionItem), rows)
    return added


def add_collection(connection: Connection, collection: dict) -> None:
    """The bundle's collection, created if missing, with its resources appended in order; recorded in the
    import batch being written (the newest: this transaction holds the write lock since it added it)."""
    collection_id, created = _collection_id(connection, collection["name"])
    added = _append(connection, collection_id, collection["uids"])
    if not created and not added:
        return
    batch_id = connection.scalar(select(func.max(ImportBatch.id)))
    connection.execute(
        insert(ImportChange).values(
            batch_id=batch_id, resource_uid=f"collection:{collection_id}", action=ACTION,
            before=json.dumps({"collection_id": collection_id, "created": created, "added": added}),
        )
    )


def undo_collection_changes(connection: Connection, batch_id: int) -> None:
    """Revert what the batch did to collections: its members out, a collection it created and left empty gone."""
    for (before,) in connection.execute(
        select(ImportChange.before).where(ImportChange.batch_id == batch_id, ImportChange.action == ACTION)
    ).all():
        change = json.loads(before or "{}")
        collection_id = change["collection_id"]
        ids = list(ids_of_uids(connection, change["added"]).values())
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            connection.execute(
                delete(CollectionItem).where(
                    CollectionItem.collection_id == collection_id, CollectionItem.resource_id.in_(chunk)
                )
            )
        left = connection.scalar(select(func.count()).where(CollectionItem.collection_id == collection_id))
        if change["created"] and not left:
            connection.execute(delete(Collection).where(Collection.id == collection_id))

"""The full stored state of a resource as JSON, and putting it back (what undo restores).

A snapshot holds the resource row, its topic and audience names, its
attachment rows (with their extracted page text) and its collection places.
Restoring it keeps the index in step (removed before, added after).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Date, DateTime, delete, insert, select, update

from reslib_desktop.ingest.apply import _name_ids
from reslib_desktop.store.database import inserted_id
from reslib_desktop.store.schema import (
    Attachment,
    AttachmentPage,
    Audience,
    CollectionItem,
    Resource,
    Topic,
    resource_audiences,
    resource_topics,
)

_R = Resource.__table__
_A = Attachment.__table__
VERSION = 1


def _plain(row: Any, table) -> dict:
    values = {}
    for column in table.columns:
        value = getattr(row, column.name)
        values[column.name] = value.isoformat() if isinstance(value, (date, datetime)) else value
    return values


def _typed(values: dict, table) -> dict:
    typed = {}
    for column in table.columns:
        if column.name not in values:
            continue
        value = values[column.name]
        if value is not None and isinstance(column.type, DateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(column.type, Date):
            value = date.fromisoformat(value)
        typed[column.name] = value
    return typed


def take(connection: Connection, resource_id: int) -> str:
    """The resource's state as a JSON text."""
    row = connection.execute(select(_R).where(_R.c.id == resource_id)).one()
    topics = connection.execute(
        select(Topic.name).join(resource_topics, resource_topics.c.topic_id == Topic.id)
        .where(resource_topics.c.resource_id == resource_id).order_by(Topic.name)
    ).scalars().all()
    audiences = connection.execute(
        select(Audience.name).join(resource_audiences, resource_audiences.c.audience_id == Audience.id)
        .where(resource_audiences.c.resource_id == resource_id).order_by(Audience.name)
    ).scalars().all()
    attachments = []
    for attachment in connection.execute(
        select(_A).where(_A.c.resource_id == resource_id).order_by(_A.c.position, _A.c.id)
    ):
        values = _plain(attachment, _A)
        values["pages"] = [
            [page, text]
            for page, text in connection.execute(
                select(AttachmentPage.page, AttachmentPage.text)
                .where(AttachmentPage.attachment_id == attachment.id).order_by(AttachmentPage.page)
            )
        ]
        attachments.append(values)
    collections = [
        [collection_id, position]
        for collection_id, position in connection.execute(
            select(CollectionItem.collection_id, CollectionItem.position).where(
                CollectionItem.resource_id == resource_id
            )
        )
    ]
    return json.dumps(
        {
            "version": VERSION,
            "resource": _plain(row, _R),
            "topics": list(topics),
            "audiences": list(audiences),
            "attachments": attachments,
            "collections": collections,
        },
        ensure_ascii=False,
    )


def _id_free(connection: Connection, table, identifier: int) -> bool:
    return connection.scalar(select(table.c.id).where(table.c.id == identifier)) is None


def restore(connection: Connection, text: str) -> int:
    """Put a resource back as the snapshot recorded it (updating it, or inserting it if gone)."""
    state = json.loads(text)
    values = _typed(state["resource"], _R)
    old_id = values.pop("id")
    current = connection.scalar(select(_R.c.id).where(_R.c.uid == values["uid"]))
    if current is not None:
        connection.execute(update(Resource).where(_R.c.id == current).values(**values))
        resource_id = current
    else:
        if _id_free(connection, _R, old_id):
            values["id"] = old_id
        resource_id = inserted_id(connection.execute(insert(Resource).values(**values)))
    connection.execute(delete(resource_topics).where(resource_topics.c.resource_id == resource_id))
    connection.execute(delete(resource_audiences).where(resource_audiences.c.resource_id == resource_id))
    topic_ids = _name_ids(connection, Topic, set(state["topics"]))
    audience_ids = _name_ids(connection, Audience, set(state["audiences"]))
    if topic_ids:
        connection.execute(
            insert(resource_topics), [{"resource_id": resource_id, "topic_id": i} for i in topic_ids.values()]
        )
    if audience_ids:
        connection.execute(
            insert(resource_audiences), [{"resource_id": resource_id, "audience_id": i} for i in audience_ids.values()]
        )
    _restore_attachments(connection, resource_id, state["attachments"])
    for collection_id, position in state.get("collections", []):
        exists = connection.scalar(
            select(CollectionItem.resource_id).where(
                CollectionItem.collection_id == collection_id, CollectionItem.resource_id == resource_id
            )
        )
        if exists is None and connection.scalar(select(1).where(_collection_exists(collection_id))):
            connection.execute(
                insert(CollectionItem).values(collection_id=collection_id, resource_id=resource_id, position=position)
            )
    return resource_id


def _collection_exists(collection_id: int):
    from reslib_desktop.store.schema import Collection

    return select(Collection.id).where(Collection.id == collection_id).exists()


def _restore_attachments(connection: Connection, resource_id: int, attachments: list[dict]) -> None:
    wanted = {a["id"] for a in attachments}
    current = set(connection.execute(select(_A.c.id).where(_A.c.resource_id == resource_id)).scalars())
    doomed = current - wanted
    if doomed:
        connection.execute(delete(Attachment).where(_A.c.id.in_(sorted(doomed))))
    for attachment in attachments:
        pages = attachment.get("pages", [])
        values = _typed(attachment, _A)
        values["resource_id"] = resource_id
        identifier = values.pop("id")
        if identifier in current:
            connection.execute(update(Attachment).where(_A.c.id == identifier).values(**values))
            continue
        if _id_free(connection, _A, identifier):
            values["id"] = identifier
        new_id = inserted_id(connection.execute(insert(Attachment).values(**values)))
        if pages:
            connection.execute(
                insert(AttachmentPage), [{"attachment_id": new_id, "page": page, "text": text} for page, text in pages]
            )

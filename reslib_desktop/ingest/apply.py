"""Writing records into a library: one transaction, insert or update by uid, index kept in step."""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from reslib_desktop.ingest.identity import assign_uid
from reslib_desktop.ingest.record import AttachmentRecord, ResourceRecord, normalise_space
from reslib_desktop.store import fts
from reslib_desktop.store.schema import (
    Attachment,
    Audience,
    Resource,
    Topic,
    resource_audiences,
    resource_topics,
)
from reslib_desktop.store.sortkeys import title_sort_key

CHUNK = 500


@dataclass(frozen=True)
class ApplySummary:
    added: int
    updated: int


def _chunks(values: Sequence, size: int = CHUNK) -> Iterable[Sequence]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _attachment_mime(attachment: AttachmentRecord) -> str | None:
    if "(pdf" in attachment.label.lower():
        return "application/pdf"
    if attachment.url:
        return mimetypes.guess_type(attachment.url.split("?")[0])[0]
    return None


def _resource_values(record: ResourceRecord, now: datetime) -> dict:
    title = normalise_space(record.title) or "(untitled)"
    return {
        "uid": record.uid,
        "title": title,
        "title_sort": title_sort_key(title),
        "title_derived": record.title_derived,
        "subtitle": record.subtitle,
        "description": record.description or "",
        "published": record.published.value,
        "published_precision": record.published.precision.value,
        "published_text": record.published.text,
        "published_sort": record.published.sort_key,
        "resource_type": record.resource_type,
        "source_url": record.source_url,
        "language": record.language,
        "updated_at": now,
    }


def _name_ids(connection: Connection, table, names: set[str]) -> dict[str, int]:
    """Ids of topic/audience names, creating the missing ones."""
    ids: dict[str, int] = {}
    for chunk in _chunks(sorted(names)):
        ids.update(dict(connection.execute(select(table.name, table.id).where(table.name.in_(chunk))).all()))
    missing = sorted(names - ids.keys())
    if missing:
        connection.execute(insert(table), [{"name": name} for name in missing])
        for chunk in _chunks(missing):
            ids.update(dict(connection.execute(select(table.name, table.id).where(table.name.in_(chunk))).all()))
    return ids


def apply_records(connection: Connection, records: list[ResourceRecord], now: datetime) -> ApplySummary:
    """Insert new resources and update existing ones (same uid), inside the caller's transaction."""
    for record in records:
        assign_uid(record)
    by_uid = {record.uid: record for record in records}
    existing: dict[str, int] = {}
    for chunk in _chunks(list(by_uid)):
        existing.update(dict(connection.execute(select(Resource.uid, Resource.id).where(Resource.uid.in_(chunk))).all()))

    if existing:
        existing_ids = list(existing.values())
        fts.remove_from_index(connection, existing_ids)
        for chunk in _chunks(existing_ids):
            connection.execute(delete(Attachment).where(Attachment.resource_id.in_(chunk)))
            connection.execute(delete(resource_topics).where(resource_topics.c.resource_id.in_(chunk)))
            connection.execute(delete(resource_audiences).where(resource_audiences.c.resource_id.in_(chunk)))
        rows = [{"b_id": existing[uid], **_resource_values(by_uid[uid], now)} for uid in existing]
        statement = update(Resource).where(Resource.id == bindparam("b_id"))
        connection.execute(statement, rows)

    new_uids = [uid for uid in by_uid if uid not in existing]
    if new_uids:
        connection.execute(
            insert(Resource), [{**_resource_values(by_uid[uid], now), "created_at": now} for uid in new_uids]
        )
    ids = dict(existing)
    for chunk in _chunks(new_uids):
        ids.update(dict(connection.execute(select(Resource.uid, Resource.id).where(Resource.uid.in_(chunk))).all()))

    records = list(by_uid.values())  # one record per uid: the last one given wins, whole
    topic_ids = _name_ids(connection, Topic, {t for r in records for t in r.topics})
    audience_ids = _name_ids(connection, Audience, {a for r in records for a in r.audiences})
    topic_links = [
        {"resource_id": ids[r.uid], "topic_id": topic_ids[t]} for r in records for t in dict.fromkeys(r.topics)
    ]
    audience_links = [
        {"resource_id": ids[r.uid], "audience_id": audience_ids[a]} for r in records for a in dict.fromkeys(r.audiences)
    ]
    attachments = [
        {
            "resource_id": ids[r.uid],
            "position": position,
            "label": attachment.clean_label or attachment.label,
            "url": attachment.url,
            "mime": _attachment_mime(attachment),
            "text_indexed": False,
        }
        for r in records
        for position, attachment in enumerate(r.attachments)
    ]
    if topic_links:
        connection.execute(insert(resource_topics), topic_links)
    if audience_links:
        connection.execute(insert(resource_audiences), audience_links)
    if attachments:
        connection.execute(insert(Attachment), attachments)
    fts.add_to_index(connection, ids.values())
    return ApplySummary(added=len(new_uids), updated=len(existing))

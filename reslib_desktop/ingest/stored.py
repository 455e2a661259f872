"""Resources as stored, read back as records (for exports, merges and "unchanged" checks)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date

from sqlalchemy import Connection, select

from reslib_desktop.ingest.dates import Precision, PublishedDate
from reslib_desktop.ingest.record import AttachmentRecord, ResourceRecord
from reslib_desktop.store.schema import (
    Attachment,
    Audience,
    Resource,
    Topic,
    resource_audiences,
    resource_topics,
)
from reslib_desktop.textnorm import fold

CHUNK = 500
PDF_MIME = "application/pdf"


def _chunks(values: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _published(value: date | None, precision: str | None, text: str | None) -> PublishedDate:
    return PublishedDate(value, Precision(precision or "unknown"), text)


def stored_records(connection: Connection, resource_ids: Sequence[int]) -> Iterator[tuple[int, ResourceRecord]]:
    """(id, record) for each existing id, in the order given, read in chunks."""
    for chunk in _chunks(list(resource_ids)):
        rows = {row.id: row for row in connection.execute(select(Resource).where(Resource.id.in_(chunk))).all()}
        topics: dict[int, list[str]] = defaultdict(list)
        for resource_id, name in connection.execute(
            select(resource_topics.c.resource_id, Topic.name)
            .join(Topic, Topic.id == resource_topics.c.topic_id)
            .where(resource_topics.c.resource_id.in_(chunk))
            .order_by(Topic.name)
        ).all():
            topics[resource_id].append(name)
        audiences: dict[int, list[str]] = defaultdict(list)
        for resource_id, name in connection.execute(
            select(resource_audiences.c.resource_id, Audience.name)
            .join(Audience, Audience.id == resource_audiences.c.audience_id)
            .where(resource_audiences.c.resource_id.in_(chunk))
            .order_by(Audience.name)
        ).all():
            audiences[resource_id].append(name)
        attachments: dict[int, list[AttachmentRecord]] = defaultdict(list)
        for a in connection.execute(
            select(Attachment.resource_id, Attachment.label, Attachment.url, Attachment.sha256, Attachment.size,
                   Attachment.mime, Attachment.page_count)
            .where(Attachment.resource_id.in_(chunk))
            .order_by(Attachment.resource_id, Attachment.position, Attachment.id)
        ).all():
            attachments[a.resource_id].append(
                AttachmentRecord(
                    label=a.label, url=a.url, sha256=a.sha256, size=a.size, mime=a.mime, page_count=a.page_count
                )
            )
        for resource_id in chunk:
            row = rows.get(resource_id)
            if row is None:
                continue
            yield resource_id, ResourceRecord(
                title=row.title,
                title_derived=bool(row.title_derived),
                subtitle=row.subtitle,
                description=row.description or "",
                published=_published(row.published, row.published_precision, row.published_text),
                resource_type=row.resource_type,
                topics=topics[resource_id],
                audiences=audiences[resource_id],
                attachments=attachments[resource_id],
                source_url=row.source_url,
                language=row.language,
                uid=row.uid,
            )


def ids_of_uids(connection: Connection, uids: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in _chunks(list(uids)):
        found.update(dict(connection.execute(select(Resource.uid, Resource.id).where(Resource.uid.in_(chunk))).all()))
    return found


def export_label(attachment: AttachmentRecord) -> str:
    """The label as the importers read it back: stored PDFs carry the '(PDF)' marker again."""
    label = attachment.clean_label or attachment.label
    if attachment.mime == PDF_MIME and label == attachment.label:
        return f"{label} (PDF)"
    return attachment.label


def content_key(record: ResourceRecord) -> tuple:
    """What an import can change: equal keys mean re-importing the record changes nothing."""
    return (
        record.title,
        bool(record.title_derived),
        record.subtitle or None,
        record.description or "",
        record.published.text,
        record.published.sort_key,  # the same text read as a date now (an earlier version kept it undated)
        record.resource_type,
        tuple(sorted(fold(t) for t in record.topics)),
        tuple(sorted(fold(a) for a in record.audiences)),
        tuple((a.clean_label or a.label, a.url or None) for a in record.attachments),
        record.source_url or None,
        record.language or None,
    )

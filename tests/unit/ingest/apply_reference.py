"""main's ingest/apply.py as of 3b4377a, kept unchanged as the reference the faster writer must match row for
row (tests/unit/ingest/test_apply_identical.py). Not used by the app."""

# ruff: noqa
from __future__ import annotations

import mimetypes
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, insert, select, update

from reslib_desktop.ingest.identity import assign_uids, canonical_url
from reslib_desktop.ingest.record import (
    AttachmentRecord,
    ResourceRecord,
    normalise_space,
)
from reslib_desktop.store.outbox import bulk_changes
from reslib_desktop.store.schema import (
    Attachment,
    Audience,
    CachedFile,
    CacheState,
    Resource,
    Topic,
    resource_audiences,
    resource_topics,
)
from reslib_desktop.store.sortkeys import _DIGITS, _LEADING_NOISE, title_sort_key
from reslib_desktop.textnorm import fold

CHUNK = 500
BULK_FROM = 100  # records from which the outbox triggers give way to one outbox row per resource


@dataclass(frozen=True)
class ApplySummary:
    added: int
    updated: int
    added_uids: list[str] = field(default_factory=list)
    updated_uids: list[str] = field(default_factory=list)
    resource_ids: list[int] = field(default_factory=list)  # every resource written (added or updated)


def _chunks(values: Sequence, size: int = CHUNK) -> Iterable[Sequence]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _attachment_mime(attachment: AttachmentRecord) -> str | None:
    if attachment.mime:
        return attachment.mime
    if "(pdf" in attachment.label.lower():
        return "application/pdf"
    if attachment.url:
        return mimetypes.guess_type(attachment.url.split("?")[0])[0]
    return None


def _pad(match) -> str:
    return match.group(0).lstrip("0").rjust(10, "0") or "0".rjust(10, "0")


def sort_key(title: str) -> str:
    """store.sortkeys.title_sort_key, with a fast path for ASCII titles (a test holds them equal)."""
    if not title.isascii():
        return title_sort_key(title)
    return _DIGITS.sub(_pad, _LEADING_NOISE.sub("", " ".join(title.casefold().split())))


def _resource_values(record: ResourceRecord, now: datetime) -> dict:
    title = normalise_space(record.title) or "(untitled)"
    return {
        "uid": record.uid,
        "title": title,
        "title_sort": sort_key(title),
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


def _attachment_values(attachment: AttachmentRecord, position: int, cached: set[str], now: datetime) -> dict:
    values = {
        "position": position,
        "label": attachment.clean_label or attachment.label,
        "url": attachment.url,
        "mime": _attachment_mime(attachment),
    }
    if attachment.sha256:
        values.update(sha256=attachment.sha256, size=attachment.size)
        if attachment.page_count is not None:
            values["page_count"] = attachment.page_count
        if attachment.local_path is not None:
            values["filename"] = attachment.local_path.name
        if attachment.sha256 in cached:
            values.update(cache_state=CacheState.CACHED.value, cache_updated_at=now, cache_error=None)
    return values


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


def _match_old(new: AttachmentRecord, old_rows: list, used: set[int]):
    keys = (
        lambda row: bool(new.sha256) and row.sha256 == new.sha256,
        lambda row: canonical_url(new.url) is not None and canonical_url(row.url) == canonical_url(new.url),
        lambda row: fold(row.label) == fold(new.clean_label or new.label),
    )
    for same in keys:
        for row in old_rows:
            if row.id not in used and same(row):
                return row
    return None


def _replace_attachments(
    connection: Connection, records: dict[int, ResourceRecord], cached: set[str], now: datetime
) -> list[dict]:
    """Update kept attachment rows in place, delete dropped ones; returns the rows to insert."""
    old: dict[int, list] = {resource_id: [] for resource_id in records}
    for chunk in _chunks(list(records)):
        for row in connection.execute(
            select(Attachment.id, Attachment.resource_id, Attachment.label, Attachment.url, Attachment.sha256)
            .where(Attachment.resource_id.in_(chunk))
            .order_by(Attachment.position, Attachment.id)
        ):
            old[row.resource_id].append(row)
    updates: list[dict] = []
    inserts: list[dict] = []
    doomed: list[int] = []
    for resource_id, record in records.items():
        used: set[int] = set()
        for position, attachment in enumerate(record.attachments):
            values = _attachment_values(attachment, position, cached, now)
            row = _match_old(attachment, old[resource_id], used)
            if row is None:
                inserts.append({"resource_id": resource_id, "text_indexed": False, **values})
            else:
                used.add(row.id)
                updates.append({"b_id": row.id, **values})
        doomed.extend(row.id for row in old[resource_id] if row.id not in used)
    for chunk in _chunks(doomed):
        connection.execute(delete(Attachment).where(Attachment.id.in_(chunk)))
    by_columns: dict[tuple, list[dict]] = {}
    for values in updates:
        by_columns.setdefault(tuple(sorted(values)), []).append(values)
    for columns, rows in by_columns.items():
        statement = update(Attachment).where(Attachment.id == bindparam("b_id"))
        connection.execute(statement.values({c: bindparam(c) for c in columns if c != "b_id"}), rows)
    return inserts


def apply_records(
    connection: Connection,
    records: list[ResourceRecord],
    now: datetime,
    extra: Mapping[str, Mapping[str, object]] | None = None,
) -> ApplySummary:
    """Insert new resources and update existing ones (same uid), inside the caller's transaction.

    `extra` adds column values per uid (import_batch_id, duplicate_of_uid). When two
    records share a uid, the last one is written.
    """
    assign_uids(records)
    by_uid: dict[str, ResourceRecord] = {}
    for record in records:
        assert record.uid is not None  # assign_uids gave every record one
        by_uid[record.uid] = record
    if len(by_uid) < BULK_FROM:
        return _write(connection, by_uid, now, extra or {})
    with bulk_changes(connection) as changed:
        summary = _write(connection, by_uid, now, extra or {})
        changed.update(summary.resource_ids)
    return summary


def _write(
    connection: Connection, by_uid: dict[str, ResourceRecord], now: datetime, extra: Mapping[str, Mapping[str, object]]
) -> ApplySummary:
    records = list(by_uid.values())
    existing: dict[str, int] = {}
    for chunk in _chunks(list(by_uid)):
        existing.update(
            dict(connection.execute(select(Resource.uid, Resource.id).where(Resource.uid.in_(chunk))).all())
        )
    shas = sorted({a.sha256 for r in records for a in r.attachments if a.sha256})
    cached: set[str] = set()
    for chunk in _chunks(shas):
        cached.update(connection.execute(select(CachedFile.sha256).where(CachedFile.sha256.in_(chunk))).scalars())

    inserts: list[dict] = []
    if existing:
        existing_ids = list(existing.values())
        for chunk in _chunks(existing_ids):
            connection.execute(delete(resource_topics).where(resource_topics.c.resource_id.in_(chunk)))
            connection.execute(delete(resource_audiences).where(resource_audiences.c.resource_id.in_(chunk)))
        inserts = _replace_attachments(connection, {existing[uid]: by_uid[uid] for uid in existing}, cached, now)
        rows = [{"b_id": existing[uid], **_resource_values(by_uid[uid], now), **extra.get(uid, {})} for uid in existing]
        for group in _same_columns(rows):
            statement = update(Resource).where(Resource.id == bindparam("b_id"))
            connection.execute(statement.values({c: bindparam(c) for c in group[0] if c != "b_id"}), group)

    new_uids = [uid for uid in by_uid if uid not in existing]
    if new_uids:
        rows = [{**_resource_values(by_uid[uid], now), "created_at": now, **extra.get(uid, {})} for uid in new_uids]
        for group in _same_columns(rows):
            bulk_insert(connection, Resource.__table__, group)
    ids = dict(existing)
    for chunk in _chunks(new_uids):
        ids.update(dict(connection.execute(select(Resource.uid, Resource.id).where(Resource.uid.in_(chunk))).all()))

    topic_ids = _name_ids(connection, Topic, {t for r in records for t in r.topics})
    audience_ids = _name_ids(connection, Audience, {a for r in records for a in r.audiences})
    topic_links = [
        {"resource_id": ids[uid], "topic_id": topic_ids[t]}
        for uid, r in by_uid.items()
        for t in dict.fromkeys(r.topics)
    ]
    audience_links = [
        {"resource_id": ids[uid], "audience_id": audience_ids[a]}
        for uid, r in by_uid.items()
        for a in dict.fromkeys(r.audiences)
    ]
    inserts += [
        {"resource_id": ids[uid], "text_indexed": False, **_attachment_values(attachment, position, cached, now)}
        for uid, r in by_uid.items()
        if uid not in existing
        for position, attachment in enumerate(r.attachments)
    ]
    bulk_insert(connection, resource_topics, topic_links)
    bulk_insert(connection, resource_audiences, audience_links)
    for group in _same_columns(inserts):
        bulk_insert(connection, Attachment.__table__, group)
    return ApplySummary(
        added=len(new_uids), updated=len(existing), added_uids=new_uids, updated_uids=list(existing),
        resource_ids=list(ids.values()),
    )


def bulk_insert(connection: Connection, table: Table, rows: list[dict]) -> None:
    """INSERT many rows of one shape through the driver's executemany, with SQLAlchemy's own value conversions.

    The Core insert does the same, with per-row parameter processing that costs more than SQLite does.
    """
    if not rows:
        return
    columns = list(rows[0])
    quote = connection.dialect.identifier_preparer.quote
    processors = [table.c[name].type.bind_processor(connection.dialect) for name in columns]
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(name) for name in columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)})"
    )
    if any(processors):
        converters = [_remembering(process) if process else None for process in processors]
        values = [
            tuple(convert(row[name]) if convert else row[name] for name, convert in zip(columns, converters))
            for row in rows
        ]
    else:
        values = [tuple(row[name] for name in columns) for row in rows]
    connection.exec_driver_sql(sql, values)


def _remembering(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A bind processor that converts each distinct value once (the same `now`, dates and flags repeat
    across a chunk's rows)."""
    done: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        try:
            return done[value]
        except KeyError:
            done[value] = converted = process(value)
            return converted
        except TypeError:  # unhashable: converted every time
            return process(value)

    return convert


def _same_columns(rows: list[dict]) -> list[list[dict]]:
    """Rows grouped by their set of keys (an executemany needs one shape)."""
    if not rows:
        return []
    first = rows[0].keys()
    if all(row.keys() == first for row in rows):
        return [rows]
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    return list(groups.values())

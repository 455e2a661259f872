"""Writing records into a library: one transaction, insert or update by uid, search index outbox written.

An update keeps the rows of attachments it still lists (matched by file hash,
URL or label), so their offline-cache state and extracted page text survive;
attachments it no longer lists are removed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, insert, select, update

from reslib_desktop.ingest.identity import assign_uids, canonical_url
from reslib_desktop.ingest.record import AttachmentRecord, ResourceRecord
from reslib_desktop.ingest.rows import (
    attachment_mime,
    attachment_row,
    attachment_values,
    for_driver,
    insert_attachments,
    insert_new_resources,
    insert_tuples,
    remembering,
    resource_values,
    sort_key,
)
from reslib_desktop.store.outbox import bulk_changes
from reslib_desktop.store.schema import (
    Attachment,
    Audience,
    CachedFile,
    Resource,
    Topic,
    resource_audiences,
    resource_topics,
)
from reslib_desktop.textnorm import fold

__all__ = ["BULK_FROM", "ApplySummary", "_attachment_mime", "apply_records", "bulk_insert", "sort_key"]
_attachment_mime = attachment_mime  # editing.py's name for it

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


def _same_place(new: AttachmentRecord, position: int, old_rows: list, used: set[int]):
    """The old row at the same position, when nothing says it is another attachment: the same one relabelled
    (an export edited in a spreadsheet carries no file hash, and a file imported from a folder has no URL)."""
    row = old_rows[position] if position < len(old_rows) else None
    if row is None or row.id in used:
        return None
    if new.sha256 and row.sha256 and new.sha256 != row.sha256:
        return None
    if new.url and row.url and canonical_url(new.url) != canonical_url(row.url):
        return None
    return row


def _replace_attachments(
    connection: Connection, records: dict[int, ResourceRecord], cached: set[str], now: datetime
) -> list[tuple[int, tuple[str, ...], tuple]]:
    """Update kept attachment rows in place, delete dropped ones; returns the rows to insert (insert_attachments)."""
    old: dict[int, list] = {resource_id: [] for resource_id in records}
    for chunk in _chunks(list(records)):
        for row in connection.execute(
            select(Attachment.id, Attachment.resource_id, Attachment.label, Attachment.url, Attachment.sha256)
            .where(Attachment.resource_id.in_(chunk))
            .order_by(Attachment.position, Attachment.id)
        ):
            old[row.resource_id].append(row)
    updates: list[dict] = []
    inserts: list[tuple[int, tuple[str, ...], tuple]] = []
    doomed: list[int] = []
    stamp = for_driver(now)
    for resource_id, record in records.items():
        used: set[int] = set()
        kept: dict[int, Any] = {}
        for position, attachment in enumerate(record.attachments):  # by file, URL or label first
            if (row := _match_old(attachment, old[resource_id], used)) is not None:
                used.add(row.id)
                kept[position] = row
        for position, attachment in enumerate(record.attachments):  # then by place
            if position not in kept and (row := _same_place(attachment, position, old[resource_id], used)):
                used.add(row.id)
                kept[position] = row
        for position, attachment in enumerate(record.attachments):
            if position in kept:
                updates.append({"b_id": kept[position].id, **attachment_values(attachment, position, cached, now)})
            else:
                inserts.append((resource_id, *attachment_row(attachment, position, cached, stamp)))
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


def cached_shas(connection: Connection, records: Iterable[ResourceRecord]) -> set[str]:
    """The files among the records' attachments that the offline cache holds (by sha256): their rows are
    stored as cached."""
    shas = sorted({a.sha256 for r in records for a in r.attachments if a.sha256})
    cached: set[str] = set()
    for chunk in _chunks(shas):
        cached.update(connection.execute(select(CachedFile.sha256).where(CachedFile.sha256.in_(chunk))).scalars())
    return cached


def _write(
    connection: Connection, by_uid: dict[str, ResourceRecord], now: datetime, extra: Mapping[str, Mapping[str, object]]
) -> ApplySummary:
    records = list(by_uid.values())
    existing: dict[str, int] = {}
    for chunk in _chunks(list(by_uid)):
        existing.update(
            dict(connection.execute(select(Resource.uid, Resource.id).where(Resource.uid.in_(chunk))).all())
        )
    cached = cached_shas(connection, records)

    inserts: list[tuple[int, tuple[str, ...], tuple]] = []
    if existing:
        existing_ids = list(existing.values())
        for chunk in _chunks(existing_ids):
            connection.execute(delete(resource_topics).where(resource_topics.c.resource_id.in_(chunk)))
            connection.execute(delete(resource_audiences).where(resource_audiences.c.resource_id.in_(chunk)))
        inserts = _replace_attachments(connection, {existing[uid]: by_uid[uid] for uid in existing}, cached, now)
        rows = [{"b_id": existing[uid], **resource_values(by_uid[uid], now), **extra.get(uid, {})} for uid in existing]
        for group in _same_columns(rows):
            statement = update(Resource).where(Resource.id == bindparam("b_id"))
            connection.execute(statement.values({c: bindparam(c) for c in group[0] if c != "b_id"}), group)

    new_uids = [uid for uid in by_uid if uid not in existing]
    ids = dict(existing)
    if new_uids:
        ids.update(insert_new_resources(connection, {uid: by_uid[uid] for uid in new_uids}, now, extra))

    topic_ids = _name_ids(connection, Topic, {t for r in records for t in r.topics})
    audience_ids = _name_ids(connection, Audience, {a for r in records for a in r.audiences})
    topic_links = [(ids[uid], topic_ids[t]) for uid, r in by_uid.items() for t in dict.fromkeys(r.topics)]
    audience_links = [(ids[uid], audience_ids[a]) for uid, r in by_uid.items() for a in dict.fromkeys(r.audiences)]
    stamp = for_driver(now)
    inserts += [
        (ids[uid], *attachment_row(attachment, position, cached, stamp))
        for uid in new_uids
        for position, attachment in enumerate(by_uid[uid].attachments)
    ]
    insert_tuples(connection, resource_topics, ("resource_id", "topic_id"), topic_links)
    insert_tuples(connection, resource_audiences, ("resource_id", "audience_id"), audience_links)
    insert_attachments(connection, inserts)
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
        converters = [remembering(process) if process else None for process in processors]
        values = [
            tuple(convert(row[name]) if convert else row[name] for name, convert in zip(columns, converters))
            for row in rows
        ]
    else:
        values = [tuple(row[name] for name in columns) for row in rows]
    connection.exec_driver_sql(sql, values)


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

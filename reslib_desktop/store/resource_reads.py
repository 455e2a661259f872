"""Resources read in full with plain sqlite3 (no ORM): what the details pane, the editor and
`reslib search` show of a resource, and which resources are available offline."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date

from reslib_desktop.store.library_handle import AttachmentInfo, ResourceDetail

# Resources whose every attachment is in the offline cache.
OFFLINE_IDS = (
    "SELECT resource_id FROM attachments WHERE cache_state = 'cached' "
    "EXCEPT SELECT resource_id FROM attachments WHERE cache_state != 'cached' "
    "AND resource_id IN (SELECT resource_id FROM attachments WHERE cache_state = 'cached')"
)

_RESOURCES = (
    "SELECT id, uid, title, title_derived, subtitle, description, published, published_precision, published_text, "
    "resource_type, source_url, language FROM resources WHERE id IN ({ids})"
)
_TOPICS = (
    "SELECT rt.resource_id, t.name FROM resource_topics rt JOIN topics t ON t.id = rt.topic_id "
    "WHERE rt.resource_id IN ({ids}) ORDER BY t.name"
)
_AUDIENCES = (
    "SELECT ra.resource_id, a.name FROM resource_audiences ra JOIN audiences a ON a.id = ra.audience_id "
    "WHERE ra.resource_id IN ({ids}) ORDER BY a.name"
)
_ATTACHMENTS = (
    "SELECT resource_id, id, label, url, mime FROM attachments WHERE resource_id IN ({ids}) ORDER BY position, id"
)
_BATCH = 500  # ids per statement: well under SQLite's limit of bound parameters


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def resource_details(connection: sqlite3.Connection, ids: Sequence[int]) -> dict[int, ResourceDetail]:
    """These resources in full, by id (ids that do not exist are left out): topics and audiences by name,
    attachments in their order."""
    details: dict[int, ResourceDetail] = {}
    for start in range(0, len(ids), _BATCH):
        chosen = [int(i) for i in ids[start : start + _BATCH]]
        marks = ", ".join("?" * len(chosen))
        topics: dict[int, list[str]] = {i: [] for i in chosen}
        audiences: dict[int, list[str]] = {i: [] for i in chosen}
        attachments: dict[int, list[AttachmentInfo]] = {i: [] for i in chosen}
        for resource_id, name in connection.execute(_TOPICS.format(ids=marks), chosen):
            topics[resource_id].append(name)
        for resource_id, name in connection.execute(_AUDIENCES.format(ids=marks), chosen):
            audiences[resource_id].append(name)
        for resource_id, *attachment in connection.execute(_ATTACHMENTS.format(ids=marks), chosen):
            attachments[resource_id].append(AttachmentInfo(*attachment))
        for row in connection.execute(_RESOURCES.format(ids=marks), chosen):
            resource_id = row[0]
            details[resource_id] = ResourceDetail(
                id=resource_id,
                uid=row[1],
                title=row[2],
                title_derived=bool(row[3]),
                subtitle=row[4],
                description=row[5],
                published=_date(row[6]),
                published_precision=row[7],
                published_text=row[8],
                resource_type=row[9],
                topics=topics[resource_id],
                audiences=audiences[resource_id],
                attachments=attachments[resource_id],
                source_url=row[10],
                language=row[11],
            )
    return details

"""The sync unit: one resource record as a JSON object (lossless, unlike the export format), and the
3-way field merge that reconciles a local edit with a server change.

A record holds every field an admin edits plus its attachments (label, URL,
file hash, size, type, pages); per-laptop state (offline cache, viewer page,
collections) is not part of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reslib_desktop.ingest.dates import Precision, PublishedDate
from reslib_desktop.ingest.record import AttachmentRecord, ResourceRecord

# The fields of a record, each merged as one value; names and audiences merge as sets.
FIELDS = (
    "title", "title_derived", "subtitle", "description", "published", "type",
    "topics", "audiences", "attachments", "source_url", "language",
)
SET_FIELDS = ("topics", "audiences")
Record = dict[str, Any]


def _attachment_json(attachment: AttachmentRecord) -> dict:
    return {
        "label": attachment.clean_label or attachment.label,
        "url": attachment.url,
        "sha256": attachment.sha256,
        "size": attachment.size,
        "mime": attachment.mime,
        "page_count": attachment.page_count,
    }


def record_json(record: ResourceRecord) -> Record:
    """The record as the JSON object stored on the server and as a replica's sync base."""
    published = record.published
    return {
        "uid": record.uid,
        "title": record.title,
        "title_derived": bool(record.title_derived),
        "subtitle": record.subtitle or None,
        "description": record.description or "",
        "published": {
            "value": published.value.isoformat() if published.value else None,
            "precision": published.precision.value,
            "text": published.text,
        },
        "type": record.resource_type,
        "topics": sorted(record.topics),
        "audiences": sorted(record.audiences),
        "attachments": [_attachment_json(a) for a in record.attachments],
        "source_url": record.source_url,
        "language": record.language,
    }


def record_from_json(data: Record) -> ResourceRecord:
    """The ResourceRecord that ingest.apply writes (the inverse of `record_json`)."""
    published = data.get("published") or {}
    value = published.get("value")
    return ResourceRecord(
        uid=data["uid"],
        title=data.get("title"),
        title_derived=bool(data.get("title_derived")),
        subtitle=data.get("subtitle"),
        description=data.get("description") or "",
        published=PublishedDate(
            date.fromisoformat(value) if value else None,
            Precision(published.get("precision") or "unknown"),
            published.get("text"),
        ),
        resource_type=data.get("type"),
        topics=list(data.get("topics") or []),
        audiences=list(data.get("audiences") or []),
        attachments=[
            AttachmentRecord(
                label=a["label"], url=a.get("url"), sha256=a.get("sha256"), size=a.get("size"),
                mime=a.get("mime"), page_count=a.get("page_count"),
            )
            for a in data.get("attachments") or []
        ],
        source_url=data.get("source_url"),
        language=data.get("language"),
    )


def _normal(name: str, value: Any) -> Any:
    if name in SET_FIELDS:
        return sorted(set(value or []))
    if name == "attachments":
        # What an admin edits: label and address (a file's hash when it has no URL). A laptop's
        # download fills in hash, size and pages of its own copy; that is no edit.
        return [(a.get("label"), a.get("url") or None, None if a.get("url") else a.get("sha256")) for a in value or []]
    return value


def changed_fields(before: Record, after: Record) -> set[str]:
    """The fields whose values differ."""
    return {name for name in FIELDS if _normal(name, before.get(name)) != _normal(name, after.get(name))}


@dataclass
class Merge:
    """A 3-way merge: `record` keeps the server's value for every field in `conflicts`."""

    record: Record
    conflicts: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


def merge3(base: Record, local: Record, server: Record) -> Merge:
    """Merge a local edit and a server change made from the same base.

    Fields changed on one side take that side's value; names (topics, audiences)
    merge as set additions and removals from both sides; a field changed on both
    sides to different values is a conflict and keeps the server's value (server
    wins by default; the caller keeps the local value for the admin to choose).
    """
    merged = dict(server)
    conflicts: list[str] = []
    local_changes = changed_fields(base, local)
    server_changes = changed_fields(base, server)
    for name in local_changes:
        if name in SET_FIELDS:
            old, mine, theirs = (set(r.get(name) or []) for r in (base, local, server))
            merged[name] = sorted((theirs - (old - mine)) | (mine - old))
        elif name not in server_changes or _normal(name, local.get(name)) == _normal(name, server.get(name)):
            merged[name] = local.get(name)
        else:
            conflicts.append(name)
    return Merge(merged, sorted(conflicts))

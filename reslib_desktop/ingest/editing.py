"""Editing and deleting resources by hand: checked, in one transaction, recorded as an undoable batch.

    edit = edit_of(library.resource(resource_id))      # what the editor shows
    check = check_edit(edit)                           # inline validation (no database)
    batch_id = save_resource(library.engine, resource_id, replace(edit, title="New"))
    batch_id = delete_resources(library.engine, [resource_id])

A save or a delete is written like an import batch (format "edit" or "delete",
the resources' state before it in `import_changes`), so "undo import" reverts
it, and undoing an earlier import that touched the same resources is refused
until it is undone. The search index follows through the outbox (triggers write
`index_outbox` rows in the same transaction), as for imports.
Kept attachments keep their rows (cached file, page text); a changed URL
forgets the file the old one gave.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy import Connection, Engine, delete, insert, select, update

from reslib_desktop.ingest import limits, snapshot
from reslib_desktop.ingest.apply import _attachment_mime, _name_ids
from reslib_desktop.ingest.batches import current_user
from reslib_desktop.ingest.dates import Precision, PublishedDate, parse_date
from reslib_desktop.ingest.normalise import NameSpellings
from reslib_desktop.ingest.record import AttachmentRecord, ResourceRecord, derive_title
from reslib_desktop.ingest.validate import validate_record
from reslib_desktop.store.clock import utcnow
from reslib_desktop.store.database import inserted_id
from reslib_desktop.store.library_handle import ReadsResources, ResourceDetail
from reslib_desktop.store.schema import (
    Attachment,
    AttachmentPage,
    Audience,
    CacheState,
    ImportBatch,
    ImportChange,
    Resource,
    TextState,
    Topic,
    resource_audiences,
    resource_topics,
)
from reslib_desktop.store.sortkeys import title_sort_key
from reslib_desktop.textnorm import fold, normalise_space
from reslib_desktop.vocabulary import canonical_type

_LIST_SEPARATORS = re.compile(r"[;,\n]")


class EditError(Exception):
    """The edit or delete was refused (nothing was changed); `reasons` say why."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class AttachmentEdit:
    """One attachment row of the editor; `id` is set for an attachment that is kept."""

    label: str
    url: str | None = None
    id: int | None = None


@dataclass(frozen=True)
class ResourceEdit:
    """Every field an admin edits, as text and lists (the editor's model)."""

    title: str
    description: str = ""
    subtitle: str | None = None
    date_text: str | None = None
    resource_type: str | None = None
    topics: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    attachments: tuple[AttachmentEdit, ...] = ()
    source_url: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class EditCheck:
    """Errors block a save; warnings (an unreadable date) do not."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    published: PublishedDate = field(default_factory=lambda: parse_date(None))

    @property
    def ok(self) -> bool:
        return not self.errors


def split_names(text: str | Iterable[str]) -> tuple[str, ...]:
    """'Housing; youth, Labor' -> ('Housing', 'youth', 'Labor'): blanks and repeats (any case) dropped."""
    parts = _LIST_SEPARATORS.split(text) if isinstance(text, str) else list(text)
    names: dict[str, str] = {}
    for part in parts:
        name = normalise_space(part)
        if name:
            names.setdefault(fold(name) or name, name)
    return tuple(names.values())


def edit_of(detail: ResourceDetail) -> ResourceEdit:
    """The editable fields of a resource read through `Library.resource`."""
    return ResourceEdit(
        title=detail.title,
        description=detail.description,
        subtitle=detail.subtitle,
        date_text=detail.published_text or detail.date_display or None,
        resource_type=detail.resource_type,
        topics=tuple(detail.topics),
        audiences=tuple(detail.audiences),
        attachments=tuple(AttachmentEdit(a.label, a.url, a.id) for a in detail.attachments),
        source_url=detail.source_url,
        language=detail.language,
    )


def _clean(edit: ResourceEdit) -> ResourceEdit:
    """Whitespace normalised, empty attachment rows dropped, the type made canonical."""
    return replace(
        edit,
        title=normalise_space(edit.title),
        description=(edit.description or "").strip(),
        subtitle=normalise_space(edit.subtitle) or None,
        date_text=normalise_space(edit.date_text) or None,
        resource_type=canonical_type(normalise_space(edit.resource_type)) or None,
        topics=split_names(edit.topics),
        audiences=split_names(edit.audiences),
        attachments=tuple(
            AttachmentEdit(normalise_space(a.label), (a.url or "").strip() or None, a.id)
            for a in edit.attachments
            if normalise_space(a.label) or (a.url or "").strip()
        ),
        source_url=(edit.source_url or "").strip() or None,
        language=normalise_space(edit.language) or None,
    )


def _url_error(what: str, url: str | None) -> str | None:
    if not url:
        return None
    if len(url) > limits.MAX_URL:
        return f"{what} is {limits.count(len(url))} characters long; at most {limits.count(limits.MAX_URL)} are allowed"
    parts = urlsplit(url)
    if parts.scheme.casefold() not in ("http", "https") or not parts.netloc:
        return f"{what} must be a web address starting with http:// or https://"
    return None


def _record(edit: ResourceEdit, published: PublishedDate) -> ResourceRecord:
    return ResourceRecord(
        title=edit.title or None,
        description=edit.description,
        subtitle=edit.subtitle,
        published=published,
        resource_type=edit.resource_type,
        topics=list(edit.topics),
        audiences=list(edit.audiences),
        attachments=[AttachmentRecord(a.label, a.url) for a in edit.attachments],
        source_url=edit.source_url,
        language=edit.language,
    )


def check_edit(edit: ResourceEdit) -> EditCheck:
    """Inline validation: title or description, lengths, http(s) URLs, labels; a date not understood warns."""
    edit = _clean(edit)
    published = parse_date(edit.date_text)
    errors: list[str] = []
    warnings: list[str] = []
    if not edit.title and not edit.description:
        errors.append("a title or a description is needed")
    # URLs are checked here (stricter than an import: a full http(s) address), the rest as an import checks it.
    unlinked = replace(edit, source_url=None, attachments=tuple(replace(a, url=None) for a in edit.attachments))
    checked = validate_record(_record(unlinked, published))
    errors += [e for e in checked.errors if e != "a resource needs a title or a description"]
    warnings += checked.warnings
    for number, attachment in enumerate(edit.attachments, start=1):
        if not attachment.label:
            errors.append(f"attachment {number} needs a label")
        if problem := _url_error(f"attachment {number}'s URL", attachment.url):
            errors.append(problem)
    if problem := _url_error("the source URL", edit.source_url):
        errors.append(problem)
    if edit.date_text and published.precision is Precision.UNKNOWN:
        warnings.append(f'the date "{edit.date_text}" is not understood: it is kept as text, undated')
    return EditCheck(errors, warnings, published)


# --- writing ------------------------------------------------------------------------------------------
def _start_batch(connection: Connection, now: datetime, user: str | None, source: str, fmt: str, **counts: int) -> int:
    values = {"added": 0, "updated": 0, "skipped": 0, "duplicates": 0} | counts
    return inserted_id(connection.execute(
        insert(ImportBatch).values(started_at=now, user=user or current_user(), source=source, format=fmt, **values)
    ))


def _finish_batch(connection: Connection, batch_id: int) -> None:
    connection.execute(update(ImportBatch).where(ImportBatch.id == batch_id).values(finished_at=utcnow()))


def _set_names(connection: Connection, resource_id: int, names: Sequence[str], table, links, column: str) -> None:
    spellings = NameSpellings.of(connection.execute(select(table.name).order_by(table.id)).scalars())
    wanted = list(dict.fromkeys(spellings.canonical(name) for name in names))
    connection.execute(delete(links).where(links.c.resource_id == resource_id))
    ids = _name_ids(connection, table, set(wanted))
    if wanted:
        connection.execute(insert(links), [{"resource_id": resource_id, column: ids[name]} for name in wanted])


def _drop_unused_names(connection: Connection) -> None:
    connection.execute(delete(Topic).where(Topic.id.not_in(select(resource_topics.c.topic_id))))
    connection.execute(delete(Audience).where(Audience.id.not_in(select(resource_audiences.c.audience_id))))


def _forget_file() -> dict:
    """Columns of an attachment whose URL changed: the old file and its text no longer describe it."""
    cleared = ("sha256", "size", "filename", "page_count", "text_error", "cache_error", "cache_bytes")
    return {
        **dict.fromkeys((*cleared, "cache_updated_at", "last_page")),
        "text_indexed": False,
        "text_state": TextState.PENDING.value,
        "cache_state": CacheState.NOT_CACHED.value,
    }


def _set_attachments(connection: Connection, resource_id: int, attachments: Sequence[AttachmentEdit]) -> None:
    current = {
        row.id: row
        for row in connection.execute(
            select(Attachment.id, Attachment.url, Attachment.mime).where(Attachment.resource_id == resource_id)
        )
    }
    kept = {a.id for a in attachments if a.id in current}
    doomed = sorted(set(current) - kept)
    if doomed:
        connection.execute(delete(Attachment).where(Attachment.id.in_(doomed)))
    for position, attachment in enumerate(attachments):
        values: dict = {"position": position, "label": attachment.label, "url": attachment.url}
        row = current.get(attachment.id) if attachment.id is not None else None
        if row is None:
            values["mime"] = _attachment_mime(AttachmentRecord(attachment.label, attachment.url))
            connection.execute(insert(Attachment).values(resource_id=resource_id, text_indexed=False, **values))
            continue
        if (row.url or None) != attachment.url:
            values.update(
                _forget_file(), mime=_attachment_mime(AttachmentRecord(attachment.label, attachment.url)) or row.mime
            )
            connection.execute(delete(AttachmentPage).where(AttachmentPage.attachment_id == row.id))
        connection.execute(update(Attachment).where(Attachment.id == row.id).values(**values))


def save_resource(engine: Engine, resource_id: int, edit: ResourceEdit, user: str | None = None) -> int:
    """Write an edited resource in one transaction; returns the batch id. EditError (nothing changed) when refused."""
    check = check_edit(edit)
    if check.errors:
        raise EditError(check.errors)
    edit = _clean(edit)
    now = utcnow()
    with engine.begin() as connection:
        row = connection.execute(
            select(Resource.uid, Resource.title, Resource.title_derived).where(Resource.id == resource_id)
        ).one_or_none()
        if row is None:
            raise EditError(["the resource no longer exists (it was deleted or merged)"])
        batch_id = _start_batch(connection, now, user, f"edit {row.uid}", "edit", updated=1)
        connection.execute(
            insert(ImportChange).values(
                batch_id=batch_id, resource_uid=row.uid, action="updated", before=snapshot.take(connection, resource_id)
            )
        )
        record = derive_title(_record(edit, check.published))
        title = record.title or "(untitled)"
        derived = record.title_derived or (bool(row.title_derived) and title == row.title)
        connection.execute(
            update(Resource)
            .where(Resource.id == resource_id)
            .values(
                title=title,
                title_sort=title_sort_key(title),
                title_derived=derived,
                subtitle=edit.subtitle,
                description=edit.description,
                published=check.published.value,
                published_precision=check.published.precision.value,
                published_text=check.published.text,
                published_sort=check.published.sort_key,
                resource_type=edit.resource_type,
                source_url=edit.source_url,
                language=edit.language,
                updated_at=now,
            )
        )
        _set_names(connection, resource_id, edit.topics, Topic, resource_topics, "topic_id")
        _set_names(connection, resource_id, edit.audiences, Audience, resource_audiences, "audience_id")
        _set_attachments(connection, resource_id, edit.attachments)
        _drop_unused_names(connection)
        _finish_batch(connection, batch_id)
    return batch_id


def delete_resources(engine: Engine, resource_ids: Sequence[int], user: str | None = None) -> int:
    """Delete resources in one transaction, recorded so undo puts them back; returns the batch id.

    EditError when none of them exists any more. Their cached files stay in the cache.
    """
    now = utcnow()
    with engine.begin() as connection:
        rows = connection.execute(
            select(Resource.id, Resource.uid).where(Resource.id.in_(sorted(set(resource_ids)))).order_by(Resource.id)
        ).all()
        if not rows:
            raise EditError(["the resources no longer exist"])
        noun = "resource" if len(rows) == 1 else "resources"
        batch_id = _start_batch(connection, now, user, f"delete {len(rows)} {noun}", "delete")
        connection.execute(
            insert(ImportChange),
            [
                {
                    "batch_id": batch_id,
                    "resource_uid": uid,
                    "action": "deleted",
                    "before": snapshot.take(connection, rid),
                }
                for rid, uid in rows
            ],
        )
        ids = [rid for rid, _ in rows]
        connection.execute(delete(Resource).where(Resource.id.in_(ids)))
        _drop_unused_names(connection)
        _finish_batch(connection, batch_id)
    return batch_id


class EditService:
    """The Qt-free editing API for front ends, built on a Library like `ImportService`."""

    def __init__(self, library: ReadsResources) -> None:
        self.library = library

    def load(self, resource_id: int) -> ResourceEdit | None:
        """The resource's editable fields, or None if it no longer exists."""
        detail = self.library.resource(resource_id)
        return edit_of(detail) if detail is not None else None

    def save(self, resource_id: int, edit: ResourceEdit, user: str | None = None) -> int:
        return save_resource(self.library.engine, resource_id, edit, user)

    def delete(self, resource_ids: Sequence[int], user: str | None = None) -> int:
        return delete_resources(self.library.engine, resource_ids, user)


__all__ = [
    "AttachmentEdit",
    "EditCheck",
    "EditError",
    "EditService",
    "ResourceEdit",
    "check_edit",
    "delete_resources",
    "edit_of",
    "save_resource",
    "split_names",
]

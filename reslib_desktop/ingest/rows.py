"""The column values of a record's rows (resource, attachments), and new rows inserted as plain tuples.

An import of 100,000 records spent more time building each new row as a dict (merged with its extra
columns, grouped by shape, then turned into a tuple through SQLAlchemy's bind processors) than SQLite
spent storing it. New rows are built here as one tuple each, and they are the same rows: the same
functions make the values (the update path takes them as dicts), the columns whose SQLAlchemy type
converts values (Boolean) convert each distinct value once, everything else goes to sqlite3 as before,
rows with one set of columns go out together in the order of each set's first row, and new resources get
the ids SQLite would give them (the largest id + 1 onwards: nobody else writes inside the transaction),
written explicitly so that nothing is read back.
"""

from __future__ import annotations

import mimetypes
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table

from reslib_desktop.ingest.record import AttachmentRecord, ResourceRecord
from reslib_desktop.store.schema import Attachment, CacheState, Resource
from reslib_desktop.store.sortkeys import _DIGITS, _LEADING_NOISE, title_sort_key
from reslib_desktop.textnorm import normalise_space

RESOURCE_FIELDS = (
    "uid", "title", "title_sort", "title_derived", "subtitle", "description", "published", "published_precision",
    "published_text", "published_sort", "resource_type", "source_url", "language",
)
_DERIVED = RESOURCE_FIELDS.index("title_derived")
_CONVERTED = {"title_derived", "text_indexed"}  # the columns whose SQLAlchemy type has a bind processor
_CACHED = CacheState.CACHED.value
_PLAIN = ("position", "label", "url", "mime")


def attachment_mime(attachment: AttachmentRecord) -> str | None:
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


def resource_fields(record: ResourceRecord) -> tuple:
    """A resource's own column values, in RESOURCE_FIELDS order (as Python values)."""
    title = normalise_space(record.title) or "(untitled)"
    published = record.published
    return (
        record.uid, title, sort_key(title), record.title_derived, record.subtitle, record.description or "",
        published.value, published.precision.value, published.text, published.sort_key, record.resource_type,
        record.source_url, record.language,
    )


def resource_values(record: ResourceRecord, now: datetime) -> dict:
    """A resource's column values by name, with its update time."""
    return {**dict(zip(RESOURCE_FIELDS, resource_fields(record))), "updated_at": now}


def stored_label(attachment: AttachmentRecord) -> str:
    """The label an attachment's row holds: without its '(PDF)' marker, unless that is all it says."""
    return attachment.clean_label or attachment.label


def attachment_row(
    attachment: AttachmentRecord, position: int, cached: set[str], now: Any
) -> tuple[tuple[str, ...], tuple]:
    """The columns an attachment's row sets (besides resource_id and text_indexed) and their values."""
    label = stored_label(attachment)
    mime = attachment_mime(attachment)
    if not attachment.sha256:
        return _PLAIN, (position, label, attachment.url, mime)
    columns = [*_PLAIN, "sha256", "size"]
    values: list[Any] = [position, label, attachment.url, mime, attachment.sha256, attachment.size]
    if attachment.page_count is not None:
        columns.append("page_count")
        values.append(attachment.page_count)
    if attachment.local_path is not None:
        columns.append("filename")
        values.append(attachment.local_path.name)
    if attachment.sha256 in cached:
        columns += ["cache_state", "cache_updated_at", "cache_error"]
        values += [_CACHED, now, None]
    return tuple(columns), tuple(values)


def attachment_values(attachment: AttachmentRecord, position: int, cached: set[str], now: datetime) -> dict:
    """An attachment's column values by name (besides resource_id and text_indexed)."""
    return dict(zip(*attachment_row(attachment, position, cached, now)))


def insert_tuples(connection: Connection, table: Table, columns: Iterable[str], rows: list[tuple]) -> None:
    """INSERT rows given as tuples in `columns` order, values already as the driver takes them."""
    if not rows:
        return
    names = list(columns)
    quote = connection.dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(name) for name in names)}) "
        f"VALUES ({', '.join('?' for _ in names)})"
    )
    connection.exec_driver_sql(sql, rows)


def remembering(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
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


def _same(value: Any) -> Any:
    return value


def for_driver(value: Any) -> Any:
    """`value` as sqlite3 adapts it when binding (a datetime to its ISO text), for a value bound many times."""
    adapt = sqlite3.adapters.get((type(value), sqlite3.PrepareProtocol))
    return adapt(value) if adapt is not None else value


class Converters:
    """SQLAlchemy's bind processor of each column of a table that has one (memoised), else the value as is."""

    def __init__(self, connection: Connection, table: Table) -> None:
        self.of = {
            column.name: remembering(process)
            for column in table.c
            if (process := column.type.bind_processor(connection.dialect)) is not None
        }
        # The tuple builders here convert exactly these columns: a new converting type must be handled there.
        assert set(self.of) <= _CONVERTED, set(self.of)

    def __call__(self, name: str) -> Callable[[Any], Any]:
        return self.of.get(name, _same)


def insert_new_resources(
    connection: Connection, records: Mapping[str, ResourceRecord], now: datetime,
    extra: Mapping[str, Mapping[str, object]],
) -> dict[str, int]:
    """INSERT the resources `records` (by uid, none in the library yet) with their `extra` columns; their ids.

    An `id` in `extra` is the resource's id (a caller gives one to every record or to none); otherwise the
    ids are the ones SQLite would give."""
    convert = Converters(connection, Resource.__table__)
    derived, stamp = convert("title_derived"), for_driver(now)
    groups: dict[frozenset[str], list[str]] = {}  # uids by their set of extra columns, in first-seen order
    for uid in records:
        groups.setdefault(frozenset(extra.get(uid, ())) - {"id"}, []).append(uid)
    next_id = (connection.exec_driver_sql("SELECT max(id) FROM resources").scalar() or 0) + 1
    ids: dict[str, int] = {}
    for names, uids in groups.items():
        if names & {*RESOURCE_FIELDS, "updated_at", "created_at", "id"}:
            raise ValueError(f"extra columns may not replace a record's own: {sorted(names)}")
        more = sorted(names)
        processes = [convert(name) for name in more]
        rows = []
        for uid in uids:
            fields = resource_fields(records[uid])
            given = extra.get(uid, {})
            resource_id = int(given.get("id", next_id))  # type: ignore[call-overload]
            rows.append((
                *fields[:_DERIVED], derived(fields[_DERIVED]), *fields[_DERIVED + 1 :], stamp, stamp,
                *(process(given[name]) for name, process in zip(more, processes)), resource_id,
            ))
            ids[uid] = resource_id
            next_id = max(next_id, resource_id + 1)
        insert_tuples(connection, Resource.__table__, (*RESOURCE_FIELDS, "updated_at", "created_at", *more, "id"), rows)
    return ids


def insert_attachments(connection: Connection, rows: list[tuple[int, tuple[str, ...], tuple]]) -> None:
    """INSERT attachment rows (resource id, then columns and values from attachment_row), one executemany per
    set of columns, in the order of each set's first row."""
    flag = Converters(connection, Attachment.__table__)("text_indexed")(False)
    groups: dict[tuple[str, ...], list[tuple]] = {}
    for resource_id, columns, values in rows:
        groups.setdefault(columns, []).append((resource_id, flag, *values))
    for columns, group in groups.items():
        insert_tuples(connection, Attachment.__table__, ("resource_id", "text_indexed", *columns), group)

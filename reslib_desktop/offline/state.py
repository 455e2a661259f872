"""Cache state in the database: per-attachment states, cached_files rows, pins, the size limit.

Every function takes a connection inside the caller's transaction.
`StateStore.write()` serialises this process's writers (SQLite takes one
writer at a time anyway; queueing here avoids busy errors between threads).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import (
    Connection,
    Engine,
    and_,
    case,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)

from reslib_desktop.offline.download import WEB_PAGE_TYPES, Expected
from reslib_desktop.store.clock import utcnow
from reslib_desktop.store.schema import (
    Attachment,
    CachedFile,
    CacheState,
    Collection,
    CollectionItem,
    LibraryMeta,
    Resource,
    TextState,
)

LIMIT_KEY = "cache_limit_bytes"
LOCAL_SERVER_KEY = "library_server_on_local_network"  # "1": downloads may reach local addresses
CHUNK = 500
_A = Attachment.__table__
_F = CachedFile.__table__


def chunks(values: Sequence[int], size: int = CHUNK) -> Iterator[Sequence[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


class StateStore:
    """The library's engine plus one lock for this process's writers."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._lock = threading.RLock()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        with self._lock, self.engine.begin() as connection:
            yield connection

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as connection:
            yield connection


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    resource_id: int
    label: str
    url: str | None
    mime: str | None
    size: int | None
    sha256: str | None
    cache_state: CacheState
    cache_error: str | None
    cache_bytes: int | None
    text_state: TextState
    page_count: int | None
    pinned: bool
    file_path: str | None  # relative path in the cache, when a cached_files row exists

    @property
    def expected(self) -> Expected:
        """What a download of this attachment must turn out to be."""
        mime = (self.mime or "").split(";")[0].strip().lower()
        return Expected(self.size, self.sha256, self.expects_pdf, web_page=mime in WEB_PAGE_TYPES)

    @property
    def expects_pdf(self) -> bool:
        """Check for %PDF- unless the attachment is known to be something else."""
        mime = (self.mime or "").lower()
        if not mime or mime == "application/pdf":
            return True
        return "pdf" in self.label.lower() or (self.url or "").lower().split("?")[0].endswith(".pdf")


_ROW_COLUMNS = (
    _A.c.id,
    _A.c.resource_id,
    _A.c.label,
    _A.c.url,
    _A.c.mime,
    _A.c.size,
    _A.c.sha256,
    _A.c.cache_state,
    _A.c.cache_error,
    _A.c.cache_bytes,
    _A.c.text_state,
    _A.c.page_count,
    func.coalesce(_F.c.pinned, False),
    _F.c.path,
)


def _row(values: Sequence) -> AttachmentRow:
    ident, resource_id, label, url, mime, size, sha256, cache_state, error, done, text_state, pages, pinned, path = (
        values
    )
    return AttachmentRow(
        ident, resource_id, label, url, mime, size, sha256, CacheState(cache_state), error, done,
        TextState(text_state), pages, bool(pinned), path,
    )  # fmt: skip


def _row_select():
    return select(*_ROW_COLUMNS).select_from(_A.outerjoin(_F, _F.c.sha256 == _A.c.sha256))


def sources(connection: Connection, ids: Iterable[int]) -> dict[int, tuple[str, str | None]]:
    """The title of each attachment's resource and the attachment's URL, by attachment id."""
    found: dict[int, tuple[str, str | None]] = {}
    for chunk in chunks(list(dict.fromkeys(int(i) for i in ids))):
        statement = select(_A.c.id, Resource.title, _A.c.url).join(Resource, Resource.id == _A.c.resource_id)
        for ident, title, url in connection.execute(statement.where(_A.c.id.in_(chunk))):
            found[ident] = (title, url)
    return found


def rows(connection: Connection, ids: Iterable[int]) -> list[AttachmentRow]:
    """Attachments by id, in the order given (unknown ids left out)."""
    wanted = list(dict.fromkeys(int(i) for i in ids))
    found: dict[int, AttachmentRow] = {}
    for chunk in chunks(wanted):
        for values in connection.execute(_row_select().where(_A.c.id.in_(chunk))):
            found[values[0]] = _row(values)
    return [found[i] for i in wanted if i in found]


def ids_where(connection: Connection, *conditions) -> list[int]:
    statement = select(_A.c.id).order_by(_A.c.resource_id, _A.c.position, _A.c.id)
    if conditions:
        statement = statement.where(*conditions)
    return list(connection.scalars(statement))


def ids_for_resources(connection: Connection, resource_ids: Iterable[int]) -> list[int]:
    """Attachment ids of resources, in the order of the resources given."""
    order = list(dict.fromkeys(int(i) for i in resource_ids))
    by_resource: dict[int, list[int]] = {}
    for chunk in chunks(order):
        statement = (
            select(_A.c.resource_id, _A.c.id).where(_A.c.resource_id.in_(chunk)).order_by(_A.c.position, _A.c.id)
        )
        for resource_id, attachment_id in connection.execute(statement):
            by_resource.setdefault(resource_id, []).append(attachment_id)
    return [a for r in order for a in by_resource.get(r, [])]


# --- state changes ---------------------------------------------------------------------------
def _set(connection: Connection, attachment_id: int, **values) -> int:
    values.setdefault("cache_updated_at", utcnow())
    return connection.execute(update(Attachment).where(_A.c.id == attachment_id).values(**values)).rowcount


def queue(connection: Connection, ids: Iterable[int]) -> int:
    """Mark not-cached and failed attachments queued; returns how many changed."""
    changed = 0
    for chunk in chunks(list(ids)):
        changed += connection.execute(
            update(Attachment)
            .where(_A.c.id.in_(chunk), _A.c.cache_state.in_([CacheState.NOT_CACHED, CacheState.FAILED]))
            .values(cache_state=CacheState.QUEUED, cache_error=None, cache_updated_at=utcnow())
        ).rowcount
    return changed


def unqueue(connection: Connection, ids: Iterable[int]) -> int:
    changed = 0
    for chunk in chunks(list(ids)):
        changed += connection.execute(
            update(Attachment)
            .where(_A.c.id.in_(chunk), _A.c.cache_state == CacheState.QUEUED)
            .values(cache_state=CacheState.NOT_CACHED, cache_updated_at=utcnow())
        ).rowcount
    return changed


def claim(connection: Connection, attachment_id: int, bytes_done: int) -> bool:
    """Mark one attachment downloading unless another fetch already has it."""
    return (
        connection.execute(
            update(Attachment)
            .where(_A.c.id == attachment_id, _A.c.cache_state != CacheState.DOWNLOADING)
            .values(
                cache_state=CacheState.DOWNLOADING, cache_error=None, cache_bytes=bytes_done, cache_updated_at=utcnow()
            )
        ).rowcount
        == 1
    )


def set_bytes(connection: Connection, attachment_id: int, bytes_done: int) -> None:
    _set(connection, attachment_id, cache_bytes=bytes_done)


def set_failed(connection: Connection, attachment_id: int, reason: str, bytes_kept: int) -> None:
    _set(connection, attachment_id, cache_state=CacheState.FAILED, cache_error=reason, cache_bytes=bytes_kept or None)


def set_queued(connection: Connection, attachment_id: int, bytes_kept: int) -> None:
    _set(connection, attachment_id, cache_state=CacheState.QUEUED, cache_error=None, cache_bytes=bytes_kept or None)


def set_cached(connection: Connection, attachment_id: int, sha256: str, size: int, relative_path: str) -> None:
    """Record a verified file: the attachment (and any other with that sha256) cached, one cached_files row."""
    now = utcnow()
    old_sha = connection.scalar(select(_A.c.sha256).where(_A.c.id == attachment_id))
    values: dict = {
        "sha256": sha256,
        "size": size,
        "cache_state": CacheState.CACHED,
        "cache_error": None,
        "cache_bytes": size,
        "cache_updated_at": now,
    }
    if old_sha != sha256:
        values.update(text_state=TextState.PENDING, text_error=None)
    connection.execute(update(Attachment).where(_A.c.id == attachment_id).values(**values))
    connection.execute(
        update(Attachment)
        .where(
            _A.c.sha256 == sha256,
            _A.c.id != attachment_id,
            _A.c.cache_state.in_([CacheState.NOT_CACHED, CacheState.QUEUED, CacheState.FAILED]),
        )
        .values(cache_state=CacheState.CACHED, cache_error=None, cache_bytes=size, cache_updated_at=now)
    )
    if connection.scalar(select(_F.c.sha256).where(_F.c.sha256 == sha256)) is None:
        connection.execute(
            insert(CachedFile).values(sha256=sha256, path=relative_path, size=size, fetched_at=now, pinned=False)
        )
    else:
        connection.execute(update(CachedFile).where(_F.c.sha256 == sha256).values(path=relative_path, size=size))
    refresh_pins(connection)


def forget_known_content(connection: Connection, ids: Iterable[int]) -> int:
    """Clear the remembered sha256 and size of attachments that are not cached, so the next fetch
    accepts whatever the server has now (after a "sha256 mismatch" because the publisher changed it)."""
    changed = 0
    for chunk in chunks(list(ids)):
        changed += connection.execute(
            update(Attachment)
            .where(
                _A.c.id.in_(chunk), _A.c.cache_state != CacheState.CACHED, _A.c.cache_state != CacheState.DOWNLOADING
            )
            .values(sha256=None, size=None, cache_updated_at=utcnow())
        ).rowcount
    return changed


def forget_file(connection: Connection, sha256: str, state: CacheState, error: str | None = None) -> None:
    """The file with this sha256 is gone: drop its row, and its attachments are no longer cached."""
    connection.execute(delete(CachedFile).where(_F.c.sha256 == sha256))
    # The attachments found by sha256 first: given both conditions side by side, SQLite (no statistics)
    # walked every cached attachment of the library instead.
    with_file = select(_A.c.id).where(_A.c.sha256 == sha256).scalar_subquery()
    connection.execute(
        update(Attachment)
        .where(_A.c.id.in_(with_file), _A.c.cache_state == CacheState.CACHED)
        .values(cache_state=state, cache_error=error, cache_bytes=None, cache_updated_at=utcnow())
    )


def touch_opened(connection: Connection, sha256: str) -> None:
    connection.execute(update(CachedFile).where(_F.c.sha256 == sha256).values(last_opened_at=utcnow()))


def refresh_pins(connection: Connection) -> None:
    """A file is pinned exactly when it belongs to a resource of a pinned ("keep offline") collection."""
    pinned_shas = (
        select(_A.c.sha256)
        .join(CollectionItem, CollectionItem.resource_id == _A.c.resource_id)
        .join(Collection, Collection.id == CollectionItem.collection_id)
        .where(Collection.pinned.is_(True), _A.c.sha256.is_not(None))
    )
    connection.execute(update(CachedFile).values(pinned=_F.c.sha256.in_(pinned_shas)))


def recover_interrupted(connection: Connection) -> int:
    """'downloading' left by a crash becomes 'queued' (its .part resumes on the next fetch)."""
    return connection.execute(
        update(Attachment)
        .where(_A.c.cache_state == CacheState.DOWNLOADING)
        .values(cache_state=CacheState.QUEUED, cache_updated_at=utcnow())
    ).rowcount


def cached_file_rows(connection: Connection) -> list[tuple[str, str, int, bool]]:
    """(sha256, relative path, size, pinned) of every recorded file."""
    return [tuple(r) for r in connection.execute(select(_F.c.sha256, _F.c.path, _F.c.size, _F.c.pinned))]


def stale_cached_attachments(connection: Connection) -> int:
    """Attachments marked cached without a cached_files row become not cached."""
    return connection.execute(
        update(Attachment)
        .where(
            _A.c.cache_state == CacheState.CACHED,
            or_(_A.c.sha256.is_(None), ~_A.c.sha256.in_(select(_F.c.sha256))),
        )
        .values(cache_state=CacheState.NOT_CACHED, cache_bytes=None, cache_updated_at=utcnow())
    ).rowcount


def lru_candidates(connection: Connection) -> list[tuple[str, int]]:
    """Unpinned files, least recently used first: (sha256, size)."""
    used = func.coalesce(_F.c.last_opened_at, _F.c.fetched_at)
    statement = select(_F.c.sha256, _F.c.size).where(_F.c.pinned.is_(False)).order_by(used, _F.c.sha256)
    return [(sha, size) for sha, size in connection.execute(statement)]


# --- totals and settings -----------------------------------------------------------------------
def state_counts(connection: Connection) -> dict[CacheState, int]:
    counts = {state: 0 for state in CacheState}
    for state, number in connection.execute(select(_A.c.cache_state, func.count()).group_by(_A.c.cache_state)):
        counts[CacheState(state)] = number
    return counts


def file_totals(connection: Connection) -> tuple[int, int, int]:
    """(files, bytes used, pinned bytes)."""
    files, used, pinned = connection.execute(
        select(
            func.count(),
            func.coalesce(func.sum(_F.c.size), 0),
            func.coalesce(func.sum(case((_F.c.pinned.is_(True), _F.c.size), else_=0)), 0),
        )
    ).one()
    return int(files), int(used), int(pinned)


def indexing_counts(connection: Connection) -> tuple[int, int]:
    """(done, total) over cached attachments: done once text is indexed, absent or failed."""
    cached = _A.c.cache_state == CacheState.CACHED
    done, total = connection.execute(
        select(
            func.coalesce(func.sum(case((and_(cached, _A.c.text_state != TextState.PENDING), 1), else_=0)), 0),
            func.coalesce(func.sum(case((cached, 1), else_=0)), 0),
        )
    ).one()
    return int(done), int(total)


def get_limit(connection: Connection) -> int | None:
    value = connection.scalar(select(LibraryMeta.value).where(LibraryMeta.key == LIMIT_KEY))
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def set_limit(connection: Connection, limit: int | None) -> None:
    connection.execute(delete(LibraryMeta).where(LibraryMeta.key == LIMIT_KEY))
    if limit is not None:
        connection.execute(insert(LibraryMeta).values(key=LIMIT_KEY, value=str(int(limit))))


def get_local_server(connection: Connection) -> bool:
    """Whether the library's own server lives on this computer or the local network (default: no)."""
    return connection.scalar(select(LibraryMeta.value).where(LibraryMeta.key == LOCAL_SERVER_KEY)) == "1"


def set_local_server(connection: Connection, on: bool) -> None:
    connection.execute(delete(LibraryMeta).where(LibraryMeta.key == LOCAL_SERVER_KEY))
    if on:
        connection.execute(insert(LibraryMeta).values(key=LOCAL_SERVER_KEY, value="1"))

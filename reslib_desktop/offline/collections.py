"""Collections (training kits): named, ordered lists of resources that can be kept offline.

Functions take a connection inside the caller's transaction and raise
CollectionError with a readable message for a missing or duplicate name.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, and_, case, delete, func, insert, select, update

from reslib_desktop.offline.models import CollectionInfo
from reslib_desktop.store.clock import utcnow
from reslib_desktop.store.schema import (
    Attachment,
    CacheState,
    Collection,
    CollectionItem,
    Resource,
)
from reslib_desktop.textnorm import normalise_space

_C = Collection.__table__
_I = CollectionItem.__table__
_A = Attachment.__table__


class CollectionError(ValueError):
    pass


def clean_name(name: str) -> str:
    cleaned = normalise_space(name or "")
    if not cleaned:
        raise CollectionError("a collection needs a name")
    if len(cleaned) > 200:
        raise CollectionError("a collection name is at most 200 characters")
    return cleaned


def collection_id(connection: Connection, name: str) -> int:
    found = connection.scalar(select(_C.c.id).where(_C.c.name == normalise_space(name or "")))
    if found is None:
        raise CollectionError(f"no collection named {name!r}")
    return found


def create(connection: Connection, name: str) -> int:
    name = clean_name(name)
    if connection.scalar(select(_C.c.id).where(_C.c.name == name)) is not None:
        raise CollectionError(f"a collection named {name!r} already exists")
    connection.execute(insert(Collection).values(name=name, pinned=False, created_at=utcnow()))
    return collection_id(connection, name)


def rename(connection: Connection, old: str, new: str) -> None:
    ident = collection_id(connection, old)
    new = clean_name(new)
    other = connection.scalar(select(_C.c.id).where(_C.c.name == new))
    if other is not None and other != ident:
        raise CollectionError(f"a collection named {new!r} already exists")
    connection.execute(update(Collection).where(_C.c.id == ident).values(name=new))


def remove(connection: Connection, name: str) -> None:
    ident = collection_id(connection, name)
    connection.execute(delete(CollectionItem).where(_I.c.collection_id == ident))
    connection.execute(delete(Collection).where(_C.c.id == ident))


def resource_ids(connection: Connection, name: str) -> list[int]:
    """Members in their order."""
    ident = collection_id(connection, name)
    statement = select(_I.c.resource_id).where(_I.c.collection_id == ident).order_by(_I.c.position, _I.c.resource_id)
    return list(connection.scalars(statement))


def _renumber(connection: Connection, ident: int, ordered: list[int]) -> None:
    for position, resource_id in enumerate(ordered):
        connection.execute(
            update(CollectionItem)
            .where(_I.c.collection_id == ident, _I.c.resource_id == resource_id)
            .values(position=position)
        )


def add(connection: Connection, name: str, ids: Iterable[int]) -> list[int]:
    """Append resources not yet in the collection (unknown ids ignored); returns those added."""
    ident = collection_id(connection, name)
    present = set(resource_ids(connection, name))
    wanted = [i for i in dict.fromkeys(int(i) for i in ids) if i not in present]
    known = set(connection.scalars(select(Resource.id).where(Resource.id.in_(wanted)))) if wanted else set()
    added = [i for i in wanted if i in known]
    start = connection.scalar(select(func.coalesce(func.max(_I.c.position) + 1, 0)).where(_I.c.collection_id == ident))
    if added:
        connection.execute(
            insert(CollectionItem),
            [{"collection_id": ident, "resource_id": r, "position": start + n} for n, r in enumerate(added)],
        )
    return added


Removed = list[tuple[int, int]]  # (resource id, its 0-based place in the collection before the removal)


def remove_items(connection: Connection, name: str, ids: Iterable[int]) -> Removed:
    """Take resources out of a collection; returns where each was, for `restore_items` (undo)."""
    ident = collection_id(connection, name)
    gone = {int(i) for i in ids}
    before = resource_ids(connection, name)
    removed = [(resource_id, place) for place, resource_id in enumerate(before) if resource_id in gone]
    connection.execute(delete(CollectionItem).where(_I.c.collection_id == ident, _I.c.resource_id.in_(gone)))
    _renumber(connection, ident, [resource_id for resource_id in before if resource_id not in gone])
    return removed


def restore_items(connection: Connection, name: str, removed: Iterable[tuple[int, int]]) -> list[int]:
    """Undo `remove_items`: put the resources back at their former places; returns the ids put back.

    Members added in the meantime keep their places around them; resources deleted from the
    library since, or already back in the collection, are left out.
    """
    ident = collection_id(connection, name)
    ordered = resource_ids(connection, name)
    present = set(ordered)
    wanted = sorted(((int(r), int(p)) for r, p in removed if int(r) not in present), key=lambda pair: pair[1])
    known = (
        set(connection.scalars(select(Resource.id).where(Resource.id.in_([r for r, _ in wanted])))) if wanted else set()
    )
    back = [(resource_id, place) for resource_id, place in wanted if resource_id in known]
    for resource_id, place in back:
        ordered.insert(min(place, len(ordered)), resource_id)
    if back:
        connection.execute(
            insert(CollectionItem), [{"collection_id": ident, "resource_id": r, "position": 0} for r, _ in back]
        )
        _renumber(connection, ident, ordered)
    return [resource_id for resource_id, _ in back]


def move(connection: Connection, name: str, resource_id: int, index: int) -> None:
    """Move one member to position `index` (0-based, clamped), the others keeping their order."""
    ident = collection_id(connection, name)
    ordered = resource_ids(connection, name)
    if resource_id not in ordered:
        raise CollectionError(f"resource {resource_id} is not in {name!r}")
    ordered.remove(resource_id)
    ordered.insert(max(0, min(index, len(ordered))), resource_id)
    _renumber(connection, ident, ordered)


def set_pinned(connection: Connection, name: str, pinned: bool) -> None:
    ident = collection_id(connection, name)
    connection.execute(update(Collection).where(_C.c.id == ident).values(pinned=pinned))


def infos(connection: Connection) -> list[CollectionInfo]:
    """Every collection by name, with member and attachment counts."""
    resources = select(func.count()).where(_I.c.collection_id == _C.c.id).correlate(_C).scalar_subquery()
    members = select(_I.c.resource_id).where(_I.c.collection_id == _C.c.id).correlate(_C)
    attachments = select(func.count()).where(_A.c.resource_id.in_(members)).correlate(_C).scalar_subquery()
    cached = (
        select(func.coalesce(func.sum(case((_A.c.cache_state == CacheState.CACHED, 1), else_=0)), 0))
        .where(and_(_A.c.resource_id.in_(members)))
        .correlate(_C)
        .scalar_subquery()
    )
    statement = select(_C.c.id, _C.c.name, _C.c.pinned, _C.c.created_at, resources, attachments, cached).order_by(
        func.lower(_C.c.name)
    )
    from reslib_desktop.sync.collections import local_only_ids

    local = local_only_ids(connection)
    return [
        CollectionInfo(i, n, bool(p), c, r, a, k, i in local) for i, n, p, c, r, a, k in connection.execute(statement)
    ]

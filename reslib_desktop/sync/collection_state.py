"""A shared collection as a sync unit (name + ordered member uids), read from and written to a replica,
and the 3-way merge of a local change with a server change.

Tables of migration 0005_sync_collections (see `sync/collections.py`).
Only members the server has or will have (resources with a `sync_resources`
row) take part in sync; a local-only resource in a shared collection stays
there on this laptop and is never uploaded or dropped by a pull.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, text

from reslib_desktop.ingest.stored import ids_of_uids
from reslib_desktop.store.clock import utcnow

LOCAL_SUFFIX = "this laptop"  # a local collection that had to give its name to a server one


@dataclass(frozen=True)
class CollectionState:
    """What syncs of a collection: its name and member uids in order."""

    name: str | None
    members: tuple[str, ...] = ()

    def json(self) -> str:
        return json.dumps({"name": self.name, "members": list(self.members)}, ensure_ascii=False)

    @staticmethod
    def from_json(data: str | None) -> CollectionState:
        if not data:
            return CollectionState(None)
        value = json.loads(data)
        return CollectionState(value.get("name"), tuple(value.get("members") or ()))


@dataclass(frozen=True)
class SharedRow:
    """A replica's sync facts about one shared collection."""

    cid: str
    collection_id: int | None  # None: deleted here
    server_version: int | None  # None: made here, never uploaded
    base: CollectionState


@dataclass
class Merged:
    state: CollectionState
    name_conflict: bool = False


def shared_rows(connection: Connection, cids: Sequence[str] | None = None) -> dict[str, SharedRow]:
    """The shared collections' rows (all, or those of `cids`) by cid."""
    query = "SELECT cid, collection_id, server_version, sync_base FROM sync_collections"
    values: dict[str, str] = {}
    if cids is not None:
        values = {f"c{n}": cid for n, cid in enumerate(cids)}
        query += " WHERE cid IN (" + ", ".join(f":{key}" for key in values) + ")" if values else " WHERE 0"
    return {
        r.cid: SharedRow(r.cid, r.collection_id, r.server_version, CollectionState.from_json(r.sync_base))
        for r in connection.execute(text(query), values)
    }


def _members(connection: Connection, collection_id: int) -> list[tuple[int, str, bool]]:
    """(resource id, uid, synced) of a collection's members in order; synced: the server has or gets it."""
    return [
        (r.id, r.uid, bool(r.synced))
        for r in connection.execute(
            text(
                "SELECT r.id, r.uid, EXISTS (SELECT 1 FROM sync_resources s WHERE s.uid = r.uid "
                "AND (s.server_version IS NOT NULL OR s.dirty > 0)) AS synced "
                "FROM collection_items ci JOIN resources r ON r.id = ci.resource_id "
                "WHERE ci.collection_id = :c ORDER BY ci.position, ci.resource_id"
            ),
            {"c": collection_id},
        )
    ]


def local_state(connection: Connection, collection_id: int) -> CollectionState | None:
    name = connection.execute(text("SELECT name FROM collections WHERE id = :c"), {"c": collection_id}).scalar()
    if name is None:
        return None
    return CollectionState(name, tuple(uid for _, uid, synced in _members(connection, collection_id) if synced))


def shared_states(connection: Connection) -> dict[int, CollectionState]:
    """`local_state` of every shared collection (by local id), read in two queries."""
    names: dict[int, str] = dict(
        connection.execute(
            text("SELECT c.id, c.name FROM collections c JOIN sync_collections s ON s.collection_id = c.id")
        ).all()
    )
    members: dict[int, list[str]] = {identifier: [] for identifier in names}
    for collection_id, uid in connection.execute(
        text(
            "SELECT ci.collection_id, r.uid FROM sync_collections s "
            "JOIN collection_items ci ON ci.collection_id = s.collection_id "
            "JOIN resources r ON r.id = ci.resource_id "
            "WHERE EXISTS (SELECT 1 FROM sync_resources m WHERE m.uid = r.uid "
            "AND (m.server_version IS NOT NULL OR m.dirty > 0)) "
            "ORDER BY ci.collection_id, ci.position, ci.resource_id"
        )
    ):
        members[collection_id].append(uid)
    return {identifier: CollectionState(name, tuple(members[identifier])) for identifier, name in names.items()}


def _holder(connection: Connection, name: str) -> int | None:
    return connection.execute(text("SELECT id FROM collections WHERE name = :n"), {"n": name}).scalar()


def free_name(
    connection: Connection, name: str, keep: int | None = None, displaced: dict[int, str] | None = None
) -> str | None:
    """Make `name` free for a server collection: a different local collection holding it is renamed
    "name (this laptop)" (numbered if needed; `displaced` records its former name). Returns that new
    name, None when nothing was renamed."""
    holder = _holder(connection, name)
    if holder is None or holder == keep:
        return None
    if displaced is not None:
        displaced.setdefault(holder, name)
    number = 1
    while True:
        suffix = LOCAL_SUFFIX if number == 1 else f"{LOCAL_SUFFIX} {number}"
        candidate = f"{name} ({suffix})"
        if _holder(connection, candidate) is None:
            connection.execute(text("UPDATE collections SET name = :n WHERE id = :c"), {"n": candidate, "c": holder})
            return candidate
        number += 1


def write_state(
    connection: Connection, collection_id: int | None, state: CollectionState, displaced: dict[int, str] | None = None
) -> int:
    """Give a local collection (a new one when None) this name and these members; returns its id.

    Members this laptop lacks are left out; local-only members already there stay, after the others.
    A local collection holding the name is renamed (`free_name`).
    """
    assert state.name is not None
    free_name(connection, state.name, keep=collection_id, displaced=displaced)
    if collection_id is None:
        collection_id = connection.execute(
            text("INSERT INTO collections (name, pinned, created_at) VALUES (:n, 0, :now) RETURNING id"),
            {"n": state.name, "now": utcnow()},
        ).scalar_one()
        kept_local: list[int] = []
    else:
        connection.execute(
            text("UPDATE collections SET name = :n WHERE id = :c"), {"n": state.name, "c": collection_id}
        )
        kept_local = [rid for rid, _, synced in _members(connection, collection_id) if not synced]
    ids = ids_of_uids(connection, list(state.members))
    ordered = list(dict.fromkeys([ids[uid] for uid in state.members if uid in ids] + kept_local))
    connection.execute(text("DELETE FROM collection_items WHERE collection_id = :c"), {"c": collection_id})
    if ordered:
        connection.execute(
            text("INSERT INTO collection_items (collection_id, resource_id, position) VALUES (:c, :r, :p)"),
            [{"c": collection_id, "r": rid, "p": place} for place, rid in enumerate(ordered)],
        )
    return collection_id


def merge(base: CollectionState, local: CollectionState, server: CollectionState) -> Merged:
    """3-way merge of a collection changed here and on the server since `base`.

    Name: the side that changed it wins; both changed to different names is a conflict and the
    server's name is kept (the local one is kept for the admin to choose). Members: a set merge,
    adds and removes of both sides apply; order: the side that reordered wins (the server when both
    did), members added on the other side follow at the end.
    """
    if local.name == base.name or local.name == server.name:
        name, conflict = server.name, False
    elif server.name == base.name:
        name, conflict = local.name, False
    else:
        name, conflict = server.name, True
    old, mine, theirs = set(base.members), set(local.members), set(server.members)
    kept = (theirs - (old - mine)) | (mine - old)
    common_server = [m for m in server.members if m in old]
    common_base = [m for m in base.members if m in theirs]
    skeleton = (server.members, local.members) if common_server != common_base else (local.members, server.members)
    order = [m for m in (*skeleton[0], *skeleton[1]) if m in kept]
    members = tuple(dict.fromkeys(order))
    return Merged(CollectionState(name, members), conflict)

"""Conflicts a merge could not decide, kept in the replica for an admin to choose.

Kinds: `field` (the same field changed here and on the server: the server's
value is in the library, the local one is kept here) and `deleted_on_server`
(the server deleted a resource edited here: the local record is kept here).
Resolving with "mine" puts the local value back as a new local edit, which the
next sync uploads; "server" just closes the conflict. Nothing is lost either way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, text

from reslib_desktop.ingest.apply import apply_records
from reslib_desktop.ingest.stored import ids_of_uids
from reslib_desktop.store.clock import utcnow
from reslib_desktop.sync import collections as collection_sync
from reslib_desktop.sync import replica
from reslib_desktop.sync.errors import SyncError
from reslib_desktop.sync.records import Record, record_from_json

FIELD, DELETED_ON_SERVER = "field", "deleted_on_server"
KEEP_MINE, KEEP_SERVER = "mine", "server"


@dataclass(frozen=True)
class Conflict:
    id: int
    uid: str
    kind: str
    field: str | None
    title: str
    local_value: object
    server_value: object
    created_at: datetime

    def describe(self) -> str:
        """One line: what differs."""
        if self.kind == DELETED_ON_SERVER:
            return f"#{self.id} {self.title!r}: deleted on the server, edited here"
        here, server = _short(self.local_value), _short(self.server_value)
        return f"#{self.id} {self.title!r}: {self.field} here {here} / server {server}"


def _short(value: object, limit: int = 60) -> str:
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def add_field_conflict(connection: Connection, uid: str, name: str, local: Record, server: Record, version: int,
                       now: datetime) -> None:
    # A newer conflict on the same field replaces an open older one (the local value is the same).
    connection.execute(
        text("DELETE FROM sync_conflicts WHERE uid = :uid AND field = :field AND resolved_at IS NULL"),
        {"uid": uid, "field": name},
    )
    _insert(connection, uid, FIELD, name, server.get("title") or "", local.get(name), server.get(name), version, now)


def add_deleted_on_server(connection: Connection, uid: str, local: Record, version: int, now: datetime) -> None:
    _insert(connection, uid, DELETED_ON_SERVER, None, local.get("title") or "", local, None, version, now)


def _insert(connection, uid, kind, name, title, local_value, server_value, version, now) -> None:
    connection.execute(
        text(
            "INSERT INTO sync_conflicts "
            "(uid, kind, field, title, local_value, server_value, server_version, created_at) "
            "VALUES (:uid, :kind, :field, :title, :local, :server, :version, :now)"
        ),
        {"uid": uid, "kind": kind, "field": name, "title": title, "local": json.dumps(local_value, ensure_ascii=False),
         "server": json.dumps(server_value, ensure_ascii=False), "version": version, "now": now},
    )


def open_conflicts(engine: Engine) -> list[Conflict]:
    with engine.connect() as connection:
        return [
            Conflict(row.id, row.uid, row.kind, row.field, row.title, json.loads(row.local_value or "null"),
                     json.loads(row.server_value or "null"),
                     datetime.fromisoformat(row.created_at) if isinstance(row.created_at, str) else row.created_at)
            for row in connection.execute(
                text("SELECT * FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY id")
            )
        ]


def held_uids(connection: Connection) -> set[str]:
    """Resources with an open conflict: their upload waits for the admin's choice."""
    return set(connection.execute(text("SELECT DISTINCT uid FROM sync_conflicts WHERE resolved_at IS NULL")).scalars())


def resolve(engine: Engine, conflict_id: int, choice: str) -> Conflict:
    """Close a conflict keeping the server's value, or the local one (as a new local edit to upload)."""
    if choice not in (KEEP_MINE, KEEP_SERVER):
        raise SyncError(f"choose {KEEP_MINE!r} or {KEEP_SERVER!r}, not {choice!r}")
    found = {c.id: c for c in open_conflicts(engine)}.get(conflict_id)
    if found is None:
        raise SyncError(f"no open conflict #{conflict_id} (see 'reslib sync conflicts')")
    now = utcnow()
    with engine.begin() as connection:
        if choice == KEEP_MINE:
            _keep_mine(connection, found, now)
        connection.execute(
            text("UPDATE sync_conflicts SET resolved_at = :now, resolution = :choice WHERE id = :id"),
            {"now": now, "choice": choice, "id": conflict_id},
        )
    return found


def _keep_mine(connection: Connection, conflict: Conflict, now: datetime) -> None:
    replica.set_tracking(connection, True)  # the restored value is a local edit: the next sync uploads it
    if conflict.kind == DELETED_ON_SERVER:
        assert isinstance(conflict.local_value, dict)  # the whole record, as it was here
        restored = dict(conflict.local_value)
        replica.drop_marks(connection, [conflict.uid])  # new again: uploaded as a new resource
        apply_records(connection, [record_from_json(restored)], now)
        return
    if conflict.kind == collection_sync.COLLECTION_NAME:
        collection_sync.keep_local_name(connection, conflict.uid, str(conflict.local_value))
        return
    ids = ids_of_uids(connection, [conflict.uid])
    if conflict.uid not in ids:
        raise SyncError(f"the resource of conflict #{conflict.id} no longer exists")
    current = replica.local_records(connection, ids)[conflict.uid]
    assert conflict.field is not None  # a field conflict names its field
    current[conflict.field] = conflict.local_value
    apply_records(connection, [record_from_json(current)], now)


SyncConflict = Conflict

"""The laptop side of sync: the replica's state in its SQLite library (tables of migration 0004_sync_replica).

- `sync_state`: server address (no password), server library id, the version
  pulled up to and the uid reached inside it, `tracking` (1 once joined);
- `sync_resources`: per uid, the server version last seen, `dirty` (a count of
  local changes since the last upload, kept by triggers while tracking) and
  `sync_base` (the record as last synced: the base of a 3-way merge);
- `sync_conflicts`: what a merge could not decide, kept for an admin.

`sync_state.last_error` is no longer written: a sync that fails changes nothing in the library (the
window shows the error from memory; the command line prints it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, text

from reslib_desktop.ingest.stored import stored_records
from reslib_desktop.store.schema import Audience, Resource, Topic, resource_audiences, resource_topics
from reslib_desktop.sync.records import Record, record_json

CHUNK = 500


@dataclass(frozen=True)
class SyncState:
    server_url: str | None
    library_id: str | None
    synced_version: int
    cursor_uid: str | None
    tracking: bool
    last_synced_at: datetime | None

    @property
    def joined(self) -> bool:
        return self.library_id is not None


@dataclass(frozen=True)
class Mark:
    """A replica's sync facts about one uid."""

    uid: str
    server_version: int | None
    dirty: int
    base: Record | None


def read_state(connection: Connection) -> SyncState:
    row = connection.execute(
        text("SELECT server_url, library_id, synced_version, cursor_uid, tracking, last_synced_at "
             "FROM sync_state WHERE id = 1")
    ).one()
    synced_at = (
        datetime.fromisoformat(row.last_synced_at) if isinstance(row.last_synced_at, str) else row.last_synced_at
    )
    return SyncState(row.server_url, row.library_id, row.synced_version, row.cursor_uid, bool(row.tracking),
                     synced_at)


def state_of(engine: Engine) -> SyncState:
    with engine.connect() as connection:
        return read_state(connection)


def update_state(connection: Connection, **values: object) -> None:
    assignments = ", ".join(f"{name} = :{name}" for name in values)
    connection.execute(text(f"UPDATE sync_state SET {assignments} WHERE id = 1"), values)


def set_tracking(connection: Connection, on: bool) -> None:
    """Triggers count local changes only while tracking; a pull turns it off inside its own transaction."""
    connection.execute(text("UPDATE sync_state SET tracking = :on WHERE id = 1"), {"on": int(on)})


def _chunks(values: Sequence, size: int = CHUNK) -> Iterable[Sequence]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def marks(connection: Connection, uids: Sequence[str]) -> dict[str, Mark]:
    """The marks of these uids (one statement). `base` is read only for marks with local changes: the
    only ones a merge needs (parsing every sync base of a page would cost more than writing it)."""
    found: dict[str, Mark] = {}
    rows = connection.exec_driver_sql(
        "SELECT s.uid, s.server_version, s.dirty, CASE WHEN s.dirty > 0 THEN s.sync_base END "
        "FROM json_each(?) AS wanted JOIN sync_resources AS s ON s.uid = wanted.value",
        (json.dumps(list(uids)),),
    )
    for uid, server_version, dirty, base in rows:
        found[uid] = Mark(uid, server_version, dirty, json.loads(base) if base else None)
    return found


def dirty_marks(connection: Connection) -> list[Mark]:
    return [
        Mark(row.uid, row.server_version, row.dirty, json.loads(row.sync_base) if row.sync_base else None)
        for row in connection.execute(
            text("SELECT uid, server_version, dirty, sync_base FROM sync_resources WHERE dirty > 0 ORDER BY uid")
        )
    ]


def pending_count(connection: Connection) -> int:
    return connection.execute(text("SELECT count(*) FROM sync_resources WHERE dirty > 0")).scalar_one()


def save_marks(connection: Connection, rows: list[tuple]) -> None:
    """Upsert (uid, server_version, dirty, sync_base JSON text) rows (the driver's executemany: many rows)."""
    if rows:
        connection.exec_driver_sql(
            "INSERT INTO sync_resources (uid, server_version, dirty, sync_base) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (uid) DO UPDATE SET server_version = excluded.server_version, dirty = excluded.dirty, "
            "sync_base = excluded.sync_base",
            rows,
        )


def drop_marks(connection: Connection, uids: Sequence[str]) -> None:
    for chunk in _chunks(list(uids)):
        names = ", ".join(f":u{i}" for i in range(len(chunk)))
        connection.execute(
            text(f"DELETE FROM sync_resources WHERE uid IN ({names})"), {f"u{i}": u for i, u in enumerate(chunk)}
        )


def local_records(connection: Connection, ids: dict[str, int]) -> dict[str, Record]:
    """The stored records of these uids (uid -> id), as sync JSON."""
    by_id = {identifier: uid for uid, identifier in ids.items()}
    return {by_id[rid]: record_json(record) for rid, record in stored_records(connection, list(by_id))}


def delete_resources(connection: Connection, ids: Sequence[int]) -> None:
    """Remove resources (their attachments, names and collection places go with them), index kept in step."""
    ids = list(ids)
    if not ids:
        return
    for chunk in _chunks(ids):
        connection.execute(Resource.__table__.delete().where(Resource.id.in_(chunk)))
    # Names no resource uses any more leave the facets (as a hand delete does).
    connection.execute(Topic.__table__.delete().where(Topic.id.not_in(resource_topics.select().with_only_columns(resource_topics.c.topic_id))))
    connection.execute(
        Audience.__table__.delete().where(Audience.id.not_in(resource_audiences.select().with_only_columns(resource_audiences.c.audience_id)))
    )

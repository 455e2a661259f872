"""Collections sync: shared collections follow the server; local-only ones never leave the laptop.

Server (migration s0002_collections): one row per collection, `(cid, name, uids[], version)`, and a
tombstone per deleted one. Replica (migration 0005_sync_collections): `sync_collections` names the
shared collections; a collection without a row is local only (a case worker's or trainer's own list,
or one made before the library joined): never uploaded, never changed by a pull.

- Pull (`pull_collections`, called at the end of `sync.pull.pull`): collection changes up to the
  version the resource pull completed, in pages ordered by `(version, cid)`, one SQLite transaction
  per page with the cursor moved in it (a killed pull resumes, nothing is applied twice; applying a
  collection writes its whole member list, so members are never doubled). Members are applied only
  after their resources: the resource pull has everything up to that version.
- Push (`waiting` / `upload` / `settle`, called from `sync.push.push`): new, renamed, reordered and
  deleted shared collections go in the same server transaction as resource edits, each
  `UPDATE ... WHERE version = base`; a miss rolls everything back, then pull merges and push retries.
  Resources deleted in that transaction leave every server collection holding them (version bumped).
- Merge: see `collection_state.merge`; a name changed on both sides is a conflict (kind
  `collection_name`) resolved like a resource field conflict.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, text

from reslib_desktop.store.clock import utcnow
from reslib_desktop.sync import replica
from reslib_desktop.sync.collection_state import (
    CollectionState,
    local_state,
    merge,
    shared_rows,
    shared_states,
    write_state,
)

PAGE_ROWS = 500
COLLECTION_NAME = "collection_name"  # the kind of a sync_conflicts row about a collection's name
CONFLICT_PREFIX = "collection:"  # sync_conflicts.uid of a collection conflict: the prefix and its cid

_PAGE = """
SELECT version, cid, name, uids FROM (
    SELECT version, cid, name, uids FROM collections WHERE (version, cid) > (%(v)s, %(c)s) AND version <= %(top)s
    UNION ALL
    SELECT version, key AS cid, NULL AS name, NULL::text[] AS uids FROM tombstones
     WHERE kind = 'collection' AND (version, key) > (%(v)s, %(c)s) AND version <= %(top)s
) AS changes ORDER BY version, cid LIMIT %(n)s
"""


@dataclass
class CollectionPullReport:
    updated: int = 0
    removed: int = 0
    merged: int = 0
    conflicts: int = 0
    new_member_uids: list[str] = field(default_factory=list)  # for offline downloads of pinned collections


# --- pull -----------------------------------------------------------------------------------------
def pull_collections(engine: Engine, server, top: int, progress=None) -> CollectionPullReport:
    """Apply server collection changes up to version `top` (everything the resource pull applied);
    `progress("pull", done, done)` after each committed page."""
    report = CollectionPullReport()
    can_write = bool(server.execute("SELECT has_table_privilege('collections', 'INSERT')").fetchone()[0])
    with engine.connect() as connection:
        row = connection.execute(text("SELECT synced_version, cursor_cid FROM sync_collection_state")).one()
    version, after = (row.synced_version, row.cursor_cid) if row.cursor_cid else (row.synced_version + 1, "")
    done = 0
    while True:
        rows = server.execute(_PAGE, {"v": version, "c": after, "top": top, "n": PAGE_ROWS}).fetchall()
        if not rows:
            break
        version, after = rows[-1][0], rows[-1][1]
        with engine.begin() as connection:
            replica.set_tracking(connection, False)
            # Collections this page renamed to free a name for another (two names swapped in one upload):
            # their former name, so that renaming is not mistaken for a local change.
            displaced: dict[int, str] = {}
            for changed_at, cid, name, uids in rows:
                if name is None:
                    _apply_tombstone(connection, cid, report)
                else:
                    incoming = CollectionState(name, tuple(uids))
                    _apply_record(connection, cid, incoming, changed_at, report, displaced)
            _pins_follow(connection)
            _save_cursor(connection, version, after)
            replica.set_tracking(connection, True)
        done += len(rows)
        if progress is not None:
            progress("pull", done, done)
    with engine.begin() as connection:
        final = max(version if after else version - 1, top)
        connection.execute(
            text("UPDATE sync_collection_state SET synced_version = :v, cursor_cid = NULL, can_write = :w"),
            {"v": final, "w": int(can_write)},
        )
    return report


def pull_into(engine: Engine, server, top: int, report, progress=None) -> None:
    """`pull_collections`, its counts added to a resource PullReport (conflicts, downloads to make)."""
    found = pull_collections(engine, server, top, progress)
    report.collections += found.updated + found.removed
    report.merged += found.merged
    report.conflicts += found.conflicts
    report.changed_uids.extend(found.new_member_uids)


def _save_cursor(connection: Connection, version: int, cid: str) -> None:
    connection.execute(
        text("UPDATE sync_collection_state SET synced_version = :v, cursor_cid = :c"), {"v": version, "c": cid}
    )


def _pins_follow(connection: Connection) -> None:
    from reslib_desktop.offline.state import refresh_pins

    refresh_pins(connection)


def _apply_tombstone(connection: Connection, cid: str, report: CollectionPullReport) -> None:
    """A collection deleted on the server goes here too, local changes or not (a server delete wins)."""
    mark = shared_rows(connection, [cid]).get(cid)
    if mark is None:
        return
    if mark.collection_id is not None:
        connection.execute(text("DELETE FROM collection_items WHERE collection_id = :c"), {"c": mark.collection_id})
        connection.execute(text("DELETE FROM collections WHERE id = :c"), {"c": mark.collection_id})
        report.removed += 1
    connection.execute(text("DELETE FROM sync_collections WHERE cid = :c"), {"c": cid})


def _apply_record(
    connection: Connection,
    cid: str,
    incoming: CollectionState,
    version: int,
    report: CollectionPullReport,
    displaced: dict[int, str],
) -> None:
    mark = shared_rows(connection, [cid]).get(cid)
    if mark is None or mark.collection_id is None:
        if mark is not None and mark.server_version == version:
            return  # deleted here, unchanged on the server: the delete waits for upload
        # New here, or deleted here but changed on the server: it comes back with the server's change.
        collection_id = write_state(connection, None, incoming, displaced)
        _save_mark(connection, cid, collection_id, version, incoming)
        report.updated += 1
        report.new_member_uids.extend(incoming.members)
        return
    actual = local_state(connection, mark.collection_id)
    assert actual is not None  # the row's collection exists (ON DELETE SET NULL clears it otherwise)
    local = actual
    if mark.collection_id in displaced:  # compare with the name it had before this page moved it
        local = CollectionState(displaced.pop(mark.collection_id), actual.members)
    if local == incoming:
        if actual != incoming:
            write_state(connection, mark.collection_id, incoming, displaced)
        _save_mark(connection, cid, mark.collection_id, version, incoming)
        return  # this laptop's own upload coming back, or the same change made on both sides
    if mark.server_version == version:
        return  # nothing new from the server: the local change waits for upload
    if local == mark.base:
        result = incoming
    else:
        merged = merge(mark.base, local, incoming)
        result = merged.state
        if merged.name_conflict:
            _add_name_conflict(connection, cid, local, incoming, version)
            report.conflicts += 1
        report.merged += 1
    write_state(connection, mark.collection_id, result, displaced)
    _save_mark(connection, cid, mark.collection_id, version, incoming)
    report.updated += 1
    report.new_member_uids.extend(uid for uid in result.members if uid not in local.members)


def _save_mark(connection: Connection, cid: str, collection_id: int, version: int, base: CollectionState) -> None:
    connection.execute(
        text(
            "INSERT INTO sync_collections (cid, collection_id, server_version, sync_base) VALUES (:cid, :c, :v, :b) "
            "ON CONFLICT (cid) DO UPDATE SET collection_id = excluded.collection_id, "
            "server_version = excluded.server_version, sync_base = excluded.sync_base"
        ),
        {"cid": cid, "c": collection_id, "v": version, "b": base.json()},
    )


def _add_name_conflict(
    connection: Connection, cid: str, local: CollectionState, server: CollectionState, version: int
) -> None:
    key = CONFLICT_PREFIX + cid
    connection.execute(
        text("DELETE FROM sync_conflicts WHERE uid = :uid AND kind = :kind AND resolved_at IS NULL"),
        {"uid": key, "kind": COLLECTION_NAME},
    )
    connection.execute(
        text(
            "INSERT INTO sync_conflicts (uid, kind, field, title, local_value, server_value, server_version, "
            "created_at) VALUES (:uid, :kind, 'collection name', :title, :local, :server, :v, :now)"
        ),
        {"uid": key, "kind": COLLECTION_NAME, "title": server.name or "", "local": json.dumps(local.name),
         "server": json.dumps(server.name), "v": version, "now": utcnow()},
    )


def keep_local_name(connection: Connection, uid: str, local_name: str) -> None:
    """Resolve a name conflict with "mine": the collection takes the local name again (uploaded next sync)."""
    from reslib_desktop.sync.errors import SyncError

    mark = shared_rows(connection, [uid.removeprefix(CONFLICT_PREFIX)]).get(uid.removeprefix(CONFLICT_PREFIX))
    if mark is None or mark.collection_id is None:
        raise SyncError("the collection of this conflict no longer exists")
    state = local_state(connection, mark.collection_id)
    assert state is not None
    write_state(connection, mark.collection_id, CollectionState(local_name, state.members))


# --- push -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Outgoing:
    cid: str
    state: CollectionState | None  # None: deleted here
    base_version: int | None


@dataclass
class Upload:
    """What one push sends: the changed shared collections, and what the server stored of each."""

    outgoing: list[Outgoing] = field(default_factory=list)
    sent: dict[str, CollectionState] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.outgoing)


def waiting(engine: Engine) -> Upload:
    """Shared collections changed here since they were last synced (made, renamed, re-membered, deleted)."""
    upload = Upload()
    forgotten: list[str] = []  # made and deleted here, never uploaded: nothing for the server
    with engine.connect() as connection:
        states = shared_states(connection)
        for mark in shared_rows(connection).values():
            if mark.collection_id is None and mark.server_version is None:
                forgotten.append(mark.cid)
            elif mark.collection_id is None:
                upload.outgoing.append(Outgoing(mark.cid, None, mark.server_version))
            else:
                state = states[mark.collection_id]
                if mark.server_version is None or state != mark.base:
                    upload.outgoing.append(Outgoing(mark.cid, state, mark.server_version))
    if forgotten:
        with engine.begin() as connection:
            connection.execute(
                text("DELETE FROM sync_collections WHERE cid = :c AND collection_id IS NULL"),
                [{"c": cid} for cid in forgotten],
            )
    return upload


def pending_count(connection: Connection) -> int:
    """Shared collections with a change waiting for upload."""
    count = 0
    states = shared_states(connection)
    for mark in shared_rows(connection).values():
        if mark.collection_id is None:
            count += int(mark.server_version is not None)  # a delete to upload
        elif mark.server_version is None:
            count += 1  # made here
        else:
            count += int(states[mark.collection_id] != mark.base)
    return count


def upload(server, upload: Upload, deleted_uids: list[str], version: int) -> list[str]:
    """Inside the push's server transaction: write the outgoing collections; returns the stale cids
    (changed on the server first). Then takes the resources deleted in this push out of every collection."""
    wanted = sorted({uid for o in upload.outgoing if o.state for uid in o.state.members})
    known = {row[0] for row in server.execute("SELECT uid FROM resources WHERE uid = ANY(%s)", (wanted,))}
    stale: list[str] = []
    for item in upload.outgoing:
        if item.state is None:
            ok = _delete(server, item, version)
        else:
            stored = CollectionState(item.state.name, tuple(u for u in item.state.members if u in known))
            upload.sent[item.cid] = stored
            ok = _write(server, item, stored, version, [o.cid for o in upload.outgoing])
        if not ok:
            stale.append(item.cid)
    if deleted_uids:
        server.execute(
            "UPDATE collections SET version = %(v)s, uids = ARRAY("
            "SELECT u FROM unnest(uids) WITH ORDINALITY AS m(u, n) WHERE u <> ALL(%(gone)s) ORDER BY n"
            ") WHERE uids && %(gone)s::text[]",
            {"v": version, "gone": deleted_uids},
        )
    if upload.outgoing:
        server.execute("UPDATE change_batches SET collections = %s WHERE version = %s", (len(upload), version))
    return stale


def _write(server, item: Outgoing, state: CollectionState, version: int, uploading: list[str]) -> bool:
    taken = server.execute(
        "SELECT 1 FROM collections WHERE name = %s AND cid <> ALL(%s)", (state.name, uploading)
    ).fetchone()
    if taken:
        return False  # another collection took the name first: pull gives this one a free name
    if item.base_version is None:
        done = server.execute(
            "INSERT INTO collections (cid, name, uids, version) VALUES (%s, %s, %s, %s) ON CONFLICT (cid) DO NOTHING",
            (item.cid, state.name, list(state.members), version),
        ).rowcount
    else:
        done = server.execute(
            "UPDATE collections SET name = %s, uids = %s, version = %s WHERE cid = %s AND version = %s",
            (state.name, list(state.members), version, item.cid, item.base_version),
        ).rowcount
    return done == 1


def _delete(server, item: Outgoing, version: int) -> bool:
    done = server.execute(
        "DELETE FROM collections WHERE cid = %s AND version = %s", (item.cid, item.base_version)
    ).rowcount
    if done == 0:
        return server.execute("SELECT 1 FROM collections WHERE cid = %s", (item.cid,)).fetchone() is None
    server.execute(
        "INSERT INTO tombstones (kind, key, version) VALUES ('collection', %s, %s) "
        "ON CONFLICT (kind, key) DO UPDATE SET version = excluded.version",
        (item.cid, version),
    )
    return True


def settle(engine: Engine, upload: Upload, version: int) -> None:
    """After the server committed: the uploaded collections are at `version` with what was stored.

    A collection changed again meanwhile differs from its new base and is uploaded next time."""
    with engine.begin() as connection:
        for item in upload.outgoing:
            if item.state is None:
                connection.execute(
                    text("DELETE FROM sync_collections WHERE cid = :c AND collection_id IS NULL"), {"c": item.cid}
                )
            else:
                connection.execute(
                    text("UPDATE sync_collections SET server_version = :v, sync_base = :b WHERE cid = :c"),
                    {"v": version, "b": upload.sent[item.cid].json(), "c": item.cid},
                )


def share_local_only(connection: Connection) -> int:
    """Give every local-only collection a server id, so the next sync uploads it (an admin's
    `--upload-existing`); returns how many."""
    return connection.execute(
        text(
            "INSERT INTO sync_collections (cid, collection_id) SELECT lower(hex(randomblob(16))), id "
            "FROM collections WHERE id NOT IN "
            "(SELECT collection_id FROM sync_collections WHERE collection_id IS NOT NULL)"
        )
    ).rowcount


# --- what the window shows ---------------------------------------------------------------------------
def local_only_ids(connection: Connection) -> set[int]:
    """Collections of a replica that only this laptop has (empty for a library that never joined a server)."""
    joined = connection.execute(text("SELECT library_id IS NOT NULL FROM sync_state WHERE id = 1")).scalar()
    if not joined:
        return set()
    return set(
        connection.execute(
            text("SELECT id FROM collections WHERE id NOT IN "
                 "(SELECT collection_id FROM sync_collections WHERE collection_id IS NOT NULL)")
        ).scalars()
    )


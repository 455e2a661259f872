"""Pull: server changes since the replica's version, in pages, one SQLite transaction per page.

Each page applies records through `ingest.apply.apply_records` (so the text
index and facet fingerprint stay right) and deletes tombstoned resources, then
moves the cursor (version, uid) in the same transaction: an interrupted pull
resumes after the last committed page and applies nothing twice. Local edits
not yet uploaded are merged field by field against their sync base; what
cannot be merged is kept in `sync_conflicts` (the server's value wins until an
admin chooses). A server delete wins over a local edit; the local record is
kept as a conflict so it can be restored.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Generator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine

from reslib_desktop.ingest.apply import apply_records
from reslib_desktop.ingest.batches import _large_cache as large_cache
from reslib_desktop.ingest.stored import ids_of_uids
from reslib_desktop.store.clock import utcnow
from reslib_desktop.sync import collections as collection_sync
from reslib_desktop.sync import conflicts, replica
from reslib_desktop.sync.errors import SyncError
from reslib_desktop.sync.records import Record, changed_fields, merge3, record_from_json

PAGE_ROWS = 2_000
Progress = Callable[[str, int, int], None]  # (phase, done, total)

# Keyset pages: each branch reads at most one page from its (version, uid|key) index and the two merge;
# a plain UNION ALL under the ORDER BY would sort (and render) every remaining change for every page.
_PAGE = """
SELECT version, uid, record::text FROM (
    (SELECT version, uid, record FROM resources WHERE (version, uid) > (%(v)s::bigint, %(u)s::text)
      ORDER BY version, uid LIMIT %(n)s)
    UNION ALL
    (SELECT version, key AS uid, NULL::jsonb AS record FROM tombstones
      WHERE kind = 'resource' AND (version, key) > (%(v)s::bigint, %(u)s::text) ORDER BY version, key LIMIT %(n)s)
) AS changes ORDER BY version, uid LIMIT %(n)s
"""
_COUNT = """
SELECT (SELECT count(*) FROM resources WHERE (version, uid) > (%(v)s::bigint, %(u)s::text))
     + (SELECT count(*) FROM tombstones WHERE kind = 'resource' AND (version, key) > (%(v)s::bigint, %(u)s::text))
"""


@dataclass
class PullReport:
    updated: int = 0
    removed: int = 0
    merged: int = 0
    conflicts: int = 0
    version: int = 0
    collections: int = 0  # shared collections changed or removed
    changed_uids: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ServerLibrary:
    library_id: str
    name: str
    files_url: str | None
    version: int


def server_library(server) -> ServerLibrary:
    row = server.execute("SELECT library_id, name, files_url, version FROM library WHERE id = 1").fetchone()
    if row is None:
        raise SyncError("the server database has no library yet: run 'reslib server init URL' there first")
    return ServerLibrary(*row)


def with_file_urls(record: Record, files_url: str | None) -> Record:
    """Attachments stored on the server by hash only get the URL the file server gives them."""
    if not files_url:
        return record
    base = files_url.rstrip("/")
    attachments = [
        {**a, "url": f"{base}/{a['sha256']}"} if not a.get("url") and a.get("sha256") else a
        for a in record.get("attachments") or []
    ]
    return {**record, "attachments": attachments}


def before_joining(local: Record, server: Record) -> Record:
    """A never-synced local record with what is not an edit taken from the server's.

    Such a library holds the addresses it was imported with; the server may serve the same
    files (same labels) from its own address. Whether a title was derived follows the title
    that wins: a different title is a conflict the server wins by default."""
    mine = {**local, "title_derived": server.get("title_derived")}
    labels = [a.get("label") for a in local.get("attachments") or []]
    if labels == [a.get("label") for a in server.get("attachments") or []]:
        mine["attachments"] = server.get("attachments") or []
    return mine


def check_library(engine: Engine, library: ServerLibrary) -> None:
    """SyncError when this replica belongs to another server library (its data would mix)."""
    state = replica.state_of(engine)
    if state.library_id is not None and state.library_id != library.library_id:
        raise SyncError(
            f"this library is a replica of another server library ({state.server_url}); "
            "use a new library file for this server"
        )


def pull(engine: Engine, server, server_url: str, progress: Progress | None = None) -> PullReport:
    """Apply every server change since the replica's cursor; joins the replica on its first pull."""
    library = server_library(server)
    check_library(engine, library)
    report = PullReport(version=library.version)
    state = replica.state_of(engine)
    # (version, uid) of the last change applied; a finished version is (version + 1, ''): no uid is empty.
    version, after = (state.synced_version, state.cursor_uid) if state.cursor_uid else (state.synced_version + 1, "")
    total = server.execute(_COUNT, {"v": version, "u": after}).fetchone()[0]
    done = 0
    # One SQLite connection for the whole pull (a pooled connection checkpoints each time it is returned)
    # with a larger page cache: the indexes of a first pull grow in random order.
    with engine.connect() as connection, large_cache(connection), closing(_pages(server, version, after)) as pages:
        connection.commit()  # the PRAGMA began a transaction; each page is one of its own
        for rows in pages:
            with connection.begin():
                _apply_page(connection, rows, library, server_url, report)
            version, after = rows[-1][0], rows[-1][1]
            done += len(rows)
            if progress is not None:
                progress("pull", done, max(total, done))
        # Nothing is left after the cursor: every version up to the last one seen is complete.
        final = max(version if after else version - 1, library.version)
        with connection.begin():
            replica.update_state(
                connection, synced_version=final, cursor_uid=None, server_url=server_url,
                library_id=library.library_id, tracking=1,
            )
    report.version = final
    collection_sync.pull_into(engine, server, final, report, progress)
    return report


def _pages(server, version: int, after: str) -> Generator[list, None, None]:
    """The server's pages of changes after (version, after); the next page is read while the caller
    applies this one (PostgreSQL and SQLite work at the same time). Nothing is applied here."""

    def read(version: int, after: str) -> list:
        return server.execute(_PAGE, {"v": version, "u": after, "n": PAGE_ROWS}).fetchall()

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="reslib-pull") as reader:
        rows = read(version, after)
        while rows:
            following = reader.submit(read, rows[-1][0], rows[-1][1]) if len(rows) == PAGE_ROWS else None
            yield rows
            rows = following.result() if following is not None else []


def _apply_page(
    connection: Connection, rows: list, library: ServerLibrary, server_url: str, report: PullReport
) -> None:
    now = utcnow()
    replica.set_tracking(connection, False)
    uids = [row[1] for row in rows]
    ids = ids_of_uids(connection, uids)
    marks = replica.marks(connection, uids)
    pending = {uid: ids[uid] for uid in uids if uid in ids and uid in marks and marks[uid].dirty > 0}
    # Resources this library had before it joined (e.g. the shipped library, edited here) merge
    # against an empty base: equal fields pass, different ones become conflicts, nothing is lost.
    never_synced = {uid: ids[uid] for uid in uids if uid in ids and uid not in marks}
    local = replica.local_records(connection, pending | never_synced)
    writes: dict[str, Record] = {}
    saves: dict[str, tuple] = {}
    doomed: list[int] = []
    gone: list[str] = []
    for version, uid, text in rows:
        mark = marks.get(uid)
        record = json.loads(text) if text is not None else None
        if record is None:
            if uid in ids:
                if uid in local:
                    conflicts.add_deleted_on_server(connection, uid, local[uid], version, now)
                    report.conflicts += 1
                doomed.append(ids[uid])
                report.removed += 1
            gone.append(uid)
            saves.pop(uid, None)
            writes.pop(uid, None)
            continue
        gone = [g for g in gone if g != uid]
        if mark is not None and mark.dirty == 0 and mark.server_version == version and uid in ids:
            continue  # this laptop's own upload coming back: already applied
        incoming = with_file_urls(record, library.files_url)
        base_text = text if incoming is record else json.dumps(incoming, ensure_ascii=False)
        if uid in local:
            base = mark.base if mark and mark.base else {}
            mine = local[uid] if mark is not None else before_joining(local[uid], incoming)
            merge = merge3(base, mine, incoming)
            for name in merge.conflicts:
                conflicts.add_field_conflict(connection, uid, name, local[uid], incoming, version, now)
            report.conflicts += len(merge.conflicts)
            still_mine = bool(changed_fields(incoming, merge.record))
            report.merged += int(still_mine and bool(changed_fields(base, incoming)))
            writes[uid] = merge.record
            saves[uid] = (uid, version, (mark.dirty if mark else 1) if still_mine else 0, base_text)
        else:
            writes[uid] = incoming
            saves[uid] = (uid, version, 0, base_text)
        report.updated += 1
        report.changed_uids.append(uid)
    if doomed:
        replica.delete_resources(connection, doomed)
    if writes:
        apply_records(connection, [record_from_json(r) for r in writes.values()], now)
    replica.drop_marks(connection, gone)
    replica.save_marks(connection, list(saves.values()))
    last_version, last_uid = rows[-1][0], rows[-1][1]
    replica.update_state(
        connection, synced_version=last_version, cursor_uid=last_uid, server_url=server_url,
        library_id=library.library_id,
    )
    replica.set_tracking(connection, True)


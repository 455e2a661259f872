"""Push (admins): every waiting local change in ONE PostgreSQL transaction that succeeds only if the
server still has the versions the changes were made from.

One transaction bumps the library version (the counter row serialises
writers), records a change batch (who, when, what), then per resource
`UPDATE ... WHERE version = base` / `INSERT ... ON CONFLICT DO NOTHING` /
`DELETE ... WHERE version = base` + a tombstone. Any row that does not match
means someone changed it first: the whole transaction rolls back and the caller
pulls (merging) and tries again. Resources with an open conflict wait for the
admin's choice. If the laptop dies after the server committed, the next pull
finds the server equal to the local record and marks it clean: nothing is
applied twice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import Engine, text

from reslib_desktop.ingest.stored import ids_of_uids
from reslib_desktop.sync import collections as collection_sync
from reslib_desktop.sync import conflicts, replica
from reslib_desktop.sync.errors import ReadOnlyAccount, SyncError
from reslib_desktop.sync.pull import ServerLibrary
from reslib_desktop.sync.records import Record, changed_fields


@dataclass
class PushReport:
    uploaded: int = 0
    deleted: int = 0
    held: int = 0  # waiting for a conflict to be resolved
    collections: int = 0  # shared collections uploaded (made, changed or deleted here)
    stale: list[str] = field(default_factory=list)  # changed on the server first: pull, then retry
    version: int | None = None


@dataclass(frozen=True)
class _Upload:
    uid: str
    record: Record | None  # None: deleted here
    base_version: int | None
    seen_dirty: int


class _Stale(Exception):
    def __init__(self, uids: list[str]) -> None:
        super().__init__(", ".join(uids))
        self.uids = uids


def without_file_urls(record: Record, files_url: str | None) -> Record:
    """The record as the server keeps it: URLs this laptop derived from the file server's address dropped."""
    if not files_url:
        return record
    base = files_url.rstrip("/")
    attachments = [
        {**a, "url": None} if a.get("sha256") and a.get("url") == f"{base}/{a['sha256']}" else a
        for a in record.get("attachments") or []
    ]
    return {**record, "attachments": attachments}


def _waiting(engine: Engine, report: PushReport) -> tuple[list[_Upload], list[str]]:
    """The local changes to upload, and the uids marked dirty that turned out unchanged."""
    with engine.connect() as connection:
        held = conflicts.held_uids(connection)
        dirty = replica.dirty_marks(connection)
        ids = ids_of_uids(connection, [m.uid for m in dirty])
        local = replica.local_records(connection, {m.uid: ids[m.uid] for m in dirty if m.uid in ids})
    uploads: list[_Upload] = []
    unchanged: list[str] = []
    for mark in dirty:
        if mark.uid in held:
            report.held += 1
            continue
        record = local.get(mark.uid)
        if record is None and mark.server_version is None:
            unchanged.append(mark.uid)  # made and deleted here, never uploaded
        elif record is not None and mark.base is not None and not changed_fields(mark.base, record):
            unchanged.append(mark.uid)
        else:
            uploads.append(_Upload(mark.uid, record, mark.server_version, mark.dirty))
    return uploads, unchanged


def pending_changes(engine: Engine) -> int:
    """How many resources have local changes waiting to upload."""
    with engine.connect() as connection:
        return replica.pending_count(connection) + collection_sync.pending_count(connection)


def push(engine: Engine, server, library: ServerLibrary) -> PushReport:
    """Upload waiting local changes in one server transaction (see the module's docstring)."""
    import psycopg

    report = PushReport()
    uploads, unchanged = _waiting(engine, report)
    shared = collection_sync.waiting(engine)
    if unchanged:
        with engine.begin() as connection:
            connection.execute(
                text(
                    "UPDATE sync_resources SET dirty = 0 WHERE uid = :uid AND dirty > 0 AND server_version IS NOT NULL"
                ),
                [{"uid": uid} for uid in unchanged],
            )
            connection.execute(
                text("DELETE FROM sync_resources WHERE uid = :uid AND server_version IS NULL"),
                [{"uid": u} for u in unchanged],
            )
    if not uploads and not shared:
        return report
    sent: dict[str, Record] = {}
    try:
        with server.transaction():
            version = server.execute(
                "UPDATE library SET version = version + 1 WHERE id = 1 RETURNING version"
            ).fetchone()[0]
            changed = sum(1 for u in uploads if u.record is not None)
            server.execute(
                "INSERT INTO change_batches (version, summary, resources, deleted) VALUES (%s, %s, %s, %s)",
                (version, f"{changed} changed, {len(uploads) - changed} deleted", changed, len(uploads) - changed),
            )
            stale: list[str] = []
            for upload in uploads:
                if upload.record is None:
                    ok = _delete(server, upload, version)
                else:
                    sent[upload.uid] = without_file_urls(upload.record, library.files_url)
                    ok = _write(server, upload, sent[upload.uid], version)
                if not ok:
                    stale.append(upload.uid)
            stale += collection_sync.upload(server, shared, [u.uid for u in uploads if u.record is None], version)
            if stale:
                raise _Stale(stale)
    except _Stale as refused:
        report.stale = refused.uids
        return report
    except psycopg.errors.InsufficientPrivilege:
        raise ReadOnlyAccount(
            f"your account ({server.info.user}) can only read this library: "
            f"{len(uploads) + len(shared)} local change(s) were not uploaded (an admin account can upload them)"
        ) from None
    except psycopg.Error as error:
        raise SyncError(
            f"upload failed, nothing was changed on the server: {str(error).strip().splitlines()[0]}"
        ) from None
    _settle(engine, uploads, sent, version, library.files_url)
    collection_sync.settle(engine, shared, version)
    report.collections = len(shared)
    report.version = version
    report.uploaded = len(sent)
    report.deleted = len(uploads) - len(sent)
    return report


def _write(server, upload: _Upload, record: Record, version: int) -> bool:
    payload = json.dumps(record, ensure_ascii=False)
    if upload.base_version is None:
        done = server.execute(
            "INSERT INTO resources (uid, record, version) VALUES (%s, %s::jsonb, %s) ON CONFLICT (uid) DO NOTHING",
            (upload.uid, payload, version),
        ).rowcount
        server.execute("DELETE FROM tombstones WHERE kind = 'resource' AND key = %s", (upload.uid,))
    else:
        done = server.execute(
            "UPDATE resources SET record = %s::jsonb, version = %s WHERE uid = %s AND version = %s",
            (payload, version, upload.uid, upload.base_version),
        ).rowcount
    for attachment in record.get("attachments") or []:
        if attachment.get("sha256"):
            server.execute(
                "INSERT INTO files (sha256, size, mime, version) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (sha256) DO NOTHING",
                (attachment["sha256"], attachment.get("size"), attachment.get("mime"), version),
            )
    return done == 1


def _delete(server, upload: _Upload, version: int) -> bool:
    done = server.execute(
        "DELETE FROM resources WHERE uid = %s AND version = %s", (upload.uid, upload.base_version)
    ).rowcount
    if done == 0:
        still_there = server.execute("SELECT 1 FROM resources WHERE uid = %s", (upload.uid,)).fetchone()
        return still_there is None  # already deleted on the server: nothing to do
    server.execute(
        "INSERT INTO tombstones (kind, key, version) VALUES ('resource', %s, %s) "
        "ON CONFLICT (kind, key) DO UPDATE SET version = excluded.version",
        (upload.uid, version),
    )
    return True


def _settle(
    engine: Engine, uploads: list[_Upload], sent: dict[str, Record], version: int, files_url: str | None
) -> None:
    """After the server committed: these uids are at `version`; clean unless edited again meanwhile."""
    from reslib_desktop.sync.pull import with_file_urls

    with engine.begin() as connection:
        for upload in uploads:
            if upload.record is None:
                connection.execute(
                    text("DELETE FROM sync_resources WHERE uid = :uid AND dirty = :seen"),
                    {"uid": upload.uid, "seen": upload.seen_dirty},
                )
                continue
            base = json.dumps(with_file_urls(sent[upload.uid], files_url), ensure_ascii=False)
            connection.execute(
                text(
                    "UPDATE sync_resources SET server_version = :version, sync_base = :base, "
                    "dirty = CASE WHEN dirty = :seen THEN 0 ELSE dirty END WHERE uid = :uid"
                ),
                {"version": version, "base": base, "seen": upload.seen_dirty, "uid": upload.uid},
            )

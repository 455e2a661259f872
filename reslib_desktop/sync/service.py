"""One sync: pull, upload waiting local changes (admins), pull what that made; then offline downloads.

    report = synchronise(library.engine, "postgresql://alice@server/library?sslmode=require")

The server address is remembered in the replica (without any password), so
later syncs need none. Interrupting a sync at any point loses nothing: pages
already pulled stay, the rest follows next time; an upload either committed on
the server (and the next pull settles it) or did not happen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine

from reslib_desktop.store.clock import utcnow
from reslib_desktop.sync import replica
from reslib_desktop.sync.connect import PasswordPrompt, check_url, connect, public_url
from reslib_desktop.sync.errors import NotAReplica, ReadOnlyAccount, SyncCancelled, SyncError
from reslib_desktop.sync.membership import keep_copy_before_join
from reslib_desktop.sync.pull import Progress, PullReport, pull, server_library
from reslib_desktop.sync.push import PushReport, push

MAX_PUSH_TRIES = 3


@dataclass
class SyncReport:
    server_url: str
    version: int = 0
    updated: int = 0
    removed: int = 0
    merged: int = 0
    conflicts: int = 0
    uploaded: int = 0
    deleted: int = 0
    held: int = 0
    not_uploaded: int = 0
    collections_pulled: int = 0  # shared collections changed or removed by the server
    collections_uploaded: int = 0
    read_only: str | None = None  # why local changes were not uploaded
    kept_copy: str | None = None  # the library as it was before its first join (see sync/membership.py)
    changed_uids: list[str] = field(default_factory=list)

    def add_pull(self, part: PullReport) -> None:
        self.updated += part.updated
        self.removed += part.removed
        self.merged += part.merged
        self.conflicts += part.conflicts
        self.collections_pulled += part.collections
        self.version = max(self.version, part.version)
        self.changed_uids.extend(part.changed_uids)

    def add_push(self, part: PushReport) -> None:
        self.uploaded += part.uploaded
        self.deleted += part.deleted
        self.held = part.held
        self.collections_uploaded += part.collections
        if part.version is not None:
            self.version = max(self.version, part.version)

    def summary(self) -> str:
        """One line for a person."""
        parts = [f"{self.updated} updated", f"{self.removed} removed"]
        if self.uploaded or self.deleted:
            parts.append(f"{self.uploaded + self.deleted} uploaded")
        if self.collections_pulled or self.collections_uploaded:
            parts.append(f"{self.collections_pulled + self.collections_uploaded} collection change(s)")
        if self.merged:
            parts.append(f"{self.merged} merged")
        if self.conflicts:
            parts.append(f"{self.conflicts} conflict(s) to review")
        if self.held:
            parts.append(f"{self.held} waiting for a conflict choice")
        if self.not_uploaded:
            parts.append(f"{self.not_uploaded} local change(s) not uploaded")
        return f"synced to version {self.version}: " + ", ".join(parts)


def server_address(engine: Engine, url: str | None) -> str:
    """The URL given, else the one the replica remembers; NotAReplica when neither."""
    if url:
        return public_url(check_url(url))
    state = replica.state_of(engine)
    if not state.server_url:
        raise NotAReplica("this library has never synced: give the server address (reslib sync --server URL)")
    return state.server_url


def synchronise(
    engine: Engine,
    url: str | None = None,
    *,
    prompt: PasswordPrompt | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    password: str | None = None,
) -> SyncReport:
    """Pull, push (when allowed), pull again; raises ServerUnreachable when offline, SyncCancelled when
    `cancel()` turned true (after the page being applied), SyncError otherwise. `password`: typed for this run."""
    address = server_address(engine, url)
    secret_url = url or address  # a password typed in the URL is used for this run only
    # autocommit: each pull query stands alone, and push's server.transaction() is a real BEGIN..COMMIT.
    # A failure is raised, never written into the library: a sync that cannot reach the server leaves the
    # file byte-identical (the window shows the error from memory, the command line prints it).
    server = connect(secret_url, prompt, autocommit=True, password=password)
    report = SyncReport(address)
    kept = keep_copy_before_join(engine)
    report.kept_copy = str(kept) if kept else None
    progress = _stoppable(progress, cancel)
    with server:
        report.add_pull(pull(engine, server, address, progress))
        for _ in range(MAX_PUSH_TRIES):
            if cancel is not None and cancel():
                break
            try:
                pushed = push(engine, server, server_library(server))
            except ReadOnlyAccount as refused:
                report.read_only = str(refused)
                from reslib_desktop.sync.push import pending_changes

                report.not_uploaded = pending_changes(engine)
                break
            report.add_push(pushed)
            if progress is not None and pushed.uploaded + pushed.deleted:
                progress("push", pushed.uploaded + pushed.deleted, pushed.uploaded + pushed.deleted)
            report.add_pull(pull(engine, server, address, progress))
            if not pushed.stale:
                break
        else:
            raise SyncError("the server kept changing the same resources; try again in a moment")
    with engine.begin() as connection:
        replica.update_state(connection, last_synced_at=utcnow(), last_error=None)
    return report


def _stoppable(progress: Progress | None, cancel: Callable[[], bool] | None) -> Progress | None:
    """Progress that also stops the sync when cancel() says so: it is called after each committed page."""
    if cancel is None:
        return progress

    def report(phase: str, done: int, total: int) -> None:
        if progress is not None:
            progress(phase, done, total)
        if cancel():
            raise SyncCancelled(f"sync stopped after {done:,} of {total:,} changes; the next sync goes on from there")

    return report

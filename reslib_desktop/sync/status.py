"""What the window's status bar and `reslib sync --status` show about a replica."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, text

from reslib_desktop.sync import collections as collection_sync
from reslib_desktop.sync import replica


@dataclass(frozen=True)
class SyncStatus:
    server_url: str | None
    synced_version: int
    last_synced_at: datetime | None  # UTC
    pending: int  # resources and shared collections with local changes not uploaded yet
    conflicts: int  # open conflicts

    @property
    def joined(self) -> bool:
        return self.server_url is not None


def sync_status(engine: Engine) -> SyncStatus:
    with engine.connect() as connection:
        state = replica.read_state(connection)
        pending = replica.pending_count(connection) + collection_sync.pending_count(connection)
        conflicts = connection.execute(
            text("SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL")
        ).scalar_one()
    return SyncStatus(
        state.server_url, state.synced_version, state.last_synced_at, pending, conflicts
    )


def share_existing(engine: Engine) -> int:
    """Mark resources the server does not know, and local-only collections, for upload; returns how many
    resources."""
    with engine.begin() as connection:
        collection_sync.share_local_only(connection)
        return connection.execute(
            text(
                "INSERT INTO sync_resources (uid, dirty) SELECT uid, 1 FROM resources "
                "WHERE uid NOT IN (SELECT uid FROM sync_resources)"
            )
        ).rowcount

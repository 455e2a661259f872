"""The part of `Library` that syncs with the organisation's server (reslib_desktop/sync), as a mixin."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

if TYPE_CHECKING:
    from reslib_desktop.offline.models import FetchReport
    from reslib_desktop.offline.service import OfflineService
    from reslib_desktop.sync.conflicts import SyncConflict
    from reslib_desktop.sync.probe import ServerProbe
    from reslib_desktop.sync.service import SyncReport
    from reslib_desktop.sync.status import SyncStatus


class LibrarySync:
    """Sync methods of an open library; `Library` supplies the engine and the offline service."""

    _engine: Engine

    if TYPE_CHECKING:  # provided by Library
        def offline_service(self, cache_dir: Path | None = None) -> OfflineService: ...

    def sync(self, server_url: str | None = None, **options: object) -> SyncReport:
        """Pull from the server, upload waiting local changes (admins), pull again.

        Options: prompt (password prompt), progress(phase, done, total), cancel() -> bool.
        ServerUnreachable when offline; SyncError (one line) for anything else.
        """
        from reslib_desktop.sync.service import synchronise

        return synchronise(self._engine, server_url, **options)  # type: ignore[arg-type]

    def download_synced_offline(
        self, report: SyncReport, cache_dir: Path | None = None, **options: object
    ) -> FetchReport | None:
        """After a sync: download the attachments of changed resources that this laptop keeps offline
        (pinned collections or files) and lacks. None when there is nothing to fetch."""
        from reslib_desktop.sync.downloads import offline_attachments

        wanted = offline_attachments(self._engine, report.changed_uids)
        if not wanted:
            return None
        service = self.offline_service(cache_dir)
        service.queue(wanted)
        return service.fetch(wanted, **options)  # type: ignore[arg-type]

    def sync_status(self) -> SyncStatus:
        """Where this library syncs to, when it last did, and what waits (local changes, conflicts)."""
        from reslib_desktop.sync.status import sync_status

        return sync_status(self._engine)

    def sync_conflicts(self) -> list[SyncConflict]:
        """Open conflicts from syncing, oldest first."""
        from reslib_desktop.sync.conflicts import open_conflicts

        return open_conflicts(self._engine)

    def resolve_sync_conflict(self, conflict_id: int, choice: str) -> SyncConflict:
        """Close a conflict keeping 'server' or 'mine' (uploaded by the next sync)."""
        from reslib_desktop.sync.conflicts import resolve

        return resolve(self._engine, conflict_id, choice)

    def publish_files(self, folder: Path, cache_dir: Path | None = None) -> tuple[int, int]:
        """Copy cached attachment files into a server file folder (named by sha256); (copied, already there)."""
        from reslib_desktop.paths import cache_dir as default_cache_dir
        from reslib_desktop.sync.files import publish_files

        return publish_files(self._engine, Path(cache_dir) if cache_dir else default_cache_dir(), Path(folder))

    def probe_server(self, server_url: str, password: str | None = None) -> ServerProbe:
        """Sign in to a server without joining it: the account's role and the library's name and size.
        ServerUnreachable, or ServerRefused with a `kind` (wrong password, not a reslib server, TLS...)."""
        from reslib_desktop.sync.probe import probe_server

        return probe_server(server_url, password)

    def remember_server_password(self, server_url: str, password: str) -> bool:
        """Save the password in the system keyring (never in a file); False when there is no keyring."""
        from reslib_desktop.sync.connect import remember_password

        return remember_password(server_url, password)

    def leave_server(self) -> str | None:
        """Stop syncing: forget the server address and its saved password; the resources stay. The address left."""
        from reslib_desktop.sync.membership import leave_server

        return leave_server(self._engine)

    def share_existing_resources(self) -> int:
        """Mark every resource not on the server yet for upload by the next sync (an admin seeding a server)."""
        from reslib_desktop.sync.status import share_existing

        return share_existing(self._engine)

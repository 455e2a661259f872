"""The copy of a library kept before this version upgrades its schema.

Each upgrade keeps one copy beside the file, named for the schema it upgrades to
(`library.db.before-0008_….bak`), made through SQLite's backup API (`consistent_copy`). Copies do not
pile up: after a new one is made, only the newest `UPGRADE_COPIES_KEPT` of them stay. An older copy
holds an older state of the same library than the newest does, and at 1,000,000 resources each is
about 1.2 GB. Files that only look alike (another schema's name, the `.before-join.bak` of a sync
join) are never touched.
"""

from __future__ import annotations

from pathlib import Path

from reslib_desktop.store.sqlite_files import HEAD_REVISION, KNOWN_REVISIONS, consistent_copy

UPGRADE_COPIES_KEPT = 2


def upgrade_copy_path(library_file: Path, revision: str = HEAD_REVISION) -> Path:
    """Where the copy kept before an upgrade to `revision` lies."""
    return library_file.with_name(f"{library_file.name}.before-{revision}.bak")


def keep_copy_before_upgrade(library_file: Path) -> None:
    """Copy the library before it is upgraded to this version's schema, then remove the copies older than
    the newest `UPGRADE_COPIES_KEPT` (`reslib db upgrade` names them by listing `upgrade_copies` before)."""
    consistent_copy(library_file, upgrade_copy_path(library_file))
    existing = upgrade_copies(library_file)
    for path in existing[: max(0, len(existing) - UPGRADE_COPIES_KEPT)]:  # KNOWN_REVISIONS runs oldest first
        path.unlink(missing_ok=True)


def upgrade_copies(library_file: Path) -> list[Path]:
    """The upgrade copies kept beside a library file, oldest first."""
    return [path for revision in KNOWN_REVISIONS if (path := upgrade_copy_path(library_file, revision)).is_file()]

"""`reslib sync [--server URL]`, `reslib sync status`, `reslib sync conflicts [resolve ID --keep mine|server]`.

Exit codes: 0 synced; 1 offline, sign-in refused, or local changes refused by a
read-only account (the pull still happened); 2 usage.
"""

from __future__ import annotations

import argparse
import sys
import time

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def register(subparsers: argparse._SubParsersAction) -> None:
    sync = subparsers.add_parser("sync", help="sync this library with the organisation's server library")
    sync.add_argument(
        "--server", metavar="URL",
        help="postgresql://user@host/database[?sslmode=require] (remembered, without any password)",
    )
    sync.add_argument(
        "--upload-existing", action="store_true",
        help="admins: also upload resources and collections this library had before it joined the server",
    )
    sync.set_defaults(handler=run_sync)
    commands = sync.add_subparsers(dest="sync_command", parser_class=subparsers._parser_class)
    status = commands.add_parser("status", help="server, last sync, local changes waiting, conflicts")
    status.set_defaults(handler=run_status)
    conflicts = commands.add_parser("conflicts", help="list conflicts, or resolve one")
    conflicts.set_defaults(handler=run_conflicts, conflict_id=None)
    actions = conflicts.add_subparsers(dest="conflicts_command", parser_class=subparsers._parser_class)
    resolve = actions.add_parser("resolve", help="keep your value ('mine', uploaded next sync) or the server's")
    resolve.add_argument("conflict_id", type=int, metavar="ID")
    resolve.add_argument("--keep", choices=["mine", "server"], required=True)
    resolve.set_defaults(handler=run_conflicts)


def _open(args: argparse.Namespace):
    from reslib_desktop.library import Library
    from reslib_desktop.paths import resolve_db

    path, _ = resolve_db(args.db)
    # Joining a server with a new library file makes the file (a fresh replica).
    return Library.open(path, create=bool(getattr(args, "server", None)))


def _prompt(text: str) -> str | None:
    if not sys.stdin.isatty():
        return None
    import getpass

    return getpass.getpass(text)


class _Progress:
    """Progress lines on stderr, at most one a second (and the last)."""

    def __init__(self) -> None:
        self.shown = 0.0

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.shown < 1.0:
            return
        self.shown = now
        verb = "pulled" if phase == "pull" else "uploaded"
        print(f"{verb} {done:,} of {total:,} changes", file=sys.stderr)


def run_sync(args: argparse.Namespace) -> int:
    from reslib_desktop.commands.search_index import bring_up_to_date
    from reslib_desktop.library import ServerUnreachable, SyncError

    with _open(args) as library:
        if args.upload_existing:
            marked = library.share_existing_resources()
            print(f"{marked} existing resource(s) marked for upload", file=sys.stderr)
        try:
            report = library.sync(args.server, prompt=_prompt, progress=_Progress())
        except ServerUnreachable as error:
            print(f"reslib: offline: {error}; the library on this computer is unchanged", file=sys.stderr)
            return EXIT_INPUT
        except SyncError as error:
            print(f"reslib: {error}", file=sys.stderr)
            return EXIT_INPUT
        fetched = _download_offline(library, report, args)
        bring_up_to_date(library)  # the pulled resources and what was downloaded
    print(report.summary())
    if report.kept_copy:
        print(f"the library as it was before joining is kept in {report.kept_copy}", file=sys.stderr)
    if fetched is not None:
        print(f"offline attachments: {len(fetched.cached)} downloaded, {len(fetched.failed)} failed")
    if report.conflicts:
        print("review conflicts: reslib sync conflicts", file=sys.stderr)
    if report.read_only:
        print(f"reslib: {report.read_only}", file=sys.stderr)
        return EXIT_INPUT
    return EXIT_OK


def _download_offline(library, report, args: argparse.Namespace):
    """Attachments kept offline (pinned collections) of the resources the sync changed."""
    from reslib_desktop.paths import cache_dir

    return library.download_synced_offline(report, cache_dir(args.cache_dir))


def run_status(args: argparse.Namespace) -> int:
    with _open(args) as library:
        status = library.sync_status()
    if not status.joined:
        print("not synced with a server (reslib sync --server URL)")
        return EXIT_OK
    print(f"server:   {status.server_url}")
    print(f"version:  {status.synced_version}")
    when = status.last_synced_at.strftime("%Y-%m-%d %H:%M UTC") if status.last_synced_at else "never"
    print(f"synced:   {when}")
    print(f"waiting:  {status.pending} local change(s) to upload")
    print(f"conflicts: {status.conflicts}")
    return EXIT_OK


def run_conflicts(args: argparse.Namespace) -> int:
    from reslib_desktop.library import SyncError

    with _open(args) as library:
        if getattr(args, "conflicts_command", None) == "resolve":
            try:
                conflict = library.resolve_sync_conflict(args.conflict_id, args.keep)
            except SyncError as error:
                print(f"reslib: {error}", file=sys.stderr)
                return EXIT_INPUT
            kept = "your value (uploaded by the next sync)" if args.keep == "mine" else "the server's value"
            print(f"conflict #{conflict.id} resolved: kept {kept}")
            return EXIT_OK
        conflicts = library.sync_conflicts()
    if not conflicts:
        print("no conflicts")
    for conflict in conflicts:
        print(conflict.describe())
    return EXIT_OK

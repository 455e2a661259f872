"""`reslib server init|add-user|trial|files|search`: the organisation's shared library on PostgreSQL.

Exit codes: 0 done; 1 the server refused or could not be reached; 2 usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def register(subparsers: argparse._SubParsersAction) -> None:
    server = subparsers.add_parser("server", help="the organisation's shared library on PostgreSQL")
    commands = server.add_subparsers(dest="server_command", required=True, parser_class=subparsers._parser_class)

    init = commands.add_parser(
        "init", help="create or upgrade the schema and the reader/admin roles (as the database owner)"
    )
    init.add_argument("url", metavar="URL", help="postgresql://owner@host/database")
    init.add_argument("--name", default="", help="the library's name")
    init.add_argument("--files-url", metavar="URL", help="where attachment files are served: URL/<sha256>")
    init.set_defaults(handler=run_init)

    user = commands.add_parser("add-user", help="an account that may read (case workers) or also write (admins)")
    user.add_argument("url", metavar="URL", help="postgresql://owner@host/database")
    user.add_argument("name")
    user.add_argument("--role", choices=["reader", "admin"], required=True)
    user.add_argument("--password-env", metavar="VAR", help="take the password from this environment variable")
    user.add_argument("--no-password", action="store_true", help="no password (the server authenticates otherwise)")
    user.set_defaults(handler=run_add_user)

    trial = commands.add_parser("trial", help="a local trial in one folder: server, accounts, the shipped library")
    trial.add_argument("folder", type=Path)
    trial.add_argument("--port", type=int, default=54329)
    trial.add_argument("--files-url", metavar="URL", help="where attachment files are served (see 'server files')")
    trial.add_argument("--stop", action="store_true", help="stop the trial server")
    trial.set_defaults(handler=run_trial)

    files = commands.add_parser(
        "files", help="serve a folder of attachment files (named by sha256) over HTTP, read-only"
    )
    files.add_argument("folder", type=Path)
    files.add_argument("--port", type=int, default=8000)
    files.add_argument("--bind", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    files.add_argument("--publish", action="store_true", help="first copy this library's cached files into the folder")
    files.set_defaults(handler=run_files)

    search = commands.add_parser("search", help="search the server library directly (no replica needed)")
    search.add_argument("url", metavar="URL")
    search.add_argument("text", nargs="*")
    search.add_argument("--limit", type=int, default=20, metavar="N")
    search.set_defaults(handler=run_search)


def _fail(error: Exception) -> int:
    print(f"reslib: {error}", file=sys.stderr)
    return EXIT_INPUT


def run_init(args: argparse.Namespace) -> int:
    from reslib_desktop.library import SyncError, init_server, public_url

    try:
        library_id = init_server(args.url, name=args.name, files_url=args.files_url)
    except SyncError as error:
        return _fail(error)
    print(f"server library ready at {public_url(args.url)} (id {library_id})")
    print("next: reslib server add-user URL NAME --role admin|reader")
    return EXIT_OK


def run_add_user(args: argparse.Namespace) -> int:
    from reslib_desktop.library import SyncError, add_server_user

    password = None
    if args.password_env:
        password = os.environ.get(args.password_env)
        if not password:
            print(f"reslib: ${args.password_env} is empty", file=sys.stderr)
            return EXIT_USAGE
    elif not args.no_password:
        if not sys.stdin.isatty():
            print("reslib: give --password-env VAR or --no-password (no terminal to ask on)", file=sys.stderr)
            return EXIT_USAGE
        import getpass

        password = getpass.getpass(f"Password for {args.name}: ")
        if password != getpass.getpass("Again: "):
            print("reslib: the passwords differ; nothing was changed", file=sys.stderr)
            return EXIT_INPUT
    try:
        add_server_user(args.url, args.name, args.role, password)
    except SyncError as error:
        return _fail(error)
    print(f"{args.name}: {args.role}")
    return EXIT_OK


def run_trial(args: argparse.Namespace) -> int:
    from reslib_desktop.library import ClusterError, SyncError, start_trial, stop_trial
    from reslib_desktop.paths import shipped_db

    if args.stop:
        stop_trial(args.folder, args.port)
        print(f"trial server in {args.folder} stopped")
        return EXIT_OK
    try:
        trial = start_trial(args.folder, shipped_db(), args.port, args.files_url)
    except (ClusterError, SyncError) as error:
        return _fail(error)
    port = f" --port {args.port}" if args.port != 54329 else ""
    print(f"trial server running in {args.folder} (stop: reslib server trial {args.folder}{port} --stop)")
    if trial.uploaded:
        print(f"an admin laptop ({trial.admin_library}) uploaded {trial.uploaded} resources")
    print(f"admin account:  {trial.admin_url}")
    print(f"reader account: {trial.reader_url}")
    print(f"join a laptop:  reslib --db laptop.db sync --server '{trial.reader_url}'")
    return EXIT_OK


def run_files(args: argparse.Namespace) -> int:
    import functools
    import http.server

    if args.publish:
        from reslib_desktop.library import Library
        from reslib_desktop.paths import cache_dir, resolve_db

        path, _ = resolve_db(args.db)
        with Library.open(path, read_only=True) as library:
            copied, present = library.publish_files(args.folder, cache_dir(args.cache_dir))
        print(f"{copied} file(s) copied into {args.folder}, {present} already there", file=sys.stderr)
    if not args.folder.is_dir():
        print(f"reslib: {args.folder} is not a folder", file=sys.stderr)
        return EXIT_INPUT
    class ReadOnlyFiles(http.server.SimpleHTTPRequestHandler):
        """Files only: no folder listings."""

        def list_directory(self, path: object) -> None:
            self.send_error(404, "no listing")

    handler = functools.partial(ReadOnlyFiles, directory=str(args.folder))
    with http.server.ThreadingHTTPServer((args.bind, args.port), handler) as httpd:
        print(f"serving {args.folder} at http://{args.bind}:{args.port}/ (Ctrl+C stops)", file=sys.stderr)
        httpd.serve_forever()
    return EXIT_OK


def run_search(args: argparse.Namespace) -> int:
    from reslib_desktop.library import SyncError

    try:
        return print_server_search(args.url, " ".join(args.text), args.limit)
    except SyncError as error:
        return _fail(error)


def search_server(args: argparse.Namespace) -> int:
    """`reslib --server URL search WORDS [--type T] [--limit N]` (the other filters need a replica)."""
    from reslib_desktop.library import SyncError, canonical_type

    if args.topic or args.audience or args.year_from or args.year_to or args.json:
        print("reslib: with --server, search takes words, --type and --limit (sync a replica for the rest)",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        return print_server_search(
            args.server, " ".join(args.text), args.limit, [canonical_type(t) or t for t in args.type]
        )
    except SyncError as error:
        return _fail(error)


def print_server_search(url: str, words: str, limit: int, types: list[str] | None = None) -> int:
    """Print server matches as `reslib search` prints local ones."""
    from datetime import date

    from reslib_desktop.library import display_date, server_search, type_label

    hits = server_search(url, words, limit, types or ())
    shown = len(hits.records)
    print(
        f"{hits.total} resource{'s' if hits.total != 1 else ''}" + (f" (showing {shown})" if hits.total > shown else "")
    )
    for record in hits.records:
        published = record.get("published") or {}
        value = date.fromisoformat(published["value"]) if published.get("value") else None
        when = display_date(value, published.get("precision") or "unknown") or "no date"
        print(f"- {record['title']}  [{type_label(record.get('type'))}; {when}]")
        for attachment in record.get("attachments") or []:
            print(f"    · {attachment['label']}")
    return EXIT_OK

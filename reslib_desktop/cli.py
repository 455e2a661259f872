"""`reslib`: the command line. Exit codes: 0 ok, 1 the input had errors (or the library could not be
read or written: one line says why), 2 usage, 141 the reader of the output stopped early (`| head`).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from reslib_desktop import __version__

if TYPE_CHECKING:
    from reslib_desktop.quick_library import ResourceDetail

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2
EXIT_BROKEN_PIPE = 141  # what a shell reports for a program stopped by SIGPIPE


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="reslib", description="Search and manage a reslib-desktop library.")
    parser.add_argument("--version", action="version", version=f"reslib {__version__}")
    parser.add_argument("--db", metavar="PATH", help="library file (default: $RESLIB_DB, else your library)")
    parser.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="offline attachment cache (default: $RESLIB_CACHE_DIR, else your cache folder)",
    )
    parser.add_argument("--server", metavar="URL", help="search: the organisation's server library instead (postgresql://...)")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for module in _command_modules():
        module.register(commands)

    search = commands.add_parser("search", help="search the library")
    search.add_argument("text", nargs="*", help='words, "phrases", -exclude, OR, type:/topic:/year: filters')
    search.add_argument("--type", action="append", default=[], metavar="T", help="resource type (repeatable)")
    search.add_argument("--topic", action="append", default=[], metavar="T", help="topic (repeatable)")
    search.add_argument("--audience", action="append", default=[], metavar="A", help="audience (repeatable)")
    search.add_argument("--year-from", type=int, metavar="Y")
    search.add_argument("--year-to", type=int, metavar="Y")
    search.add_argument("--sort", choices=["relevance", "date", "title", "type"], default="relevance")
    search.add_argument("--reverse", action="store_true", help="reverse the sort order")
    search.add_argument("--limit", type=_positive_int, default=20, metavar="N")
    search.add_argument("--json", action="store_true", help="print one JSON document")

    db = commands.add_parser("db", help="library files")
    db_commands = db.add_subparsers(dest="db_command", required=True, parser_class=_Parser)
    info = db_commands.add_parser("info", help="counts by table, schema version, path")
    info.add_argument("--json", action="store_true")
    build = db_commands.add_parser("build-default", help="rebuild the shipped library from assets/library/")
    build.add_argument("--out", metavar="PATH", help="where to write it (default: the shipped resources.db)")
    build.add_argument("--assets", metavar="DIR", help="input folder (default: assets/library)")
    db_commands.add_parser("check", help="check the library file and its search index for damage")
    db_commands.add_parser(
        "upgrade", help="upgrade a library made by an older version to this one (a copy of it is kept beside it)"
    )
    db_commands.add_parser(
        "rebuild-index", help="rebuild the search index from the resources (repairs a damaged index)"
    )
    return parser


def _command_modules() -> list:
    """Command groups that live in their own modules (each has register(subparsers) and run(args))."""
    import importlib

    modules = []
    for name in COMMAND_MODULES:
        try:
            modules.append(importlib.import_module(f"reslib_desktop.commands.{name}"))
        except ModuleNotFoundError as error:
            if error.name != f"reslib_desktop.commands.{name}":
                raise
    return modules


# Each module is reslib_desktop/commands/<name>.py; it registers its own subcommand(s) and sets
# `handler=run` on them (args.handler(args) -> exit code). Keep their imports light: parsing
# must not import Qt, SQLAlchemy or PDF libraries.
COMMAND_MODULES = ("cache", "imports", "bundle", "sync", "server", "index")


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        code = _run(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
        return code
    except BrokenPipeError:
        # The reader (`| head`) stopped early: exit quietly. Python's documented recipe: point
        # stdout at devnull so the flush at exit does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def run_and_exit() -> NoReturn:
    """The `reslib` command: `main()`, then the process ends without the interpreter's teardown.

    By then every library, file and temporary folder is closed (main's `with` blocks); the teardown
    would only free the remaining objects one by one, which after an import of 100,000 records takes
    about half a second. The operating system takes the memory back at once."""
    from reslib_desktop.commands.process_end import end_without_teardown

    end_without_teardown()
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed or vanished reader: nothing more can be said to it
            pass
    os._exit(code)


def _run(args: argparse.Namespace) -> int:
    from reslib_desktop.quick_library import LibraryError  # library.py's own, without importing SQLAlchemy

    try:
        if getattr(args, "handler", None) is not None:
            return args.handler(args)
        if args.command == "search":
            return _search(args)
        if args.command == "db" and args.db_command == "info":
            return _db_info(args)
        if args.command == "db" and args.db_command == "build-default":
            return _build_default(args)
        if args.command == "db" and args.db_command == "upgrade":
            return _db_upgrade(args)
        if args.command == "db" and args.db_command == "check":
            return _db_check(args)
        if args.command == "db" and args.db_command == "rebuild-index":
            return _db_rebuild_index(args)
    except LibraryError as error:
        print(f"reslib: {error}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        raise
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # storage errors become one line; anything else is a bug (traceback)
        line = _storage_line(error, args)
        if line is None and not isinstance(error, (OSError, ValueError)):
            raise
        print(f"reslib: {line or error}", file=sys.stderr)
        return EXIT_INPUT
    return EXIT_USAGE


def _library_path(args: argparse.Namespace) -> Path:
    """The library a command works on, for messages (never copies the shipped library)."""
    from reslib_desktop.paths import ENV_DB, user_db

    named = args.db or os.environ.get(ENV_DB)
    return Path(named).expanduser() if named else user_db()


def _storage_line(error: BaseException, args: argparse.Namespace) -> str | None:
    """One line for a failure to read or write the library (full disk, read-only, damaged), else None."""
    from reslib_desktop.library import failure_line

    rebuild = "reslib " + (f"--db {shlex.quote(args.db)} " if args.db else "") + "db rebuild-index"
    return failure_line(error, _library_path(args), rebuild)


def _open_library(args: argparse.Namespace):
    from reslib_desktop.library import Library
    from reslib_desktop.paths import resolve_db

    path, _ = resolve_db(args.db)
    return Library.open(path, read_only=True)


# Set (to anything but "" or "0") to answer `reslib search` through `Library` even when the quick path
# could: the tests compare the two paths' output.
ENV_FULL_SEARCH = "RESLIB_FULL_SEARCH"


def _search(args: argparse.Namespace) -> int:
    if args.server:
        from reslib_desktop.commands.server import search_server

        return search_server(args)
    from reslib_desktop.paths import resolve_db
    from reslib_desktop.quick_library import SearchQuery, SortKey, canonical_type, parse_query, quick_search

    text_query = parse_query(" ".join(args.text))
    if args.year_from is not None or args.year_to is not None:
        text_query = replace(
            text_query,
            year_from=args.year_from if args.year_from is not None else text_query.year_from,
            year_to=args.year_to if args.year_to is not None else text_query.year_to,
        )
    # --topic/--audience read as typed topic:/audience: filters (any of the values given), which find a
    # topic whatever its case and accents; a sidebar selection would need the name exactly.
    chosen = tuple((facet, frozenset(values)) for facet, values in (("topic", args.topic), ("audience", args.audience))
                   if values)
    text_query = replace(text_query, filters=text_query.filters + chosen)
    query = SearchQuery(text=text_query, sort=SortKey(args.sort), descending=not args.reverse)
    if args.type:
        query = query.with_selection("type", {canonical_type(t) or t for t in args.type})
    path, _ = resolve_db(args.db)
    # The quick path (sqlite3 + the current search index, no SQLAlchemy) when it can answer; else the
    # library opened in full, which also builds or catches up the index and words every error.
    quick = None if os.environ.get(ENV_FULL_SEARCH, "") not in ("", "0") else quick_search(path, query, args.limit)
    details: list[ResourceDetail | None]
    if quick is not None:
        total, details = quick.total, list(quick.details)
    else:
        from reslib_desktop.library import Library

        with Library.open(path, read_only=True) as library:
            page = library.search(query, 0, args.limit)
            total, details = page.total, [library.resource(row.id) for row in page.rows]
    for note in text_query.notes:
        print(f"note: {note}", file=sys.stderr)
    if args.json:
        document = [_resource_json(detail) for detail in details if detail is not None]
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    _print_found(total, details)
    return EXIT_OK


def _print_found(total: int, details: list[ResourceDetail | None]) -> None:
    """The count line, then each resource with its type, date and attachments."""
    from reslib_desktop.quick_library import display_date, type_label

    shown = f" (showing {len(details)})" if total > len(details) else ""
    print(f"{total} resource{'s' if total != 1 else ''}{shown}")
    for detail in details:
        if detail is None:
            continue
        when = display_date(detail.published, detail.published_precision) or "no date"
        print(f"- {detail.title}  [{type_label(detail.resource_type)}; {when}]")
        for attachment in detail.attachments:
            print(f"    · {attachment.label}")


def _resource_json(detail: ResourceDetail) -> dict:
    return {
        "uid": detail.uid,
        "title": detail.title,
        "title_derived": detail.title_derived,
        "subtitle": detail.subtitle,
        "date_text": detail.published_text,
        "date": detail.published.isoformat() if detail.published else None,
        "precision": detail.published_precision,
        "type": detail.resource_type,
        "topics": detail.topics,
        "audience": detail.audiences,
        "description": detail.description,
        "attachments": [{"label": a.label, "url": a.url} for a in detail.attachments],
        "source": detail.source_url,
    }


def _db_info(args: argparse.Namespace) -> int:
    with _open_library(args) as library:
        info = library.info()
    if args.json:
        json.dump(
            {"path": str(info.path), "schema_revision": info.schema_revision, "counts": info.counts, "meta": info.meta},
            sys.stdout,
            indent=2,
        )
        sys.stdout.write("\n")
        return EXIT_OK
    print(f"library: {info.path}")
    print(f"schema:  {info.schema_revision}")
    for name, number in info.counts.items():
        print(f"{name + ':':13}{number}")
    if "built_at" in info.meta:
        print(f"built:   {info.meta['built_at']}")
    return EXIT_OK


def _db_upgrade(args: argparse.Namespace) -> int:
    from reslib_desktop.library import HEAD_REVISION, Library
    from reslib_desktop.paths import resolve_db

    path, _ = resolve_db(args.db)
    if not Library.upgrade_pending(path):
        with Library.open(path, read_only=True):  # a missing, foreign or newer file: its own one-line error
            pass
        print(f"{path}: already at schema {HEAD_REVISION}; nothing to do")
        return EXIT_OK
    from reslib_desktop.library import UPGRADE_COPIES_KEPT, upgrade_copies, upgrade_copy_path

    print(f"upgrading {path} (a copy of it as it was is kept beside it)…", file=sys.stderr)
    earlier = upgrade_copies(path)
    with Library.open(path) as library:
        revision = library.info().schema_revision
    print(f"upgraded {path} to schema {revision}; the copy: {upgrade_copy_path(path).name}")
    removed = [copy.name for copy in earlier if not copy.exists()]
    if removed:
        print(f"removed older copies (the newest {UPGRADE_COPIES_KEPT} are kept): {', '.join(removed)}")
    return EXIT_OK


def _db_check(args: argparse.Namespace) -> int:
    with _open_library(args) as library:
        problems = library.check()
    for problem in problems:
        print(f"reslib: {library.path}: {problem}", file=sys.stderr)
    if problems:
        return EXIT_INPUT
    print(f"{library.path}: no damage found")
    return EXIT_OK


def _db_rebuild_index(args: argparse.Namespace) -> int:
    from reslib_desktop.library import Library
    from reslib_desktop.paths import resolve_db

    path, _ = resolve_db(args.db)
    with Library.open(path) as library:
        library.rebuild_search_index()
        problems = library.check()
    if problems:
        print(f"reslib: {path}: the index was rebuilt but the file is still damaged: {problems[0]}", file=sys.stderr)
        return EXIT_INPUT
    print(f"rebuilt the search index of {path}")
    return EXIT_OK


def _build_default(args: argparse.Namespace) -> int:
    from reslib_desktop.library import ImportFormatError, build_default_library
    from reslib_desktop.paths import assets_dir, shipped_db

    folder = Path(args.assets) if args.assets else assets_dir() / "library"
    out = Path(args.out) if args.out else shipped_db()
    try:
        report = build_default_library(folder, out)
    except ImportFormatError as error:
        print(f"reslib: {error}", file=sys.stderr)
        return EXIT_INPUT
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"wrote {report.path}: {report.resources} resources from {report.records_read} records")
    return EXIT_OK


if __name__ == "__main__":
    run_and_exit()

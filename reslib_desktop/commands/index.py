"""`reslib index rebuild|status`: the search index beside the library (see search/location.py).

The index is derived from the library and rebuilt on its own when missing, stale or of an older
format; `rebuild` forces it (e.g. to measure, or after copying a library with its folder).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

EXIT_OK = 0


def register(subparsers: argparse._SubParsersAction) -> None:
    index = subparsers.add_parser("index", help="the search index: rebuild it, or show where it is and how current")
    commands = index.add_subparsers(dest="index_command", required=True, parser_class=subparsers._parser_class)
    rebuild = commands.add_parser("rebuild", help="rebuild the search index from the library")
    rebuild.set_defaults(handler=run_rebuild)
    status = commands.add_parser("status", help="where the index is, its documents and pending changes")
    status.add_argument("--json", action="store_true", help="print one JSON document")
    status.set_defaults(handler=run_status)


def _library(args: argparse.Namespace):
    from reslib_desktop.library import Library
    from reslib_desktop.paths import resolve_db

    path, _ = resolve_db(args.db)
    return Library.open(path, read_only=True)  # the index is written beside it (or in the cache), never the file


def run_rebuild(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    with _library(args) as library:
        count = library.rebuild_index_only()
        where = library.search_index_dir
    seconds = time.perf_counter() - started
    print(f"indexed {count} resource{'s' if count != 1 else ''} in {seconds:.1f} s: {where or 'in memory'}")
    return EXIT_OK


def run_status(args: argparse.Namespace) -> int:
    with _library(args) as library:
        status = library.search_index_status()
    if args.json:
        json.dump(status, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    print(f"index:     {status['directory'] or 'in memory'}")
    print(f"documents: {status['documents']}")
    print(f"format:    {status['schema_version']}")
    return EXIT_OK

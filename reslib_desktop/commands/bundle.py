"""`reslib bundle export|import`: portable libraries (resources, cached attachment files, a manifest).

Exit codes: 0 done, 1 refused or the input had errors (nothing was changed), 2 usage.
Only argparse is imported at module level.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def register(subparsers: argparse._SubParsersAction) -> None:
    bundle = subparsers.add_parser("bundle", help="portable libraries: export or import a bundle (.zip)")
    commands = bundle.add_subparsers(dest="bundle_command", required=True, parser_class=subparsers._parser_class)
    export = commands.add_parser(
        "export", help="write the library (or a search, or a collection) with its cached files"
    )
    export.add_argument("path", metavar="PATH.zip")
    export.add_argument("text", nargs="*", help="search words: bundle only the matches (default: everything)")
    export.add_argument("--collection", metavar="NAME", help="bundle the resources of this collection, in its order")
    export.set_defaults(handler=run_export)
    imp = commands.add_parser("import", help="verify a bundle, then merge it into the library by uid")
    imp.add_argument("path", metavar="PATH.zip")
    imp.add_argument("--dry-run", action="store_true", help="verify and show what would change; change nothing")
    imp.add_argument("--json", action="store_true", help="print one JSON document")
    imp.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from reslib_desktop.library import (
        Library,
        SearchQuery,
        SortKey,
        export_bundle,
        parse_query,
    )
    from reslib_desktop.paths import cache_dir, resolve_db

    if args.collection and args.text:
        print("reslib bundle export: error: give search words or --collection, not both", file=sys.stderr)
        return EXIT_USAGE
    db, _ = resolve_db(args.db)
    with Library.open(db, read_only=True) as library:
        if args.collection:
            members = library.collection_members(args.collection)
            if members is None:
                print(f"reslib: no collection named {args.collection!r}", file=sys.stderr)
                return EXIT_INPUT
            ids: Sequence[int] = members
        else:
            query = SearchQuery(text=parse_query(" ".join(args.text)), sort=SortKey.TITLE, descending=False)
            ids = library.all_resource_ids(query)
        done = export_bundle(library, cache_dir(args.cache_dir), Path(args.path), ids, collection=args.collection)
    print(f"wrote {done.path}: {done.resources} resources, {done.files} files ({done.bytes:,} bytes)")
    if done.missing_files:
        print(f"warning: {done.missing_files} cached files were missing or damaged and were left out", file=sys.stderr)
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from reslib_desktop.library import (
        BundleError,
        DuplicatePolicy,
        Library,
        import_bundle,
        report_json,
        result_line,
        summary_lines,
    )
    from reslib_desktop.paths import cache_dir, resolve_db

    db, _ = resolve_db(args.db)
    path = Path(args.path)
    if not path.is_file():
        print(f"reslib: no bundle at {path}", file=sys.stderr)
        return EXIT_INPUT
    with Library.open(db, create=not args.dry_run, read_only=args.dry_run) as library:
        try:
            done = import_bundle(library, cache_dir(args.cache_dir), path, dry_run=args.dry_run)
        except BundleError as error:
            print(f"reslib: refused {path.name}: {error}; nothing was changed", file=sys.stderr)
            return EXIT_INPUT
    if args.json:
        document = report_json(done.preview, DuplicatePolicy.KEEP, done.result)
        document["files_added"] = len(done.files_added)
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    for line in summary_lines(done.preview, DuplicatePolicy.KEEP):
        print(line)
    if done.result is None:
        print("dry run: the bundle verified; nothing was changed")
    else:
        print(result_line(done.result))
        print(f"{len(done.files_added)} files added to the offline cache")
    return EXIT_OK

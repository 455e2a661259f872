"""`reslib bundle export|import`: portable libraries (resources, cached attachment files, a manifest).

Exit codes: 0 done, 1 refused or the input had errors (nothing was changed), 2 usage.
Only argparse is imported at module level.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2
MAX_NAMED = 20  # left-out attachments named per group in export's warning


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
    imp.add_argument("--no-index", action="store_true", help="do not index the text of the files it brought now")
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
    _warn_left_out(done.left_out)
    return EXIT_OK


def _named(item) -> str:
    """A left-out attachment as the warning names it: its resource's title, its label, its URL."""
    return f'"{item.title}", {item.label}' + (f" <{item.url}>" if item.url else "")


def _list(items: list, heading: str) -> None:
    if not items:
        return
    print(heading, file=sys.stderr)
    for item in items[:MAX_NAMED]:
        print(f"  {_named(item)}", file=sys.stderr)
    if len(items) > MAX_NAMED:
        print(f"  ... and {len(items) - MAX_NAMED} more", file=sys.stderr)


def _warn_left_out(left_out) -> None:
    """Name the attachments whose file is known but not in the bundle; say which can never be fetched."""
    if not left_out:
        return
    never = [item for item in left_out if not item.url]
    fetchable = [item for item in left_out if item.url]
    print(f"warning: the files of {len(left_out)} attachments are not in the bundle (not in this offline cache)",
          file=sys.stderr)
    _list(never, f"warning: {len(never)} of them have no URL: whoever imports the bundle can never fetch them:")
    _list(fetchable, f"{len(fetchable)} of them can be downloaded from their URL after the import:")
    steps = ["reslib cache fetch"] if fetchable else []
    steps += ["import their PDFs into this library again"] if never else []
    print(f"to include them: {' and '.join(steps)}, then export again", file=sys.stderr)


def run_import(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from reslib_desktop.library import BundleError, DuplicatePolicy, Library, import_bundle, report_json
    from reslib_desktop.paths import cache_dir, resolve_db

    db, _ = resolve_db(args.db)
    path = Path(args.path)
    if not path.is_file():
        print(f"reslib: no bundle at {path}", file=sys.stderr)
        return EXIT_INPUT
    cache = cache_dir(args.cache_dir)
    with Library.open(db, create=not args.dry_run, read_only=args.dry_run) as library:
        try:
            done = import_bundle(library, cache, path, dry_run=args.dry_run)
        except BundleError as error:
            print(f"reslib: refused {path.name}: {error}; nothing was changed", file=sys.stderr)
            return EXIT_INPUT
        if not args.json:
            _print_report(done)
        indexed = _after_import(library, cache, done, args)
    if args.json:
        document = report_json(done.preview, DuplicatePolicy.KEEP, done.result)
        document.update(files_added=len(done.files_added), notes=done.notes, indexed=indexed)
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return EXIT_OK


def _print_report(done) -> None:
    """Notes on who made the bundle, the import's warnings, what it would do or did."""
    from reslib_desktop.library import DuplicatePolicy, problem_line, result_line, summary_lines

    for note in done.notes:
        print(f"note: {note}", file=sys.stderr)
    for problem in done.preview.warnings:
        print(problem_line(problem), file=sys.stderr)
    for line in summary_lines(done.preview, DuplicatePolicy.KEEP):
        print(line)
    if done.result is None:
        print("dry run: the bundle verified; nothing was changed")
    else:
        print(result_line(done.result))
        print(f"{len(done.files_added)} files added to the offline cache")


def _after_import(library, cache, done, args: argparse.Namespace) -> dict | None:
    """Index the text of the files the bundle brought (unless --no-index) and bring the search index up to
    date, so words inside its PDFs are found at once; what was indexed."""
    from reslib_desktop.commands.search_index import bring_up_to_date

    if done.result is None:
        return None
    indexed = None if args.no_index or cache is None else _index(library, cache, quiet=args.json)
    bring_up_to_date(library)
    return indexed


def _index(library, cache, quiet: bool) -> dict | None:
    """Index the cached files not indexed yet, with progress like `cache fetch` (none when `quiet`);
    what was indexed (None when nothing was waiting)."""
    from reslib_desktop.commands.cache import ProgressLine
    from reslib_desktop.library import OfflineService

    service = OfflineService(library, cache)
    done, total = service.indexing_status()
    if done == total:
        return None
    line = ProgressLine()
    report = service.index_pending(
        progress=None if quiet else lambda u: line.show(f"Indexing text {u.done} of {u.total}: {u.label}")
    )
    line.done()
    if not quiet:
        _print_indexed(service, report)
    return {"attachments": len(report.indexed), "pages": report.pages, "without_text": len(report.no_text),
            "unreadable": len(report.failed)}


def _print_indexed(service, report) -> None:
    parts = [f"indexed the text of {len(report.indexed)} attachments ({report.pages} pages)"]
    parts += [f"{len(report.no_text)} without text (scanned)"] if report.no_text else []
    parts += [f"{len(report.failed)} unreadable"] if report.failed else []
    print(", ".join(parts))
    sources = service.sources(f.attachment_id for f in report.failed)
    for failure in report.failed:
        title = sources.get(failure.attachment_id, ("", None))[0]
        print(f'unreadable: "{title}", {failure.label}: {failure.reason}', file=sys.stderr)

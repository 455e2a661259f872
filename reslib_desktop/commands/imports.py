"""`reslib import` (preview, apply, undo, history, possible duplicates) and `reslib export`.

Exit codes: 0 applied (or a clean dry run), 1 the input had errors (nothing
was changed), 2 usage. Only argparse is imported at module level.
"""

from __future__ import annotations

import argparse
import contextlib  # loaded by the interpreter's start-up already
import sys
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterator

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2
IMPORT_FORMATS = ("auto", "json", "csv", "html", "seed", "pdf-folder")


def register(subparsers: argparse._SubParsersAction) -> None:
    imp = subparsers.add_parser(
        "import",
        help="import resources (JSON, CSV, a saved web page, seed text, a folder of PDFs); undo an import",
        description="Import resources. Every record is checked first: with any error nothing is changed.",
    )
    imp.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to import")
    imp.add_argument("--format", choices=IMPORT_FORMATS, default="auto", help="input format (default: by content)")
    imp.add_argument("--dry-run", action="store_true", help="show what would happen; change nothing")
    imp.add_argument("--on-duplicate", choices=("skip", "merge", "keep"), default="keep",
                     help="possible duplicates (near-identical title, same year): default keep (imported, flagged)")
    imp.add_argument("--map", action="append", default=[], metavar="'HEADER=FIELD'",
                     help="read a CSV column as a field, e.g. --map 'Resource Name=title' (repeatable)")
    imp.add_argument("--base-url", metavar="URL", help="resolve relative links of saved web pages against URL")
    imp.add_argument("--json", action="store_true", help="print one JSON document")
    actions = imp.add_mutually_exclusive_group()
    actions.add_argument("--undo", type=int, metavar="BATCH", help="undo import batch BATCH")
    actions.add_argument("--history", action="store_true", help="list import batches, newest first")
    actions.add_argument("--duplicates", action="store_true", help="list resources flagged as possible duplicates")
    imp.set_defaults(handler=run_import)

    exp = subparsers.add_parser("export", help="export resources as JSON or CSV (the import formats)")
    exp.add_argument("--format", choices=("json", "csv"), help="default: from the file name (.csv, else json)")
    exp.add_argument("path", metavar="PATH", help="file to write")
    exp.add_argument("text", nargs="*", help="search words: export only the matches (default: the whole library)")
    exp.set_defaults(handler=run_export)


def _usage(message: str) -> int:
    print(f"reslib import: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _column_map(pairs: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for pair in pairs:
        header, equals, field = pair.rpartition("=")
        if not equals or not header.strip() or not field.strip():
            raise ValueError(f"--map needs 'HEADER=FIELD', not {pair!r}")
        mapping[header.strip()] = field.strip()
    return mapping


def run_import(args: argparse.Namespace) -> int:
    if args.undo is not None or args.history or args.duplicates:
        if args.paths:
            return _usage("give either files to import or --undo/--history/--duplicates")
        return _run_batches(args)
    if not args.paths:
        return _usage("give one or more files or folders to import")
    from pathlib import Path

    from reslib_desktop.library import DuplicatePolicy, ImportOptions

    try:
        options = ImportOptions(
            format=args.format, column_map=_column_map(args.map), base_url=args.base_url,
            on_duplicate=DuplicatePolicy(args.on_duplicate),
        ).checked()
    except ValueError as error:
        return _usage(str(error))
    return _import(args, [Path(p) for p in args.paths], options)


def _import(args: argparse.Namespace, paths: list, options) -> int:
    import tempfile
    from pathlib import Path

    from reslib_desktop.commands.process_end import keep_until_exit
    from reslib_desktop.commands.search_index import bring_up_to_date
    from reslib_desktop.library import ImportRefused, ImportService, Library, LibraryError
    from reslib_desktop.paths import cache_dir, resolve_db

    db, _ = resolve_db(args.db)
    cache = cache_dir(args.cache_dir)
    result = None
    with tempfile.TemporaryDirectory() as scratch:
        # The preview never writes (a failed import leaves the file byte for byte as it was);
        # an absent library is previewed as an empty one and only created to apply.
        if db.exists():
            try:
                library = Library.open(db, read_only=True)
            except LibraryError:  # an older schema: opening read-write upgrades it (after a backup)
                if args.dry_run:
                    raise
                library = Library.open(db)
        else:
            library = Library.open(Path(scratch) / "empty.db", create=True)
        with library:
            preview = ImportService(library, cache).preview(paths, options)
        report = None
        if not preview.has_errors and not args.dry_run and preview.items:
            with _frozen_out_of_gc(), Library.open(db, create=True) as target:
                try:
                    result = ImportService(target, cache).apply(
                        preview, options.on_duplicate, index_feed=target.build_search_index_beside()
                    )
                except ImportRefused as refused:
                    preview.problems.extend(refused.problems)
                else:
                    report = _report(args, preview, options.on_duplicate, result)
                    keep_until_exit(preview)  # freeing 100,000 records one by one takes ~0.3 s
                    bring_up_to_date(target)
        if report is None:
            report = _report(args, preview, options.on_duplicate, result)
    for stream, text in report.lines:
        print(text, file=sys.stderr if stream == "err" else sys.stdout)
    return report.exit_code


class _Report(NamedTuple):
    lines: list[tuple[str, str]]  # ("out" or "err", text), in the order printed
    exit_code: int


def _report(args: argparse.Namespace, preview, on_duplicate, result) -> _Report:
    """What `reslib import` prints and its exit code, composed while the preview is at hand."""
    import json

    from reslib_desktop.library import problem_line, report_json, result_line, summary_lines

    lines: list[tuple[str, str]] = []
    if args.json:
        lines.append(("out", json.dumps(report_json(preview, on_duplicate, result), ensure_ascii=False, indent=2)))
    else:
        lines += [("out", line) for line in summary_lines(preview, on_duplicate)]
        lines += [("err", problem_line(problem)) for problem in preview.problems]
        if result is not None:
            lines.append(("out", result_line(result)))
        elif preview.has_errors:
            lines.append(("err", f"nothing was changed: {len(preview.errors)} error(s) in the input"))
        elif not preview.items:
            lines.append(("out", "nothing to import: the input holds no records"))
        else:
            lines.append(("out", "dry run: nothing was changed"))
    return _Report(lines, EXIT_INPUT if preview.has_errors else EXIT_OK)


@contextlib.contextmanager
def _frozen_out_of_gc() -> Iterator[None]:
    """The preview's objects (hundreds of thousands, alive until the import ends) frozen out of the cyclic
    garbage collector, so its collections while writing and indexing do not rescan them all; the preview
    itself runs with the collector paused (ingest.pipeline.bulk_allocation)."""
    import gc

    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _run_batches(args: argparse.Namespace) -> int:
    import json

    from reslib_desktop.library import ImportService, Library, UndoRefused
    from reslib_desktop.paths import cache_dir, resolve_db

    db, _ = resolve_db(args.db)
    with Library.open(db, read_only=args.undo is None) as library:
        service = ImportService(library, cache_dir(args.cache_dir))
        if args.undo is not None:
            try:
                undone = service.undo(args.undo)
            except UndoRefused as refused:
                print(f"reslib: {refused}", file=sys.stderr)
                return EXIT_INPUT
            print(f"undid batch {undone.batch_id}: {undone.removed} removed, {undone.restored} restored")
            return EXIT_OK
        if args.history:
            batches = service.history()
            if args.json:
                json.dump([_batch_json(b) for b in batches], sys.stdout, indent=2)
                sys.stdout.write("\n")
            for batch in [] if args.json else batches:
                undone_note = f"  [undone {batch.undone_at:%Y-%m-%d %H:%M}]" if batch.undone_at else ""
                source = batch.source.replace("\n", ", ")
                print(f"{batch.id:>4}  {batch.started_at:%Y-%m-%d %H:%M}  {batch.user or '-'}  {batch.format or '-'}  "
                      f"+{batch.added} ~{batch.updated} skipped {batch.skipped} duplicates {batch.duplicates}  "
                      f"{source}{undone_note}")
            return EXIT_OK
        flagged = service.possible_duplicates()
        if args.json:
            json.dump([{"uid": d.uid, "title": d.title, "duplicate_of_uid": d.duplicate_of_uid,
                        "duplicate_of_title": d.duplicate_of_title, "batch": d.import_batch_id} for d in flagged],
                      sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        for d in [] if args.json else flagged:
            print(f'{d.uid}  "{d.title}"  may duplicate {d.duplicate_of_uid} "{d.duplicate_of_title or "(gone)"}"')
        return EXIT_OK


def _batch_json(batch) -> dict:
    return {
        "id": batch.id, "started_at": batch.started_at.isoformat(),
        "finished_at": batch.finished_at.isoformat() if batch.finished_at else None,
        "user": batch.user, "source": batch.source, "format": batch.format, "added": batch.added,
        "updated": batch.updated, "skipped": batch.skipped, "duplicates": batch.duplicates,
        "undone_at": batch.undone_at.isoformat() if batch.undone_at else None,
    }


def run_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from reslib_desktop.library import (
        Library,
        SearchQuery,
        SortKey,
        export_resources,
        parse_query,
    )
    from reslib_desktop.paths import resolve_db

    path = Path(args.path)
    fmt = args.format or ("csv" if path.suffix.casefold() == ".csv" else "json")
    db, _ = resolve_db(args.db)
    with Library.open(db, read_only=True) as library:
        query = SearchQuery(text=parse_query(" ".join(args.text)), sort=SortKey.TITLE, descending=False)
        ids = library.all_resource_ids(query)
        written = export_resources(library.engine, ids, path, fmt)
    print(f"wrote {written} resource{'s' if written != 1 else ''} to {path} ({fmt})")
    return EXIT_OK

"""`reslib cache status|fetch|verify|evict|clear|limit|local-server`: the offline attachment cache.

Exit codes: 0 done, 1 some downloads failed or damaged files were found, 2 usage.
Only argparse is imported at module level; the rest inside the handlers.
"""

from __future__ import annotations

import argparse
import sys
import time

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def register(subparsers: argparse._SubParsersAction) -> None:
    cache = subparsers.add_parser(
        "cache", help="offline attachment cache: status, fetch, verify, evict, clear, limit, local-server"
    )
    commands = cache.add_subparsers(dest="cache_command", required=True, parser_class=subparsers._parser_class)

    status = commands.add_parser("status", help="what is cached, bytes used, the limit, text indexing")
    status.add_argument("--json", action="store_true", help="print one JSON document")
    status.set_defaults(handler=run_status)

    fetch = commands.add_parser("fetch", help="download attachments for offline use, then index their text")
    fetch.add_argument("text", nargs="*", help="search words: fetch the attachments of the matches")
    fetch.add_argument("--collection", metavar="NAME", help="fetch the attachments of this collection")
    fetch.add_argument("--all", action="store_true", help="fetch every attachment of the library")
    fetch.add_argument("--jobs", type=int, default=3, metavar="N", help="downloads at once (default 3)")
    fetch.add_argument("--timeout", type=float, metavar="SECONDS", help="connect and read timeout (default 10 and 30)")
    fetch.add_argument("--max-size", metavar="SIZE", help="refuse files larger than this (default 200MB)")
    fetch.add_argument(
        "--allow-folder",
        action="append",
        default=[],
        metavar="DIR",
        help="allow file: URLs inside this folder (repeatable; default none)",
    )
    fetch.add_argument(
        "--accept-changed",
        action="store_true",
        help="accept files that changed since they were last downloaded (new sha256/size)",
    )
    fetch.add_argument(
        "--local-server",
        action="store_true",
        help="this once, allow downloads from this computer and the local network (see 'cache local-server')",
    )
    fetch.add_argument("--no-index", action="store_true", help="do not index the text of the PDFs afterwards")
    fetch.set_defaults(handler=run_fetch)

    verify = commands.add_parser("verify", help="re-hash every cached file; remove damaged ones")
    verify.set_defaults(handler=run_verify)

    evict = commands.add_parser("evict", help="remove least recently used files (never pinned ones)")
    evict.add_argument("--to", metavar="SIZE", help="shrink the cache to this size (default: the limit)")
    evict.set_defaults(handler=run_evict)

    clear = commands.add_parser("clear", help="remove every cached file that is not pinned")
    clear.add_argument("--include-pinned", action="store_true", help="also remove files of kept-offline collections")
    clear.set_defaults(handler=run_clear)

    local = commands.add_parser(
        "local-server",
        help="say whether the library's own server is on this computer or the local network "
        "(downloads from such addresses are refused otherwise)",
    )
    local.add_argument("state", nargs="?", choices=("on", "off"), help="on or off (default: show it)")
    local.set_defaults(handler=run_local_server)

    limit = commands.add_parser("limit", help="set the cache size limit (e.g. 2GB; 'none' for no limit)")
    limit.add_argument("size", metavar="SIZE")
    limit.set_defaults(handler=run_limit)


def _usage(message: str) -> int:
    print(f"reslib cache: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _open(args: argparse.Namespace, settings=None):
    from reslib_desktop.library import Library, OfflineService
    from reslib_desktop.paths import cache_dir, resolve_db

    path, _ = resolve_db(args.db)
    library = Library.open(path)
    return library, OfflineService(library, cache_dir(args.cache_dir), settings)


class ProgressLine:
    """A plain-text progress display on stderr: one updating line on a terminal, periodic lines otherwise."""

    def __init__(self, stream=None, interval: float | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval if interval is not None else (0.1 if self.tty else 2.0)
        self._last = 0.0
        self._width = 0

    def show(self, text: str, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < self.interval:
            return
        self._last = now
        if self.tty:
            import shutil

            columns = shutil.get_terminal_size((80, 20)).columns - 1
            text = text[:columns]
            self.stream.write("\r" + text + " " * max(0, self._width - len(text)))
            self._width = len(text)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def done(self, text: str | None = None) -> None:
        if text is not None:
            self.show(text, force=True)
        if self.tty and self._width:
            self.stream.write("\n")
            self.stream.flush()
        self._width = 0


def _bar(fraction: float, width: int = 20) -> str:
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "[" + "#" * filled + "-" * (width - filled) + "]"


def _fetch_ids(args: argparse.Namespace, library, service) -> list[int] | None:
    from reslib_desktop.library import SearchQuery, parse_query

    ids: list[int] = []
    if args.all:
        ids += service.all_attachments()
    if args.collection:
        ids += service.attachments_of_collection(args.collection)
    if args.text:
        resources = library.all_resource_ids(SearchQuery(text=parse_query(" ".join(args.text))))
        ids += service.attachments_for(resources)
    return list(dict.fromkeys(ids))


def _settings(args: argparse.Namespace):
    from pathlib import Path

    from reslib_desktop.library import DownloadSettings, parse_size

    options: dict = {
        "allowed_folders": tuple(Path(folder).expanduser() for folder in args.allow_folder),
        "allow_local_network": args.local_server,
    }
    if args.timeout is not None:
        options.update(connect_timeout=args.timeout, read_timeout=args.timeout)
    if args.max_size:
        options["max_bytes"] = parse_size(args.max_size)
    return DownloadSettings(**options)


def run_fetch(args: argparse.Namespace) -> int:
    from reslib_desktop.commands.search_index import bring_up_to_date
    from reslib_desktop.library import CollectionError, format_size

    if not (args.text or args.collection or args.all):
        return _usage("say what to fetch: search words, --collection NAME or --all")
    if args.jobs < 1 or (args.timeout is not None and args.timeout <= 0):
        return _usage("--jobs and --timeout must be more than 0")
    try:
        settings = _settings(args)
    except ValueError as error:
        return _usage(str(error))
    library, service = _open(args, settings)
    with library:
        try:
            ids = _fetch_ids(args, library, service)
        except CollectionError as error:
            print(f"reslib: {error}", file=sys.stderr)
            return EXIT_INPUT
        if args.accept_changed:
            service.accept_new_versions(ids)
        line = ProgressLine()

        def on_progress(update) -> None:
            fraction = update.files_done / update.files_total if update.files_total else 1.0
            current = f"{update.label} {update.percent:.0f}%" if update.percent is not None else update.label
            line.show(
                f"Downloading {_bar(fraction)} {update.files_done} of {update.files_total} files, "
                f"{format_size(update.overall_bytes)} · {current}"
            )

        report = service.fetch(ids, progress=on_progress, concurrency=args.jobs)
        line.done()
        print(
            f"{len(report.cached)} downloaded ({format_size(report.bytes_downloaded)}), "
            f"{len(report.already_cached)} already cached, {len(report.failed)} failed"
            + (f", {len(report.skipped)} without a download address" if report.skipped else "")
        )
        if report.evicted is not None and report.evicted.removed:
            print(f"removed {len(report.evicted.removed)} older files to stay within the cache limit")
        if report.evicted is not None and report.evicted.over_limit and report.evicted.target is not None:
            print(
                f"the cache holds {format_size(report.evicted.remaining_bytes)}, over its "
                f"{format_size(report.evicted.target)} limit: the files just downloaded and those kept offline "
                "take more than that, so no other file was removed; raise it with: reslib cache limit SIZE",
                file=sys.stderr,
            )
        sources = service.sources(f.attachment_id for f in report.failed)
        for failure in report.failed:
            print(f"failed: {_named(failure.attachment_id, failure.label, sources)}: {failure.reason}", file=sys.stderr)
        if not args.no_index:
            _index(service)
        bring_up_to_date(library)  # what is offline now, and the text of its PDFs
    return EXIT_INPUT if report.failed else EXIT_OK


def _index(service) -> None:
    line = ProgressLine()
    done, total = service.indexing_status()
    if done == total:
        return
    report = service.index_pending(
        progress=lambda update: line.show(
            f"Indexing text {_bar(update.done / update.total)} {update.done} of {update.total}: {update.label}"
        )
    )
    line.done()
    parts = [f"indexed the text of {len(report.indexed)} attachments ({report.pages} pages)"]
    if report.no_text:
        parts.append(f"{len(report.no_text)} without text (scanned)")
    if report.failed:
        parts.append(f"{len(report.failed)} unreadable")
    print(", ".join(parts))
    sources = service.sources(f.attachment_id for f in report.failed)
    for failure in report.failed:
        print(f"unreadable: {_named(failure.attachment_id, failure.label, sources)}: {failure.reason}", file=sys.stderr)


def _named(attachment_id: int, label: str, sources: dict[int, tuple[str, str | None]]) -> str:
    """An attachment as a message names it: its resource's title, its label and its URL."""
    title, url = sources.get(attachment_id, ("", None))
    return f'"{title}", {label}' + (f" <{url}>" if url else "") if title else label


def run_status(args: argparse.Namespace) -> int:
    import json

    from reslib_desktop.library import CacheState, format_size

    library, service = _open(args)
    with library:
        status = service.status()
        failed = service.state_of(service.attachments_in_state(CacheState.FAILED))
        sources = service.sources(failed)
    if args.json:
        document = {
            "cache_dir": str(service.cache_dir),
            "counts": {state.value: number for state, number in status.counts.items()},
            "files": status.files,
            "bytes_used": status.bytes_used,
            "limit": status.limit,
            "pinned_bytes": status.pinned_bytes,
            "indexing": {"done": status.indexing_done, "total": status.indexing_total},
            "failed": [
                {"attachment_id": i.attachment_id, "resource": sources.get(i.attachment_id, ("", None))[0],
                 "label": i.label, "url": sources.get(i.attachment_id, ("", None))[1], "reason": i.error}
                for i in failed.values()
            ],
        }
        json.dump(document, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    counts = status.counts
    print(f"cache:    {service.cache_dir}")
    print(
        f"cached:   {status.cached} of {status.total} attachments, {status.files} files, "
        f"{format_size(status.bytes_used)}"
        f" ({format_size(status.pinned_bytes)} pinned)"
    )
    print(f"limit:    {format_size(status.limit) if status.limit is not None else 'none'}")
    print(
        f"waiting:  {counts[CacheState.QUEUED]} queued, {counts[CacheState.DOWNLOADING]} downloading, "
        f"{counts[CacheState.FAILED]} failed, {counts[CacheState.NOT_CACHED]} not cached"
    )
    print(f"text:     {status.indexing_done} of {status.indexing_total} cached attachments indexed")
    for info in failed.values():
        print(f"failed:   {_named(info.attachment_id, info.label, sources)}: {info.error}")
    return EXIT_OK


def run_verify(args: argparse.Namespace) -> int:
    from reslib_desktop.commands.search_index import bring_up_to_date
    from reslib_desktop.library import format_size

    library, service = _open(args)
    with library:
        line = ProgressLine()
        report = service.verify(
            progress=lambda done, total: line.show(f"Verifying {_bar(done / total)} {done} of {total}")
        )
        line.done()
        bring_up_to_date(library)  # damaged or missing files are no longer offline
    print(
        f"checked {report.checked} files ({format_size(report.bytes_checked)})"
        + ("" if report.ok else f": {len(report.damaged)} damaged and removed, {len(report.missing)} missing")
    )
    if report.orphans_removed or report.adopted or report.partials_removed:
        print(
            f"tidied: {report.orphans_removed} stray files removed, {report.adopted} recovered, "
            f"{report.partials_removed} stale partial downloads removed"
        )
    if report.tidy_skipped:
        print("not tidied: a download is running; run verify again when it ends to remove stray files")
    temporaries = report.temporaries
    if temporaries.removed:
        print(
            f"tidied: {temporaries.removed} temporary files of interrupted imports removed "
            f"({format_size(temporaries.removed_bytes)})"
        )
    if temporaries.in_use:
        print(f"left: {temporaries.in_use} temporary files of an import still running")
    return EXIT_OK if report.ok else EXIT_INPUT


def run_evict(args: argparse.Namespace) -> int:
    from reslib_desktop.commands.search_index import bring_up_to_date
    from reslib_desktop.library import format_size, parse_size

    try:
        target = parse_size(args.to) if args.to else None
    except ValueError as error:
        return _usage(str(error))
    library, service = _open(args)
    with library:
        if target is None and service.limit() is None:
            return _usage("no cache limit is set: give --to SIZE")
        report = service.evict(target)
        bring_up_to_date(library)
    print(
        f"removed {len(report.removed)} files ({format_size(report.freed_bytes)}); "
        f"{format_size(report.remaining_bytes)} cached"
    )
    if report.over_limit:
        print("the rest is pinned (kept offline) or in use", file=sys.stderr)
    return EXIT_OK


def run_clear(args: argparse.Namespace) -> int:
    from reslib_desktop.commands.search_index import bring_up_to_date
    from reslib_desktop.library import format_size

    library, service = _open(args)
    with library:
        report = service.clear(include_pinned=args.include_pinned)
        bring_up_to_date(library)
    print(
        f"removed {len(report.removed)} files ({format_size(report.freed_bytes)})"
        + (f"; kept {format_size(report.remaining_bytes)} pinned" if report.remaining_bytes else "")
    )
    return EXIT_OK


def run_local_server(args: argparse.Namespace) -> int:
    library, service = _open(args)
    with library:
        if args.state is not None:
            service.set_local_server(args.state == "on")
        on = service.local_server()
    if on:
        print("library server on this computer or the local network: on (downloads may reach local addresses)")
    else:
        print("library server on this computer or the local network: off (downloads from local addresses are refused)")
    return EXIT_OK


def run_limit(args: argparse.Namespace) -> int:
    from reslib_desktop.library import format_size, parse_size

    if args.size.strip().lower() in ("none", "off", "unlimited"):
        limit = None
    else:
        try:
            limit = parse_size(args.size)
        except ValueError as error:
            return _usage(str(error))
    library, service = _open(args)
    with library:
        service.set_limit(limit)
        if limit is None:
            print("cache limit removed")
            return EXIT_OK
        report = service.evict()
    print(
        f"cache limit set to {format_size(limit)}"
        + (f"; removed {len(report.removed)} files ({format_size(report.freed_bytes)})" if report.removed else "")
    )
    return EXIT_OK

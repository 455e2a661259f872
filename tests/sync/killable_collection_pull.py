"""A sync that stops after its first committed page of collections (one collection a page) and waits to be
killed (kill -9) by tests/sync/test_collections_sync.py.

    python killable_collection_pull.py LIBRARY URL
"""

from __future__ import annotations

import sys

from reslib_desktop.library import Library
from reslib_desktop.sync import collections as collection_sync


def main(path: str, url: str) -> None:
    collection_sync.PAGE_ROWS = 1
    pages: list[str] = []
    save_cursor = collection_sync._save_cursor

    def save_and_count(connection, version, cid) -> None:
        save_cursor(connection, version, cid)
        pages.append(cid)

    collection_sync._save_cursor = save_and_count

    def progress(phase: str, done: int, total: int) -> None:
        if pages:  # the first collection page is committed
            print("pulled-one-collection-page", flush=True)
            sys.stdin.read()  # the test kills this process here
            raise SystemExit("not killed")

    with Library.open(path) as library:
        library.sync(url, progress=progress)


if __name__ == "__main__":
    main(*sys.argv[1:])

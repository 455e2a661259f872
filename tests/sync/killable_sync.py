"""A sync run that stops at a chosen point and waits to be killed (kill -9) by tests/sync/test_sigkill.py.

    python killable_sync.py MODE LIBRARY URL
MODE: pull (after two committed pages of 10), push-open (inside the server transaction),
push-committed (after the server committed, before the laptop recorded it).
"""

from __future__ import annotations

import sys

from reslib_desktop.library import Library
from reslib_desktop.sync import pull, push


def wait_to_be_killed(word: str) -> None:
    print(word, flush=True)
    sys.stdin.read()  # the test kills this process here
    raise SystemExit("not killed")


def main(mode: str, path: str, url: str) -> None:
    pull.PAGE_ROWS = 10
    pages = []

    def progress(phase: str, done: int, total: int) -> None:
        pages.append(done)
        if mode == "pull" and len(pages) == 2:
            wait_to_be_killed("pulled-two-pages")

    if mode == "push-open":
        write = push._write

        def write_then_wait(*args):
            result = write(*args)
            wait_to_be_killed("inside-server-transaction")
            return result

        push._write = write_then_wait
    if mode == "push-committed":
        push._settle = lambda *args: wait_to_be_killed("server-committed")
    with Library.open(path) as library:
        library.sync(url, progress=progress)


if __name__ == "__main__":
    main(*sys.argv[1:])

"""Helpers shared by tests (importable as `support`: pytest's pythonpath includes tests/)."""

from __future__ import annotations

from reslib_desktop.ingest.dates import parse_date
from reslib_desktop.ingest.record import AttachmentRecord, ResourceRecord

WAIT_MS = 5000


def synthetic_records(count: int) -> list[ResourceRecord]:
    """Plain, varied records for tests that need a bigger library than the shipped one."""
    types = ["report", "fact_sheet", "policy_and_guidance", "toolkit"]
    topics = ["Housing", "Employment", "Health", "Youth", "Labor"]
    records = []
    for number in range(count):
        year = 1995 + number % 30
        date_text = [f"{year}", f"March {year}", f"March {1 + number % 28}, {year}", None][number % 4]
        records.append(
            ResourceRecord(
                title=f"Synthetic resource {number} about {topics[number % 5].lower()}",
                description=f"Resource number {number} on {topics[number % 5]} and {topics[(number + 2) % 5]}.",
                published=parse_date(date_text),
                resource_type=types[number % 4],
                topics=[topics[number % 5]],
                attachments=[AttachmentRecord(f"Attachment {number} (PDF)")],
                uid=f"synthetic-{number}",
            )
        )
    return records


def wait_for_results(qtbot, window, typed: str | None = None) -> None:
    """Wait until the window shows the results of its newest search (of `typed`, if given)."""
    from reslib_desktop.library import parse_query

    def shown() -> bool:
        query = window.model.query
        if query is None or query is not window.controller.query or window.controller.busy or window.model.loading:
            return False
        return typed is None or query.text == parse_query(typed)

    qtbot.waitUntil(shown, timeout=WAIT_MS)


def load_every_row(qtbot, model) -> None:
    """Page every row of a results model in, as scrolling to the end does (pages are read in workers)."""

    def loaded() -> bool:
        if model.canFetchMore():
            model.fetchMore()
            return False
        return not model.loading

    qtbot.waitUntil(loaded, timeout=WAIT_MS)


def fetch_next_page(qtbot, model) -> None:
    """Ask for one more page, as the view does at the bottom, and wait until it is shown."""
    with qtbot.waitSignal(model.rowsLoaded, timeout=WAIT_MS):
        model.fetchMore()


def search_index_is_current(db) -> bool:
    """The library's search index has applied every outbox row the library issued (the next `reslib search`
    takes its quick path: nothing to catch up)."""
    import sqlite3
    from contextlib import closing

    from reslib_desktop.search.location import index_dir
    from reslib_desktop.search.state import read_state

    state = read_state(index_dir(db))
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as connection:
        row = connection.execute("SELECT seq FROM sqlite_sequence WHERE name = 'index_outbox'").fetchone()
    return state is not None and state.applied_outbox_id == (row[0] if row else 0)


def library_content(path) -> list[str]:
    """Every table, index, trigger and row of a SQLite file as SQL (what a copy of it must hold)."""
    import sqlite3

    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def rows_of(path, sql: str, parameters: tuple = ()) -> list[tuple]:
    """The rows a query gives on a SQLite file, opened read-only."""
    import sqlite3

    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute(sql, parameters).fetchall()
    finally:
        connection.close()


_MAIN_THEN_REPORT = """
import sys
from PySide6.QtWidgets import QApplication

{report}

QApplication.exec = report
from reslib_desktop.gui.app import main
sys.exit(main(["--db", sys.argv[1], "--cache-dir", sys.argv[2]]))
"""


def start_window_then(tmp_path, library, report: str, *args: str) -> str:
    """Run reslib-desktop's real `main()` on `library` in a fresh offscreen interpreter (its own config, data and
    cache folders under `tmp_path`) up to its event loop, where `report(*_args) -> int` runs instead: Python
    source, which sees `args` as `sys.argv[3:]`. Returns what it printed; fails the test if it did not exit 0."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    started = subprocess.run(
        [sys.executable, "-c", _MAIN_THEN_REPORT.format(report=report), str(library), str(tmp_path / "attachments"),
         *args],
        check=False, env=env, capture_output=True, text=True, timeout=180,
    )
    assert started.returncode == 0, started.stderr
    return started.stdout

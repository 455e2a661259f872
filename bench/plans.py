"""Where a search spends its time: each SQL statement our store runs, timed alone, with its plan.

Statements are captured from the engine while the GUI's `run_search` runs, so
whatever SQL the store currently emits is what gets explained.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import event

from bench.timing import measure


def capture(library, work) -> list[tuple[str, tuple]]:
    """Every SELECT the library's connections run during `work()`, as SQLite expanded it.

    A trace callback on each pooled DB-API connection sees statements run through
    SQLAlchemy and through raw cursors alike, with their parameters inlined.
    """
    statements: list[tuple[str, tuple]] = []

    def record(statement: str) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            statements.append((statement, ()))

    def checkout(dbapi_connection, _record, _proxy) -> None:
        dbapi_connection.set_trace_callback(record)

    def checkin(dbapi_connection, _record) -> None:
        if dbapi_connection is not None:
            dbapi_connection.set_trace_callback(None)

    event.listen(library.engine, "checkout", checkout)
    event.listen(library.engine, "checkin", checkin)
    try:
        work()
    finally:
        event.remove(library.engine, "checkout", checkout)
        event.remove(library.engine, "checkin", checkin)
    return statements


def _short(sql: str, limit: int = 400) -> str:
    flat = " ".join(sql.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def breakdown(library, db: Path, query, facets: tuple[str, ...], repeat: int = 5) -> list[dict[str, Any]]:
    """Every statement of one `run_search`, slowest first: time alone (raw sqlite3) and query plan."""
    from reslib_desktop.gui.search_controller import run_search

    run_search(library, query, facets)  # warm: build whatever the library builds once
    statements = capture(library, lambda: run_search(library, query, facets))
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows: list[dict[str, Any]] = []
        for sql, params in statements:
            stats, _ = measure(lambda: connection.execute(sql, params).fetchall(), repeat)
            plan = [str(row[-1]) for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
            rows.append({"sql": _short(sql), "params": [str(p)[:60] for p in params], "plan": plan, **stats})
    finally:
        connection.close()
    return sorted(rows, key=lambda row: -row["median_ms"])

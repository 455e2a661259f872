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
    """The (sql, parameters) pairs the library executes during `work()`."""
    statements: list[tuple[str, tuple]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            statements.append((statement, tuple(parameters) if parameters is not None else ()))

    event.listen(library.engine, "before_cursor_execute", record)
    try:
        work()
    finally:
        event.remove(library.engine, "before_cursor_execute", record)
    return statements


def _short(sql: str, limit: int = 400) -> str:
    flat = " ".join(sql.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def breakdown(library, db: Path, query, facets: tuple[str, ...], repeat: int = 5) -> list[dict[str, Any]]:
    """Every statement of one `run_search`, slowest first: time alone (raw sqlite3) and query plan."""
    from reslib_desktop.gui.search_controller import run_search

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

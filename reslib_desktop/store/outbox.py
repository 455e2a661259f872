"""The search index outbox (`index_outbox`, migration 0003): the resources whose index documents are out
of date, written in the same transaction as the change, so the index (search/engine.py) catches up after
the commit, even after a crash between the commit and the index update.

Row triggers fill it for every write path. A bulk write (an import chunk, a sync page) pays for them per
row of every table it touches (~35 % of the writing): `bulk_changes` drops the outbox triggers inside the
writer's transaction, and records each touched resource once, then puts the triggers back, all before the
commit. SQLite's DDL is transactional, so a crash or a rollback anywhere in between leaves the triggers
as they were and no change unrecorded.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

from reslib_desktop.store.database import sqlite_connection

_TRIGGERS = r"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'index\_outbox\_%' ESCAPE '\'"


def record_changes(connection: Connection, resource_ids: Iterable[int]) -> None:
    """One outbox row per resource, in the caller's transaction."""
    ids = sorted({int(i) for i in resource_ids})
    if ids:
        sqlite_connection(connection).execute(
            "INSERT INTO index_outbox (resource_id) SELECT value FROM json_each(?)", (json.dumps(ids),)
        )


@contextmanager
def bulk_changes(connection: Connection) -> Iterator[set[int]]:
    """The outbox triggers off for the block; the block adds every resource it touches (added, changed or
    removed) to the yielded set, which is recorded when the block ends. Must run inside a transaction the
    caller commits or rolls back (a BEGIN is issued if none is open yet: SQLite would commit DDL at once)."""
    raw = sqlite_connection(connection)
    if not raw.in_transaction:
        raw.execute("BEGIN")
    triggers = raw.execute(_TRIGGERS).fetchall()
    for name, _sql in triggers:
        raw.execute(f'DROP TRIGGER "{name}"')
    changed: set[int] = set()
    try:
        yield changed
        record_changes(connection, changed)
    finally:
        if raw.in_transaction:  # else SQLite rolled the transaction back on an error: the DROPs with it
            present = {row[0] for row in raw.execute(_TRIGGERS)}
            for name, sql in triggers:
                if name not in present:
                    raw.execute(sql)

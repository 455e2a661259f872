"""What an index folder records about itself: format version, the library it mirrors, how far it got.

Written atomically after each index commit, so a crash leaves either the old or the new record; an
old record only means some outbox rows are applied again (applying is idempotent).
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path

FILE_NAME = "reslib-index.json"

# What a state is read from, in the library (both are index lookups: a count would scan the table, 50 ms
# at 1,000,000 resources on every open).
FINGERPRINT = "SELECT (SELECT max(id) FROM resources), (SELECT max(updated_at) FROM resources)"
LAST_ISSUED = "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'index_outbox'), 0)"


@dataclass(frozen=True)
class IndexState:
    schema_version: int
    applied_outbox_id: int  # every outbox row up to this id is in the index
    library_fingerprint: list  # (max id, max updated_at) when last applied


def read_state(directory: Path) -> IndexState | None:
    """The recorded state, or None when missing or unreadable (the index is then rebuilt)."""
    try:
        raw = json.loads((directory / FILE_NAME).read_text(encoding="utf-8"))
        return IndexState(int(raw["schema_version"]), int(raw["applied_outbox_id"]), list(raw["library_fingerprint"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def current_state(connection: sqlite3.Connection, schema_version: int) -> IndexState:
    """The state an index holding every committed change would record, read in `connection`'s snapshot."""
    last_issued = connection.execute(LAST_ISSUED).fetchone()[0]
    return IndexState(schema_version, last_issued, list(connection.execute(FINGERPRINT).fetchone()))


def write_state(directory: Path, state: IndexState) -> None:
    target = directory / FILE_NAME
    partial = target.with_name(f"{FILE_NAME}.{os.getpid()}.tmp")
    partial.write_text(json.dumps(asdict(state)), encoding="utf-8")
    os.replace(partial, target)

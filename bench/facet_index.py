"""An in-memory, column-wise copy of what faceting and sorting need, one entry per resource.

Only the bench's FTS5 path of 2026-12-05 (`bench/fts5_path.py`) uses it now: the app counts and orders
in its search index (`reslib_desktop/search/searching.py`).

With it, counting facet values and ordering tens of thousands of matches are
vectorised array operations (numpy) instead of SQL joins repeated per facet:
the full-text match runs once per search, everything else is arrays. It is
rebuilt when the library changes (see `fingerprint`); the offline column
separately, since downloads change it often.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sqlalchemy import Connection, text

from reslib_desktop.store.database import sqlite_connection
from reslib_desktop.store.search import OFFLINE_IDS

NO_DATE = -1


@dataclass(frozen=True)
class Column:
    """A single-valued facet: a code per resource and the value of each code."""

    codes: np.ndarray  # int32, one per resource
    values: list[str]

    def code_mask(self, wanted: frozenset[str], casefold: bool = False) -> np.ndarray:
        if casefold:
            wanted = frozenset(v.casefold() for v in wanted)
            chosen = [i for i, value in enumerate(self.values) if value.casefold() in wanted]
        else:
            chosen = [i for i, value in enumerate(self.values) if value in wanted]
        return np.isin(self.codes, np.array(chosen, dtype=np.int32))


@dataclass(frozen=True)
class MultiColumn:
    """A many-valued facet (topics, audiences): (resource position, value code) pairs."""

    positions: np.ndarray  # int32 resource position of each pair
    codes: np.ndarray  # int32 value code of each pair
    values: list[str]

    def resource_mask(self, wanted: frozenset[str], size: int, casefold: bool = False) -> np.ndarray:
        if casefold:
            wanted = frozenset(v.casefold() for v in wanted)
            chosen = [i for i, value in enumerate(self.values) if value.casefold() in wanted]
        else:
            chosen = [i for i, value in enumerate(self.values) if value in wanted]
        mask = np.zeros(size, dtype=bool)
        mask[self.positions[np.isin(self.codes, np.array(chosen, dtype=np.int32))]] = True
        return mask


@dataclass(frozen=True)
class FacetIndex:
    fingerprint: tuple
    ids: np.ndarray  # int64 resource ids, ascending; a resource's position is its index here
    date_key: np.ndarray  # int32 YYYYMMDD with 00 for unknown parts, NO_DATE when undated
    title_rank: np.ndarray  # int32 position in (title_sort, id) order
    type: Column
    year: Column
    topic: MultiColumn
    audience: MultiColumn

    @property
    def size(self) -> int:
        return int(self.ids.size)

    def positions_of(self, ids: np.ndarray) -> np.ndarray:
        """Positions of resource ids (ids must exist in the index)."""
        return np.searchsorted(self.ids, ids)


def fingerprint(connection: Connection) -> tuple:
    """Changes whenever resources are added, removed or edited."""
    # Three subqueries: each is answered from an index on its own (one statement scanning for all
    # three costs ten times more at 100,000 resources).
    return tuple(
        connection.execute(
            text(
                "SELECT (SELECT count(*) FROM resources), (SELECT max(id) FROM resources), "
                "(SELECT max(updated_at) FROM resources)"
            )
        ).one()
    )


def offline_fingerprint(connection: Connection) -> tuple:
    """Changes whenever an attachment's cache state changes."""
    return tuple(
        connection.execute(
            text("SELECT count(*), max(cache_updated_at) FROM attachments WHERE cache_state = 'cached'")
        ).one()
    )


def _fetch(connection: Connection, sql: str) -> list[tuple]:
    """Rows through the DB-API cursor directly (no per-row wrapper objects)."""
    cursor = sqlite_connection(connection).cursor()
    try:
        cursor.execute(sql)
        return cursor.fetchall()
    finally:
        cursor.close()


def _ranks(connection: Connection, sql: str, ids: np.ndarray) -> np.ndarray:
    """rank[position] for the order in which `sql` lists resource ids."""
    ordered = np.array(_fetch(connection, sql), dtype=np.int64).reshape(-1)
    rank = np.empty(ids.size, dtype=np.int32)
    rank[np.searchsorted(ids, ordered)] = np.arange(ids.size, dtype=np.int32)
    return rank


def _column(raw: list[str]) -> Column:
    values = sorted(set(raw))
    code_of = {value: code for code, value in enumerate(values)}
    return Column(np.fromiter((code_of[v] for v in raw), dtype=np.int32, count=len(raw)), values)


def _multi(connection: Connection, sql: str, ids: np.ndarray) -> MultiColumn:
    rows = _fetch(connection, sql)
    names = sorted({name for _id, name in rows})
    code_of = {name: code for code, name in enumerate(names)}
    resource_ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    codes = np.fromiter((code_of[row[1]] for row in rows), dtype=np.int32, count=len(rows))
    return MultiColumn(np.searchsorted(ids, resource_ids).astype(np.int32), codes, names)


def build(connection: Connection) -> FacetIndex:
    """Read the facet and sort columns of every resource."""
    print_ = fingerprint(connection)
    rows = _fetch(
        connection, "SELECT id, COALESCE(resource_type, ''), COALESCE(published_sort, '') FROM resources ORDER BY id"
    )
    size = len(rows)
    ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=size)
    date_key = np.fromiter(
        (int(row[2].replace("-", "")) if row[2] else NO_DATE for row in rows), dtype=np.int32, count=size
    )
    return FacetIndex(
        fingerprint=print_,
        ids=ids,
        date_key=date_key,
        title_rank=_ranks(connection, "SELECT id FROM resources ORDER BY title_sort, id", ids),
        type=_column([row[1] for row in rows]),
        year=_column([row[2][:4] for row in rows]),
        topic=_multi(
            connection, "SELECT rt.resource_id, t.name FROM resource_topics rt JOIN topics t ON t.id = rt.topic_id", ids
        ),
        audience=_multi(
            connection,
            "SELECT ra.resource_id, a.name FROM resource_audiences ra JOIN audiences a ON a.id = ra.audience_id",
            ids,
        ),
    )


def offline_mask(connection: Connection, index: FacetIndex) -> np.ndarray:
    """True for resources whose attachments are all cached."""
    ids = np.array(_fetch(connection, OFFLINE_IDS), dtype=np.int64).reshape(-1)
    mask = np.zeros(index.size, dtype=bool)
    if ids.size:
        positions = index.positions_of(ids)
        valid = (positions < index.size) & (index.ids[np.minimum(positions, index.size - 1)] == ids)
        mask[positions[valid]] = True
    return mask

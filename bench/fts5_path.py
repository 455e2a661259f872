"""The FTS5 search path of today (main at 96b6e19, before the tantivy engine), kept as the bench's comparison.

A frozen copy of that day's `store/fast_search.py`: the full-text match and its BM25 scores come from an
FTS5 table (`resource_fts`), filters, facet counts and ordering are numpy over the app's `FacetIndex`.
`Fts5Path.run_search` is what that day's `gui.search_controller.run_search` did. `python -m bench.fts5_path
DB WORDS...` is that day's `reslib search` (SQL count + page + details, `store/search.py`). Not used by the app.

Libraries no longer hold that table (migration 0006 dropped it), so the bench keeps its own in a side file
cached beside the library in bench/out/ (`<library>.fts5.db`, like `bench/raw_tantivy.py`'s index),
attached to each connection as schema `fts5side`: the same columns, tokenizer, prefixes and weights;
contentless (MATCH, rowid and bm25 are all this path reads). It is made once per library state: copied
from the library's own table where an older file still has it, else built from the resources.
"""
from __future__ import annotations

import json
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlalchemy import Connection

from bench.facet_index import NO_DATE, FacetIndex
from reslib_desktop.search.filters import date_bound
from reslib_desktop.store.query import SearchQuery, SortKey
from reslib_desktop.store.search import FacetValue

_BIG = np.int64(2**40)
# store/fts.py's FTS_COLUMNS weights that day: title, subtitle, description, topics, attachments, body.
_BM25 = "bm25(resource_fts, 10.0, 6.0, 1.0, 3.0, 4.0, 0.5)"
_SINGLE = ("type", "year")
_MEMBER_POSITIONS = (
    "SELECT ci.resource_id, ci.position FROM collection_items ci "
    "JOIN collections c ON c.id = ci.collection_id WHERE c.name = ?"
)
_MULTI = ("topic", "audience")
SIDE_SCHEMA = "fts5side"
_SHADOW_TABLES = ("data", "idx", "docsize", "config")
# What the side file was made from: a different library state makes it again.
_LIBRARY_STATE = (
    "SELECT (SELECT count(*) FROM main.resources), (SELECT max(id) FROM main.resources), "
    "(SELECT max(updated_at) FROM main.resources), (SELECT count(*) FROM main.attachments), "
    "(SELECT max(id) FROM main.attachment_pages)"
)


def index_file(db: Path) -> Path:
    """The side file holding this library's FTS5 table."""
    return Path(db).with_name(Path(db).name + ".fts5.db")


def _side_state(path: Path) -> list | None:
    if not path.exists():
        return None
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT state FROM made_from").fetchone()
        return None if row is None else json.loads(row[0])
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def ensure_index(db: Path) -> Path:
    """The side file of `db`, made (or made again, when the library changed) if needed; written under a
    temporary name and moved into place, so a killed build never leaves a half-made cache."""
    from reslib_desktop.store.database import connect_read_only
    from reslib_desktop.store.fts import RESOURCE_TABLE, build_resource_index

    db, side = Path(db), index_file(db)
    library = connect_read_only(db)
    try:
        state = list(library.execute(_LIBRARY_STATE).fetchone())
        if _side_state(side) == state:
            return side
        partial = side.with_name(side.name + ".partial")
        partial.unlink(missing_ok=True)
        library.execute(f"ATTACH DATABASE ? AS {SIDE_SCHEMA}", (str(partial),))
        old = library.execute(f"SELECT 1 FROM main.sqlite_master WHERE name = '{RESOURCE_TABLE}'").fetchone()
        build_resource_index(library, SIDE_SCHEMA)  # an empty table when the library's own is copied below
        if old:  # an older library's own table: its pages copied as they are (same columns and tokenizer)
            for shadow in _SHADOW_TABLES:
                table = f"{RESOURCE_TABLE}_{shadow}"
                library.execute(f"DELETE FROM {SIDE_SCHEMA}.{table}")
                library.execute(f"INSERT INTO {SIDE_SCHEMA}.{table} SELECT * FROM main.{table}")
        library.execute(f"CREATE TABLE {SIDE_SCHEMA}.made_from (state TEXT NOT NULL)")
        library.execute(f"INSERT INTO {SIDE_SCHEMA}.made_from VALUES (?)", (json.dumps(state),))
        library.commit()
        library.execute(f"DETACH DATABASE {SIDE_SCHEMA}")
    finally:
        library.close()
    os.replace(partial, side)
    return side


def _attach(connection: Connection) -> None:
    """The side file attached to this pooled connection (once per connection)."""
    info = connection.connection.info
    if info.get(SIDE_SCHEMA):
        return
    raw = connection.connection.dbapi_connection
    db = Path(next(row[2] for row in raw.execute("PRAGMA database_list") if row[1] == "main"))
    side = index_file(db)
    if not side.exists():
        ensure_index(db)
    raw.execute(f"ATTACH DATABASE ? AS {SIDE_SCHEMA}", (f"{side.resolve().as_uri()}?mode=ro",))
    info[SIDE_SCHEMA] = True


@dataclass(frozen=True)
class FullResult:
    ids: list[int]  # every match, in the query's order
    facets: dict[str, list[FacetValue]]
    library_size: int  # resources in the library (at the time of the search)

    @property
    def total(self) -> int:
        return len(self.ids)


class MatchCache:
    """The last few full-text matches (ids, scores) of one library state: a re-sort or a facet click
    on the same words does not run the match again."""

    SIZE = 4

    def __init__(self) -> None:
        self._entries: dict[tuple, tuple[np.ndarray, np.ndarray | None]] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple) -> tuple[np.ndarray, np.ndarray | None] | None:
        with self._lock:
            return self._entries.get(key)

    def put(self, key: tuple, value: tuple[np.ndarray, np.ndarray | None]) -> None:
        with self._lock:
            if len(self._entries) >= self.SIZE:
                self._entries.pop(next(iter(self._entries)))
            self._entries[key] = value


_TEXT_STATE = (
    "SELECT (SELECT max(id) FROM attachment_pages), "
    "(SELECT count(*) FROM attachments WHERE text_state = 'indexed')"
)


def _cached_matching(connection: Connection, cache: MatchCache | None, library_print: tuple, expression: str,
                     with_scores: bool) -> tuple[np.ndarray, np.ndarray | None]:
    if cache is None:
        return _matching(connection, expression, with_scores)
    # What the full-text index holds: the resources (their fingerprint) and the attachment text indexed so far.
    text_state = tuple(connection.connection.dbapi_connection.execute(_TEXT_STATE).fetchone())
    state = (library_print, text_state)
    key = (state, expression, with_scores)
    found = cache.get(key)
    if found is None and not with_scores:
        scored = cache.get((state, expression, True))  # a scored match also answers an unscored one
        found = (scored[0], None) if scored is not None else None
    if found is None:
        found = _matching(connection, expression, with_scores)
        cache.put(key, found)
    return found


def _matching(connection: Connection, expression: str, with_scores: bool) -> tuple[np.ndarray, np.ndarray | None]:
    _attach(connection)
    # The DB-API cursor directly: tens of thousands of rows without per-row wrapper objects.
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        if with_scores:
            cursor.execute(f"SELECT rowid, {_BM25} FROM resource_fts WHERE resource_fts MATCH ?", (expression,))
            pairs = np.array(cursor.fetchall(), dtype=np.float64).reshape(-1, 2)
            return pairs[:, 0].astype(np.int64), pairs[:, 1]
        cursor.execute("SELECT rowid FROM resource_fts WHERE resource_fts MATCH ?", (expression,))
        return np.array(cursor.fetchall(), dtype=np.int64).reshape(-1), None
    finally:
        cursor.close()


def _collection(connection: Connection, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Member ids of a collection and their positions."""
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        cursor.execute(_MEMBER_POSITIONS, (name,))
        pairs = np.array(cursor.fetchall(), dtype=np.int64).reshape(-1, 2)
    finally:
        cursor.close()
    return pairs[:, 0], pairs[:, 1]


def _date_mask(index: FacetIndex, low: int | None, high: int | None) -> np.ndarray:
    mask = index.date_key != NO_DATE
    if low is not None:
        mask &= index.date_key >= low
    if high is not None:
        mask &= index.date_key < high
    return mask


def _facet_mask(index: FacetIndex, offline: np.ndarray, facet: str, values: frozenset[str], typed: bool) -> np.ndarray:
    """Resources having one of `values` in a facet (typed filters compare topics case-insensitively)."""
    if facet == "offline":
        mask = np.zeros(index.size, dtype=bool)
        if "yes" in values:
            mask |= offline
        if "no" in values:
            mask |= ~offline
        return mask
    if facet in _SINGLE:
        return getattr(index, facet).code_mask(values)
    return getattr(index, facet).resource_mask(values, index.size, casefold=typed)


def _base_mask(connection: Connection, index: FacetIndex, offline: np.ndarray, query: SearchQuery,
               scored: bool, cache: MatchCache | None = None) -> tuple[np.ndarray, np.ndarray | None]:
    """Everything except the sidebar selections; and BM25 scores by position when scored."""
    mask = np.ones(index.size, dtype=bool)
    scores = None
    text_query = query.text
    if text_query.match:
        ids, raw_scores = _cached_matching(connection, cache, index.fingerprint, text_query.match, scored)
        mask[:] = False
        positions = index.positions_of(ids)
        mask[positions] = True
        if raw_scores is not None:
            scores = np.zeros(index.size, dtype=np.float64)
            scores[positions] = raw_scores
    for expression in text_query.exclude:
        ids, _ = _cached_matching(connection, cache, index.fingerprint, expression, False)
        mask[index.positions_of(ids)] = False
    for name, values in text_query.filters:
        facet = name.lstrip("-")
        if facet not in ("type", "topic", "audience", "offline"):
            continue
        chosen = _facet_mask(index, offline, facet, values, typed=True)
        mask &= ~chosen if name.startswith("-") else chosen
    if text_query.year_from is not None or text_query.year_to is not None:
        low = text_query.year_from * 10000 if text_query.year_from is not None else None
        high = (text_query.year_to + 1) * 10000 if text_query.year_to is not None else None
        mask &= _date_mask(index, low, high)
    if query.collection is not None:
        members, _ = _collection(connection, query.collection)
        in_collection = np.zeros(index.size, dtype=bool)
        in_collection[index.positions_of(members)] = True
        mask &= in_collection
    if query.date_from or query.date_to:
        mask &= _date_mask(
            index,
            date_bound(query.date_from, upper=False) if query.date_from else None,
            date_bound(query.date_to, upper=True) if query.date_to else None,
        )
    return mask, scores


def _order(connection: Connection, index: FacetIndex, positions: np.ndarray, query: SearchQuery,
           scores: np.ndarray | None) -> np.ndarray:
    """Positions sorted as store/search.py's ORDER BY would sort them."""
    ascending = not query.descending
    ids = index.ids[positions]
    if query.sort is SortKey.POSITION and query.collection is not None:
        members, member_positions = _collection(connection, query.collection)
        position_of = np.zeros(index.size, dtype=np.int64)
        position_of[index.positions_of(members)] = member_positions
        place = position_of[positions]
        return positions[np.lexsort((ids, place) if query.descending else (-ids, -place))]
    dates = index.date_key[positions].astype(np.int64)
    undated = dates == NO_DATE
    if query.sort is SortKey.RELEVANCE and scores is not None:
        score = scores[positions]
        newest_first = np.where(undated, _BIG, -dates)
        keys = (-ids, newest_first, score if query.descending else -score)
    elif query.sort is SortKey.TITLE:
        title = index.title_rank[positions].astype(np.int64)
        keys = (title if ascending else -title,)
    elif query.sort is SortKey.TYPE:
        codes = index.type.codes[positions].astype(np.int64)
        no_type = np.array([value == "" for value in index.type.values], dtype=bool)[codes]
        keys = (index.title_rank[positions], codes if ascending else -codes, no_type)
    else:  # DATE, and relevance without words
        keys = (ids if ascending else -ids, dates if ascending else -dates, undated)
    return positions[np.lexsort(keys)]


def _counts(codes: np.ndarray, values: list[str], selected: frozenset[str], facet: str) -> list[FacetValue]:
    numbers = np.bincount(codes, minlength=len(values)) if codes.size else np.zeros(len(values), dtype=np.int64)
    counts = {values[i]: int(n) for i, n in enumerate(numbers) if n}
    for value in selected:
        counts.setdefault(value, 0)
    if facet == "year":
        ordered = sorted(counts.items(), key=lambda item: item[0] or "0000", reverse=True)
    elif facet == "offline":
        ordered = sorted(counts.items(), key=lambda item: item[0] != "yes")
    else:
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))
    return [FacetValue(value, number) for value, number in ordered]


def run(connection: Connection, index: FacetIndex, offline: np.ndarray, query: SearchQuery,
        facets: tuple[str, ...], cache: MatchCache | None = None) -> FullResult:
    """All matches in order, and counts for `facets` (each without its own selection)."""
    scored = bool(query.text.match) and query.sort is SortKey.RELEVANCE
    base, scores = _base_mask(connection, index, offline, query, scored, cache)
    selection_masks = {
        facet: _facet_mask(index, offline, facet, values, typed=False)
        for facet, values in query.selections
        if values and facet in ("type", "year", "topic", "audience", "offline")
    }
    final = base.copy()
    for mask in selection_masks.values():
        final &= mask
    order = _order(connection, index, np.flatnonzero(final), query, scores)
    counts: dict[str, list[FacetValue]] = {}
    for facet in facets:
        mask = base.copy()
        for other, other_mask in selection_masks.items():
            if other != facet:
                mask &= other_mask
        selected = query.selected(facet)
        if facet in _SINGLE:
            column = getattr(index, facet)
            counts[facet] = _counts(column.codes[mask], column.values, selected, facet)
        elif facet in _MULTI:
            column = getattr(index, facet)
            counts[facet] = _counts(column.codes[mask[column.positions]], column.values, selected, facet)
        elif facet == "offline":
            yes = int(np.count_nonzero(mask & offline))
            codes = np.concatenate(
                [np.zeros(yes, dtype=np.int64), np.ones(int(np.count_nonzero(mask)) - yes, dtype=np.int64)]
            )
            counts[facet] = _counts(codes, ["yes", "no"], selected, facet)
    return FullResult(index.ids[order].tolist(), counts, index.size)


class Fts5Path:
    """That day's search of one library: the facet index and match cache a `Library` held, over its engine."""

    def __init__(self, engine) -> None:
        from bench.live_index import LiveFacetIndex

        self.engine = engine
        self._facet_index = LiveFacetIndex()
        self._cache = MatchCache()

    def forget_remembered_matches(self) -> None:
        self._cache = MatchCache()

    def search_full(self, query: SearchQuery, facets: tuple[str, ...]) -> FullResult:
        with self.engine.connect() as connection:
            index, offline = self._facet_index.current(connection)
            return run(connection, index, offline, query, facets, self._cache)

    def run_search(self, query: SearchQuery, facets: tuple[str, ...], known_facets: dict | None = None) -> tuple:
        """(total, first 200 rows, facet counts), as that day's `run_search` computed them."""
        from reslib_desktop.store.search import rows_by_ids

        result = self.search_full(query, () if known_facets is not None else facets)
        with self.engine.connect() as connection:
            rows = rows_by_ids(connection, result.ids[:200])
        return result.total, rows, known_facets if known_facets is not None else result.facets


def _cli(argv: list[str]) -> int:
    """That day's `reslib --db DB search WORDS`: SQL count and first 20 rows, each resource's details printed."""
    import sys

    from reslib_desktop.library import Library, parse_query
    from reslib_desktop.store import search as store_search

    db, words = argv[0], argv[1:]
    query = SearchQuery(text=parse_query(" ".join(words)), sort=SortKey.RELEVANCE, descending=True)
    with Library.open(Path(db), read_only=True) as library, library.engine.connect() as connection:
        _attach(connection)
        total = store_search.count(connection, query)
        rows = store_search.page(connection, query, 0, 20) if total else []
        details = [library.resource(row.id) for row in rows]
    print(f"{total} resources")
    for detail in details:
        if detail is not None:
            print(f"- {detail.title}")
            for attachment in detail.attachments:
                print(f"    · {attachment.label}")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(_cli(sys.argv[1:]))

"""One search with its facet counts and full result order, computed over a `FacetIndex`.

The full-text match (and its BM25 scores) runs once in the search index
(search/engine.py, tantivy); filters, facet counts and ordering are array
operations. The result carries the ordered ids of every match, so scrolling
later only reads rows by id. Semantics are those of store/search.py, the SQL
reference (a test compares both: same ids and counts).
"""

from __future__ import annotations

import threading
from typing import Protocol

import numpy as np
from sqlalchemy import Connection

from reslib_desktop.store.database import sqlite_connection
from reslib_desktop.store.facet_index import NO_DATE, FacetIndex
from reslib_desktop.store.query import FullResult, SearchQuery, SortKey
from reslib_desktop.store.search import FacetValue

_BIG = np.int64(2**40)
_SINGLE = ("type", "year")
_MEMBER_POSITIONS = (
    "SELECT ci.resource_id, ci.position FROM collection_items ci "
    "JOIN collections c ON c.id = ci.collection_id WHERE c.name = ?"
)
_MULTI = ("topic", "audience")


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


class Matcher(Protocol):
    """The full-text side of a search (search/engine.SearchIndex): ids matching an expression, with
    scores (higher is better) when asked; `epoch` changes whenever the answers may change."""

    @property
    def epoch(self) -> int: ...

    def matching(self, expression: str, scored: bool) -> tuple[np.ndarray, np.ndarray | None]: ...


def _cached_matching(matcher: Matcher, cache: MatchCache | None, expression: str,
                     with_scores: bool) -> tuple[np.ndarray, np.ndarray | None]:
    if cache is None:
        return matcher.matching(expression, with_scores)
    key = (id(matcher), matcher.epoch, expression, with_scores)
    found = cache.get(key)
    if found is None and not with_scores:
        scored = cache.get(
            (id(matcher), matcher.epoch, expression, True)
        )  # a scored match also answers an unscored one
        found = (scored[0], None) if scored is not None else None
    if found is None:
        found = matcher.matching(expression, with_scores)
        cache.put(key, found)
    return found


def _present(index: FacetIndex, ids: np.ndarray, scores: np.ndarray | None = None
             ) -> tuple[np.ndarray, np.ndarray | None]:
    """Positions of the ids the facet index holds (the search index may briefly know others), and their scores."""
    if index.size == 0 or ids.size == 0:
        return np.zeros(0, dtype=np.int64), (np.zeros(0) if scores is not None else None)
    positions = np.searchsorted(index.ids, ids)
    clipped = np.minimum(positions, index.size - 1)
    valid = index.ids[clipped] == ids
    return clipped[valid], (scores[valid] if scores is not None else None)


def _collection(connection: Connection, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Member ids of a collection and their positions."""
    cursor = sqlite_connection(connection).cursor()
    try:
        cursor.execute(_MEMBER_POSITIONS, (name,))
        pairs = np.array(cursor.fetchall(), dtype=np.int64).reshape(-1, 2)
    finally:
        cursor.close()
    return pairs[:, 0], pairs[:, 1]


def date_bound(value: str, upper: bool) -> int:
    """'YYYY' or 'YYYY-MM' as a YYYYMMDD bound (inclusive lower, exclusive upper)."""
    year = int(value[:4])
    month = int(value[5:7]) if len(value) >= 7 else None
    if month is None:
        return (year + 1) * 10000 if upper else year * 10000
    if upper:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return year * 10000 + month * 100


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


def _base_mask(connection: Connection, matcher: Matcher, index: FacetIndex, offline: np.ndarray, query: SearchQuery,
               scored: bool, cache: MatchCache | None = None) -> tuple[np.ndarray, np.ndarray | None]:
    """Everything except the sidebar selections; and BM25 scores by position when scored."""
    mask = np.ones(index.size, dtype=bool)
    scores = None
    text_query = query.text
    if text_query.match:
        ids, raw_scores = _cached_matching(matcher, cache, text_query.match, scored)
        positions, raw_scores = _present(index, ids, raw_scores)
        mask[:] = False
        mask[positions] = True
        if raw_scores is not None:
            scores = np.zeros(index.size, dtype=np.float64)
            scores[positions] = -raw_scores  # ordered like a cost: lower is better
    for expression in text_query.exclude:
        ids, _ = _cached_matching(matcher, cache, expression, False)
        mask[_present(index, ids)[0]] = False
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
        keys: tuple[np.ndarray, ...] = (-ids, newest_first, score if query.descending else -score)
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


def run(connection: Connection, matcher: Matcher, index: FacetIndex, offline: np.ndarray, query: SearchQuery,
        facets: tuple[str, ...], cache: MatchCache | None = None) -> FullResult:
    """All matches in order, and counts for `facets` (each without its own selection)."""
    scored = bool(query.text.match) and query.sort is SortKey.RELEVANCE
    base, scores = _base_mask(connection, matcher, index, offline, query, scored, cache)
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

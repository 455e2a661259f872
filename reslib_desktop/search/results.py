"""The ordered ids of a search's matches, read from the index a block at a time as they are needed.

Behaves as a read-only list (len, index, slice, iteration, ==), so the results table can hold it
while only the rows it shows are ever fetched: a 1,000,000-match result costs no more than its first
page until someone scrolls.

Reading on from a block already read costs the same at any depth for the index's sort keys (date,
title): the next block is the matches past the last key read (a range on the fast field), not the
first k + 200 matches with k skipped (tantivy's offset, whose cost grows with k: ~170 ms CPU at 990,000
of 1,000,000). Equal keys are tantivy's own order (ascending document address) in both searches, so
the ones already read are skipped by count. Relevance has no such key: its blocks use the offset,
five pages at a time (the results table fetches them off the GUI thread). Least relevant first is the
same list read from its end (`ReversedIds`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from typing import overload

import tantivy

from reslib_desktop.search import fields

CHUNK = 200  # the results table reads 200 rows at a time (gui/results_model.PAGE_SIZE)
BLOCK_CHUNKS = 5  # chunks read by one search when scrolling on


class _LazyIds(Sequence[int]):
    """A read-only list of ids whose subclasses read `_range(start, stop)` on demand."""

    _total: int

    def __len__(self) -> int:
        return self._total

    def _range(self, start: int, stop: int) -> list[int]:
        raise NotImplementedError

    @overload
    def __getitem__(self, position: int) -> int: ...

    @overload
    def __getitem__(self, position: slice) -> list[int]: ...

    def __getitem__(self, position: int | slice) -> int | list[int]:
        if isinstance(position, slice):
            start, stop, step = position.indices(self._total)
            if step != 1:
                return self._range(0, self._total)[position]
            return self._range(start, stop)
        if position < 0:
            position += self._total
        if not 0 <= position < self._total:
            raise IndexError("result position out of range")
        return self._range(position, position + 1)[0]

    def __iter__(self) -> Iterator[int]:
        return iter(self._range(0, self._total))

    # Sequence's own index/contains read one position at a time: read everything once instead.
    def index(self, value: object, start: int = 0, stop: int | None = None) -> int:
        return self._range(0, self._total).index(value, start, self._total if stop is None else stop)  # type: ignore[arg-type]

    def __contains__(self, value: object) -> bool:
        return value in self._range(0, self._total)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(total={self._total})"


class ResultIds(_LazyIds):
    def __init__(self, searcher: tantivy.Searcher, query: tantivy.Query, total: int,
                 order: tuple[str, tantivy.Order] | None, first: list[int] | None = None,
                 schema: tantivy.Schema | None = None, first_keys: list[int] | None = None) -> None:
        self._searcher = searcher  # a snapshot: later index changes do not shift the pages
        self._query = query
        self._total = total
        self._order = order  # (fast field, direction); None: by score, best first
        self._schema = schema  # needed to read on by key (None: by offset only)
        self._chunks: dict[int, list[int]] = {}
        self._ends: dict[int, tuple[int, int]] = {}  # chunk -> (its last key, how many read so far share it)
        self._lock = threading.Lock()
        if first:
            full = len(first) - len(first) % CHUNK or len(first)
            for start in range(0, full, CHUNK):
                self._store(start // CHUNK, first[start : start + CHUNK],
                            first_keys[start : start + CHUNK] if first_keys else None)

    def _store(self, number: int, ids: list[int], keys: list[int] | None) -> None:
        self._chunks[number] = ids
        if not keys or len(keys) != len(ids):
            return
        last = keys[-1]
        ties = sum(1 for key in keys if key == last)
        if ties == len(keys) and number > 0:
            previous = self._ends.get(number - 1)
            if previous is None:
                return  # the run of equal keys may have begun earlier: read on by offset
            if previous[0] == last:
                ties += previous[1]
        self._ends[number] = (last, ties)

    def _search(self, query: tantivy.Query, limit: int, offset: int) -> tuple[list[int], list[int] | None]:
        if self._order is None:
            hits = self._searcher.search(query, limit, count=False, offset=offset).hits
            keys = None
        else:
            field, direction = self._order
            hits = self._searcher.search(
                query, limit, count=False, order_by_field=field, offset=offset, order=direction
            ).hits
            keys = [int(key) for key, _address in hits]
        return fields.fast_ints(self._searcher, fields.RID, [address for _key, address in hits]), keys

    def _fetch(self, first_chunk: int, limit: int) -> tuple[list[int], list[int] | None]:
        """`limit` ids from the start of `first_chunk` (and their sort keys, when ordered by one)."""
        if limit <= 0:
            return [], None
        end = self._ends.get(first_chunk - 1)
        if self._order is None or self._schema is None or end is None:
            return self._search(self._query, limit, first_chunk * CHUNK)
        field, direction = self._order
        last, ties = end
        after = tantivy.Query.range_query(
            self._schema, field, tantivy.FieldType.Integer,
            lower_bound=None if direction == tantivy.Order.Desc else last,
            upper_bound=last if direction == tantivy.Order.Desc else None,
        )  # inclusive: equal keys may follow; the `ties` already read come first among them
        narrowed = tantivy.Query.boolean_query([(tantivy.Occur.Must, self._query), (tantivy.Occur.Must, after)])
        ids, keys = self._search(narrowed, limit + ties, 0)
        assert keys is not None
        skip = 0
        while skip < min(ties, len(keys)) and keys[skip] == last:
            skip += 1
        return ids[skip : skip + limit], keys[skip : skip + limit]

    def _range(self, start: int, stop: int) -> list[int]:
        if start >= stop:
            return []
        first, last = start // CHUNK, (stop - 1) // CHUNK
        with self._lock:
            missing = [n for n in range(first, last + 1) if n not in self._chunks]
            if missing:
                low = missing[0]
                high = max(missing[-1], min(low + BLOCK_CHUNKS - 1, (self._total - 1) // CHUNK))
                while any(n in self._chunks for n in range(missing[-1] + 1, high + 1)):
                    high -= 1  # read ahead only up to the next chunk already read
                fetched, keys = self._fetch(low, min((high + 1) * CHUNK, self._total) - low * CHUNK)
                for n in range(low, high + 1):
                    if n not in self._chunks:
                        part = slice((n - low) * CHUNK, (n - low + 1) * CHUNK)
                        self._store(n, fetched[part], keys[part] if keys is not None else None)
            joined = [i for n in range(first, last + 1) for i in self._chunks[n]]
        return joined[start - first * CHUNK : stop - first * CHUNK]


class ChainedIds(_LazyIds):
    """Ordered ids made of consecutive parts of known length, each a `ResultIds` made when first read (the type
    order: one part per type, each in title order)."""

    def __init__(self, parts: list[tuple[int, Callable[[], ResultIds]]]) -> None:
        self._lengths = [length for length, _make in parts]
        self._makers = [make for _length, make in parts]
        self._starts = [sum(self._lengths[:number]) for number in range(len(parts))]
        self._total = sum(self._lengths)
        self._made: dict[int, ResultIds] = {}
        self._lock = threading.Lock()

    def _part(self, number: int) -> ResultIds:
        with self._lock:
            part = self._made.get(number)
            if part is None:
                part = self._made[number] = self._makers[number]()
            return part

    def _range(self, start: int, stop: int) -> list[int]:
        found: list[int] = []
        for number, (first, length) in enumerate(zip(self._starts, self._lengths)):
            low, high = max(start, first), min(stop, first + length)
            if low < high:
                found += self._part(number)[low - first : high - first]
        return found


class ReversedIds(_LazyIds):
    """Another list of ids read back to front (least relevant first: the relevance order reversed), reading
    ahead towards its start, which is where scrolling on goes."""

    def __init__(self, forward: ResultIds) -> None:
        self._forward = forward
        self._total = len(forward)

    def _range(self, start: int, stop: int) -> list[int]:
        if start >= stop:
            return []
        low, high = self._total - stop, self._total - start
        ahead = max(0, low - (BLOCK_CHUNKS - 1) * CHUNK)  # one search reads the next pages down too
        ids = self._forward[ahead:high]
        return ids[low - ahead :][::-1]

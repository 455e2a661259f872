"""The ordered ids of a search's matches, read from the index a chunk at a time as they are needed.

Behaves as a read-only list (len, index, slice, iteration, ==), so the results table can hold it
while only the rows it shows are ever fetched: scrolling reads a chunk with tantivy's offset, and a
100,000-match result costs no more than its first page until someone scrolls.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from typing import overload

import tantivy

from reslib_desktop.search import fields

CHUNK = 200  # the results table reads 200 rows at a time (gui/results_model.PAGE_SIZE)


class ResultIds(Sequence[int]):
    def __init__(self, searcher: tantivy.Searcher, query: tantivy.Query, total: int,
                 order: tuple[str, tantivy.Order] | None, first: list[int] | None = None) -> None:
        self._searcher = searcher  # a snapshot: later index changes do not shift the pages
        self._query = query
        self._total = total
        self._order = order  # (fast field, direction); None: by score, best first
        self._chunks: dict[int, list[int]] = {}
        self._lock = threading.Lock()
        if first:
            for start in range(0, len(first) - len(first) % CHUNK or len(first), CHUNK):
                self._chunks[start // CHUNK] = first[start : start + CHUNK]

    def __len__(self) -> int:
        return self._total

    def _fetch(self, offset: int, limit: int) -> list[int]:
        if limit <= 0:
            return []
        if self._order is None:
            hits = self._searcher.search(self._query, limit, count=False, offset=offset).hits
        else:
            field, direction = self._order
            hits = self._searcher.search(
                self._query, limit, count=False, order_by_field=field, offset=offset, order=direction
            ).hits
        return fields.fast_ints(self._searcher, fields.RID, [address for _key, address in hits])

    def _range(self, start: int, stop: int) -> list[int]:
        if start >= stop:
            return []
        first, last = start // CHUNK, (stop - 1) // CHUNK
        with self._lock:
            missing = [n for n in range(first, last + 1) if n not in self._chunks]
            if missing:
                low, high = missing[0], missing[-1]
                fetched = self._fetch(low * CHUNK, min((high + 1) * CHUNK, self._total) - low * CHUNK)
                for n in range(low, high + 1):
                    if n not in self._chunks:
                        self._chunks[n] = fetched[(n - low) * CHUNK : (n - low + 1) * CHUNK]
            joined = [i for n in range(first, last + 1) for i in self._chunks[n]]
        return joined[start - first * CHUNK : stop - first * CHUNK]

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
        return f"ResultIds(total={self._total})"

"""The rows a results table has loaded, kept so that the garbage collector does not rescan them.

A long result list can hold tens of thousands of loaded rows. As `ResourceRow` objects each one stays
tracked by CPython's cyclic garbage collector, and every full collection (one every time the tracked
objects grow by a quarter) rescans them all on the GUI thread: ~100 ms at 55,000 rows, a visible stall
while scrolling. Kept as plain tuples of plain values (ints, strings, dates, None) they are untracked by
the first young collection after they arrive, so a full collection costs the same at any depth. A
`ResourceRow` is made again only for the row being read (~1 µs).
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Iterable, Iterator
from typing import Any

from reslib_desktop.library import ResourceRow

_FIELDS = tuple(field.name for field in dataclasses.fields(ResourceRow))
_packed = operator.attrgetter(*_FIELDS)  # a ResourceRow -> its values, as a plain tuple, in field order
_ID = _FIELDS.index("id")


class LoadedRows:
    """A list of result rows, by position; each read gives back a `ResourceRow`."""

    def __init__(self, rows: Iterable[ResourceRow] = ()) -> None:
        self._values: list[tuple[Any, ...]] = [_packed(row) for row in rows]

    def __len__(self) -> int:
        return len(self._values)

    def __getitem__(self, position: int) -> ResourceRow:
        return ResourceRow(*self._values[position])

    def __setitem__(self, position: int, row: ResourceRow) -> None:
        self._values[position] = _packed(row)

    def extend(self, rows: Iterable[ResourceRow]) -> None:
        self._values.extend(map(_packed, rows))

    def id_at(self, position: int) -> int:
        """The resource id of a row, without making the row."""
        resource_id: int = self._values[position][_ID]
        return resource_id

    def ids(self) -> Iterator[int]:
        """The resource ids of every row, in order."""
        return (values[_ID] for values in self._values)

    def distinct(self, field: str, first: int) -> set[Any]:
        """The distinct values of a `ResourceRow` field among the first `first` rows, without making the rows."""
        at = _FIELDS.index(field)
        return {values[at] for values in self._values[:first]}

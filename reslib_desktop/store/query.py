"""What a search asks for: the parsed keyword text, facet selections and the sort (pure data)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum

FACETS: tuple[str, ...] = ("type", "topic", "audience", "year", "offline")


class SortKey(str, Enum):
    RELEVANCE = "relevance"
    DATE = "date"
    TITLE = "title"
    TYPE = "type"
    POSITION = "position"  # a collection's own order (only meaningful with a collection)


@dataclass(frozen=True)
class TextQuery:
    """The keyword box parsed: FTS5 expressions that are always safe to run."""

    match: str | None = None  # rows must match this FTS5 expression
    exclude: tuple[str, ...] = ()  # rows must match none of these
    filters: tuple[tuple[str, frozenset[str]], ...] = ()  # field:value filters typed in the box
    year_from: int | None = None
    year_to: int | None = None
    terms: tuple[str, ...] = ()  # words to highlight
    notes: tuple[str, ...] = ()  # quiet hints when the text had to be read loosely

    def filter_values(self, facet: str) -> frozenset[str]:
        values: set[str] = set()
        for name, chosen in self.filters:
            if name == facet:
                values |= chosen
        return frozenset(values)


@dataclass(frozen=True)
class SearchQuery:
    """A whole search: text, sidebar selections (OR within a facet, AND across), date range, sort."""

    text: TextQuery = field(default_factory=TextQuery)
    selections: tuple[tuple[str, frozenset[str]], ...] = ()
    date_from: str | None = None  # 'YYYY' or 'YYYY-MM', inclusive
    date_to: str | None = None
    collection: str | None = None  # only the members of this collection
    sort: SortKey = SortKey.RELEVANCE
    descending: bool = True

    def selected(self, facet: str) -> frozenset[str]:
        for name, values in self.selections:
            if name == facet:
                return values
        return frozenset()

    def with_selection(self, facet: str, values: frozenset[str] | set[str]) -> SearchQuery:
        others = tuple((name, chosen) for name, chosen in self.selections if name != facet)
        chosen = frozenset(values)
        return replace(self, selections=others + (((facet, chosen),) if chosen else ()))


@dataclass(frozen=True)
class FacetValue:
    value: str  # '' stands for "not given" (e.g. no type)
    count: int


@dataclass(frozen=True)
class FullResult:
    """A whole search: every match in order (a list, or search/results.ResultIds read lazily), facet counts."""

    ids: Sequence[int]
    facets: dict[str, list[FacetValue]]
    library_size: int  # resources in the library (at the time of the search)

    @property
    def total(self) -> int:
        return len(self.ids)

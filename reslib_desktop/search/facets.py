"""Facet counts from tantivy aggregations, each facet counted without its own selection."""

from __future__ import annotations

import tantivy

from reslib_desktop.search import fields
from reslib_desktop.store.query import FacetValue

_AGGREGATED = ("type", "year", "topic", "audience")
_BUCKETS = 100_000


def ordered(counts: dict[str, int], selected: frozenset[str], facet: str) -> list[FacetValue]:
    """Values as the sidebar lists them: selected ones always present; years newest first ('' last),
    offline 'yes' first, others by count then name."""
    counts = dict(counts)
    for value in selected:
        counts.setdefault(value, 0)
    if facet == "year":
        items = sorted(counts.items(), key=lambda item: item[0] or "0000", reverse=True)
    elif facet == "offline":
        items = sorted(counts.items(), key=lambda item: item[0] != "yes")
    else:
        items = sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))
    return [FacetValue(value, number) for value, number in items]


def aggregate(searcher: tantivy.Searcher, query: tantivy.Query, facets: list[str]) -> dict[str, dict[str, int]]:
    """Counts per value of the aggregated facets among `query`'s matches."""
    wanted = [facet for facet in facets if facet in _AGGREGATED]
    if not wanted:
        return {}
    result = searcher.aggregate(query, {facet: {"terms": {"field": facet, "size": _BUCKETS}} for facet in wanted})
    counts: dict[str, dict[str, int]] = {}
    for facet in wanted:
        buckets = result.get(facet, {}).get("buckets", [])
        counts[facet] = {("" if b["key"] == fields.NONE else str(b["key"])): int(b["doc_count"]) for b in buckets}
    return counts


def count(searcher: tantivy.Searcher, query: tantivy.Query) -> int:
    return fields.total_hits(searcher.search(query, 1, count=True))

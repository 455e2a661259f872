"""A whole search on the index: total, facet counts and the ordered ids (read lazily), without
reading every match into Python.

Relevance (best first, or least relevant first: the same order read from its end), date and title
orders are the index's own (scores; fast-field sort keys); the type order and a collection's own order
are made from index searches too (`_type_ordered`, `_in_collection_order`).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future

import tantivy

from reslib_desktop.search import facets as facet_counts
from reslib_desktop.search import fields
from reslib_desktop.search.engine import SearchIndex
from reslib_desktop.search.filters import Context, base_clauses, combine, selection_clause
from reslib_desktop.search.results import CHUNK, ChainedIds, ResultIds, ReversedIds
from reslib_desktop.store.query import FacetValue, FullResult, SearchQuery, SortKey

Occur = tantivy.Occur
_SELECTABLE = ("type", "year", "topic", "audience", "offline")


_BY_TYPE = (fields.TITLE_RANK, tantivy.Order.Asc)  # within each type (type order is made by ChainedIds)
_BY_POSITION = (fields.RID, tantivy.Order.Asc)  # a collection's own order (made from its members' list)
_LEAST_RELEVANT = ("score", tantivy.Order.Asc)  # the relevance order read from its end


def _order(query: SearchQuery) -> tuple[str, tantivy.Order] | None:
    """The index order for a query; None for best score first; (fast field, direction) for a sort key;
    `_BY_TYPE` for the type order (types in order, "no type" last either way; by title within a type);
    `_BY_POSITION` for a collection's own order; `_LEAST_RELEVANT` for relevance, worst first."""
    if query.sort is SortKey.RELEVANCE and query.text.match:
        return None if query.descending else _LEAST_RELEVANT
    if query.sort is SortKey.TITLE:
        return (fields.TITLE_RANK, tantivy.Order.Asc if not query.descending else tantivy.Order.Desc)
    if query.sort is SortKey.TYPE:
        return _BY_TYPE
    if query.sort is SortKey.POSITION and query.collection is not None:
        return _BY_POSITION
    # DATE, relevance without words, and a collection's own order asked without a collection: newest first
    return (fields.DATE_DESC, tantivy.Order.Desc) if query.descending else (fields.DATE_ASC, tantivy.Order.Asc)


def run(index: SearchIndex, query: SearchQuery, facets: tuple[str, ...], context: Context) -> FullResult:
    """The search in the index: the total, the facet counts and the ordered ids (read lazily)."""
    order = _order(query)
    searcher = index.searcher
    if searcher is None:
        return FullResult([], {facet: facet_counts.ordered({}, query.selected(facet), facet) for facet in facets}, 0)
    base = base_clauses(index, query, context)
    selections = {
        facet: selection_clause(index, facet, values)
        for facet, values in query.selections
        if values and facet in _SELECTABLE
    }
    final = combine(base + [(Occur.Must, clause) for clause in selections.values()])
    if order is _BY_POSITION:
        assert query.collection is not None
        counts, _total = _facets(searcher, query, facets, base, selections, final)
        members = list(context.collection_ids(query.collection))
        return FullResult(_in_collection_order(searcher, final, members, query.descending), counts,
                          searcher.num_docs)
    if order is _BY_TYPE:
        early = _first_part_early(index, searcher, final, query.descending)
        counts, _total = _facets(searcher, query, facets, base, selections, final)
        if "type" in facets and "type" not in selections:  # the sidebar's type counts are over `final` already
            per_type = {value.value: value.count for value in counts["type"]}
        else:  # a re-sort (no counts asked) or a type selection (its counts leave it out)
            per_type = facet_counts.aggregate(searcher, final, ["type"]).get("type", {})
        return FullResult(_type_ordered(index, searcher, final, per_type, query.descending, early), counts,
                          searcher.num_docs)
    if order is _LEAST_RELEVANT:
        counts, total = _facets(searcher, query, facets, base, selections, final)
        if total is None:
            total = fields.total_hits(searcher.search(final, 1, count=True))
        backwards = ReversedIds(ResultIds(searcher, final, total, None))
        backwards[:CHUNK]  # the first page is read here, in the search's own thread
        return FullResult(backwards, counts, searcher.num_docs)
    # The total comes free with a single-valued facet counted over the final query; else ask for it.
    counted = any(facet in ("type", "year") and facet not in selections for facet in facets)
    if order is None:
        top = facet_counts.in_parallel(lambda: searcher.search(final, CHUNK, count=not counted))
    else:
        top = facet_counts.in_parallel(lambda: searcher.search(
            final, CHUNK, count=not counted, order_by_field=order[0], order=order[1]))
    counts, total = _facets(searcher, query, facets, base, selections, final)
    result = top.result()
    total = fields.total_hits(result) if total is None else total
    first, keys = _page(searcher, result.hits)
    ids = ResultIds(searcher, final, total, order, first, schema=index.schema,
                    first_keys=keys if order is not None else None)
    return FullResult(ids, counts, searcher.num_docs)


def _page(searcher: tantivy.Searcher, hits: list) -> tuple[list[int], list[int]]:
    """A page of (sort key or score, address) hits as resource ids and their sort keys (read on after it)."""
    return (fields.fast_ints(searcher, fields.RID, [address for _key, address in hits]),
            [int(key) for key, _address in hits])


def _facets(searcher: tantivy.Searcher, query: SearchQuery, facets: tuple[str, ...], base: list,
            selections: dict[str, tantivy.Query], final: tantivy.Query
            ) -> tuple[dict[str, list[FacetValue]], int | None]:
    """Each facet over the query with the other facets' selections (its own left out); and the total of
    the final query when a single-valued facet was counted over it (every resource has one type, one year,
    and is available offline or not)."""
    counts: dict[str, dict[str, int]] = {}
    unselected = [facet for facet in facets if facet not in selections]
    groups: list[tuple[list[str], tantivy.Query, bool]] = [
        (part, final, True) for part in _requests(unselected, has_words=bool(query.text.match or query.text.exclude))
    ]
    for facet in facets:
        if facet in selections:
            others = [(Occur.Must, clause) for name, clause in selections.items() if name != facet]
            groups.append(([facet], combine(base + others), False))
    total: int | None = None
    aggregated = facet_counts.aggregate_groups(searcher, [(group_query, group) for group, group_query, _ in groups])
    for (_group, _query, is_final), counted in zip(groups, aggregated):
        counts.update(counted)
        whole = next((sum(counted[f].values()) for f in ("type", "year", fields.OFFLINE) if f in counted), None)
        if is_final and whole is not None:
            total = whole
    ordered = {facet: facet_counts.ordered(counts.get(facet, {}), query.selected(facet), facet) for facet in facets}
    return ordered, total


def _requests(facets: list[str], has_words: bool) -> list[list[str]]:
    """`facets` as the aggregation requests that count them over one query: one request when the query has
    words (a second would evaluate them again), else the topics apart from the rest. Without words the query
    costs next to nothing and counting is the work: topics and audiences (several values a resource) take
    ~50 and ~37 ms at 1M here, the single-valued facets ~3 ms each, so two requests side by side on the
    helper threads take ~54 ms where one took ~93 (`aggregate_groups`)."""
    if has_words or "topic" not in facets or len(facets) == 1:
        return [facets] if facets else []
    return [["topic"], [facet for facet in facets if facet != "topic"]]


def _of_type(index: SearchIndex, final: tantivy.Query, value: str) -> tantivy.Query:
    return combine([(Occur.Must, final), (Occur.Must, selection_clause(index, "type", frozenset({value})))])


_Early = tuple[str, Future[tantivy.SearchResult]]  # (the type guessed, its first page being read)


def _first_part_early(index: SearchIndex, searcher: tantivy.Searcher, final: tantivy.Query,
                      descending: bool) -> _Early | None:
    """The first page of the type the type order most likely starts with (the first of the index's types,
    the last descending), searched on a helper thread while the types are counted. Used only when the
    counts show the order does start with it; at 1M this overlaps two passes over the matches."""
    named = sorted(value for value in index.values_of("type") if value != fields.NONE)
    if not named:
        return None
    guess = named[-1] if descending else named[0]
    narrowed = _of_type(index, final, guess)
    return guess, facet_counts.in_parallel(lambda: searcher.search(
        narrowed, CHUNK, count=False, order_by_field=_BY_TYPE[0], order=_BY_TYPE[1]))


def _type_ordered(index: SearchIndex, searcher: tantivy.Searcher, final: tantivy.Query, per_type: dict[str, int],
                  descending: bool, early: _Early | None = None) -> ChainedIds:
    """The matches in type order, as SQLite's `ORDER BY resource_type NULLS LAST, title_sort, id`: one part per
    type (counted by one aggregation), each read from the index in title order when the table reaches it
    (the first part's first page may have been read already: `_first_part_early`)."""
    named = sorted((value for value, count in per_type.items() if value and count), reverse=descending)
    values = named + ([""] if per_type.get("") else [])

    def part(value: str) -> Callable[[], ResultIds]:
        def make() -> ResultIds:
            first = keys = None
            if early is not None and early[0] == value:
                first, keys = _page(searcher, early[1].result().hits)
            return ResultIds(searcher, _of_type(index, final, value), per_type[value], _BY_TYPE, first,
                             schema=index.schema, first_keys=keys)

        return make

    return ChainedIds([(per_type[value], part(value)) for value in values])


def _in_collection_order(searcher: tantivy.Searcher, final: tantivy.Query, members: list[int],
                         descending: bool) -> list[int]:
    """The matches among a collection's `members` (its order: position, then id) in that order, as SQLite's
    `ORDER BY position, id`; reversed when not `descending` ("descending" is the collection's natural order).
    A collection is a hand-made list: its matches are read whole."""
    if not members:
        return []
    hits = searcher.search(final, len(members), count=False).hits
    found = set(fields.fast_ints(searcher, fields.RID, [address for _score, address in hits]))
    ordered = [rid for rid in members if rid in found]
    return ordered if descending else ordered[::-1]

"""A `SearchQuery`'s conditions as tantivy clauses: words, exclusions, typed filters, year and date
ranges, collection, and the sidebar's facet selections (kept apart: each facet is counted without
its own selection).

Typed topic: and audience: filters find a value whatever its case, accents or punctuation (textnorm.fold);
the sidebar's selections are the index's own values. An excluded year keeps the undated resources."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

import tantivy

from reslib_desktop.search import fields
from reslib_desktop.search.engine import SearchIndex
from reslib_desktop.store.query import SearchQuery
from reslib_desktop.store.querylang import year_span
from reslib_desktop.textnorm import fold

Occur = tantivy.Occur
Query = tantivy.Query


@dataclass(frozen=True)
class Context:
    """What the index does not hold: a collection's members."""

    collection_ids: Callable[[str], Iterable[int]]


def _any_of(schema: tantivy.Schema, field: str, values: Iterable[str]) -> Query:
    terms = [value or fields.NONE for value in values]
    if not terms:
        return Query.empty_query()
    return Query.term_set_query(schema, field, terms)


def _ids(schema: tantivy.Schema, ids: Iterable[int]) -> Query:
    chosen = [int(i) for i in ids]
    return Query.term_set_query(schema, fields.RID, chosen) if chosen else Query.empty_query()


def _offline(schema: tantivy.Schema, values: frozenset[str]) -> Query:
    """Resources available offline ('yes'), or not ('no'): the index's offline field."""
    return _any_of(schema, fields.OFFLINE, sorted(values & {fields.OFFLINE_YES, fields.OFFLINE_NO}))


def _date_range(schema: tantivy.Schema, low: int | None, high: int | None) -> Query:
    """Dated resources with low <= YYYYMMDD < high."""
    return Query.range_query(
        schema, fields.DATE_KEY, tantivy.FieldType.Integer, low if low is not None else 0, high,
        include_lower=True, include_upper=False,
    ) if high is not None else Query.range_query(
        schema, fields.DATE_KEY, tantivy.FieldType.Integer, low if low is not None else 0, None,
    )


def _years(schema: tantivy.Schema, low: int | None, high: int | None) -> Query:
    """Resources dated from year `low` to year `high` (either open)."""
    return _date_range(
        schema, low * 10000 if low is not None else None, (high + 1) * 10000 if high is not None else None
    )


def _year_spans(schema: tantivy.Schema, values: frozenset[str]) -> Query:
    """Resources dated in any of these year spans (querylang's: 2021, 2019..2022, ..2019, 2019..)."""
    spans = [span for span in map(year_span, sorted(values)) if span is not None]
    if not spans:
        return Query.empty_query()
    if len(spans) == 1:
        return _years(schema, *spans[0])
    return Query.boolean_query([(Occur.Should, _years(schema, *span)) for span in spans])


@lru_cache(maxsize=4096)
def _folded(name: str) -> str:
    return fold(name)


def _folded_matches(index: SearchIndex, field: str, wanted: frozenset[str]) -> list[str]:
    """The field's values equal to one of `wanted` but for case, accents and punctuation (textnorm.fold)."""
    folded = {fold(value) for value in wanted} - {""}
    return [name for name in index.values_of(field) if _folded(name) in folded]


def selection_clause(index: SearchIndex, facet: str, values: frozenset[str]) -> Query:
    """Resources having one of `values` in a facet (a sidebar selection)."""
    if facet == fields.OFFLINE:
        return _offline(index.schema, values)
    return _any_of(index.schema, facet, values)


def base_clauses(index: SearchIndex, query: SearchQuery, context: Context) -> list[tuple[tantivy.Occur, Query]]:
    """Every condition except the sidebar selections."""
    schema = index.schema
    clauses: list[tuple[tantivy.Occur, Query]] = []
    text = query.text
    if text.match:
        clauses.append((Occur.Must, index.query(text.match)))
    for expression in text.exclude:
        clauses.append((Occur.MustNot, index.query(expression)))
    for name, values in text.filters:
        facet = name.lstrip("-")
        if facet == "type":
            clause = _any_of(schema, "type", values)
        elif facet in ("topic", "audience"):
            clause = _any_of(schema, facet, _folded_matches(index, facet, values))
        elif facet == "offline":
            clause = _offline(schema, values)
        elif facet == "year":
            clause = _year_spans(schema, values)  # excluded: undated resources stay
        else:
            continue
        clauses.append((Occur.MustNot if name.startswith("-") else Occur.Must, clause))
    if text.year_from is not None or text.year_to is not None:
        clauses.append((Occur.Must, _years(schema, text.year_from, text.year_to)))
    if query.collection is not None:
        clauses.append((Occur.Must, _ids(schema, context.collection_ids(query.collection))))
    if query.date_from or query.date_to:
        low = date_bound(query.date_from, upper=False) if query.date_from else None
        high = date_bound(query.date_to, upper=True) if query.date_to else None
        clauses.append((Occur.Must, _date_range(schema, low, high)))
    return clauses


def combine(clauses: list[tuple[tantivy.Occur, Query]]) -> Query:
    """All clauses AND-ed (a query of only exclusions starts from every resource)."""
    if not any(occur == Occur.Must for occur, _query in clauses):
        clauses = [(Occur.Must, Query.all_query()), *clauses]
    if len(clauses) == 1:
        return clauses[0][1]
    return Query.boolean_query(clauses)


def date_bound(value: str, upper: bool) -> int:
    """'YYYY' or 'YYYY-MM' as a YYYYMMDD bound (inclusive lower, exclusive upper)."""
    year = int(value[:4])
    month = int(value[5:7]) if len(value) >= 7 else None
    if month is None:
        return (year + 1) * 10000 if upper else year * 10000
    if upper:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return year * 10000 + month * 100

"""The five query kinds, as the GUI builds them and as the baselines express them."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class QueryCase:
    """One query kind: keyword-box text, sidebar selections, and its LIKE / stock-Qt forms."""

    key: str
    label: str
    text: str
    selections: tuple[tuple[str, str], ...] = ()  # (facet, value) ticked in the sidebar
    like_patterns: tuple[str, ...] = ()  # all must match title or description
    stock_pattern: str = ""  # QSortFilterProxyModel filter on every column
    stock_regex: bool = False  # pattern is a regular expression, not a fixed string


CASES: tuple[QueryCase, ...] = (
    QueryCase("word", "one common word", "housing", like_patterns=("housing",), stock_pattern="housing"),
    QueryCase(
        "two_words",
        "two words",
        "youth housing",
        like_patterns=("youth", "housing"),
        stock_pattern=r"^(?=.*youth)(?=.*housing)",
        stock_regex=True,
    ),
    QueryCase("phrase", "a phrase", '"mental health"', like_patterns=("mental health",), stock_pattern="mental health"),
    QueryCase("prefix", "a prefix while typing", "hous", like_patterns=("hous",), stock_pattern="hous"),
    QueryCase(
        "facets",
        "word + type + topic",
        "housing",
        selections=(("type", "report"), ("topic", "Employment")),
        like_patterns=("housing",),
        stock_pattern="housing",
    ),
)

# The GUI's typing test: ten characters each, typed into the keyword box.
TYPED_QUERIES: tuple[str, ...] = ("youth hous", "mental hea", "housing em")


def search_query(case: QueryCase, sort=None, descending: bool = True):
    """The SearchQuery the GUI's SearchController makes for this text and these selections."""
    from reslib_desktop.library import SearchQuery, SortKey, parse_query

    text = parse_query(case.text)
    query = SearchQuery(text=text, sort=SortKey.RELEVANCE if text.match else SortKey.DATE, descending=True)
    if sort is not None:
        query = replace(query, sort=sort, descending=descending)
    grouped: dict[str, set[str]] = {}
    for facet, value in case.selections:
        grouped.setdefault(facet, set()).add(value)
    for facet, values in grouped.items():
        query = query.with_selection(facet, frozenset(values))
    return query

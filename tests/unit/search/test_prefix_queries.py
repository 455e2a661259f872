"""The last word typed is a prefix. Where a field has no more than 50 terms with that prefix, the query
reads it once (a phrase-prefix query) instead of twice (that and a regex over the term dictionary): the
same resources, with the same scores, in the same order, for short and long prefixes alike."""

from __future__ import annotations

from pathlib import Path

from reslib_desktop.library import Library
from reslib_desktop.search import fields, translate

EXPRESSIONS = [
    '"housing"*', '"hous"*', '"s"*', '"t"*', '"mental heal"*', '"youth" AND "tra"*', '"labor" OR "emp"*',
    '("fact" OR "guide"*) AND "s"*', '"zzzqqq"*', '"traffick"*',
]


def _hits(searcher, query) -> list[tuple[float, int]]:
    result = searcher.search(query, searcher.num_docs or 1, count=False)
    ids = fields.fast_ints(searcher, fields.RID, [address for _score, address in result.hits])
    return [(round(score, 5), rid) for (score, _address), rid in zip(result.hits, ids)]


def test_a_prefix_read_once_finds_and_ranks_as_read_twice(shipped_copy: Path) -> None:
    with Library.open(shipped_copy) as library:
        library.refresh_search_index()
        index = library._search_index  # the engine itself: this compares two ways of building its queries
        searcher = index.searcher
        assert searcher is not None and searcher.num_docs > 0
        limit = translate.PHRASE_PREFIX_EXPANSIONS + 1
        counts = {
            (field, prefix): len(searcher.terms_with_prefix(field, prefix, limit=limit))
            for field in fields.TEXT_FIELDS
            for prefix in ("s", "hous", "zzzqqq")
        }
        # Both ways are taken: a prefix with more terms than the phrase-prefix query expands to, and fewer.
        assert counts[("description", "s")] > translate.PHRASE_PREFIX_EXPANSIONS
        assert 0 < counts[("description", "hous")] <= translate.PHRASE_PREFIX_EXPANSIONS
        assert counts[("title", "zzzqqq")] == 0
        for expression in EXPRESSIONS:
            twice = translate.to_query(expression, index.schema, index._analyzer)  # every prefix also a regex
            once = index.query(expression)
            assert _hits(searcher, once) == _hits(searcher, twice), expression
        assert _hits(searcher, index.query('"hous"*')), "a prefix of a common word finds resources"

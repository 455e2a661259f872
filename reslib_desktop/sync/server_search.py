"""Searching the server library directly (no replica needed): PostgreSQL full text, ranked.

Words are matched with `websearch_to_tsquery` in the `reslib_simple` configuration
(simple + unaccent, like the laptop's unicode61 remove_diacritics), weighted
title > subtitle and topics > attachment labels > description.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reslib_desktop.sync.connect import PasswordPrompt, connect
from reslib_desktop.sync.records import Record

_SEARCH = """
SELECT record, count(*) OVER () AS total
FROM resources, websearch_to_tsquery('reslib_simple', %(words)s) AS query
WHERE fts @@ query AND (%(types)s::text[] IS NULL OR record->>'type' = ANY(%(types)s::text[]))
ORDER BY ts_rank(fts, query) DESC, title, uid
LIMIT %(limit)s
"""
_ALL = """
SELECT record, count(*) OVER () AS total FROM resources
WHERE (%(types)s::text[] IS NULL OR record->>'type' = ANY(%(types)s::text[]))
ORDER BY title, uid LIMIT %(limit)s
"""


@dataclass(frozen=True)
class ServerHits:
    total: int
    records: list[Record]


def server_search(
    url: str, words: str, limit: int = 20, types: Sequence[str] = (), prompt: PasswordPrompt | None = None
) -> ServerHits:
    """The best `limit` matches of `words` on the server, and how many match in all."""
    parameters = {"words": words, "limit": limit, "types": list(types) or None}
    with connect(url, prompt) as server:
        rows = server.execute(_SEARCH if words.strip() else _ALL, parameters).fetchall()
    return ServerHits(rows[0][1] if rows else 0, [row[0] for row in rows])

"""Which attachment pages match a search (the page-level FTS5 index, page_fts)."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import Connection, text
from sqlalchemy.exc import OperationalError


class PageMatch(NamedTuple):
    """A page of an attachment that matched (unpacks as a 4-tuple)."""

    attachment_id: int
    label: str
    page: int  # 1-based
    snippet: str


_SQL = """
SELECT a.id, a.label, p.page, snippet(page_fts, 0, :start, :end, '…', :tokens)
FROM page_fts
JOIN attachment_pages p ON p.id = page_fts.rowid
JOIN attachments a ON a.id = p.attachment_id
WHERE page_fts MATCH :match AND a.resource_id = :resource_id
ORDER BY bm25(page_fts), a.position, p.page
LIMIT :limit
"""


def page_matches(
    connection: Connection,
    resource_id: int,
    match: str,
    limit: int = 50,
    marks: tuple[str, str] = ("[", "]"),
    tokens: int = 12,
) -> list[PageMatch]:
    """Best-matching pages of one resource's attachments for an FTS5 expression (e.g. TextQuery.match).

    An expression FTS5 cannot parse gives no matches rather than an error.
    """
    if not match:
        return []
    params = {
        "match": match,
        "resource_id": resource_id,
        "limit": limit,
        "start": marks[0],
        "end": marks[1],
        "tokens": tokens,
    }
    try:
        return [PageMatch(*row) for row in connection.execute(text(_SQL), params)]
    except OperationalError:
        return []

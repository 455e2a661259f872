"""Which attachment pages match a search (the page-level FTS5 index, page_fts).

The search index folds words (straße -> strasse, Łódź -> lodz); page_fts indexes the page text with the
letters FTS5 keeps spelled as the search index spells them (migration 0009), and each word group of the
query is searched as the search index's analyzer folds it, or as typed. Passages are shown in the text
as it is: a passage of the folded text is mapped back onto the page's own letters.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from typing import NamedTuple

import tantivy
from sqlalchemy import Connection, text
from sqlalchemy.exc import OperationalError

from reslib_desktop.search.fields import analyzer


class PageMatch(NamedTuple):
    """A page of an attachment that matched (unpacks as a 4-tuple)."""

    attachment_id: int
    label: str
    page: int  # 1-based
    snippet: str


_SQL = """
SELECT a.id, a.label, p.page, snippet(page_fts, 0, :start, :end, '…', :tokens), p.text
FROM page_fts
JOIN attachment_pages p ON p.id = page_fts.rowid
JOIN attachments a ON a.id = p.attachment_id
WHERE page_fts MATCH :match AND a.resource_id = :resource_id
ORDER BY bm25(page_fts), a.position, p.page
LIMIT :limit
"""
# The letters page_fts sees spelled otherwise (migration 0009's copy; a test holds them equal).
FOLDED_LETTERS: dict[str, str] = {
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE",
    "ð": "d", "Ð": "D", "đ": "d", "Đ": "D", "þ": "th", "Þ": "TH", "ł": "l", "Ł": "L",
    "ı": "i", "ŋ": "n", "Ŋ": "N", "ə": "a", "Ə": "A", "ħ": "h", "Ħ": "H", "ĳ": "ij",
    "Ĳ": "IJ", "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl",
}
_FOLDED = re.compile("[" + "".join(FOLDED_LETTERS) + "]")
_GROUP = re.compile(r'"([^"]*)"(\*?)')


@cache
def _analyzer() -> tantivy.TextAnalyzer:
    return analyzer()


def _folded_group(match: re.Match[str]) -> str:
    typed, star = match.group(1), match.group(2)
    folded = " ".join(_analyzer().analyze(typed)).replace('"', '""')
    if not folded or folded == typed.lower():
        return match.group(0)
    return f'("{folded}"{star} OR "{typed}"{star})'


def folded_match(match: str) -> str:
    """An FTS5 expression (TextQuery.match) with each word group as the search index folds it, or as typed
    (a letter the page index does not fold still matches as typed): "Straße" -> ("strasse" OR "Straße")."""
    return _GROUP.sub(_folded_group, match)


def _folded_page(page: str) -> tuple[str, list[int], list[int]]:
    """The page as page_fts reads it, and where it lines up with the page (after each folded letter)."""
    parts: list[str] = []
    folded_at, page_at = [0], [0]
    for letter in _FOLDED.finditer(page):
        spelled = FOLDED_LETTERS[letter.group()]
        parts += [page[page_at[-1] : letter.start()], spelled]
        folded_at.append(folded_at[-1] + letter.start() - page_at[-1] + len(spelled))
        page_at.append(letter.end())
    return "".join(parts) + page[page_at[-1] :], folded_at, page_at


def _unfolded(passage: str, page: str, marks: tuple[str, str]) -> str:
    """A passage of the folded page (FTS5's snippet: words between `marks`, '…' where it is cut) in the
    page's own letters; as it is if it cannot be found."""
    folded, folded_at, page_at = _folded_page(page)
    plain, inserts = "", []  # the passage without marks; (where in it, mark)
    for piece in re.split(f"({re.escape(marks[0])}|{re.escape(marks[1])})", passage):
        if piece in marks:
            inserts.append((len(plain), piece))
        else:
            plain += piece
    for lead, trail in ((0, 0), (1, 0), (0, 1), (1, 1)):
        if (lead and not plain.startswith("…")) or (trail and not plain.endswith("…")):
            continue
        start = folded.find(plain[lead : len(plain) - trail])
        if start >= 0:
            break
    else:
        return passage
    end = start + len(plain) - lead - trail

    def on_page(position: int) -> int:
        line_up = bisect_right(folded_at, position) - 1
        return page_at[line_up] + position - folded_at[line_up]

    pieces, cursor = [plain[:lead]], start
    for offset, mark in inserts:
        at = min(max(start + offset - lead, start), end)
        pieces += [page[on_page(cursor) : on_page(at)], mark]
        cursor = at
    pieces += [page[on_page(cursor) : on_page(end)], plain[len(plain) - trail :]]
    return "".join(pieces)


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
        "match": folded_match(match),
        "resource_id": resource_id,
        "limit": limit,
        "start": marks[0],
        "end": marks[1],
        "tokens": tokens,
    }
    try:
        rows = connection.execute(text(_SQL), params).all()
    except OperationalError:
        return []
    return [
        PageMatch(attachment, label, page, _unfolded(passage, body, marks) if _FOLDED.search(body) else passage)
        for attachment, label, page, passage, body in rows
    ]

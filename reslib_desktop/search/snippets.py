"""Why a resource matched: its best passage with the matched words marked, read from the text SQLite
holds (the index stores no text). Words are compared as the index compares them (its analyzer)."""

from __future__ import annotations

import re

import tantivy

from reslib_desktop.search.documents import SearchDocument
from reslib_desktop.search.fields import TEXT_FIELDS
from reslib_desktop.textnorm import WORD

_GROUP = re.compile(r'"([^"]*)"(\*)?')
_WORD = WORD  # the words the index's analyzer makes (a Chinese character, an Arabic word with its marks)
_LONGEST = 200_000  # characters of one field looked at (PDF text can be long)


def _wanted(expression: str, analyzer: tantivy.TextAnalyzer) -> tuple[set[str], set[str]]:
    """Words to mark, and prefixes (the last word typed) to mark words starting with."""
    exact: set[str] = set()
    prefixes: set[str] = set()
    for match in _GROUP.finditer(expression):
        tokens = analyzer.analyze(match.group(1))
        if not tokens:
            continue
        exact.update(tokens[:-1] if match.group(2) else tokens)
        if match.group(2):
            prefixes.add(tokens[-1])
    return exact, prefixes


def _matches(word: str, analyzer: tantivy.TextAnalyzer, exact: set[str], prefixes: set[str]) -> str | None:
    for token in analyzer.analyze(word):
        if token in exact:
            return token
        for prefix in prefixes:
            if token.startswith(prefix):
                return prefix
    return None


def _seen(word: str, seen: dict[str, str | None], analyzer: tantivy.TextAnalyzer, exact: set[str],
          prefixes: set[str]) -> str | None:
    if word not in seen:
        seen[word] = _matches(word, analyzer, exact, prefixes)
    return seen[word]


def _best_window(words: list[tuple[int, int, str | None]], size: int) -> tuple[int, int, int]:
    """(distinct matched terms, first word, end word) of the best window of `size` words."""
    best = (0, 0, min(size, len(words)))
    for start, (_s, _e, term) in enumerate(words):
        if term is None:
            continue
        first = max(0, min(start - 2, len(words) - size))
        window = words[first : first + size]
        distinct = len({t for _a, _b, t in window if t is not None})
        if distinct > best[0]:
            best = (distinct, first, first + len(window))
    return best


def snippet(document: SearchDocument, expression: str, analyzer: tantivy.TextAnalyzer, marks: tuple[str, str],
            size: int = 24) -> str | None:
    """The passage of `size` words with the most distinct matched words (title first on ties), matched
    words between `marks`; None when no word matches."""
    exact, prefixes = _wanted(expression, analyzer)
    if not exact and not prefixes:
        return None
    found: tuple[int, str, list[tuple[int, int, str | None]], int, int] | None = None
    texts = document.text()
    seen: dict[str, str | None] = {}  # each distinct word analysed once (a long text repeats its words)
    for field in sorted(TEXT_FIELDS, key=lambda name: -TEXT_FIELDS[name]):
        text = texts[field][:_LONGEST]
        words = [(m.start(), m.end(), _seen(m.group(), seen, analyzer, exact, prefixes)) for m in _WORD.finditer(text)]
        distinct, first, end = _best_window(words, size)
        if distinct and (found is None or distinct > found[0]):
            found = (distinct, text, words, first, end)
    if found is None:
        return None
    _distinct, text, words, first, end = found
    pieces: list[str] = ["…" if first > 0 else ""]
    cursor = words[first][0]
    for start, stop, term in words[first:end]:
        pieces.append(text[cursor:start])
        pieces.append(f"{marks[0]}{text[start:stop]}{marks[1]}" if term is not None else text[start:stop])
        cursor = stop
    if end < len(words):
        pieces.append("…")
    return "".join(pieces).strip()

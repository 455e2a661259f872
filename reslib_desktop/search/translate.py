"""The keyword language's match expressions (store/querylang.py) as tantivy queries.

querylang emits a small, always-valid expression language: quoted word groups (`"fact sheet"`), an
optional `*` after the last word typed (a prefix while typing), `AND`, `OR` and parentheses, with OR
binding tighter than AND. The same text drives FTS5 for page matches, so it is read here rather than
changed. Each word group is searched in every text field, weighted per field (fields.TEXT_FIELDS);
words are folded by the index's own analyzer, so query and index agree on what a word is.

A prefix is not `parse_query("hous*")` (tantivy reads that as the term "hous"): it is a phrase-prefix
query per field (up to tantivy's 50 expansions) OR-ed with a regex over the term dictionary (every
expansion, so a short prefix misses nothing). Where the field has no more than 50 terms with that prefix
(a typed word of three letters or more, nearly always), the phrase-prefix query alone matches every
document the regex would: reading both doubled the work (a search sorted by date at 1M: 20 ms against
10 ms). Both queries score a match with a constant, so the phrase-prefix query then counts twice, and
every score, and so every order, stays what it was.

Words joined by punctuation and typed last (`covid-1`, `l'enf`) are a phrase whose last word is a prefix: the
phrase-prefix query where it expands that word fully, else a regex phrase query (every expansion) scored
with the same constant. Past the regex phrase query's own limit (a word of a letter or two in a field of a
huge library; tantivy refuses to run it) the phrase-prefix query's 50 expansions are all that is searched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import tantivy

from reslib_desktop.search.fields import TEXT_FIELDS

_TOKEN = re.compile(r'"(?P<words>[^"]*)"(?P<star>\*)?|(?P<paren>[()])|(?P<op>AND|OR)\b|\S+')

Occur = tantivy.Occur
Query = tantivy.Query
PHRASE_PREFIX_EXPANSIONS = 50  # terms tantivy's phrase-prefix query expands a prefix to, at most
REGEX_PHRASE_EXPANSIONS = 1 << 14  # terms tantivy's regex phrase query may expand a word to (more: an error)
# (field, prefix, limit): the number of terms in `field` starting with `prefix`, counted up to `limit`.
Expansions = Callable[[str, str, int], int]


@dataclass(frozen=True)
class _Group:
    tokens: tuple[str, ...]
    prefix: bool


class _Reader:
    def __init__(self, expression: str, analyzer: tantivy.TextAnalyzer) -> None:
        self.items: list[tuple[str, object]] = []
        for match in _TOKEN.finditer(expression):
            if match.group("words") is not None:
                tokens = tuple(analyzer.analyze(match.group("words")))
                self.items.append(("group", _Group(tokens, bool(match.group("star")))))
            elif match.group("paren"):
                self.items.append((match.group("paren"), None))
            elif match.group("op"):
                self.items.append((match.group("op"), None))
            # anything else cannot come from querylang; it is skipped
        self.position = 0

    def peek(self) -> str | None:
        return self.items[self.position][0] if self.position < len(self.items) else None

    def take(self) -> tuple[str, object]:
        item = self.items[self.position]
        self.position += 1
        return item


def _prefix_query(schema: tantivy.Schema, field: str, tokens: tuple[str, ...], expansions: Expansions | None) -> Query:
    """The words as a phrase whose last word is a prefix (see the module's text)."""
    scored = Query.phrase_prefix_query(schema, field, list(tokens))
    found = expansions(field, tokens[-1], PHRASE_PREFIX_EXPANSIONS + 1) if expansions is not None else None
    if found == 0:
        return Query.empty_query()
    if len(tokens) > 1:
        return scored if found is not None and found <= PHRASE_PREFIX_EXPANSIONS else _regex_phrase(
            schema, field, tokens, scored, expansions)
    if found is not None and found <= PHRASE_PREFIX_EXPANSIONS:
        return Query.boost_query(scored, 2.0)  # what it scores OR-ed with the regex (see the module's text)
    every = Query.regex_query(schema, field, re.escape(tokens[0]) + ".*")
    return Query.boolean_query([(Occur.Should, scored), (Occur.Should, every)])


def _regex_phrase(schema: tantivy.Schema, field: str, tokens: tuple[str, ...], scored: Query,
                  expansions: Expansions | None) -> Query:
    """Every phrase the words start (scored as the phrase-prefix query), or `scored` past tantivy's limit."""
    if expansions is not None and expansions(field, tokens[-1], REGEX_PHRASE_EXPANSIONS + 1) > REGEX_PHRASE_EXPANSIONS:
        return scored
    pattern: list[str | tuple[int, str]] = [re.escape(token) for token in tokens[:-1]]
    pattern.append(re.escape(tokens[-1]) + ".*")
    return Query.const_score_query(Query.regex_phrase_query(schema, field, pattern), 1.0)


def _field_query(schema: tantivy.Schema, field: str, group: _Group, expansions: Expansions | None) -> Query:
    tokens = group.tokens
    if group.prefix:
        return _prefix_query(schema, field, tokens, expansions)
    if len(tokens) == 1:
        return Query.term_query(schema, field, tokens[0])
    return Query.phrase_query(schema, field, list(tokens))


def _group_query(schema: tantivy.Schema, group: _Group, expansions: Expansions | None) -> Query:
    if not group.tokens:
        return Query.empty_query()
    return Query.boolean_query(
        [
            (Occur.Should, Query.boost_query(_field_query(schema, field, group, expansions), weight))
            for field, weight in TEXT_FIELDS.items()
        ]
    )


class _Translator:
    def __init__(self, reader: _Reader, schema: tantivy.Schema, expansions: Expansions | None) -> None:
        self.reader = reader
        self.schema = schema
        self.expansions = expansions

    def conjunction(self) -> Query | None:
        parts: list[Query] = []
        while (kind := self.reader.peek()) is not None and kind != ")":
            if kind in ("AND", "OR"):
                self.reader.take()
                continue
            part = self.disjunction()
            if part is not None:
                parts.append(part)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else Query.boolean_query([(Occur.Must, part) for part in parts])

    def disjunction(self) -> Query | None:
        parts = [self.primary()]
        while self.reader.peek() == "OR":
            self.reader.take()
            if self.reader.peek() in (None, ")", "AND", "OR"):
                break
            parts.append(self.primary())
        present = [part for part in parts if part is not None]
        if not present:
            return None
        return present[0] if len(present) == 1 else Query.boolean_query([(Occur.Should, part) for part in present])

    def primary(self) -> Query | None:
        kind, value = self.reader.take()
        if kind == "group":
            assert isinstance(value, _Group)
            return _group_query(self.schema, value, self.expansions)
        if kind == "(":
            inner = self.conjunction()
            if self.reader.peek() == ")":
                self.reader.take()
            return inner
        return None  # a stray ")": querylang never emits one


def to_query(
    expression: str, schema: tantivy.Schema, analyzer: tantivy.TextAnalyzer, expansions: Expansions | None = None
) -> Query:
    """A tantivy query for a querylang match expression; one matching nothing when it has no words.

    `expansions` counts a prefix's terms in the index the query will run on (without it, a prefix is always
    also a regex: the same matches, read twice)."""
    translator = _Translator(_Reader(expression, analyzer), schema, expansions)
    parts: list[Query] = []
    while translator.reader.peek() is not None:
        part = translator.conjunction()
        if part is not None:
            parts.append(part)
        if translator.reader.peek() == ")":
            translator.reader.take()
    if not parts:
        return Query.empty_query()
    return parts[0] if len(parts) == 1 else Query.boolean_query([(Occur.Must, part) for part in parts])

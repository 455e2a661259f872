"""The keyword box's language, turned into a safe `TextQuery` (pure; never raises).

    housing employment      both words (the last one also as a prefix while typing)
    "fact sheet"            the exact phrase
    -draft  -"old version"  exclude a word or a phrase
    housing OR shelter      either (OR binds tighter than AND: a OR b c = (a OR b) AND c)
    (housing OR shelter) -(draft OR old)   parentheses group
    type:report  topic:"child trafficking"  audience:youth  offline:yes
    year:2021  year:2019..2022

Every word reaches FTS5 inside double quotes, so FTS5 operators typed by a user
(NEAR, AND, NOT, *, ^, :) are plain words. Anything the parser has to guess at
(an unbalanced quote or parenthesis, a filter with no value, a dangling OR) is
read as words or dropped, and a note says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reslib_desktop.store.query import TextQuery
from reslib_desktop.vocabulary import canonical_type

FIELDS = ("type", "topic", "audience", "year", "offline")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)  # what FTS5 unicode61 counts as word characters
_TOKEN = re.compile(
    r'(?P<neg>-)?(?:(?P<field>[A-Za-z]+):(?:"(?P<fquoted>[^"]*)"?|(?P<fvalue>[^\s"()]*))'
    r'|"(?P<phrase>[^"]*)(?P<closed>"?)|(?P<paren>[()])|(?P<bare>[^\s"()]+))'
)
_YEAR_RANGE = re.compile(r"^(\d{4})?(?:\.\.|-)(\d{4})?$")
_OFFLINE_VALUES = {"yes": "yes", "y": "yes", "true": "yes", "1": "yes", "no": "no", "n": "no", "false": "no", "0": "no"}


@dataclass
class _Token:
    kind: str  # word, phrase, loose (unclosed phrase), or, open, close
    negative: bool = False
    words: tuple[str, ...] = ()
    end: int = 0


def _quoted(words: tuple[str, ...] | list[str]) -> str:
    return '"' + " ".join(words) + '"'


class _Parser:
    """Recursive descent over search tokens, producing FTS5 expression text."""

    def __init__(self, tokens: list[_Token], prefix_token: _Token | None) -> None:
        self.tokens = tokens
        self.position = 0
        self.prefix_token = prefix_token
        self.exclude: list[str] = []
        self.notes: list[str] = []

    def peek(self) -> _Token | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def parse_all(self) -> str | None:
        parts: list[str] = []
        while self.position < len(self.tokens):
            expression = self.and_list(top=True)
            if expression:
                parts.append(expression)
            if (token := self.peek()) is not None and token.kind == "close":
                self.notes.append("a closing parenthesis has no opening one; it was ignored")
                self.position += 1
        return " AND ".join(parts) if parts else None

    def and_list(self, top: bool = False) -> str | None:
        items: list[str] = []
        while (token := self.peek()) is not None and token.kind != "close":
            if token.kind == "or":
                self.notes.append('"OR" needs a word on each side; it was ignored')
                self.position += 1
                continue
            item = self.or_group()
            if item:
                items.append(item)
        if not items:
            return None
        return items[0] if len(items) == 1 else " AND ".join(items)

    def or_group(self) -> str | None:
        alternatives: list[str] = []
        first = self.unit()
        if first:
            alternatives.append(first)
        while (token := self.peek()) is not None and token.kind == "or":
            self.position += 1
            following = self.peek()
            if following is None or following.kind in ("or", "close"):
                self.notes.append('"OR" needs a word on each side; it was ignored')
                break
            alternative = self.unit()
            if alternative:
                alternatives.append(alternative)
        if not alternatives:
            return None
        return alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"

    def unit(self) -> str | None:
        token = self.peek()
        assert token is not None
        self.position += 1
        if token.kind == "open":
            inner = self.and_list()
            if (after := self.peek()) is not None and after.kind == "close":
                self.position += 1
            else:
                self.notes.append("an opening parenthesis has no closing one; closed at the end")
            if inner is None:
                return None
            if token.negative:
                self.exclude.append(inner)
                return None
            return f"({inner})"
        if token.kind == "loose":
            self.notes.append("an opening quote has no closing quote; searched as words")
            terms = [_quoted((word,)) for word in token.words]
            if token.negative:
                self.exclude.extend(terms)
                return None
            return " AND ".join(terms)
        expression = _quoted(token.words)
        if token is self.prefix_token:
            expression += "*"
        if token.negative:
            self.exclude.append(expression)
            return None
        return expression


def parse_query(text: str | None) -> TextQuery:
    """Parse keyword-box text. Always returns a query FTS5 accepts."""
    text = (text or "").replace("\u00a0", " ")
    tokens: list[_Token] = []
    filters: list[tuple[str, frozenset[str]]] = []
    notes: list[str] = []
    year_from: int | None = None
    year_to: int | None = None

    for match in _TOKEN.finditer(text):
        negative = bool(match.group("neg"))
        field = (match.group("field") or "").lower()
        if match.group("paren"):
            tokens.append(_Token("open" if match.group("paren") == "(" else "close", negative, end=match.end()))
            continue
        if field in FIELDS:
            value = match.group("fquoted") if match.group("fquoted") is not None else match.group("fvalue")
            value = " ".join((value or "").split())
            if not value:
                notes.append(f'"{field}:" needs a value, e.g. {field}:{_example(field)}')
                continue
            if field == "year":
                span = _year_span(value)
                if span is None:
                    notes.append(f'"year:{value}" is not a year or a range like 2019..2022; ignored')
                    continue
                year_from, year_to = span
                continue
            if field == "offline":
                if value.lower() not in _OFFLINE_VALUES:
                    notes.append(f'"offline:{value}" should be offline:yes or offline:no; ignored')
                    continue
                value = _OFFLINE_VALUES[value.lower()]
            if field == "type":
                value = canonical_type(value) or value
            filters.append((("-" if negative else "") + field, frozenset({value})))
            continue
        if match.group("field"):  # an unknown field name: its text is words
            words = _WORD.findall(match.group(0))
            kind = "word" if len(words) == 1 else "phrase"
        elif match.group("phrase") is not None:
            words = _WORD.findall(match.group("phrase"))
            kind = "phrase" if match.group("closed") else "loose"
        else:
            bare = match.group("bare")
            if bare == "OR" and not negative:
                tokens.append(_Token("or", end=match.end()))
                continue
            words = _WORD.findall(bare)
            kind = "word" if len(words) == 1 else "phrase"
        if words:
            tokens.append(_Token(kind, negative, tuple(words), match.end()))

    prefix_token = None
    if not text[-1:].isspace():
        positive_words = [t for t in tokens if t.kind == "word" and not t.negative]
        if positive_words and positive_words[-1].end == max(t.end for t in tokens):
            prefix_token = positive_words[-1]
    parser = _Parser(tokens, prefix_token)
    match_expression = parser.parse_all()
    terms = [word for token in tokens if not token.negative for word in token.words]
    return TextQuery(
        match=match_expression,
        exclude=tuple(dict.fromkeys(parser.exclude)),
        filters=tuple(filters),
        year_from=year_from,
        year_to=year_to,
        terms=tuple(dict.fromkeys(terms)),
        notes=tuple(dict.fromkeys(notes + parser.notes)),
    )


def _year_span(value: str) -> tuple[int | None, int | None] | None:
    if re.fullmatch(r"\d{4}", value):
        return int(value), int(value)
    match = _YEAR_RANGE.match(value)
    if match and (match.group(1) or match.group(2)):
        low = int(match.group(1)) if match.group(1) else None
        high = int(match.group(2)) if match.group(2) else None
        if low is not None and high is not None and low > high:
            low, high = high, low
        return low, high
    return None


def _example(field: str) -> str:
    return {"type": "report", "topic": "housing", "audience": "youth", "year": "2021", "offline": "yes"}[field]

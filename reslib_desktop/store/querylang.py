"""The keyword box's language, turned into a safe `TextQuery` (pure; never raises).

    housing employment      both words (the last one also as a prefix while typing)
    "fact sheet"            the exact phrase
    -draft  -"old version"  exclude a word or a phrase
    housing OR shelter      either (OR binds tighter than AND: a OR b c = (a OR b) AND c)
    (housing OR shelter) -(draft OR old)   parentheses group
    type:report  topic:"child trafficking"  audience:youth  offline:yes
    year:2021  year:2019..2022   -year:2020 (any other year, or none)
    type:report OR type:brief   either;  -(type:report OR type:brief)  neither

A filter takes part where it is written: it is AND-ed with the rest (so year:2019 year:2021 finds
nothing: a resource has one year, and a note says so), OR-ed with filters of its own field, and negated
alone. A filter OR-ed with words or another field's filter, or inside -( ) beside words, cannot be
searched: it is ignored (the whole -( ) group with it) and a note names it. Parentheses nest up to 16
deep (_MAX_NESTING); a group nested deeper is ignored, with a note.

Every word reaches FTS5 inside double quotes, so FTS5 operators typed by a user
(NEAR, AND, NOT, *, ^, :) are plain words. Anything the parser has to guess at
(an unbalanced quote or parenthesis, a filter with no value, a dangling OR) is
read as words or dropped, and a note says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from reslib_desktop.store.query import TextQuery
from reslib_desktop.textnorm import QUERY_WORDS
from reslib_desktop.vocabulary import canonical_type

FIELDS = ("type", "topic", "audience", "year", "offline")
_WORD = QUERY_WORDS  # words with their combining marks, in NFC, never split where the search index's words are not
_TOKEN = re.compile(
    r'(?P<neg>-)?(?:(?P<field>[A-Za-z]+):(?:"(?P<fquoted>[^"]*)"?|(?P<fvalue>[^\s"()]*))'
    r'|"(?P<phrase>[^"]*)(?P<closed>"?)|(?P<paren>[()])|(?P<bare>[^\s"()]+))'
)
_YEAR_RANGE = re.compile(r"^(\d{4})?(?:\.\.|-)(\d{4})?$")
_OFFLINE_VALUES = {"yes": "yes", "y": "yes", "true": "yes", "1": "yes", "no": "no", "n": "no", "false": "no", "0": "no"}
# Deeper groups are ignored: FTS5's parser overflows its stack from ~20 levels of `a OR b AND (`.
_MAX_NESTING = 16
_ONE_VALUE_FIELDS = {  # fields a resource has one value of: filters of one AND-ed can exclude each other
    "type": "a resource has one type", "year": "a resource has one year", "offline": "a resource is offline or not",
}


@dataclass(frozen=True)
class _Filter:
    field: str
    values: frozenset[str]  # any of them (a year as its span: 2021, 2019..2022, ..2019, 2019..)
    negative: bool
    typed: str  # as written, for notes


@dataclass
class _Token:
    kind: str  # word, joined (words joined by punctuation), phrase, loose (unclosed phrase), filter, or, open, close
    negative: bool = False
    words: tuple[str, ...] = ()
    end: int = 0
    filter: _Filter | None = None


_Part = tuple[str | None, list[_Filter]]  # an FTS5 expression (None: no words) and the filters AND-ed with it


def _quoted(words: tuple[str, ...] | list[str]) -> str:
    return '"' + " ".join(words) + '"'


class _Parser:
    """Recursive descent over search tokens, producing FTS5 expression text and the filters AND-ed with it."""

    def __init__(self, tokens: list[_Token], prefix_token: _Token | None) -> None:
        self.tokens = tokens
        self.position = 0
        self.prefix_token = prefix_token
        self.exclude: list[str] = []
        self.notes: list[str] = []
        self.depth = 0  # parentheses open around the current token

    def peek(self) -> _Token | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def parse_all(self) -> _Part:
        parts: list[str] = []
        filters: list[_Filter] = []
        while self.position < len(self.tokens):
            expression, found = self.and_list(top=True)
            if expression:
                parts.append(expression)
            filters.extend(found)
            if (token := self.peek()) is not None and token.kind == "close":
                self.notes.append("a closing parenthesis has no opening one; it was ignored")
                self.position += 1
        return (" AND ".join(parts) if parts else None), filters

    def and_list(self, top: bool = False) -> _Part:
        items: list[str] = []
        filters: list[_Filter] = []
        while (token := self.peek()) is not None and token.kind != "close":
            if token.kind == "or":
                self.notes.append('"OR" needs a word on each side; it was ignored')
                self.position += 1
                continue
            item, found = self.or_group()
            if item:
                items.append(item)
            filters.extend(found)
        if not items:
            return None, filters
        return (items[0] if len(items) == 1 else " AND ".join(items)), filters

    def or_group(self) -> _Part:
        alternatives = [self.unit()]
        while (token := self.peek()) is not None and token.kind == "or":
            self.position += 1
            following = self.peek()
            if following is None or following.kind in ("or", "close"):
                self.notes.append('"OR" needs a word on each side; it was ignored')
                break
            alternatives.append(self.unit())
        return alternatives[0] if len(alternatives) == 1 else self.either(alternatives)

    def either(self, alternatives: list[_Part]) -> _Part:
        """Alternatives OR-ed: words, or filters of one field (one filter of all their values)."""
        merged = _one_field(alternatives)
        if merged is not None:
            return None, [merged]
        for _expression, found in alternatives:
            self.ignore(found, "was ignored: a filter is OR-ed only with filters of its own field "
                               "(type:report OR type:brief)")
        words = [expression for expression, _found in alternatives if expression]
        if not words:
            return None, []
        return (words[0] if len(words) == 1 else "(" + " OR ".join(words) + ")"), []

    def unit(self) -> _Part:
        token = self.peek()
        assert token is not None
        self.position += 1
        if token.kind == "filter":
            assert token.filter is not None
            return None, [token.filter]
        if token.kind == "open":
            return self.group(token.negative)
        return self.words(token), []

    def group(self, negative: bool) -> _Part:
        if self.depth >= _MAX_NESTING:
            self.skip_group()
            return None, []
        self.depth += 1
        inner, found = self.and_list()
        self.depth -= 1
        if (after := self.peek()) is not None and after.kind == "close":
            self.position += 1
        else:
            self.notes.append("an opening parenthesis has no closing one; closed at the end")
        if negative:
            return self.negated(inner, found)
        return (f"({inner})" if inner is not None else None), found

    def negated(self, inner: str | None, found: list[_Filter]) -> _Part:
        """-( ): its words excluded, or its one filter (of one or more values) negated."""
        if inner is None and len(found) == 1 and not found[0].negative:
            return None, [replace(found[0], negative=True, typed=f"-({found[0].typed})")]
        if found:  # not the words alone either: that would exclude more than was asked
            self.ignore(found, "was ignored, and the -( ) around it: -( ) excludes words, or filters of one "
                               "field alone (-(type:report OR type:brief))")
            return None, []
        if inner is not None:
            self.exclude.append(inner)
        return None, []

    def skip_group(self) -> None:
        """Step over a group nested too deep, to its closing parenthesis (or the end)."""
        self.notes.append(f"parentheses nested more than {_MAX_NESTING} deep: the part inside them was ignored")
        depth = 1
        while depth and (token := self.peek()) is not None:
            self.position += 1
            depth += 1 if token.kind == "open" else -1 if token.kind == "close" else 0

    def ignore(self, found: list[_Filter], what: str) -> None:
        self.notes.extend(f'"{item.typed}" {what}' for item in found)

    def words(self, token: _Token) -> str | None:
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


def _one_field(alternatives: list[_Part]) -> _Filter | None:
    """OR-ed alternatives as one filter, when each is one positive filter of the same field."""
    found = [filters[0] for expression, filters in alternatives if expression is None and len(filters) == 1]
    if len(found) != len(alternatives) or any(item.negative for item in found):
        return None
    if len({item.field for item in found}) != 1:
        return None
    values = frozenset(value for item in found for value in item.values)
    return _Filter(found[0].field, values, False, " OR ".join(item.typed for item in found))


def parse_query(text: str | None) -> TextQuery:
    """Parse keyword-box text. Always returns a query FTS5 accepts."""
    text = (text or "").replace("\u00a0", " ")
    tokens: list[_Token] = []
    notes: list[str] = []

    for match in _TOKEN.finditer(text):
        negative = bool(match.group("neg"))
        field = (match.group("field") or "").lower()
        if match.group("paren"):
            tokens.append(_Token("open" if match.group("paren") == "(" else "close", negative, end=match.end()))
            continue
        if field in FIELDS:
            if (token := _filter_token(match, field, negative, notes)) is not None:
                tokens.append(token)
            continue
        if match.group("field"):  # an unknown field name: its text is words
            words = _WORD.findall(match.group(0))
            kind = "word" if len(words) == 1 else "joined"
        elif match.group("phrase") is not None:
            words = _WORD.findall(match.group("phrase"))
            kind = "phrase" if match.group("closed") else "loose"
        else:
            bare = match.group("bare")
            if bare == "OR" and not negative:
                tokens.append(_Token("or", end=match.end()))
                continue
            words = _WORD.findall(bare)
            kind = "word" if len(words) == 1 else "joined"
        if words:
            tokens.append(_Token(kind, negative, tuple(words), match.end()))

    parser = _Parser(tokens, _prefix_token(text, tokens))
    match_expression, found = parser.parse_all()
    year_from, year_to = _year_range(found)
    terms = [word for token in tokens if not token.negative for word in token.words]
    return TextQuery(
        match=match_expression,
        exclude=tuple(dict.fromkeys(parser.exclude)),
        filters=tuple((("-" if item.negative else "") + item.field, item.values) for item in found
                      if not _plain_year(item)),
        year_from=year_from,
        year_to=year_to,
        terms=tuple(dict.fromkeys(terms)),
        notes=tuple(dict.fromkeys(notes + parser.notes + _conflicts(found))),
    )


def _filter_token(match: re.Match[str], field: str, negative: bool, notes: list[str]) -> _Token | None:
    """A field:value filter as a token; None, with a note, when its value is missing or not one it takes."""
    value = match.group("fquoted") if match.group("fquoted") is not None else match.group("fvalue")
    value = " ".join((value or "").split())
    if not value:
        notes.append(f'"{field}:" needs a value, e.g. {field}:{_example(field)}')
        return None
    if field == "year":
        span = year_span(value)
        if span is None:
            notes.append(f'"year:{value}" is not a year or a range like 2019..2022; ignored')
            return None
        value = _span_text(span)
    if field == "offline":
        if value.lower() not in _OFFLINE_VALUES:
            notes.append(f'"offline:{value}" should be offline:yes or offline:no; ignored')
            return None
        value = _OFFLINE_VALUES[value.lower()]
    if field == "type":
        value = canonical_type(value) or value
    found = _Filter(field, frozenset({value}), negative, match.group(0))
    return _Token("filter", negative, end=match.end(), filter=found)


def _prefix_token(text: str, tokens: list[_Token]) -> _Token | None:
    """The word (or words joined by punctuation: covid-1) being typed: the last thing typed, no space after.
    A filter typed after it leaves it a prefix."""
    if text[-1:].isspace():
        return None
    typed = [token for token in tokens if token.kind != "filter"]
    positive_words = [token for token in typed if token.kind in ("word", "joined") and not token.negative]
    if positive_words and positive_words[-1].end == max(token.end for token in typed):
        return positive_words[-1]
    return None


def _plain_year(item: _Filter) -> bool:
    """A year filter of one span that must hold: TextQuery.year_from/year_to (other year filters are filters)."""
    return item.field == "year" and not item.negative and len(item.values) == 1


def _year_range(found: list[_Filter]) -> tuple[int | None, int | None]:
    """The years every plain year filter allows (first > last when they allow none)."""
    low: int | None = None
    high: int | None = None
    for item in found:
        span = year_span(next(iter(item.values))) if _plain_year(item) else None
        if span is not None and span[0] is not None:
            low = span[0] if low is None else max(low, span[0])
        if span is not None and span[1] is not None:
            high = span[1] if high is None else min(high, span[1])
    return low, high


def _conflicts(found: list[_Filter]) -> list[str]:
    """Notes for AND-ed filters of a field a resource has one value of, when no value passes them all."""
    notes = []
    for field, why in _ONE_VALUE_FIELDS.items():
        items = [item for item in found if item.field == field and not item.negative]
        if len(items) > 1 and not _overlap(items):
            typed = [item.typed for item in items]
            notes.append(f"{' and '.join(typed)} together find nothing ({why}); for either, type {' OR '.join(typed)}")
    return notes


def _overlap(items: list[_Filter]) -> bool:
    if items[0].field != "year":
        return bool(frozenset.intersection(*(item.values for item in items)))
    if not all(_plain_year(item) for item in items):
        return True  # spans OR-ed: not worth a note
    low, high = _year_range(items)
    return low is None or high is None or low <= high


def year_span(value: str) -> tuple[int | None, int | None] | None:
    """A year filter's value (2021, 2019..2022, 2019-2022, ..2019, 2019..) as its first and last year, either
    open; None when it is not one."""
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


def _span_text(span: tuple[int | None, int | None]) -> str:
    low, high = span
    if low is not None and low == high:
        return f"{low:04d}"
    return f"{'' if low is None else f'{low:04d}'}..{'' if high is None else f'{high:04d}'}"


def _example(field: str) -> str:
    return {"type": "report", "topic": "housing", "audience": "youth", "year": "2021", "offline": "yes"}[field]

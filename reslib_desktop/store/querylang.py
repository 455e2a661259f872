"""The keyword box's language, turned into a safe `TextQuery` (pure; never raises).

    housing employment      both words (the last one also as a prefix while typing)
    "fact sheet"            the exact phrase
    -draft  -"old version"  exclude a word or a phrase
    housing OR shelter      either (OR binds tighter than AND: a OR b c = (a OR b) AND c)
    type:report  topic:"child trafficking"  audience:youth
    year:2021  year:2019..2022

Every word reaches FTS5 inside double quotes, so FTS5 operators typed by a user
(NEAR, AND, *, ^, :) are plain words. Anything the parser has to guess at (an
unbalanced quote, a filter with no value, a dangling OR) is read as words and a
note says so.
"""

from __future__ import annotations

import re

from reslib_desktop.store.query import TextQuery
from reslib_desktop.vocabulary import canonical_type

FIELDS = ("type", "topic", "audience", "year", "offline")
_WORD = re.compile(r"\w+", re.UNICODE)
_TOKEN = re.compile(
    r'(?P<neg>-)?(?:(?P<field>[A-Za-z]+):(?:"(?P<fquoted>[^"]*)"|(?P<fvalue>[^\s"()]*))'
    r'|"(?P<phrase>[^"]*)(?P<closed>"?)|(?P<paren>[()])|(?P<bare>[^\s"()]+))'
)
_YEAR_RANGE = re.compile(r"^(\d{4})?(?:\.\.|-)(\d{4})?$")


def _quoted(words: list[str], prefix: bool = False) -> str:
    phrase = '"' + " ".join(words) + '"'
    return phrase + "*" if prefix else phrase


def parse_query(text: str | None) -> TextQuery:
    """Parse keyword-box text. Always returns a query FTS5 accepts."""
    text = (text or "").replace("\u00a0", " ")
    items: list[list[str]] = []  # AND-ed items, each a list of OR-ed alternatives
    exclude: list[str] = []
    filters: list[tuple[str, frozenset[str]]] = []
    terms: list[str] = []
    notes: list[str] = []
    year_from: int | None = None
    year_to: int | None = None
    pending_or = False
    last_positive: tuple[int, int] | None = None  # (item, alternative) of the last bare word
    ends_in_space = text[-1:].isspace()

    for match in _TOKEN.finditer(text):
        negative = bool(match.group("neg"))
        field = (match.group("field") or "").lower()
        if match.group("paren"):
            continue  # grouping is read as plain AND/OR from left to right
        if field in FIELDS:
            value = match.group("fquoted") if match.group("fquoted") is not None else match.group("fvalue")
            value = (value or "").strip()
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
            if field == "type":
                value = canonical_type(value) or value
            filters.append((("-" if negative else "") + field, frozenset({value})))
            continue
        if match.group("field"):  # an unknown field: its text is words
            words = _WORD.findall(match.group(0))
            closed = True
        elif match.group("phrase") is not None:
            words = _WORD.findall(match.group("phrase"))
            closed = bool(match.group("closed"))
            if not closed:
                notes.append("an opening quote has no closing quote; searched as words")
        else:
            bare = match.group("bare")
            if bare == "OR" and not negative:
                if not items or pending_or:
                    notes.append('"OR" needs a word on each side; it was ignored')
                pending_or = bool(items)
                continue
            words = _WORD.findall(bare)
            closed = None
        if not words:
            continue
        if negative:
            exclude.append(_quoted(words))
            continue
        terms.extend(words)
        new_terms = [_quoted([word]) for word in words] if closed is False else [_quoted(words)]
        if pending_or and items:
            items[-1].append(new_terms[0])
            items.extend([term] for term in new_terms[1:])
        else:
            items.extend([term] for term in new_terms)
        if closed is None and len(words) == 1:
            last_positive = (len(items) - 1, len(items[-1]) - 1)
        else:
            last_positive = None
        pending_or = False

    if pending_or:
        notes.append('"OR" needs a word on each side; it was ignored')
    if last_positive is not None and not ends_in_space:
        item, alternative = last_positive
        items[item][alternative] += "*"
    parts = [alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")" for alts in items]
    match_expr = " AND ".join(parts) if parts else None
    return TextQuery(
        match=match_expr,
        exclude=tuple(exclude),
        filters=tuple(filters),
        year_from=year_from,
        year_to=year_to,
        terms=tuple(dict.fromkeys(terms)),
        notes=tuple(dict.fromkeys(notes)),
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

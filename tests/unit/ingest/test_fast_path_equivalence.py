"""Each fast path of the import preview gives what its reference (the general, slower code) gives.

Inputs: the odd values of `preview_inputs` (non-ASCII, odd whitespace, markup, control
characters, URLs with ports, queries, fragments, upper-case hosts, brackets), every value of
the real records in assets/library, generated records (bench/generate.py), and random text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unit.ingest.preview_inputs import (
    DATES,
    DESCRIPTIONS,
    NAMES,
    REAL_DATA,
    TITLES,
    TYPES,
    URLS,
    generated_records,
)

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
URL_PARTS = st.sampled_from(
    ["http", "https", "HTTP", "hTTps", "ftp", "://", "www.", "WWW.", "example.org", "Example.ORG", ":8080", "/",
     "//", "?", "#", "a", "b/c", "%20", "[", "]", "::1", "@", "user:pw@", " ", "\t", "\n", "é", ";", "=", "\x01",
     "\u00a0", "&#106;"]
)
URL_TEXT = st.lists(URL_PARTS, max_size=12).map("".join) | st.text(max_size=30)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def corpus() -> list[str]:
    """Every text value of the real and generated records, and the odd values, with variants."""
    values: list[str] = [v for v in DATES + TYPES + URLS if v is not None]
    values += TITLES + DESCRIPTIONS + NAMES
    for name in ("otip_records.json", "otip_enriched.json"):
        values += _strings(json.loads((REAL_DATA / name).read_text(encoding="utf-8")))
    for seed in (1, 2):
        values += _strings(generated_records(300, seed))
    variants = [f(v) for v in values for f in (str.upper, str.lower, lambda t: f" {t}\t", lambda t: t + "/")]
    return list(dict.fromkeys(values + variants))


CORPUS = corpus()


def test_the_corpus_holds_what_the_fast_paths_must_tell_apart() -> None:
    assert len(CORPUS) > 5000
    assert any(not v.isascii() for v in CORPUS) and any(not v.isprintable() for v in CORPUS)
    assert any(v.startswith("https://") for v in CORPUS) and any(v.startswith("HTTP://") for v in CORPUS)


# --- identity.canonical_url ---------------------------------------------------------------------


def _canonical_url_cases() -> list[str | None]:
    return [None, "", *CORPUS]


@pytest.mark.parametrize("chunk", range(4))
def test_canonical_url_is_the_general_one(chunk: int) -> None:
    from reslib_desktop.ingest.identity import canonical_url, canonical_url_of_any

    cases = _canonical_url_cases()[chunk::4]
    assert [canonical_url(url) for url in cases] == [canonical_url_of_any.__wrapped__(url) for url in cases]


@SETTINGS
@given(URL_TEXT)
def test_canonical_url_is_the_general_one_for_any_text(url: str) -> None:
    from reslib_desktop.ingest.identity import canonical_url, canonical_url_of_any

    assert canonical_url(url) == canonical_url_of_any.__wrapped__(url)
    assert canonical_url("https://" + url) == canonical_url_of_any.__wrapped__("https://" + url)


# --- match.quick_fold and the title blocks ------------------------------------------------------


def test_quick_fold_is_fold() -> None:
    from reslib_desktop.ingest.match import quick_fold
    from reslib_desktop.textnorm import fold

    cases = [None, "", *CORPUS, "".join(map(chr, range(128))), "a_b__c", "x\x1fy\x7fz"]
    assert [quick_fold(text) for text in cases] == [fold(text) for text in cases]


@SETTINGS
@given(st.text(alphabet=st.characters(max_codepoint=127)) | st.text())
def test_quick_fold_is_fold_for_any_text(text: str) -> None:
    from reslib_desktop.ingest.match import quick_fold
    from reslib_desktop.textnorm import fold

    assert quick_fold(text) == fold(text)


def _title_blocks_reference(title_key: str, year: int | None) -> tuple[tuple, ...]:
    tokens = title_key.split()
    if not tokens:
        return ()
    numbers = tuple(sorted(t for t in tokens if not t.isalpha()))
    return tuple(dict.fromkeys([(year, numbers, "first", tokens[0]), (year, numbers, "last", tokens[-1])]))


def test_title_blocks_are_the_references() -> None:
    from reslib_desktop.ingest.match import _title_blocks, quick_fold
    from reslib_desktop.textnorm import fold

    keys = [key for text in CORPUS for key in (quick_fold(text), fold(text), text)]
    for year in (None, 2020):
        assert [_title_blocks(k, year) for k in keys] == [_title_blocks_reference(k, year) for k in keys]


# --- dates.parse_date ---------------------------------------------------------------------------


def test_parse_date_is_the_uncached_parse() -> None:
    from reslib_desktop.ingest.dates import _parse_text, parse_date

    for text in CORPUS:
        first, again = parse_date(text), parse_date(text)
        assert first == again == _parse_text.__wrapped__(text), text

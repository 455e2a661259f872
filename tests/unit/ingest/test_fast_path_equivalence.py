"""Each fast path of the import preview gives what its reference (the general, slower code) gives.

Inputs: the odd values of `preview_inputs` (non-ASCII, odd whitespace, markup, control
characters, URLs with ports, queries, fragments, upper-case hosts, brackets), every value of
the real records in assets/library, generated records (bench/generate.py), and random text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reslib_desktop.ingest.dates import parse_date
from reslib_desktop.ingest.formats.json_format import _SHA256_DIGITS, _STRING_FIELDS, _canonical_type
from reslib_desktop.ingest.problems import ParseResult, Problem
from reslib_desktop.ingest.record import AttachmentRecord, ResourceRecord, SourceLocation, derive_title
from reslib_desktop.textnorm import normalise_space, strip_space
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


# --- validate: URLs, uids and lengths -----------------------------------------------------------


def _records() -> list:
    """Records as the JSON reader makes them from generated and real inputs, some with over-long values."""
    from reslib_desktop.ingest.formats.json_format import parse_json_text

    objects: list[dict] = []
    for seed in (1, 2):
        objects += generated_records(400, seed)
    for name in ("otip_records.json", "otip_enriched.json"):
        objects += json.loads((REAL_DATA / name).read_text(encoding="utf-8"))
    for number, text in enumerate(CORPUS[:400]):
        objects.append({
            "title": text or "t", "uid": text, "topics": [text * (1 + 250 // max(len(text), 1))], "audience": text,
            "attachments": [{"label": text * (1 + 1100 // max(len(text), 1)), "url": text}], "source": text,
            "type": text, "date": text, "subtitle": text, "language": text, "description": text * (number % 3),
        })
    return parse_json_text(json.dumps(objects)).records


def _url_reference_result(url: str | None) -> tuple[list[str], list[str]]:
    from reslib_desktop.ingest.validate import Checked, _any_url

    result = Checked()
    if url:
        _any_url(result, "the URL", url)
    return result.errors, result.warnings


def test_url_checks_are_the_general_ones() -> None:
    from reslib_desktop.ingest.validate import Checked, _url

    for url in [None, "", "https://x.test/" + "a" * 5000, *CORPUS]:
        result = Checked()
        _url(result, "the URL", url)
        assert (result.errors, result.warnings) == _url_reference_result(url), url


@SETTINGS
@given(URL_TEXT)
def test_url_checks_are_the_general_ones_for_any_text(url: str) -> None:
    from reslib_desktop.ingest.validate import Checked, _url

    for text in (url, "https://" + url, "http://" + url.lower()):
        result = Checked()
        _url(result, "the URL", text)
        assert (result.errors, result.warnings) == _url_reference_result(text), text


def test_the_uid_check_is_per_character() -> None:
    import sys as system

    characters = [chr(point) for point in range(system.maxunicode + 1)]
    fast = [" " in ch or not ch.isprintable() for ch in characters]
    assert fast == [ch.isspace() or not ch.isprintable() for ch in characters]


def test_validation_is_what_it_was(tmp_path) -> None:
    from reslib_desktop.ingest.normalise import Vocabulary, normalise_record
    from reslib_desktop.ingest.validate import validate_record

    records = _records()
    assert len(records) > 1000
    vocabulary = Vocabulary()
    for record in records:
        for _ in range(2):  # as read, then normalised
            checked = validate_record(record)
            assert (checked.errors, checked.warnings) == _validate_reference(record), record
            normalise_record(record, vocabulary)


def _validate_reference(record) -> tuple[list[str], list[str]]:
    """validate_record as it was before its fast paths."""
    from reslib_desktop.ingest import limits
    from reslib_desktop.ingest.validate import Checked, _length

    result = Checked()
    if not record.title:
        result.errors.append("a resource needs a title or a description")
    _length(result, "the title", record.title, limits.MAX_TITLE)
    _length(result, "the subtitle", record.subtitle, limits.MAX_SUBTITLE)
    _length(result, "the description", record.description, limits.MAX_DESCRIPTION)
    _length(result, "the date", record.published.text, limits.MAX_DATE_TEXT)
    _length(result, "the type", record.resource_type, limits.MAX_TYPE)
    _length(result, "the language", record.language, limits.MAX_LANGUAGE)
    if record.uid:
        _length(result, "the uid", record.uid, limits.MAX_UID)
        if any(ch.isspace() or not ch.isprintable() for ch in record.uid):
            result.errors.append("the uid must not contain spaces or control characters")
    kinds = (("topics", record.topics), ("audiences", record.audiences), ("attachments", record.attachments))
    for kind, values in kinds:
        if len(values) > limits.MAX_VALUES:
            result.errors.append(f"{limits.count(len(values))} {kind}; at most {limits.MAX_VALUES} are allowed")
    for name in record.topics:
        _length(result, f"the topic {name[:40]!r}", name, limits.MAX_NAME)
    for name in record.audiences:
        _length(result, f"the audience {name[:40]!r}", name, limits.MAX_NAME)
    for number, attachment in enumerate(record.attachments, start=1):
        _length(result, f"attachment {number}'s label", attachment.label, limits.MAX_LABEL)
        errors, warnings = _url_reference_result(attachment.url)
        result.errors += [e.replace("the URL", f"attachment {number}'s URL") for e in errors]
        result.warnings += [w.replace("the URL", f"attachment {number}'s URL") for w in warnings]
    errors, warnings = _url_reference_result(record.source_url)
    result.errors += [e.replace("the URL", "the source URL") for e in errors]
    result.warnings += [w.replace("the URL", "the source URL") for w in warnings]
    return result.errors, result.warnings


# --- normalise: the control-character check ------------------------------------------------------


def test_all_printable_is_the_per_text_check() -> None:
    from reslib_desktop.ingest.normalise import _all_printable, _all_printable_reference

    records = _records()
    assert any(not _all_printable_reference(r) for r in records) and any(_all_printable_reference(r) for r in records)
    assert [_all_printable(r) for r in records] == [_all_printable_reference(r) for r in records]


# --- match: the import's own records, indexed when first looked up ------------------------------


def test_a_record_without_uid_is_matched_against_earlier_records_that_have_one(service, tmp_path) -> None:
    from reslib_desktop.ingest.pipeline import Action

    records = [
        {"uid": "a-1", "title": "Labor Trafficking Screening Toolkit", "date": "2020",
         "attachments": [{"label": "Toolkit", "url": "https://example.org/t.pdf",
                          "sha256": "ab" * 32}]},
        {"uid": "a-2", "title": "Another Report", "date": "2021"},
        {"title": "Labor Trafficking Screening Toolkits", "date": "2020"},
        {"title": "Something else entirely", "date": "2019",
         "attachments": [{"label": "Copy", "url": "https://example.org/copy.pdf", "sha256": "ab" * 32}]},
    ]
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    items = service.preview([path]).items
    assert [i.action for i in items] == [Action.NEW, Action.NEW, Action.DUPLICATE, Action.DUPLICATE]
    assert items[2].target is not None and items[2].target.uid == "a-1"
    assert items[2].reason == 'a near-identical title to "Labor Trafficking Screening Toolkit" (2020)'
    assert items[3].reason == 'the same file is attached to "Labor Trafficking Screening Toolkit"'


# --- textnorm.normalise_printable_space and the description --------------------------------------

SPACED_TEXT = st.lists(st.sampled_from([" ", "  ", "\t", "\u00a0", "a", "é", "=", "-", "x y", "\n"]) | st.text(),
                       max_size=20).map("".join)


@SETTINGS
@given(SPACED_TEXT)
def test_normalise_printable_space_is_normalise_space_for_printable_text(text: str) -> None:
    from reslib_desktop.textnorm import normalise_printable_space, normalise_space

    if text.isprintable():
        assert normalise_printable_space(text) == normalise_space(text)


def test_normalise_printable_space_on_the_corpus() -> None:
    from reslib_desktop.textnorm import normalise_printable_space, normalise_space

    printable = [text for text in CORPUS if text.isprintable()]
    assert len(printable) > 1000 and any(" " in t.strip() for t in printable)
    assert [normalise_printable_space(t) for t in printable] == [normalise_space(t) for t in printable]


def test_descriptions_are_what_plain_text_makes() -> None:
    from reslib_desktop.ingest.normalise import _plain_description
    from reslib_desktop.ingest.sanitise import plain_text

    texts = [*CORPUS, *(r.description for r in _records())]
    texts += [f"{a}{b}{c}" for a in ("", " ", "\t", "=") for b in DESCRIPTIONS for c in ("", "  ", "\u00a0")]
    assert [_plain_description(t, t.isprintable()) for t in texts] == [plain_text(t) for t in texts]


# --- the JSON reader's records ------------------------------------------------------------------

JSON_OBJECTS = st.dictionaries(
    st.sampled_from(["title", "subtitle", "date", "description", "type", "topics", "audience", "audiences",
                     "attachments", "source", "language", "uid", "title_derived", "x"]),
    st.none() | st.booleans() | st.integers() | st.sampled_from(CORPUS[:200]) | st.text(max_size=10)
    | st.lists(st.sampled_from(NAMES) | st.integers() | st.none(), max_size=3)
    | st.lists(st.none() | st.integers() | st.sampled_from(["x", ""]) | st.dictionaries(
        st.sampled_from(["label", "url", "sha256"]),
        st.none() | st.integers() | st.booleans() | st.sampled_from(["", " ", "Report (PDF)", "https://x.test/a.pdf",
                                                                      "ab" * 32, "AB" * 32]),
        max_size=3), max_size=3),
    max_size=10,
)


@SETTINGS
@given(JSON_OBJECTS)
def test_json_records_are_what_the_former_reader_made(obj: dict) -> None:
    _same_record_from_object(obj)


def test_json_records_of_real_and_generated_inputs_are_what_the_former_reader_made() -> None:
    objects = generated_records(400, 1) + json.loads((REAL_DATA / "otip_records.json").read_text(encoding="utf-8"))
    for obj in objects:
        _same_record_from_object(obj)


def _same_record_from_object(obj: dict) -> None:
    from reslib_desktop.ingest.formats.json_format import _record_from_object
    from reslib_desktop.ingest.problems import ParseResult
    from reslib_desktop.ingest.record import SourceLocation

    location = SourceLocation("x.json", 1, 1)
    fast, slow = ParseResult(), ParseResult()
    assert _record_from_object(obj, location, fast) == _record_from_object_reference(obj, location, slow)
    assert fast.problems == slow.problems


# The JSON reader's record building as it was before its fast paths (verbatim).
def _string_list_reference(value: Any) -> list[str] | None:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(";")
    elif not (isinstance(value, list) and all(isinstance(item, str) for item in value)):
        return None
    return [text for text in map(normalise_space, value) if text]


def _record_from_object_reference(obj: Any, location: SourceLocation, result: ParseResult) -> ResourceRecord | None:
    def problem(message: str) -> None:
        result.problems.append(Problem(location, message))

    if not isinstance(obj, dict):
        problem(f"expected an object, found {type(obj).__name__}")
        return None
    for name in _STRING_FIELDS:
        if obj.get(name) is not None and not isinstance(obj[name], str):
            problem(f'"{name}" must be text or null, found {type(obj[name]).__name__}')
            return None
    topics = _string_list_reference(obj.get("topics"))
    audiences = _string_list_reference(obj.get("audience", obj.get("audiences")))
    if topics is None:
        problem('"topics" must be a list of text, or null')
        return None
    if audiences is None:
        problem('"audience" must be text or a list of text, or null')
        return None
    raw_attachments = obj.get("attachments") or []
    if not isinstance(raw_attachments, list):
        problem('"attachments" must be a list of {"label", "url"} objects, or null')
        return None
    attachments: list[AttachmentRecord] = []
    for number, raw in enumerate(raw_attachments, start=1):
        if not isinstance(raw, dict) or not isinstance(raw.get("label") or raw.get("url"), str):
            problem(f"attachment {number} needs a text \"label\" or \"url\"")
            return None
        if raw.get("url") is not None and not isinstance(raw["url"], str):
            problem(f'attachment {number}: "url" must be text or null')
            return None
        digest = raw.get("sha256")
        if digest is not None and not (
            isinstance(digest, str) and len(digest) == 64 and set(digest) <= _SHA256_DIGITS
        ):
            problem(f'attachment {number}: "sha256" must be 64 lower-case hex digits, or null')
            return None
        label = normalise_space(raw.get("label")) or normalise_space(raw.get("url"))
        attachments.append(AttachmentRecord(label=label, url=raw.get("url") or None, sha256=digest))
    title_derived = obj.get("title_derived", False)
    if not isinstance(title_derived, bool):
        problem('"title_derived" must be true or false')
        return None
    title = normalise_space(obj.get("title")) or None
    description = strip_space(obj.get("description"))
    if not title and not description and not attachments:
        problem("a resource needs a title, a description or an attachment")
        return None
    record = ResourceRecord(
        title=title,
        subtitle=normalise_space(obj.get("subtitle")) or None,
        description=description,
        published=parse_date(obj.get("date")),
        resource_type=_canonical_type(obj.get("type")),
        raw_type=obj.get("type"),
        topics=topics,
        audiences=audiences,
        attachments=attachments,
        source_url=normalise_space(obj.get("source")) or None,
        language=normalise_space(obj.get("language")) or None,
        uid=normalise_space(obj.get("uid")) or None,
        location=location,
        title_derived=bool(title and title_derived),
    )
    return derive_title(record)


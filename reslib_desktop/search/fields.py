"""What the search index holds per resource, how its text is split into words, and how fields weigh."""

from __future__ import annotations

import re
from functools import cache

import tantivy

from reslib_desktop.search.documents import SearchDocument
from reslib_desktop.textnorm import MARK_RANGES, SPACELESS_RANGES, nfc

# Bump when the fields, the tokenizer or what documents.py puts in them change: an index of an
# older version is rebuilt on open.
INDEX_SCHEMA_VERSION = 5

WRITER_HEAP = 96_000_000  # bytes tantivy's writer buffers before it flushes a segment
TOKENIZER = "reslib_fold"
RID = "rid"
NONE = "\u0000"  # a facet value standing for "not given" ('' in the app), which tantivy cannot index

# Facet fields (exact values, fast: counted by aggregations) and sort keys (fast).
OFFLINE = "offline"
FACET_FIELDS = ("type", "year", "topic", "audience", OFFLINE)
OFFLINE_YES, OFFLINE_NO = "yes", "no"  # the offline field: every attachment (at least one) cached, or not
DATE_KEY = "date_key"  # YYYYMMDD with 00 for unknown parts; -1 when undated (year ranges)
DATE_DESC = "date_desc"  # date << 32 | id, undated 0: newest first, undated last, ties newest id first
DATE_ASC = "date_asc"  # date << 32 | id, undated after every date: oldest first, undated last
TITLE_RANK = "title_rank"  # place in (title_sort, id) order, spaced: see title_order.py
_UNDATED_LAST = 99_999_999

# Text field -> score weight: title and subtitle rank above description and PDF text (the same
# weights as the FTS5 index had, so relevance keeps its intent).
TEXT_FIELDS: dict[str, float] = {
    "title": 10.0,
    "subtitle": 6.0,
    "description": 1.0,
    "topics": 3.0,
    "attachments": 4.0,
    "body": 0.5,  # the text inside cached attachments
}


def _rust_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"\\x{{{low:X}}}" if low == high else f"\\x{{{low:X}}}-\\x{{{high:X}}}" for low, high in ranges)


# textnorm.WORD in the regex syntax of Rust (tantivy): the same classes, so both split text alike.
_MARKS, _SPACELESS = _rust_class(MARK_RANGES), _rust_class(SPACELESS_RANGES)
WORD_PATTERN = (
    rf"[[\p{{L}}\p{{N}}]--[{_SPACELESS}]]+(?:[{_MARKS}]+[[\p{{L}}\p{{N}}]--[{_SPACELESS}]]*)*"
    rf"|[[{_SPACELESS}]&&[\p{{L}}\p{{N}}]][{_MARKS}]*"
)
# Text of only these characters (the letters of Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, Georgian,
# Ethiopic and Korean, punctuation, symbols: no combining mark, no spaceless script) is split by tantivy's
# simple tokenizer exactly as by WORD_PATTERN (a test checks each character), and three times faster.
_NEEDS_PATTERN = re.compile(
    r"[^\x00-\u02ff\u0370-\u0482\u048a-\u058f\u05c8-\u060f\u061b-\u064a\u0660-\u066f\u0671-\u06d5"
    r"\u06ee-\u06ff\u10a0-\u135c\u1e00-\u20cf\u2100-\u24b5\u24ea-\u2bff\u3131-\u318e\uac00-\ud7af]"
)


def _folding(tokenizer: tantivy.Tokenizer) -> tantivy.TextAnalyzer:
    builder = tantivy.TextAnalyzerBuilder(tokenizer)
    return builder.filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.ascii_fold()).build()


def analyzer() -> tantivy.TextAnalyzer:
    """Words (textnorm.WORD: letters and digits with their combining marks; one letter at a time in Chinese,
    Japanese, Thai...), lower-cased and folded to ASCII (Émile -> emile, straße -> strasse). Queries, snippets
    and page matches split text with it; the index splits text in NFC with it (see `to_document`)."""
    return _folding(tantivy.Tokenizer.regex(WORD_PATTERN))


@cache
def _splitter() -> tantivy.TextAnalyzer:
    return analyzer()  # one for every thread: tantivy's analyzers can be shared


def schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field(RID, stored=False, indexed=True, fast=True)
    for name in TEXT_FIELDS:
        builder.add_text_field(name, stored=False, tokenizer_name=TOKENIZER, index_option="position")
    for name in FACET_FIELDS:
        builder.add_text_field(name, stored=False, fast=True, tokenizer_name="raw", index_option="basic")
    builder.add_integer_field(DATE_KEY, stored=False, indexed=True, fast=True)
    builder.add_integer_field(DATE_DESC, stored=False, indexed=False, fast=True)
    builder.add_integer_field(DATE_ASC, stored=False, indexed=False, fast=True)
    builder.add_integer_field(TITLE_RANK, stored=False, indexed=False, fast=True)
    return builder.build()


def _ascii(document: SearchDocument) -> bool:
    return (
        document.title.isascii() and document.subtitle.isascii() and document.description.isascii()
        and document.body.isascii() and all(map(str.isascii, document.topic_names))
        and all(map(str.isascii, document.attachment_labels))
    )


def _texts(document: SearchDocument) -> tuple[dict[str, str | list[str]], list[tuple[str, str]]]:
    """Each text field's text for the simple tokenizer (a list where a field has several values: a topic, an
    attachment label each), and the (field, value) pairs it would split otherwise than WORD_PATTERN; in NFC,
    as SearchDocument.values() has them (which snippets read; this is the same, made for speed)."""
    texts: dict[str, str | list[str]] = {
        "title": document.title, "subtitle": document.subtitle, "description": document.description,
        "topics": list(document.topic_names), "attachments": list(document.attachment_labels), "body": document.body,
    }
    split: list[tuple[str, str]] = []
    if _ascii(document):
        return texts, split  # the common case: nothing to normalise, and the simple tokenizer splits it right
    for field, text in texts.items():
        values = [text] if isinstance(text, str) else text
        kept = []
        for value in map(nfc, values):
            if _NEEDS_PATTERN.search(value):
                split.append((field, value))
            else:
                kept.append(value)
        texts[field] = kept
    return texts, split


def to_document(document: SearchDocument, title_rank: int) -> tantivy.Document:
    """The index document of a resource. Topics and attachment labels are values of their own: tantivy leaves
    a position between two values, so a phrase never runs from one into the next."""
    published = document.published_sort
    date = int(published.replace("-", "")) if published else -1
    rid = document.resource_id
    texts, split = _texts(document)
    indexed = tantivy.Document(
        rid=rid,
        **texts,
        type=document.resource_type or NONE,
        year=published[:4] or NONE,
        topic=list(document.topic_names),
        audience=list(document.audience_names),
        **{OFFLINE: OFFLINE_YES if document.offline else OFFLINE_NO},
        date_key=date,
        date_desc=(max(date, 0) << 32) | rid,
        date_asc=((date if date >= 0 else _UNDATED_LAST) << 32) | rid,
        title_rank=title_rank,
    )
    for field, value in split:
        indexed.add_pre_tokenized_text(field, _splitter().pre_tokenize(value))
    return indexed


def prepare(index: tantivy.Index) -> tantivy.Index:
    """Register the tokenizer of text given as text (needed on every open, before writing or querying): the
    simple one, which `to_document` gives only text it splits as `analyzer()` would."""
    index.register_tokenizer(TOKENIZER, _folding(tantivy.Tokenizer.simple()))
    return index


def fast_ints(searcher: tantivy.Searcher, field: str, addresses: list[tantivy.DocAddress]) -> list[int]:
    """An integer fast field of these documents, in their order (documents.py gives every document each one)."""
    values = searcher.fast_field_values(field, addresses)
    if None in values:
        raise ValueError(f"a document of the search index has no {field}")
    return [int(value) for value in values if value is not None]


def total_hits(result: tantivy.SearchResult) -> int:
    """How many documents a search (run with count=True) matched."""
    return result.count  # type: ignore[attr-defined]  # tantivy 0.27's stub lacks SearchResult.count

"""What the search index holds per resource, how its text is split into words, and how fields weigh."""

from __future__ import annotations

import tantivy

from reslib_desktop.search.documents import SearchDocument

# Bump when the fields, the tokenizer or what documents.py puts in them change: an index of an
# older version is rebuilt on open.
INDEX_SCHEMA_VERSION = 4

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


def analyzer() -> tantivy.TextAnalyzer:
    """Words as FTS5's `unicode61 remove_diacritics 2` split them (letters and digits), lower-cased and
    folded to ASCII (Émile -> emile)."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )


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


def to_document(document: SearchDocument, title_rank: int) -> tantivy.Document:
    """The index document of a resource."""
    published = document.published_sort
    date = int(published.replace("-", "")) if published else -1
    rid = document.resource_id
    return tantivy.Document(
        rid=rid,
        title=document.title,
        subtitle=document.subtitle,
        description=document.description,
        topics=document.topics,
        attachments=document.attachments,
        body=document.body,
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


def prepare(index: tantivy.Index) -> tantivy.Index:
    """Register the tokenizer (needed on every open, before writing or querying)."""
    index.register_tokenizer(TOKENIZER, analyzer())
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

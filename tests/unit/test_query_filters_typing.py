"""While a word joined by punctuation is typed (covid-19, l'enfance, peer-to-peer), its last part is a prefix,
as a lone word's is: the results never drop to nothing half-way. The words before it stay a phrase, also
where the last part has more terms than tantivy's phrase-prefix query expands to (50)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import tantivy

from reslib_desktop.ingest.apply import apply_records
from reslib_desktop.ingest.record import ResourceRecord
from reslib_desktop.library import Library, SearchQuery, parse_query
from reslib_desktop.search import fields, translate
from reslib_desktop.store import search as reference

TITLES = {
    "covid": "COVID-19 response for shelters",
    "enfance": "Guide de l'enfance",
    "peer": "Peer-to-peer support",
    "apart": "Covid notes, issue 12",  # covid and a word starting with 1, not one after the other
}
# Titles holding 60 more words that start with "1" (100..159): they sort before "19", so the phrase-prefix
# query's 50 expansions of "1" in the title field miss it.
BULLETINS = {f"bulletin-{number}": f"Bulletin {number}" for number in range(100, 160)}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    path: Path = tmp_path_factory.mktemp("typing") / "library.db"
    records = [ResourceRecord(title=title, uid=uid) for uid, title in {**TITLES, **BULLETINS}.items()]
    with Library.open(path, create=True) as opened:
        with opened.engine.begin() as connection:
            apply_records(connection, records, now=datetime(2026, 1, 1))
        opened.refresh_search_index()
        yield opened


def _found(library: Library, typed: str) -> set[str]:
    """The uids a search for `typed` shows; the SQL reference (FTS5) must find the same."""
    query = SearchQuery(text=parse_query(typed))
    ids = library.search_full(query, ()).ids
    with library.engine.connect() as connection:
        assert sorted(ids) == sorted(row.id for row in reference.page(connection, query, 0, 1000)), typed
    return {library.resource(rid).uid for rid in ids}


def test_the_title_field_holds_more_expansions_than_a_phrase_prefix_reads(library: Library) -> None:
    searcher = library._search_index.searcher  # the premise of the cases below
    assert searcher is not None
    assert len(searcher.terms_with_prefix("title", "1")) > translate.PHRASE_PREFIX_EXPANSIONS


@pytest.mark.parametrize(("text", "uid"), [("covid-19 response", "covid"), ("l'enfance", "enfance"),
                                          ("peer-to-peer", "peer")])
def test_every_step_of_typing_a_joined_word_finds_it(library: Library, text: str, uid: str) -> None:
    for end in range(1, len(text) + 1):
        if text[end - 1].isalnum():
            assert uid in _found(library, text[:end]), text[:end]


def test_the_words_before_the_prefix_stay_a_phrase(library: Library) -> None:
    assert _found(library, "covid-1") == {"covid"}  # not "Covid notes, issue 12"
    assert _found(library, "covid 1") == {"covid", "apart"}  # two words: anywhere
    assert _found(library, "covid-1 ") == set()  # a space after it: typed in full, "1" is a word
    assert _found(library, "covid-19") == {"covid"}


def test_a_prefix_past_what_tantivy_expands_in_a_phrase_still_searches() -> None:
    """More terms start with the last part than tantivy's regex phrase query takes (it would fail the search):
    the phrase-prefix query's 50 expansions are searched."""
    index = fields.prepare(tantivy.Index(fields.schema()))
    writer = index.writer(fields.WRITER_HEAP, 1)
    for number in range(translate.REGEX_PHRASE_EXPANSIONS + 1):
        writer.add_document(tantivy.Document(rid=number, title=f"covid 1{number:05d}"))
    writer.commit()
    index.reload()
    searcher = index.searcher()

    def expansions(field: str, prefix: str, limit: int) -> int:
        return len(searcher.terms_with_prefix(field, prefix, limit=limit))

    query = translate.to_query('"covid 1"*', fields.schema(), fields.analyzer(), expansions)
    assert fields.total_hits(searcher.search(query, 10, count=True)) == translate.PHRASE_PREFIX_EXPANSIONS

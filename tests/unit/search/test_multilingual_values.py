"""Separate topics, and separate attachment labels, are separate values of the index: a phrase never runs
from one into the next ("trafficking economic" is not in topics Child Trafficking and Economic
Empowerment), while each value's own phrases and words are found as before."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing

import pytest

from reslib_desktop.ingest.service import ImportOptions, ImportService
from reslib_desktop.library import Library
from reslib_desktop.search.documents import all_documents
from unit.search.multilingual import found

RECORDS = [
    {"uid": "two", "title": "Two topics", "date": "2018", "topics": ["Child Trafficking", "Economic Empowerment"],
     "attachments": [{"label": "Annex one", "url": None}, {"label": "Budget two", "url": None}]},
    {"uid": "one", "title": "One topic", "date": "2019", "topics": ["Trafficking economic impact"],
     "attachments": [{"label": "Annex one budget", "url": None}]},
]


@pytest.fixture(scope="module", params=["imported", "rebuilt"])
def library(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """A library of RECORDS, its index built beside the import (ingest/index_documents.py) or rebuilt from
    SQLite (search/documents.py)."""
    folder = tmp_path_factory.mktemp(request.param)
    path = folder / "records.json"
    path.write_text(json.dumps(RECORDS), encoding="utf-8")
    with Library.open(folder / "values.db", create=True) as opened:
        service = ImportService(opened, folder / "cache")
        preview = service.preview([path], ImportOptions(format="json"))
        service.apply(preview, index_feed=opened.build_search_index_beside())
        opened.refresh_search_index()
        if request.param == "rebuilt":
            opened._search_index.rebuild()
        yield opened


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ('"trafficking economic" ', {"one"}),  # across two topics of "two": not a phrase of it
        ('"one budget" ', {"one"}),  # across two attachment labels of "two"
        ('"child trafficking" ', {"two"}),
        ('"economic empowerment" ', {"two"}),
        ('"budget two" ', {"two"}),
        ("trafficking economic ", {"one", "two"}),  # words, not a phrase: anywhere in the resource
        ("one budget ", {"one", "two"}),
        ('"annex one"', {"one", "two"}),
    ],
)
def test_a_phrase_stays_within_one_topic_or_label(library: Library, typed: str, expected: set[str]) -> None:
    assert found(library, typed) == expected


def test_the_passage_still_shows_every_topic_and_label(library: Library) -> None:
    with closing(sqlite3.connect(library.path)) as connection:
        [document] = [d for d in all_documents(connection) if d.title == "Two topics"]
    assert document.text()["topics"] == "Child Trafficking ; Economic Empowerment"
    assert document.text()["attachments"] == "Annex one ; Budget two"
    assert document.attachment_labels == ("Annex one", "Budget two")

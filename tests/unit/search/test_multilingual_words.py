"""Words of every script are found as typed: a word keeps its combining marks (Arabic harakat, Hindi vowel
signs, Thai tone marks), a Chinese or Japanese word is found inside a sentence, and a decomposed accent
(E + U+0301) is the letter it stands for. The index and the keyword box split text the same way."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from reslib_desktop.ingest.service import ImportOptions, ImportService
from reslib_desktop.library import MARK_END, MARK_START, Library, parse_query
from unit.search.multilingual import found

RECORDS = [
    {"uid": "ar", "title": "دليل مُدَرِّب لحماية الضحايا", "date": "2019"},
    {"uid": "hi", "title": "मानव तस्करी हिन्दी गाइड", "date": "2019"},
    {"uid": "th", "title": "คู่มือ การค้ามนุษย์", "description": "สำหรับครูและเด็ก", "date": "2019"},
    {"uid": "zh", "title": "打击人口贩卖的指南", "description": "为服务提供者编写的受害者援助手册", "date": "2020"},
    {"uid": "ja", "title": "人身取引の被害者支援ガイドブック", "date": "2021"},
    {"uid": "nfd", "title": "E\u0301mile Zola et la prote\u0301ction", "date": "2019"},
    {"uid": "en", "title": "Emily's toolkit", "description": "Housing and protection", "date": "2018"},
]


def _import(library: Library, folder: Path, records: list[dict]) -> None:
    """Import `records` into an empty library, its index built beside the import (ingest/index_documents.py)."""
    path = folder / "records.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    service = ImportService(library, folder / "cache")
    preview = service.preview([path], ImportOptions(format="json"))
    assert not preview.has_errors, preview.errors
    service.apply(preview, index_feed=library.build_search_index_beside())
    library.refresh_search_index()


@pytest.fixture(scope="module", params=["imported", "rebuilt"])
def library(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """A library of RECORDS, its index as the import built it, or rebuilt from SQLite (search/documents.py)."""
    folder = tmp_path_factory.mktemp(request.param)
    with Library.open(folder / "words.db", create=True) as opened:
        _import(opened, folder, RECORDS)
        if request.param == "rebuilt":
            opened._search_index.rebuild()
        yield opened


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("مُدَرِّب ", {"ar"}),  # copied from the title, harakat and all
        ("مُدَرِّ", {"ar"}),  # still typing: a prefix
        ("मानव ", {"hi"}),
        ("तस्करी ", {"hi"}),  # a virama inside the word
        ("हिन्दी ", {"hi"}),
        ("คู่มือ ", {"th"}),
        ("มนุษย์ ", {"th"}),  # a Thai word inside a run of words with no space between them
        ("เด็ก ", {"th"}),
    ],
)
def test_a_word_with_combining_marks_is_found_as_typed(library: Library, typed: str, expected: set[str]) -> None:
    assert found(library, typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("人口贩卖 ", {"zh"}),  # inside the title 打击人口贩卖的指南
        ("指南 ", {"zh"}),
        ("受害者 ", {"zh"}),  # inside the description
        ("人口贩", {"zh"}),  # still typing
        ("打击人口贩卖的指南 ", {"zh"}),  # the whole title
        ('"贩卖 指南" ', set()),  # a phrase still means its words next to each other
        ("被害者 ", {"ja"}),
        ("ガイドブック ", {"ja"}),
        ("人身取引 被害者 ", {"ja"}),
        ("指南 ガイド ", set()),
    ],
)
def test_a_chinese_or_japanese_word_is_found_inside_a_sentence(
    library: Library, typed: str, expected: set[str]
) -> None:
    assert found(library, typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("emile ", {"nfd"}),  # the title holds E + U+0301
        ("Émile ", {"nfd"}),
        ("E\u0301mile ", {"nfd"}),
        ("E\u0301mil", {"nfd", "en"}),  # still typing: Emily too
        ("protection zola ", {"nfd"}),
        ("protéction ", {"nfd", "en"}),  # "protection" in the other's description
    ],
)
def test_a_decomposed_accent_is_the_letter_it_stands_for(library: Library, typed: str, expected: set[str]) -> None:
    assert found(library, typed) == expected


def _marked(passage: str | None) -> list[str]:
    assert passage is not None
    return [part.split(MARK_END)[0] for part in passage.split(MARK_START)[1:]]


def test_the_passage_marks_the_wordsfound(library: Library) -> None:
    with closing(sqlite3.connect(library.path)) as connection:
        ids = {uid: rid for rid, uid in connection.execute("SELECT id, uid FROM resources")}
    assert _marked(library.snippet(ids["zh"], parse_query("人口贩卖 "))) == ["人", "口", "贩", "卖"]
    assert _marked(library.snippet(ids["ar"], parse_query("مُدَرِّب "))) == ["مُدَرِّب"]
    assert _marked(library.snippet(ids["nfd"], parse_query("emile "))) == ["Émile"]

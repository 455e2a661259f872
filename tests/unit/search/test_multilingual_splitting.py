"""The keyword box (textnorm, Python's re), snippets and the index (search/fields.py, tantivy's Rust regex)
split text into the same words, character by character; the page index spells folded letters as the
search index does."""

from __future__ import annotations

import importlib
import unicodedata
from collections.abc import Iterator

import pytest
import tantivy

from reslib_desktop.pdf.matches import FOLDED_LETTERS
from reslib_desktop.search import fields
from reslib_desktop.textnorm import MARK_RANGES, QUERY_WORDS, WORD


def _splitter(pattern: str) -> tantivy.TextAnalyzer:
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(pattern)).build()


def _assigned(low: int, high: int) -> Iterator[str]:
    for code in range(low, high):
        character = chr(code)
        if unicodedata.category(character) not in ("Cn", "Cs", "Co"):
            yield character


def test_python_and_the_index_split_every_character_alike() -> None:
    """textnorm.WORD (the keyword box's words, snippets) and fields.WORD_PATTERN (the index) agree on each
    character Python's Unicode knows, alone, inside a word, after a Chinese character and before a mark."""
    rust = _splitter(fields.WORD_PATTERN)
    characters = list(_assigned(0, 0x40000)) + list(_assigned(0xE0000, 0xE1000))
    for start in range(0, len(characters), 5000):
        chunk = characters[start : start + 5000]
        text = " ".join(f"{c} a{c}b 中{c} {c}\u0301 1{c}{c}" for c in chunk)
        if WORD.findall(text) != rust.analyze(text):
            contexts = {c: f"{c} a{c}b 中{c} {c}\u0301 1{c}{c}" for c in chunk}
            wrong = [c for c, alone in contexts.items() if WORD.findall(alone) != rust.analyze(alone)]
            pytest.fail(f"split differently: {[f'U+{ord(c):04X}' for c in wrong[:20]]}")


def test_the_marks_are_unicodes_combining_marks() -> None:
    marks = {code for low, high in MARK_RANGES for code in range(low, high + 1)}
    expected = {code for code in range(0x110000) if unicodedata.category(chr(code)).startswith("M")}
    assert marks == expected


def test_text_given_to_the_simple_tokenizer_is_split_as_the_pattern_splits_it() -> None:
    """The index splits text with none of the characters that need WORD_PATTERN by tantivy's simple tokenizer
    (three times faster): for every such character, both give the same words."""
    simple = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).build()
    rust = _splitter(fields.WORD_PATTERN)
    plain = [chr(code) for code in range(0x30000) if not fields._NEEDS_PATTERN.match(chr(code))]
    assert "é" in plain and "ß" in plain and "ж" in plain and "\u0301" not in plain and "中" not in plain
    text = " ".join(f"{c} a{c}b {c}{c} 1{c} {c}x" for c in plain)
    assert simple.analyze(text) == rust.analyze(text)


def test_typed_words_are_runs_the_index_splits_further() -> None:
    assert QUERY_WORDS.findall("E\u0301mile, 打击人口贩卖-guide مُدَرِّب") == ["Émile", "打击人口贩卖", "guide", "مُدَرِّب"]
    analyzer = fields.analyzer()
    assert analyzer.analyze("打击人口贩卖") == list("打击人口贩卖")
    assert analyzer.analyze("Straße Łódź đường Ærø") == ["strasse", "lodz", "duong", "aero"]


def test_the_folded_letters_are_the_search_indexs() -> None:
    migration = importlib.import_module("reslib_desktop.store.migrations.versions.0009_page_text_folded")
    assert dict(migration._FOLDED) == FOLDED_LETTERS
    analyzer = fields.analyzer()
    for letter, spelled in FOLDED_LETTERS.items():
        assert analyzer.analyze(f"x{letter}x") == [f"x{spelled.lower()}x"], letter

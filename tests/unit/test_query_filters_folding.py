"""topic: and audience: filters, typed or given to `reslib search` as --topic/--audience, find a topic
whatever its case, accents and punctuation (textnorm.fold), as the words of a search do."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from reslib_desktop.cli import ENV_FULL_SEARCH, main
from reslib_desktop.ingest.apply import apply_records
from reslib_desktop.ingest.record import ResourceRecord
from reslib_desktop.library import Library, SearchQuery, parse_query
from reslib_desktop.quick_library import quick_search
from reslib_desktop.store import search as reference

RECORDS = [  # title, topics, audiences
    ("Child protection guide", ["Protección infantil"], ["Jóvenes"]),
    ("Housing first", ["Housing"], ["Youth"]),
    ("Shelter rules", ["Housing", "Child-Trafficking"], []),
]


@pytest.fixture(scope="module")
def library_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path: Path = tmp_path_factory.mktemp("folding") / "library.db"
    records = [ResourceRecord(title=title, topics=topics, audiences=audiences, uid=f"r{number}")
               for number, (title, topics, audiences) in enumerate(RECORDS)]
    with Library.open(path, create=True) as opened:
        with opened.engine.begin() as connection:
            apply_records(connection, records, now=datetime(2026, 1, 1))
        opened.refresh_search_index()  # `reslib search` takes its quick path
    yield path


@pytest.fixture(scope="module")
def library(library_path: Path) -> Iterator[Library]:
    with Library.open(library_path) as opened:
        yield opened


def _titles(library: Library, typed: str) -> set[str]:
    """The titles a search for `typed` shows; the SQL reference must find the same."""
    query = SearchQuery(text=parse_query(typed))
    ids = library.search_full(query, ()).ids
    with library.engine.connect() as connection:
        assert sorted(ids) == sorted(row.id for row in reference.page(connection, query, 0, 100)), typed
    return {library.resource(rid).title for rid in ids}


@pytest.mark.parametrize(
    ("typed", "titles"),
    [('topic:"proteccion infantil"', {"Child protection guide"}),
     ("topic:PROTECCIÓN-INFANTIL", {"Child protection guide"}),
     ('topic:"child trafficking"', {"Shelter rules"}),
     ('-topic:"proteccion infantil"', {"Housing first", "Shelter rules"}),
     ("audience:jovenes", {"Child protection guide"}),
     ("audience:YOUTH", {"Housing first"}),
     ('topic:"proteccion infantil" OR topic:housing', {"Child protection guide", "Housing first", "Shelter rules"})],
)
def test_a_typed_filter_ignores_case_and_accents(library: Library, typed: str, titles: set[str]) -> None:
    assert _titles(library, typed) == titles


def _cli_titles(capsys: pytest.CaptureFixture[str], library_path: Path, *options: str) -> set[str]:
    """The titles `reslib search OPTIONS` prints."""
    capsys.readouterr()
    assert main(["--db", str(library_path), "search", *options]) == 0
    return {line[2:].split("  [")[0] for line in capsys.readouterr().out.splitlines() if line.startswith("- ")}


@pytest.mark.parametrize("full", [False, True], ids=["quick path", "full path"])
@pytest.mark.parametrize(
    ("options", "titles"),
    [(["--topic", "housing"], {"Housing first", "Shelter rules"}),
     (["--topic", "proteccion infantil"], {"Child protection guide"}),
     (["--topic", "housing", "--topic", "PROTECCION INFANTIL"], {"Child protection guide", "Housing first",
                                                               "Shelter rules"}),
     (["--audience", "youth"], {"Housing first"}),
     (["--audience", "jovenes", "--topic", "housing"], set()),
     (["--topic", "Housing", "shelter"], {"Shelter rules"})],
)
def test_the_command_line_options_ignore_case_and_accents(
    library_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, full: bool,
    options: list[str], titles: set[str],
) -> None:
    monkeypatch.setenv(ENV_FULL_SEARCH, "1" if full else "")
    assert full or quick_search(library_path, SearchQuery(), 1) is not None  # the quick path answers
    assert _cli_titles(capsys, library_path, *options) == titles

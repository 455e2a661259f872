"""Searching the default library through `Library`: words, phrases, facets, sorting, pages."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from reslib_desktop.ingest.apply import apply_records
from reslib_desktop.ingest.dates import parse_date
from reslib_desktop.ingest.default_library import build_default_library
from reslib_desktop.ingest.record import ResourceRecord
from reslib_desktop.library import Library, ResourceRow, SearchPage, SearchQuery, SortKey, parse_query

ALL = 10_000
HOUSING_FACT_SHEET = "Housing Programs Environmental Scan Fact Sheet"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, assets: Path) -> Path:
    """The default library, built from assets/library into a temporary folder."""
    path = tmp_path_factory.mktemp("built") / "lib.db"
    report = build_default_library(assets, path)
    assert report.resources == 57
    return path


@pytest.fixture(scope="module")
def library(built: Path) -> Iterator[Library]:
    with Library.open(built, read_only=True) as opened:
        yield opened


def _search(library: Library, text: str = "", **fields) -> SearchPage:
    return library.search(SearchQuery(text=parse_query(text), **fields), 0, ALL)


def _titles(rows: list[ResourceRow]) -> list[str]:
    return [row.title for row in rows]


def _attachment_labels(library: Library, row: ResourceRow) -> list[str]:
    detail = library.resource(row.id)
    assert detail is not None
    return [attachment.label for attachment in detail.attachments]


def test_word_finds_the_resource_by_attachment_label(library: Library) -> None:
    page = _search(library, "housing")
    assert page.total == len(page.rows) >= 1
    assert any(HOUSING_FACT_SHEET in _attachment_labels(library, row) for row in page.rows)


def test_phrase_matches_words_in_order_only(library: Library) -> None:
    phrase = _search(library, '"environmental scan fact sheet"')
    assert {"Housing Programs Environmental Scan", "Employment Environmental Scan"} <= set(_titles(phrase.rows))
    assert _search(library, '"fact sheet scan environmental"').total == 0


def test_excluding_a_word_removes_its_resources(library: Library) -> None:
    everything, without = _search(library, "trafficking"), _search(library, "trafficking -housing")
    assert 0 < without.total < everything.total
    assert "Housing Programs Environmental Scan" in _titles(everything.rows)
    assert "Housing Programs Environmental Scan" not in _titles(without.rows)


def test_or_finds_either_word(library: Library) -> None:
    housing, employment = _search(library, "housing "), _search(library, "employment ")
    either = _search(library, "housing OR employment ")
    assert set(_titles(either.rows)) == set(_titles(housing.rows)) | set(_titles(employment.rows))
    assert either.total > max(housing.total, employment.total)


def test_prefix_matches_while_typing(library: Library) -> None:
    assert "Housing Programs Environmental Scan" in _titles(_search(library, "hous").rows)


def test_type_selection_narrows_and_facets_count_standard_way(library: Library) -> None:
    """Selecting a type changes the other facets' counts but not the type facet's own."""
    everything = SearchQuery()
    reports = everything.with_selection("type", {"report"})
    all_counts, report_counts = library.facet_counts(everything), library.facet_counts(reports)
    total_reports = library.search(reports, 0, ALL).total
    assert 0 < total_reports < library.search(everything, 0, ALL).total
    assert report_counts["type"] == all_counts["type"]
    assert {f.value: f.count for f in all_counts["type"]}["report"] == total_reports
    assert report_counts["year"] != all_counts["year"]
    assert sum(f.count for f in report_counts["year"]) == total_reports


def test_title_sort_descending_reverses_ascending(library: Library) -> None:
    ascending = _search(library, sort=SortKey.TITLE, descending=False).rows
    descending = _search(library, sort=SortKey.TITLE, descending=True).rows
    assert [r.id for r in ascending] == [r.id for r in reversed(descending)]
    assert ascending[0].title.casefold() <= ascending[-1].title.casefold()


def test_pages_are_disjoint_and_cover_the_total(library: Library) -> None:
    for text, sort in (("", SortKey.TITLE), ("trafficking", SortKey.RELEVANCE)):
        query = SearchQuery(text=parse_query(text), sort=sort)
        whole = library.search(query, 0, ALL)
        pages = [library.rows(query, offset, 7) for offset in range(0, whole.total, 7)]
        ids = [row.id for rows in pages for row in rows]
        assert ids == [row.id for row in whole.rows]
        assert len(set(ids)) == whole.total


@pytest.mark.parametrize(
    "text",
    ["!!!", "...", '"', '"unbalanced', 'housing "fact', "NEAR", "NEAR(a b)", "a AND", "AND", "OR", "NOT",
     "*", "^", ":", "a:b", "^housing", "housing*", "-", "--", "()", "(housing", "type:", "year:abc", '""', "_",
     "'", "\\", "housing -", "café", "\u00a0"],
)
def test_odd_queries_never_raise(library: Library, text: str) -> None:
    query = SearchQuery(text=parse_query(text))
    page = library.search(query, 0, 20)
    assert page.total >= 0 and len(page.rows) <= 20
    assert set(library.facet_counts(query)) >= {"type", "topic", "audience", "year"}


@pytest.mark.parametrize("text", ["!!!", "...", "*", "^", ":", "()", "-"])
def test_punctuation_only_query_shows_everything(library: Library, text: str) -> None:
    assert _search(library, text).total == 57


def test_fts_operator_words_are_plain_words(library: Library) -> None:
    assert _search(library, "AND ").total == _search(library, "and ").total > 0
    assert _search(library, "NEAR ").total == _search(library, "near ").total


def test_resource_detail_has_topics_and_attachments(library: Library) -> None:
    [letter] = _search(library, '"State Letter #10-05"').rows
    detail = library.resource(letter.id)
    assert detail is not None and detail.title == "State Letter #10-05"
    assert detail.topics and detail.topics == sorted(detail.topics)
    [housing] = [row for row in _search(library, "housing").rows if row.title == "Housing Programs Environmental Scan"]
    assert _attachment_labels(library, housing) == ["Housing Programs Environmental Scan", HOUSING_FACT_SHEET]
    assert library.resource(10**9) is None


def test_built_library_passes_integrity_checks(built: Path, tmp_path: Path) -> None:
    path = tmp_path / "copy.db"
    shutil.copyfile(built, path)
    with Library.open(path) as opened:
        assert opened.check() == []


def test_integrity_check_of_a_read_only_library_is_clean(library: Library) -> None:
    assert library.check() == []


# --- date sort, on a copy with coarse dates added ---------------------------------------------


@pytest.fixture
def with_coarse_dates(built: Path, tmp_path: Path) -> Iterator[Library]:
    """The built library plus a year-only and a month-only resource of 2016."""
    path = tmp_path / "dated.db"
    shutil.copyfile(built, path)
    records = [
        ResourceRecord(title="Year Only Zephyr", published=parse_date("2016")),
        ResourceRecord(title="Month Only Zephyr", published=parse_date("August 2016")),
    ]
    with Library.open(path) as opened:
        with opened.engine.begin() as connection:
            apply_records(connection, records, now=datetime(2030, 1, 1))
        yield opened


@pytest.mark.parametrize("descending", [True, False])
def test_date_sort_puts_undated_last_and_coarse_dates_in_their_year(
    with_coarse_dates: Library, descending: bool
) -> None:
    rows = _search(with_coarse_dates, sort=SortKey.DATE, descending=descending).rows
    undated = [row.published is None for row in rows]
    assert undated == sorted(undated) and any(undated)
    dated = [row for row in rows if row.published is not None]
    position = next(i for i, row in enumerate(dated) if row.title == "Year Only Zephyr")
    before, after = dated[:position], dated[position + 1 :]
    if descending:
        assert all(row.published.year >= 2016 for row in before)
        assert all(row.published.year < 2016 for row in after)
    else:
        assert all(row.published.year < 2016 for row in before)
        assert all(row.published.year >= 2016 for row in after)
    month = next(i for i, row in enumerate(dated) if row.title == "Month Only Zephyr")
    day_in_august = next(i for i, row in enumerate(dated) if row.title == "SOAR Training Infographic")
    assert (month > day_in_august) is descending

"""The seed listing text: the real page text (raw and curated) and variants of its layout."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from reslib_desktop.ingest.dates import Precision
from reslib_desktop.ingest.formats.seed_text import parse_seed_text, read_seed_file
from reslib_desktop.ingest.problems import ParseResult, Severity
from reslib_desktop.ingest.record import ResourceRecord

RAW = "resource-library-type-report.raw.txt"
CURATED = "resource-library-type-report.txt"
FRAMEWORK = "National Human Trafficking Prevention Framework"
ANNUAL_REPORT_TITLE = (
    "The Office on Trafficking in Persons (OTIP) Annual Report highlights fiscal year 2021 accomplishments."
)
HEADER = "Displaying 1 - 10 of 30"


def _text(assets: Path, name: str) -> str:
    return (assets / name).read_text(encoding="utf-8")


def _titles(result: ParseResult) -> list[str]:
    return [record.title or "" for record in result.records]


def _labels(record: ResourceRecord) -> list[str]:
    return [attachment.clean_label for attachment in record.attachments]


def _titled(result: ParseResult, title: str) -> ResourceRecord:
    matches = [record for record in result.records if record.title == title]
    assert len(matches) == 1, f"{title!r} found {len(matches)} times in {_titles(result)}"
    return matches[0]


def _with_attachment(result: ParseResult, label: str) -> ResourceRecord:
    matches = [record for record in result.records if label in _labels(record)]
    assert len(matches) == 1, f"attachment {label!r} found on {len(matches)} records"
    return matches[0]


@pytest.fixture(params=[RAW, CURATED])
def page(request: pytest.FixtureRequest, assets: Path) -> ParseResult:
    """The real page text, raw and curated, read as the default library reads it."""
    return read_seed_file(assets / request.param)


def test_real_page_gives_ten_resources_without_problems(page: ParseResult) -> None:
    assert len(page.records) == 10
    assert page.problems == []


def test_htla_item_has_both_attachments(page: ParseResult) -> None:
    record = _with_attachment(page, "HTLA Class 7 Recommendations Report")
    assert _labels(record) == ["HTLA Class 7 Recommendations Report", "HTLA Class 7 Recommendations Checklist"]
    assert record.description.startswith("These recommendations and checklist were developed")
    assert "The fellows make recommendations" in record.description


def test_housing_item_has_scan_and_fact_sheet(page: ParseResult) -> None:
    record = _with_attachment(page, "Housing Programs Environmental Scan Fact Sheet")
    assert _labels(record) == ["Housing Programs Environmental Scan", "Housing Programs Environmental Scan Fact Sheet"]


def test_peer_to_peer_brief_is_dated_to_the_day(page: ParseResult) -> None:
    record = _titled(page, "Peer-to-Peer Brief")
    assert record.published.value == date(2021, 9, 9)
    assert record.published.precision is Precision.DAY
    assert record.title_derived is False
    assert _labels(record) == ["Peer-to-Peer Brief"]


def test_framework_item_has_subtitle_date_and_no_attachments(page: ParseResult) -> None:
    record = _titled(page, FRAMEWORK)
    assert record.subtitle == "A Public Health Approach to Preventing Human Trafficking"
    assert record.published.value == date(2024, 2, 13)
    assert record.published.precision is Precision.DAY
    assert record.attachments == []
    assert record.description.startswith("Building on decades of work")
    assert "Annual Report" not in record.description


def test_annual_report_item_has_derived_title_and_no_attachments(page: ParseResult) -> None:
    record = _titled(page, ANNUAL_REPORT_TITLE)
    assert record.title_derived is True
    assert record.attachments == []
    assert record.description.startswith("The Office on Trafficking in Persons (OTIP) Annual Report")


def test_titles_from_attachment_labels_are_flagged_and_clean(page: ParseResult) -> None:
    derived = [r for r in page.records if r.title_derived and r.attachments]
    assert len(derived) == 7
    for record in derived:
        assert record.title == record.attachments[0].clean_label
        assert "PDF" not in (record.title or "")
    owned = {r.title for r in page.records if not r.title_derived}
    assert owned == {FRAMEWORK, "Peer-to-Peer Brief"}


def test_locations_point_at_each_items_first_line(assets: Path) -> None:
    result = read_seed_file(assets / CURATED)
    lines = _text(assets, CURATED).splitlines()
    framework, peer = _titled(result, FRAMEWORK), _titled(result, "Peer-to-Peer Brief")
    assert framework.location is not None and peer.location is not None
    assert lines[framework.location.line - 1] == FRAMEWORK
    assert lines[peer.location.line - 1] == "Peer-to-Peer Brief"
    assert [r.location.item for r in result.records if r.location] == list(range(1, 11))


def test_raw_and_curated_text_give_the_same_titles(assets: Path) -> None:
    raw, curated = read_seed_file(assets / RAW), read_seed_file(assets / CURATED)
    assert _titles(raw) == _titles(curated)
    assert [_labels(r) for r in raw.records] == [_labels(r) for r in curated.records]


# --- variants of the layout -------------------------------------------------------------


def _move_last_item_first(text: str) -> str:
    """Move the "Peer-to-Peer Brief" block (the last item) in front of the first item."""
    start = text.index("Peer-to-Peer Brief\n\nSeptember 9, 2021")
    block, rest = text[start:], text[:start].rstrip("-\n ")
    first = rest.index(FRAMEWORK)
    return rest[:first] + block.strip() + "\n\n" + rest[first:]


@pytest.mark.parametrize("name", [RAW, CURATED])
@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda t: t.replace("\n", "\r\n"), id="windows-line-endings"),
        pytest.param(lambda t: t.replace("\n\n", "\n\n\n\n"), id="extra-blank-lines"),
    ],
)
def test_line_ending_and_spacing_variants_read_the_same(
    assets: Path, name: str, variant: Callable[[str], str]
) -> None:
    original = parse_seed_text(_text(assets, name))
    changed = parse_seed_text(variant(_text(assets, name)))
    assert _titles(changed) == _titles(original)
    assert [_labels(r) for r in changed.records] == [_labels(r) for r in original.records]
    assert changed.problems == []


@pytest.mark.parametrize("name", [RAW, CURATED])
def test_reordered_items_are_read_in_their_new_order(assets: Path, name: str) -> None:
    original = parse_seed_text(_text(assets, name))
    moved = parse_seed_text(_move_last_item_first(_text(assets, name)))
    assert _titles(moved) == [_titles(original)[-1], *_titles(original)[:-1]]
    assert _titled(moved, "Peer-to-Peer Brief").published.value == date(2021, 9, 9)
    assert _titled(moved, FRAMEWORK).attachments == []
    assert moved.problems == []


def test_titled_item_without_attachments_then_titled_item() -> None:
    text = (
        "Alpha Guide\n\nThis guide explains alpha things in detail.\n\n"
        "Beta Report\n\nMarch 2019\n\nThe beta report covers beta.\n\nBeta Report Full Text (PDF)\n"
    )
    result = parse_seed_text(text)
    alpha, beta = _titled(result, "Alpha Guide"), _titled(result, "Beta Report")
    assert (alpha.attachments, alpha.description) == ([], "This guide explains alpha things in detail.")
    assert alpha.published.precision is Precision.UNKNOWN
    assert _labels(beta) == ["Beta Report Full Text"]
    assert beta.published.value == date(2019, 3, 1) and beta.published.precision is Precision.MONTH


def test_listing_without_displaying_header(assets: Path) -> None:
    """Only the items, no page header: the curated breaks still give the ten resources."""
    text = _text(assets, CURATED)
    items_only = text[text.index(FRAMEWORK):]
    result = parse_seed_text(items_only)
    assert _titles(result) == _titles(read_seed_file(assets / CURATED))
    assert result.problems == []


def test_unmet_declared_count_warns_how_to_fix(assets: Path) -> None:
    text = _text(assets, RAW).replace(HEADER, "Displaying 1 - 12 of 30")
    result = parse_seed_text(text, file_name="page.txt")
    assert len(result.records) < 12
    assert result.errors == []
    [warning] = result.warnings
    assert warning.severity is Severity.WARNING
    assert "'---'" in warning.message and "12" in warning.message
    assert str(warning).startswith("page.txt")

"""Deduplication: the seed page and the JSON records (the inputs of the first shipped library) give 48 resources."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reslib_desktop.ingest.dates import Precision, parse_date
from reslib_desktop.ingest.dedupe import deduplicate, is_excerpt
from reslib_desktop.ingest.formats.json_format import read_json_file
from reslib_desktop.ingest.formats.seed_text import read_seed_file
from reslib_desktop.ingest.record import AttachmentRecord, ResourceRecord, derive_title
from reslib_desktop.vocabulary import canonical_type

SEED_FILE = "resource-library-type-report.txt"
JSON_FILE = "otip_records.json"
SEED_URL = "https://www.acf.hhs.gov/otip/resource-library?f%5B0%5D=type%3Areport"
FULL = (
    "Individuals who experience human trafficking often struggle to find safe and secure housing. "
    "Providing immediate access to emergency, transitional, and long-term housing is critical. "
    "Homelessness and housing instability put individuals at risk of being trafficked."
)


@pytest.fixture(scope="module")
def merged(assets: Path) -> list[ResourceRecord]:
    """The seed page (the `type = report` listing) and otip_records.json, read and deduplicated."""
    records = read_seed_file(assets / SEED_FILE, source_url=SEED_URL, resource_type=canonical_type("report")).records
    records += read_json_file(assets / JSON_FILE).records
    assert len(records) == 52
    return deduplicate(records)


def _where(records: list[ResourceRecord], predicate: Callable[[ResourceRecord], bool]) -> list[ResourceRecord]:
    return [record for record in records if predicate(record)]


def _from_both_inputs(record: ResourceRecord) -> bool:
    files = {source.split(":")[0] for source in record.sources}
    return files == {SEED_FILE, JSON_FILE}


def test_inputs_dedupe_into_48_resources(merged: list[ResourceRecord]) -> None:
    assert len(merged) == 48
    assert len({record.title for record in merged}) == 48


@pytest.mark.parametrize(
    "description_start",
    [
        "Building on decades of work to prevent violence",
        "The Office on Trafficking in Persons (OTIP) Annual Report highlights",
        "Participating in peer support groups can lead to positive outcomes",
        "Implicit bias impacts the way we make decisions",
    ],
    ids=["framework", "otip-annual-report", "peer-to-peer-updated-brief", "implicit-bias"],
)
def test_resources_on_both_inputs_merge_into_one(merged: list[ResourceRecord], description_start: str) -> None:
    """Each merged resource appears once, keeps the complete description and knows both sources."""
    found = _where(merged, lambda r: r.description.startswith(description_start) and _from_both_inputs(r))
    assert len(found) == 1
    assert "…" not in found[0].description


def test_framework_keeps_its_own_title_subtitle_and_date(merged: list[ResourceRecord]) -> None:
    [framework] = _where(merged, lambda r: r.title == "National Human Trafficking Prevention Framework")
    assert framework.title_derived is False
    assert framework.subtitle == "A Public Health Approach to Preventing Human Trafficking"
    assert framework.published.precision is Precision.DAY
    assert framework.resource_type == "report"


def test_peer_to_peer_brief_and_updated_brief_stay_separate(merged: list[ResourceRecord]) -> None:
    [brief] = _where(merged, lambda r: r.title == "Peer-to-Peer Brief")
    [updated] = _where(merged, lambda r: r.title == "Peer-to-Peer Updated Brief")
    assert [a.clean_label for a in brief.attachments] == ["Peer-to-Peer Brief"]
    assert [a.clean_label for a in updated.attachments] == ["Peer-to-Peer Updated Brief"]
    assert brief.published.text == "September 9, 2021"
    assert updated.published.precision is Precision.UNKNOWN


def test_fy_excerpt_records_stay_separate(merged: list[ResourceRecord]) -> None:
    fy = _where(merged, lambda r: (r.title or "").startswith("FY 20") and "HHS Excerpts" in (r.title or ""))
    assert sorted((r.title or "")[:7] for r in fy) == ["FY 2013", "FY 2015", "FY 2016"]


# --- merge rules on small records -----------------------------------------------------------


def _pair(first: ResourceRecord, second: ResourceRecord) -> ResourceRecord:
    result = deduplicate([first, second])
    assert len(result) == 1, "the two records should be one resource"
    return result[0]


def _shared(**fields) -> ResourceRecord:
    """A record carrying the attachment that identifies the test resource."""
    return ResourceRecord(attachments=[AttachmentRecord("Housing Environmental Scan (PDF)")], **fields)


@pytest.mark.parametrize("own_first", [True, False])
def test_merge_prefers_an_own_title_over_a_derived_one(own_first: bool) -> None:
    own = _shared(title="Housing Scan")
    derived = _shared(title="Housing Environmental Scan", title_derived=True)
    result = _pair(own, derived) if own_first else _pair(derived, own)
    assert (result.title, result.title_derived) == ("Housing Scan", False)


@pytest.mark.parametrize("complete_first", [True, False])
def test_merge_prefers_a_complete_description(complete_first: bool) -> None:
    cut = FULL[:95] + " … " + FULL[-70:]
    complete, excerpt = _shared(title=None, description=FULL), _shared(title=None, description=cut)
    result = _pair(complete, excerpt) if complete_first else _pair(excerpt, complete)
    assert result.description == FULL


@pytest.mark.parametrize("precise_first", [True, False])
def test_merge_prefers_the_more_precise_date(precise_first: bool) -> None:
    precise = _shared(title="Housing Scan", published=parse_date("March 3, 2020"))
    coarse = _shared(title="Housing Scan", published=parse_date("2020"))
    result = _pair(precise, coarse) if precise_first else _pair(coarse, precise)
    assert result.published.text == "March 3, 2020"


def test_same_title_with_conflicting_years_stays_separate() -> None:
    records = [
        ResourceRecord(title="Annual Report", published=parse_date("2020")),
        ResourceRecord(title="Annual Report", published=parse_date("March 2021")),
    ]
    assert len(deduplicate(records)) == 2


@pytest.mark.parametrize(
    "page", ["https://ngo.example/resources/", "https://x.example/pubs#list", "https://lib.example/catalogue/all"]
)
def test_records_sharing_a_listing_page_stay_separate_and_one_page_still_merges(page: str) -> None:
    listed = [
        ResourceRecord(title=title, source_url=page)
        for title in ("Survivor Housing", "Court Advocacy", "Youth Outreach")
    ]
    assert [r.title for r in deduplicate(listed)] == ["Survivor Housing", "Court Advocacy", "Youth Outreach"]
    own_page = [
        ResourceRecord(title="Survivor Housing", source_url=page, description="A guide."),
        ResourceRecord(title="Survivor Housing", source_url=page.rstrip("/#list") + "/", published=parse_date("2020")),
    ]
    [merged] = deduplicate(own_page)
    assert (merged.description, merged.published.text) == ("A guide.", "2020")


def test_an_excerpt_description_merges_with_its_full_text() -> None:
    excerpt = FULL[:95] + " … " + FULL[-70:]
    untitled = derive_title(ResourceRecord(title=None, description=excerpt))
    records = [untitled, ResourceRecord(title="Housing", description=FULL)]
    [result] = deduplicate(records)
    assert result.title == "Housing"
    assert result.description == FULL


# --- is_excerpt ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "excerpt",
    [
        FULL[:95] + " … " + FULL[-70:],
        FULL[:95].upper() + "…",
        "… " + FULL[30:140] + " …",
    ],
    ids=["two-pieces", "case-folded", "middle-piece"],
)
def test_is_excerpt_accepts_pieces_in_order(excerpt: str) -> None:
    assert is_excerpt(excerpt, FULL)


@pytest.mark.parametrize(
    "excerpt",
    [
        FULL[-70:] + " … " + FULL[:95],
        FULL[:95] + " … and then something the full text never says at all.",
        FULL[:40] + " …",
        "",
    ],
    ids=["out-of-order", "missing-piece", "too-short", "empty"],
)
def test_is_excerpt_rejects_other_text(excerpt: str) -> None:
    assert not is_excerpt(excerpt, FULL)

"""Saved web pages: listing pages and single-resource pages, links resolved, only text kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from reslib_desktop.ingest.dates import Precision
from reslib_desktop.ingest.formats.html_page import parse_html_bytes, read_html_file
from reslib_desktop.ingest.problems import ImportFormatError, ParseResult, Severity
from unit.ingest.helpers import IMPORT_DATA


@pytest.fixture(scope="module")
def listing() -> ParseResult:
    return read_html_file(IMPORT_DATA / "listing.html")


@pytest.fixture(scope="module")
def single() -> ParseResult:
    return read_html_file(IMPORT_DATA / "resource.html")


def test_listing_gives_one_record_per_item_as_the_page_counts(listing: ParseResult) -> None:
    assert [r.title for r in listing.records] == [
        "National Human Trafficking Prevention Framework",
        "HTLA Class 7 Recommendations Report",
        "Peer-to-Peer Brief",
    ]
    assert listing.problems == []


def test_listing_item_fields(listing: ParseResult) -> None:
    framework = listing.records[0]
    assert framework.subtitle == "A Public Health Approach to Preventing Human Trafficking"
    assert framework.published.text == "February 13, 2024" and framework.published.precision is Precision.DAY
    assert framework.description.startswith("Building on decades of work")
    assert framework.source_url == "https://www.acf.hhs.gov/otip/report/national-human-trafficking-prevention-framework"


def test_item_without_a_title_takes_its_first_attachment_label(listing: ParseResult) -> None:
    htla = listing.records[1]
    assert htla.title_derived
    assert [a.label for a in htla.attachments] == [
        "HTLA Class 7 Recommendations Report (PDF)",
        "HTLA Class 7 Recommendations Checklist (PDF)",
    ]
    assert htla.description.count("\n\n") == 1


def test_relative_links_resolve_against_the_canonical_url(listing: ParseResult) -> None:
    urls = [a.url for r in listing.records for a in r.attachments]
    assert urls == [
        "https://www.acf.hhs.gov/sites/default/files/documents/otip/htla_class_7_report.pdf",
        "https://www.acf.hhs.gov/sites/default/files/documents/otip/htla_class_7_checklist.pdf",
        "https://www.acf.hhs.gov/sites/default/files/documents/otip/peer_to_peer_brief.pdf",
    ]


def test_no_script_style_navigation_or_image_survives(listing: ParseResult) -> None:
    text = " ".join(r.description + (r.title or "") for r in listing.records)
    for absent in ("tracker", "document.write", "margin", "Skip to main content", "Home", "Next", "alert", "pixel"):
        assert absent not in text


def test_single_page_labelled_fields(single: ParseResult) -> None:
    [record] = single.records
    assert record.title == "Working With Interpreters" and not record.title_derived
    assert record.published.text == "November 11, 2022"
    assert record.audiences == ["Health care providers", "Social service providers"]
    assert record.topics == ["Victim Assistance", "Language Access", "interpreters", "language access"]
    assert record.resource_type == "fact_sheet"
    assert record.source_url == "https://www.acf.hhs.gov/otip/fact-sheet/working-with-interpreters"


def test_single_page_description_is_the_body_text_only(single: ParseResult) -> None:
    [record] = single.records
    assert record.description.startswith("When working with individuals")
    assert "Read more" in record.description and "javascript" not in record.description
    assert "Topics" not in record.description and "Home" not in record.description


def test_single_page_attachment_resolves_against_og_url(single: ParseResult) -> None:
    [record] = single.records
    assert [(a.label, a.url) for a in record.attachments] == [
        ("Fact Sheet: Working With Interpreters (PDF)",
         "https://www.acf.hhs.gov/sites/default/files/documents/otip/working_with_interpreters.pdf")
    ]


def _page(body: str, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body><main>{body}</main></body></html>".encode()


def test_base_tag_wins_and_base_url_is_the_last_resort() -> None:
    body = '<h1>T</h1><p><a href="files/a.pdf">A (PDF)</a></p>'
    with_base = parse_html_bytes(_page(body, '<base href="https://base.example/x/">'), base_url="https://arg.example/")
    assert with_base.records[0].attachments[0].url == "https://base.example/x/files/a.pdf"
    with_argument = parse_html_bytes(_page(body), base_url="https://arg.example/lib/")
    assert with_argument.records[0].attachments[0].url == "https://arg.example/lib/files/a.pdf"


def test_relative_links_without_a_base_are_kept_and_flagged(service, tmp_path: Path) -> None:
    page = tmp_path / "saved.html"
    page.write_bytes(_page('<h1>T</h1><p><a href="files/a.pdf">A (PDF)</a></p>'))
    preview = service.preview([page])
    assert preview.items[0].record.attachments[0].url == "files/a.pdf"
    [warning] = preview.problems
    assert warning.severity is Severity.WARNING and "--base-url" in warning.message and "files/a.pdf" in warning.message


def test_inline_labels_and_current_as_of() -> None:
    body = (
        "<h1>State Letter 10-05</h1><p><b>Current as of:</b> 2022</p>"
        "<p>Topics: Labor Trafficking, Child Trafficking</p><p>Types: State Letter</p><p>The letter.</p>"
    )
    [record] = parse_html_bytes(_page(body)).records
    assert record.published.text == "Current as of 2022" and record.published.precision is Precision.YEAR
    assert record.topics == ["Labor Trafficking", "Child Trafficking"]
    assert record.resource_type == "state_letter" and record.description == "The letter."


def test_listing_without_containers_is_split_by_layout() -> None:
    body = (
        "<p>Displaying 1 - 3 of 3</p>"
        "<h3>First Report</h3><p>March 2020</p><p>About the first.</p>"
        "<p><a href='https://x.org/1.pdf'>First (PDF)</a></p>"
        "<p>A description-only item.</p><p><a href='https://x.org/2.pdf'>Second (PDF)</a></p>"
        "<h3>Third</h3><p>2016</p><p>About the third.</p>"
    )
    result = parse_html_bytes(_page(body), "plain.html")
    assert [r.title for r in result.records] == ["First Report", "Second", "Third"]
    assert [r.published.text for r in result.records] == ["March 2020", None, "2016"]
    assert result.problems == []


def test_a_count_mismatch_is_a_warning() -> None:
    body = (
        "\n<p>Displaying 1 - 10 of 30</p>\n<article><h3>A</h3><p>x</p></article><article><h3>B</h3><p>y</p></article>"
    )
    result = parse_html_bytes(_page(body), "listing.html")
    assert len(result.records) == 2
    assert "displays 10 items but 2 were read" in result.problems[0].message
    assert str(result.problems[0].location) == "listing.html:2"  # the line that says how many


@pytest.mark.parametrize("data", [b"", b"   \n", b"\x00\x01\x02binary", b"<html><body></body></html>"])
def test_pages_without_resources_are_refused(data: bytes) -> None:
    with pytest.raises(ImportFormatError):
        parse_html_bytes(data, "bad.html")


def test_windows_1252_page_with_its_charset(tmp_path: Path) -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><h1>Résumé “guide”</h1><p>Text.</p></body></html>'
    path = tmp_path / "old.html"
    path.write_bytes(page.encode("cp1252"))
    assert read_html_file(path).records[0].title == "Résumé “guide”"


_LAYOUTS = {
    "articles": """<!DOCTYPE html>
<html><head><title>Publications</title></head>
<body><main>
<h1>Publications</h1>
<article>
  <h3>Survivor Housing Toolkit</h3>
  <p>How to find safe housing.</p>
  <a href="https://ngo.example/uploads/housing.pdf">Toolkit (PDF)</a>
</article>
<article>
  <h3>Court Advocacy Brief</h3>
  <p>Standing beside survivors in court.</p>
  <a href="javascript:alert(1)">Brief (PDF)</a>
</article>
<article>
  <h3>Youth Outreach Guide</h3>
  <p>Reaching young people early.</p>
  <a href="uploads/youth.pdf">Guide (PDF)</a>
</article>
</main></body></html>
""",
    "loose-text": """<html><body><div id="content">
<div>Displaying 1 - 3 of 3</div>
<b>Survivor Housing Toolkit</b>
<p>How to find safe housing.</p>
<a href="https://ngo.example/uploads/housing.pdf">Toolkit (PDF)</a>
<hr>
<b>Court Advocacy Brief</b>
<p>Standing beside survivors in court.</p>
<a href="javascript:alert(1)">Brief (PDF)</a>
<hr>

Youth Outreach Guide
<p>Reaching young people early.</p>
<a href="uploads/youth.pdf">Guide (PDF)</a>
</div></body></html>
""",
    "block-run": """<html><body>
<main>
  <p>Displaying 1 - 3 of 3</p>
  <h2>Survivor Housing Toolkit</h2>
  <p>How to find safe housing.</p>
  <p><a href="https://ngo.example/uploads/housing.pdf">Toolkit (PDF)</a></p>
  <h2>Court Advocacy Brief</h2>
  <p>Standing beside survivors in court.</p>
  <p><a href="javascript:alert(1)">Brief (PDF)</a></p>
  <h2>Youth Outreach Guide</h2>
  <p>Reaching young people early.</p>
  <p><a href="uploads/youth.pdf">Guide (PDF)</a></p>
</main></body></html>
""",
}


@pytest.mark.parametrize("layout", list(_LAYOUTS))
def test_every_problem_names_the_line_of_its_item(service, tmp_path: Path, layout: str) -> None:
    text = _LAYOUTS[layout]
    lines = text.splitlines()

    def line_of(title: str) -> int:
        return next(number for number, line in enumerate(lines, start=1) if title in line)

    path = tmp_path / "listing.html"
    path.write_text(text, encoding="utf-8")
    preview = service.preview([path])
    assert [(str(p.location), p.severity.value, p.message.split(" (")[0]) for p in preview.problems] == [
        (f"listing.html:{line_of('Court Advocacy Brief')} (item 2)", "error", "attachment 1's URL uses javascript:"),
        (f"listing.html:{line_of('Youth Outreach Guide')} (item 3)", "warning",
         "attachment 1's URL 'uploads/youth.pdf' is a relative address: kept as written"),
    ]

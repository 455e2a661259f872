"""A saved single-resource page imports its own resource; teasers of other resources beside it do not.

Pages shaped like several different libraries: a Drupal-like page with an <aside> of <article>
teasers, a page with a "Related resources" list, a WordPress-like "related-posts" section, a sidebar
that holds the page's own download, and pages that are listings after all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reslib_desktop.ingest.formats.html_page import parse_html_bytes
from reslib_desktop.ingest.problems import ParseResult
from reslib_desktop.ingest.report import where
from reslib_desktop.ingest.service import ImportService

_HEAD = '<link rel="canonical" href="https://ngo.example/resources/safe-housing-toolkit">'
_OWN = """<h1>Safe Housing Toolkit</h1>
<p>Published: June 5, 2022</p>
<p>This toolkit helps shelters create safe housing for survivors.</p>
<p><a href="/files/safe-housing-toolkit.pdf">Download the toolkit (PDF, 3.1 MB)</a></p>
"""
_TEASERS = {
    "related list of headed items": """<h2>Related resources</h2>
<ul class="related">
<li><h3><a href="/resources/other-1">Other resource one</a></h3></li>
<li><h3><a href="/resources/other-2">Other resource two</a></h3></li>
</ul>""",
    "aside of articles": """<aside><h2>Related resources</h2>
<article><h3><a href="/resources/other-1">Other resource one</a></h3><p>About one.</p></article>
<article><h3><a href="/resources/other-2">Other resource two</a></h3><p>About two.</p></article>
</aside>""",
    "complementary region of plain links": """<div role="complementary"><h2>You may also like</h2>
<ul><li><a href="/p/other-1">Other resource one</a></li><li><a href="/p/other-2">Other resource two</a></li></ul>
</div>""",
    "related-posts section of articles": """<section class="jp-related-posts">
<article class="post"><h4><a href="/2021/other-1">Other resource one</a></h4><p>June 2021</p></article>
<article class="post"><h4><a href="/2021/other-2">Other resource two</a></h4><p>May 2021</p></article>
</section>""",
    "related views rows with PDFs": """<div class="field--name-field-related-resources">
<div class="views-row"><h3>Other resource one</h3><a href="/files/one.pdf">One (PDF)</a></div>
<div class="views-row"><h3>Other resource two</h3><a href="/files/two.pdf">Two (PDF)</a></div>
</div>""",
}


def _page(body: str) -> bytes:
    return f"<!DOCTYPE html><html><head>{_HEAD}</head><body><main>\n{body}\n</main></body></html>".encode()


def _own_resource_only(result: ParseResult) -> None:
    [record] = result.records
    assert record.title == "Safe Housing Toolkit" and not record.title_derived
    assert record.published.text == "June 5, 2022"
    assert record.description == "This toolkit helps shelters create safe housing for survivors."
    assert [(a.label, a.url) for a in record.attachments] == [
        ("Download the toolkit (PDF, 3.1 MB)", "https://ngo.example/files/safe-housing-toolkit.pdf")
    ]
    assert record.source_url == "https://ngo.example/resources/safe-housing-toolkit"


@pytest.mark.parametrize("teasers", list(_TEASERS))
def test_a_detail_page_imports_its_own_resource_and_no_teaser(teasers: str) -> None:
    _own_resource_only(parse_html_bytes(_page(_OWN + _TEASERS[teasers]), "detail.html"))


def test_the_own_resource_in_an_article_beside_teaser_articles() -> None:
    body = f'<article class="resource">{_OWN}<dl><dt>Topics</dt><dd>Housing</dd><dd>Shelter</dd></dl></article>'
    result = parse_html_bytes(_page(body + _TEASERS["aside of articles"]), "detail.html")
    assert [r.topics for r in result.records] == [["Housing", "Shelter"]]
    _own_resource_only(result)


def test_a_sidebar_download_stays_the_pages_own() -> None:
    sidebar = """<aside class="sidebar"><h2>Downloads</h2>
<ul><li><a href="/files/safe-housing-toolkit.pdf">Download the toolkit (PDF, 3.1 MB)</a></li></ul>
<h2>You may also like</h2><ul><li><a href="/p/other-1">Other resource one</a></li>
<li><a href="/p/other-2">Other resource two</a></li></ul></aside>"""
    own = _OWN.replace('<p><a href="/files/safe-housing-toolkit.pdf">Download the toolkit (PDF, 3.1 MB)</a></p>\n', "")
    _own_resource_only(parse_html_bytes(_page(own + sidebar), "detail.html"))


def test_topics_given_as_links_in_a_related_topics_field_are_kept() -> None:
    field = (
        '<div class="field--name-field-related-topics"><div class="field__label">Topics</div>'
        '<ul><li><a href="/t/housing">Housing</a></li><li><a href="/t/shelter">Shelter</a></li></ul></div>'
    )
    [record] = parse_html_bytes(_page(_OWN + field), "detail.html").records
    assert record.topics == ["Housing", "Shelter"] and len(record.attachments) == 1


def test_the_own_resource_is_never_dropped_when_a_list_of_items_follows() -> None:
    """A list that is not marked as related is read as items, after the page's own resource."""
    more = """<h2>More from this series</h2>
<ul><li><h3><a href="/r/2022">Annual Report 2022</a></h3><p>2022</p></li>
<li><h3><a href="/r/2021">Annual Report 2021</a></h3><p>2021</p></li></ul>"""
    result = parse_html_bytes(_page(_OWN + more), "detail.html")
    assert [r.title for r in result.records] == ["Safe Housing Toolkit", "Annual Report 2022", "Annual Report 2021"]
    own = result.records[0]
    assert own.description == "This toolkit helps shelters create safe housing for survivors."  # not the h2
    assert [a.url for a in own.attachments] == ["https://ngo.example/files/safe-housing-toolkit.pdf"]
    assert [r.location.item for r in result.records] == [1, 2, 3]


def test_a_listing_gives_no_extra_record_for_its_heading_and_count() -> None:
    body = """<h1>Publications</h1><p>Browse our publications.</p><p>Displaying 1 - 2 of 2</p>
<article><h3>Court Advocacy Brief</h3><p>2020</p><p><a href="/a.pdf">Brief (PDF)</a></p></article>
<article><h3>Youth Outreach Guide</h3><p>2021</p><p><a href="/b.pdf">Guide (PDF)</a></p></article>
<aside><h2>Popular</h2><article><h3>Other resource one</h3></article><article><h3>Other resource two</h3></article>
</aside>"""
    result = parse_html_bytes(_page(body), "listing.html")
    assert [r.title for r in result.records] == ["Court Advocacy Brief", "Youth Outreach Guide"]
    assert result.problems == []  # the count (2) is met: the sidebar's teasers are not items


def test_a_listing_held_in_a_related_section_is_still_read() -> None:
    """With nothing but a heading outside it, a 'related' section is the page's listing."""
    body = """<h1>Housing</h1><p>Resources related to housing.</p>
<div class="view-related-resources">
<div class="views-row"><h3>Court Advocacy Brief</h3><p>Standing beside survivors in court.</p></div>
<div class="views-row"><h3>Youth Outreach Guide</h3><p>Reaching young people early.</p></div>
</div>"""
    result = parse_html_bytes(_page(body), "topic.html")
    assert [r.title for r in result.records] == ["Court Advocacy Brief", "Youth Outreach Guide"]


def test_the_preview_of_a_detail_page_shows_one_new_resource(service: ImportService, tmp_path: Path) -> None:
    page = tmp_path / "detail.html"
    page.write_bytes(_page(_OWN + _TEASERS["related list of headed items"]))
    preview = service.preview([page])
    assert [(i.action.value, i.title, where(i.location)) for i in preview.items] == [
        ("new", "Safe Housing Toolkit", "detail.html:2")
    ]
    assert preview.problems == []

"""Finding the items of a listing page: by their containers, else by the run of blocks.

Sidebars and "related" sections list other resources (teasers), never the page's
own: `drop_related_teasers` removes their items before any are looked for.
"""

from __future__ import annotations

from itertools import chain

from lxml.html import HtmlElement

from reslib_desktop.ingest.dates import looks_like_date
from reslib_desktop.ingest.formats.html_blocks import (
    HEADINGS,
    Block,
    blocks,
    class_mentions,
    is_attachment_link,
    labelled_fields,
    tag_of,
)


def _outermost(elements: list[HtmlElement]) -> list[HtmlElement]:
    chosen = set(elements)
    return [e for e in elements if not any(a in chosen for a in e.iterancestors())]


def _has_item_content(element: HtmlElement) -> bool:
    if any(tag_of(e) in ("h2", "h3", "h4", "h5", "h6") for e in element.iter()):
        return True
    return any("(pdf" in (a.text_content() or "").casefold() for a in element.iter("a"))


def item_containers(content: HtmlElement) -> list[HtmlElement]:
    """The elements that each hold one item: 'views-row' rows, articles, or list items with headings."""
    rows = _outermost([e for e in content.iter() if isinstance(e.tag, str) and class_mentions(e, "views-row")])
    if rows:
        return rows
    articles = _outermost(list(content.iter("article")))
    if len(articles) >= 2:
        return articles
    for listing in content.iter("ul", "ol"):
        items = [child for child in listing if tag_of(child) == "li"]
        if len(items) >= 2 and all(_has_item_content(item) for item in items):
            return items
    return []


def split_block_run(found: list[Block]) -> list[list[Block]]:
    """Split a run of blocks into items where the layout makes it certain (as the seed-text parser does).

    A heading after a body starts an item; a date after a body or a date starts one; a paragraph
    after attachment links starts one; a horizontal rule is a break.
    """
    groups: list[list[Block]] = []
    current: list[Block] = []
    state = {"title": False, "date": False, "body": False, "attachments": False}

    def close() -> None:
        nonlocal current
        if any(b.text for b in current):
            groups.append(current)
        current = []
        state.update(title=False, date=False, body=False, attachments=False)

    for block in found:
        if block.is_break:
            close()
            continue
        if not block.text:
            continue
        if block.attachment_links:
            state["attachments"] = state["body"] = True
        elif block.heading:
            if state["body"] or state["date"]:
                close()
            state["title"] = True
        elif looks_like_date(block.text):
            if state["body"] or state["date"]:
                close()
            state["date"] = True
        else:
            if state["attachments"]:
                close()
            state["body"] = True
        current.append(block)
    close()
    return groups


def _is_related_region(element: HtmlElement) -> bool:
    """A sidebar or a section of links to other resources: <aside>, role="complementary", a 'related' class."""
    return (
        tag_of(element) == "aside"
        or (element.get("role") or "").casefold() == "complementary"
        or class_mentions(element, "related")
    )


def _is_teaser(element: HtmlElement) -> bool:
    """An item pointing at another resource: an article, list item or row with a heading or a link to a page.

    A list item holding only attachment links (a sidebar's "Download (PDF)") is the page's own, not a teaser.
    """
    if not (tag_of(element) in ("article", "li") or class_mentions(element, "views-row")):
        return False
    if any(tag_of(e) in HEADINGS for e in element.iter()):
        return True
    return any(not is_attachment_link(a) for a in element.iter("a"))


def within(element: HtmlElement, chosen: set[HtmlElement]) -> bool:
    """True when `element` is one of `chosen` or inside one."""
    return any(e in chosen for e in chain([element], element.iterancestors()))


def _introducing_heading(region: HtmlElement) -> HtmlElement | None:
    """The heading just before a region ("Related resources" above a list), with nothing between."""
    previous = region.getprevious()
    if previous is None or tag_of(previous) not in HEADINGS - {"h1"} or (previous.tail or "").strip():
        return None
    return previous


def _names_a_resource(found: list[Block]) -> bool:
    """Some block gives a resource's attachment link, date or labelled field (not only headings and text)."""
    if any(is_attachment_link(a) for block in found for a in block.links):
        return True
    return any(looks_like_date(block.text) for block in found) or bool(labelled_fields(found))


def drop_related_teasers(content: HtmlElement) -> None:
    """Remove the teasers of sidebars and "related" sections, with their headings; other sidebar content stays.

    Left as they are when nothing outside them names a resource (an attachment link, a date, a labelled
    field): the sections are then where the page lists its items ("Resources related to housing").
    """
    found = [e for e in content.iterdescendants() if isinstance(e.tag, str) and _is_related_region(e)]
    # Never the page's heading, nor its labelled fields ("Topics" as links in a 'related-topics' field).
    regions = [
        r for r in _outermost(found) if not any(tag_of(e) == "h1" for e in r.iter()) and not labelled_fields(blocks(r))
    ]
    teasers = {r: _outermost([e for e in r.iter() if isinstance(e.tag, str) and _is_teaser(e)]) for r in regions}
    every = {teaser for found_in_region in teasers.values() for teaser in found_in_region}
    if not every or not _names_a_resource([b for b in blocks(content) if not within(b.parent, every)]):
        return
    for region, its_teasers in teasers.items():
        if region in every:  # the region is itself one teaser (<article class="related-post">)
            region.drop_tree()
        elif its_teasers:
            introduction = _introducing_heading(region)
            for teaser in its_teasers:
                teaser.drop_tree()
            for heading in [e for e in region.iterdescendants() if tag_of(e) in HEADINGS]:
                heading.drop_tree()
            if not region.text_content().strip():
                if introduction is not None:
                    introduction.drop_tree()
                region.drop_tree()

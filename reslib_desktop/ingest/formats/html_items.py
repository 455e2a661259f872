"""Finding the items of a listing page: by their containers, else by the run of blocks."""

from __future__ import annotations

from lxml.html import HtmlElement

from reslib_desktop.ingest.dates import looks_like_date
from reslib_desktop.ingest.formats.html_blocks import Block, class_mentions, tag_of


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

"""Web pages saved from a resource library: listing pages and single-resource pages.

A listing page ("Displaying 1 - 10 of 30") holds items of title, subtitle,
date, description and "(PDF)" links; each item is read from its own container
(`views-row`, `<article>`, a list item) when the page has them, else from the
run of blocks as the seed-text parser does. A single-resource page has a
heading and labelled fields (`Published:`, `Publication Date:`, `Audience:`,
`Topics:`, `Types:`, `Tags:`, `Current as of:`). Teasers of other resources in
sidebars and "related" sections are not read; a page's own resource (its `<h1>`
with an attachment, a date or labelled fields) is read even when items follow
it. Links are resolved against the page's `<base>`, its canonical link or
`og:url`, or the `base_url` given; without any, relative links are kept as
written (validation warns, per item). Only text is kept: scripts, styles,
images and all markup are dropped.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from reslib_desktop.ingest.dates import UNKNOWN_DATE, looks_like_date, parse_date
from reslib_desktop.ingest.formats.html_blocks import (
    Block,
    blocks,
    class_mentions,
    href_path,
    is_attachment_link,
    labelled_fields,
    strip_unreadable,
    tag_of,
    text_of,
)
from reslib_desktop.ingest.formats.html_items import drop_related_teasers, item_containers, split_block_run, within
from reslib_desktop.ingest.formats.locations import mark_shared_lines
from reslib_desktop.ingest.formats.numeric_dates import settle_numeric_dates
from reslib_desktop.ingest.limits import MAX_HTML_FILE_BYTES, count
from reslib_desktop.ingest.problems import (
    ImportFormatError,
    ParseResult,
    Problem,
    Severity,
)
from reslib_desktop.ingest.record import (
    PDF_SUFFIX,
    AttachmentRecord,
    ResourceRecord,
    SourceLocation,
    derive_title,
    normalise_space,
)
from reslib_desktop.vocabulary import canonical_type

_CHROME_WORDS = ("breadcrumb", "pager", "pagination", "skip-link", "visually-hidden", "sr-only")


class _Page:
    """Where links resolve and which warnings were given, for one page."""

    def __init__(self, file_name: str, base: str | None, page_url: str | None) -> None:
        self.file_name = file_name
        self.base = base
        self.page_url = page_url

    def resolve(self, href: str | None) -> str | None:
        href = (href or "").strip()
        if not href:
            return None
        try:
            if urlsplit(href).scheme:
                return href
            if self.base:
                return urljoin(self.base, href)
        except ValueError:  # not a URL that can be resolved: kept as written, and said
            pass
        return href  # kept as written: validation warns, naming the item


def _decode(data: bytes, file_name: str) -> HtmlElement:
    if b"\x00" in data[:8192]:
        raise ImportFormatError(SourceLocation(file_name), "binary data (a NUL byte): not a web page")
    try:
        data.decode("utf-8")
        parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    except UnicodeDecodeError:
        parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)  # the page's meta charset
    try:
        root = lxml.html.document_fromstring(data.removeprefix(b"\xef\xbb\xbf"), parser=parser)
    except (etree.ParserError, ValueError, etree.XMLSyntaxError) as error:
        raise ImportFormatError(SourceLocation(file_name), f"not a readable web page ({error})") from None
    if root is None or not isinstance(root.tag, str):
        raise ImportFormatError(SourceLocation(file_name), "not a readable web page")
    return root


def _meta(root: HtmlElement, base_url: str | None) -> tuple[str | None, str | None]:
    """(the base links resolve against, the page's own URL)."""

    def absolute(value: str | None) -> str | None:
        value = (value or "").strip()
        try:
            return value if urlsplit(value).scheme in ("http", "https") else None
        except ValueError:
            return None

    base_tag = next((absolute(e.get("href")) for e in root.iter("base") if absolute(e.get("href"))), None)
    canonical = next(
        (absolute(e.get("href")) for e in root.iter("link") if "canonical" in (e.get("rel") or "").casefold().split()),
        None,
    )
    og_url = next(
        (absolute(e.get("content")) for e in root.iter("meta") if (e.get("property") or "").casefold() == "og:url"),
        None,
    )
    page_url = canonical or og_url or absolute(base_url)
    return base_tag or page_url, page_url


def _content_root(root: HtmlElement) -> HtmlElement:
    body = root.find("body")
    body = body if body is not None else root
    for element in body.iter():
        if tag_of(element) == "main" or (element.get("role") or "").casefold() == "main":
            return element
    for element in body.iter():
        if element.get("id") in ("main-content", "content", "main"):
            return element
    return body


def _drop_chrome(root: HtmlElement) -> None:
    doomed = [
        e
        for e in root.iter()
        if isinstance(e.tag, str)
        and (tag_of(e) == "nav" or any(class_mentions(e, word) for word in _CHROME_WORDS))
    ]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _attachment(link: HtmlElement, page: _Page) -> AttachmentRecord:
    label = text_of(link) or (link.get("href") or "").rsplit("/", 1)[-1]
    if not PDF_SUFFIX.search(label) and href_path(link.get("href")).casefold().endswith(".pdf"):
        label = f"{label} (PDF)"
    return AttachmentRecord(label=label, url=page.resolve(link.get("href")))


def record_from_blocks(found: list[Block], page: _Page, location: SourceLocation) -> ResourceRecord | None:
    """One resource from the blocks of an item or a page."""
    fields = labelled_fields(found)
    consumed = {id(b) for f in fields for b in f.blocks}
    values: dict[str, list[str]] = {}
    for labelled in fields:
        values.setdefault(labelled.name, []).extend(labelled.values)
    title = subtitle = date_text = source = None
    paragraphs: list[str] = []
    attachments: list[AttachmentRecord] = []
    for block in found:
        if id(block) in consumed or not block.text:
            continue
        head = not paragraphs and not attachments  # still in the item's head (title, subtitle, date)
        if block.attachment_links:
            attachments.extend(_attachment(a, page) for a in block.attachment_links)
        elif block.heading and title is None and head:
            title = block.text
            anchor = next((a for a in block.links if not is_attachment_link(a)), None)
            source = page.resolve(anchor.get("href")) if anchor is not None else None
        elif date_text is None and head and (_is_time(block) or looks_like_date(block.text)):
            date_text = block.text
        elif subtitle is None and head and (block.heading or _marked(block, "subtitle")):
            subtitle = block.text
        else:
            paragraphs.append(block.text)
    if "date" in values and date_text is None:
        date_text = values["date"][0]
    if "current" in values and date_text is None:
        date_text = f"Current as of {values['current'][0]}"
    raw_type = ", ".join(values.get("type", [])) or None
    record = ResourceRecord(
        title=normalise_space(title) or None,
        subtitle=subtitle,
        description="\n\n".join(paragraphs),
        published=parse_date(date_text) if date_text else UNKNOWN_DATE,
        resource_type=canonical_type(raw_type),
        raw_type=raw_type,
        topics=list(dict.fromkeys(values.get("topics", []))),
        audiences=list(dict.fromkeys(values.get("audience", []))),
        attachments=attachments,
        source_url=source or page.page_url,
        location=location,
    )
    if not (record.title or record.description or record.attachments):
        return None
    return derive_title(record)


def _is_time(block: Block) -> bool:
    return block.element is not None and (tag_of(block.element) == "time" or class_mentions(block.element, "date"))


def _marked(block: Block, word: str) -> bool:
    return block.element is not None and class_mentions(block.element, word)


def _declared_count(found: list[Block]) -> tuple[int | None, int]:
    """The number of items the page says it displays, and the index of the block after that line."""
    for index, block in enumerate(found):
        words = block.text.replace("-", " - ").split()
        shape = len(words) == 6 and words[2] == "-" and words[1].isdigit() and words[3].isdigit()
        if shape and words[0].casefold() == "displaying" and words[4].casefold() == "of":
            return max(0, int(words[3]) - int(words[1]) + 1), index + 1
    return None, 0


def parse_html_bytes(data: bytes, file_name: str = "<html>", base_url: str | None = None) -> ParseResult:
    """Parse a saved web page into records; ImportFormatError when it is not a readable page."""
    if not data.strip():
        raise ImportFormatError(SourceLocation(file_name), "the file is empty")
    root = _decode(data, file_name)
    base, page_url = _meta(root, base_url)
    page = _Page(file_name, base, page_url)
    content = _content_root(root)
    strip_unreadable(content)
    _drop_chrome(content)
    drop_related_teasers(content)
    found = blocks(content)
    declared, start = _declared_count(found)
    containers = item_containers(content)
    result = ParseResult()
    if declared is not None or len(containers) >= 2:
        own = _own_record(found, containers, start - 1 if declared is not None else len(found), page)
        result.records.extend([own] if own is not None else [])
        groups = [blocks(c) for c in containers] if len(containers) >= 2 else split_block_run(found[start:])
        for number, group in enumerate(groups, start=len(result.records) + 1):
            location = SourceLocation(file_name, line=_line(group), item=number)
            record = record_from_blocks(group, page, location)
            if record is not None:
                result.records.append(record)
        listed = len(result.records) - (own is not None)
        if declared is not None and declared != listed:
            result.problems.append(Problem(
                SourceLocation(file_name, line=found[start - 1].line),
                f"the page says it displays {declared} items but {listed} were read",
                Severity.WARNING,
            ))
    else:
        first_h1 = next((i for i, b in enumerate(found) if b.element is not None and tag_of(b.element) == "h1"), 0)
        found = found[first_h1:]
        record = record_from_blocks(found, page, SourceLocation(file_name, line=_line(found), item=1))
        if record is not None:
            record.source_url = page.page_url
            result.records.append(record)
    if not result.records:
        raise ImportFormatError(SourceLocation(file_name), "no resources found in the page")
    settle_numeric_dates(result, file_name)
    mark_shared_lines(result)
    result.problems.sort(key=lambda p: p.location.line or 0)
    return result


def _own_record(found: list[Block], containers: list[HtmlElement], end: int, page: _Page) -> ResourceRecord | None:
    """The resource of a page whose <h1> has its own attachment, date or labelled fields before the items.

    Its blocks run from the <h1> (outside every item) to the first item's block, or to found[end] (the
    line giving the page's count); a heading just before the items introduces them and is left out.
    """
    items = set(containers)
    first = next((i for i, b in enumerate(found[:end]) if b.element is not None and tag_of(b.element) == "h1"), None)
    if first is None or within(found[first].parent, items):
        return None
    own = list(itertools.takewhile(lambda b: not within(b.parent, items), found[first:end]))
    while len(own) > 1 and own[-1].heading:
        own.pop()
    record = record_from_blocks(own, page, SourceLocation(page.file_name, line=_line(own), item=1))
    if record is None or not (
        record.attachments or record.published.text or record.topics or record.audiences or record.raw_type
    ):
        return None
    record.source_url = page.page_url
    return record


def _line(group: list[Block]) -> int | None:
    """The line of an item's first visible text."""
    return next((block.line for block in group if block.text and block.line), None)


def read_html_file(path: Path, base_url: str | None = None, *, name: str | None = None) -> ParseResult:
    """Read a saved web page (UTF-8, or the charset the page declares).

    `name`: what locations call the file (its name unless the import says more, for two inputs of one name).
    """
    name = name or path.name
    size = path.stat().st_size
    if size > MAX_HTML_FILE_BYTES:
        raise ImportFormatError(
            SourceLocation(name), f"the page is larger than {count(MAX_HTML_FILE_BYTES)} bytes"
        )
    return parse_html_bytes(path.read_bytes(), name, base_url)

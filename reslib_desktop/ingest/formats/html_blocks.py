"""Reading a parsed HTML page as text blocks and labelled fields (lxml; no patterns on markup).

A block is a run of text a reader sees as one unit: a paragraph, a heading, a
list item, or text standing between blocks. Shared by the saved-page importer
(`html_page.py`) and the sanitiser (`ingest/sanitise.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from reslib_desktop.ingest.record import PDF_SUFFIX
from reslib_desktop.textnorm import fold, normalise_space

# Never read: code, embedded content and forms.
DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
                "video", "audio", "form", "button", "select", "textarea", "img", "picture", "source")
BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "li",
        "dd",
        "dt",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "td",
        "th",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "main",
        "nav",
        "blockquote",
        "pre",
        "figcaption",
        "figure",
        "address",
        "ul",
        "ol",
        "dl",
        "hr",
        "body",
    ]
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

# Field labels (folded) -> the field they give.
LABELS: dict[str, str] = {
    "published": "date",
    "publication date": "date",
    "date published": "date",
    "date": "date",
    "current as of": "current",
    "audience": "audience",
    "audiences": "audience",
    "topics": "topics",
    "topic": "topics",
    "tags": "topics",
    "types": "type",
    "type": "type",
    "resource type": "type",
}
LIST_FIELDS = frozenset({"topics", "audience", "type"})
MAX_LABEL_CHARS = 40


def tag_of(element: object) -> str:
    tag = getattr(element, "tag", None)
    return tag.casefold() if isinstance(tag, str) else ""


def strip_unreadable(root: HtmlElement) -> None:
    """Remove scripts, styles, images, embedded objects, forms and comments; line breaks become newlines."""
    doomed = [e for e in root.iter() if tag_of(e) in DROPPED_TAGS or not isinstance(e.tag, str)]
    for element in doomed:
        parent = element.getparent()
        if parent is None:
            continue
        tail = element.tail or ""
        previous = element.getprevious()
        parent.remove(element)
        if tail:
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")


def classes(element: HtmlElement) -> set[str]:
    return set((element.get("class") or "").casefold().split())


def class_mentions(element: HtmlElement, word: str) -> bool:
    """True when a class token contains `word` (e.g. 'views-row', 'field--name-body')."""
    return any(word in token for token in classes(element))


def text_of(element: HtmlElement) -> str:
    return normalise_space(element.text_content())


@dataclass
class Block:
    text: str
    parent: HtmlElement  # the block element itself, or the element a loose run of text sits in
    element: HtmlElement | None  # the block element when the block is a whole element
    links: list[HtmlElement] = field(default_factory=list)
    line: int | None = None  # the source line its text starts on (None when the parser gave none)

    @property
    def heading(self) -> bool:
        return self.element is not None and tag_of(self.element) in HEADINGS

    @property
    def is_break(self) -> bool:
        return self.element is not None and tag_of(self.element) == "hr"

    @property
    def link_only(self) -> bool:
        """The block's text is only its links' text (a list of attachment links, say)."""
        return bool(self.links) and fold("".join(text_of(a) for a in self.links)) == fold(self.text)

    @property
    def attachment_links(self) -> list[HtmlElement]:
        """The block's PDF links when the block is nothing but links, else []."""
        found = [a for a in self.links if is_attachment_link(a)]
        return found if found and self.link_only else []


def href_path(href: str | None) -> str:
    """The path part of a link target (empty when it is not a URL at all)."""
    try:
        return urlsplit((href or "").strip()).path
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return ""


def is_attachment_link(link: HtmlElement) -> bool:
    """A link labelled '... (PDF)' or pointing at a .pdf file."""
    return bool(PDF_SUFFIX.search(text_of(link))) or href_path(link.get("href")).casefold().endswith(".pdf")


def _leading_newlines(text: str) -> int:
    return text[: len(text) - len(text.lstrip())].count("\n")


def _element_line(element: HtmlElement) -> int | None:
    """The line an element's text starts on (its start tag's line, plus any blank lines after the tag)."""
    if not element.sourceline:
        return None
    return (
        element.sourceline + _leading_newlines(element.text or "")
        if (element.text or "").strip()
        else element.sourceline
    )


@dataclass
class _Run:
    """Loose text and inline elements between two blocks: after `previous` (None: at the parent's start)."""

    previous: HtmlElement | None
    texts: list[str]
    children: list[HtmlElement] = field(default_factory=list)
    links: list[HtmlElement] = field(default_factory=list)

    def line(self, parent: HtmlElement, following: HtmlElement | None) -> int | None:
        """The line the run's first visible text is on."""
        lead = self.texts[0]
        if not lead.strip():
            child = next((c for c in self.children if normalise_space(c.text_content())), None)
            return (child.sourceline if child is not None else None) or parent.sourceline
        if self.previous is None:
            return parent.sourceline + _leading_newlines(lead) if parent.sourceline else None
        anchor = self.children[0] if self.children else following
        if anchor is not None and anchor.sourceline:
            return max(1, anchor.sourceline - lead.lstrip().count("\n"))
        if self.previous.sourceline:
            return (
                self.previous.sourceline
                + etree.tostring(self.previous, with_tail=False).count(b"\n")
                + _leading_newlines(lead)
            )
        return parent.sourceline


def _with_block_inside(root: HtmlElement) -> set[HtmlElement]:
    marked: set[HtmlElement] = set()
    for element in root.iterdescendants():
        if tag_of(element) in BLOCK_TAGS:
            marked.update(element.iterancestors())
    return marked


def blocks(root: HtmlElement) -> list[Block]:
    """The blocks under `root` in document order."""
    containers = _with_block_inside(root)
    found: list[Block] = []

    def flush(parent: HtmlElement, run: _Run, following: HtmlElement | None) -> None:
        text = normalise_space("".join(run.texts))
        if text:
            found.append(Block(text, parent, None, run.links, run.line(parent, following)))

    def walk(element: HtmlElement) -> None:
        if tag_of(element) == "hr":
            found.append(Block("", element, element, line=element.sourceline))
            return
        if element not in containers:
            text = text_of(element)
            if text:
                found.append(Block(text, element, element, list(element.iter("a")), _element_line(element)))
            return
        run = _Run(None, [element.text or ""])
        for child in element:
            if tag_of(child) in BLOCK_TAGS or child in containers:
                flush(element, run, child)
                walk(child)
                run = _Run(child, [child.tail or ""])
            else:
                run.texts.extend([child.text_content(), child.tail or ""])
                run.children.append(child)
                run.links.extend(child.iter("a"))
        flush(element, run, None)

    walk(root)
    return found


def label_field(text: str) -> str | None:
    """The field a label names ('Publication Date:' -> 'date'), else None."""
    if len(text) > MAX_LABEL_CHARS:
        return None
    return LABELS.get(fold(text.rstrip(": ")))


@dataclass
class LabelledField:
    name: str
    values: list[str]
    blocks: list[Block]  # consumed: not part of the description


def _split(name: str, text: str) -> list[str]:
    if name not in LIST_FIELDS:
        return [normalise_space(text)] if normalise_space(text) else []
    parts = [normalise_space(p) for chunk in text.split(";") for p in chunk.split(",")]
    return [p for p in parts if p]


def labelled_fields(found: list[Block]) -> list[LabelledField]:
    """Fields written as a label then a value: dt/dd, th/td, a label element and its siblings, 'Topics: a, b'."""
    fields: list[LabelledField] = []
    consumed: set[int] = set()
    for index, block in enumerate(found):
        if index in consumed:
            continue
        name = label_field(block.text)
        if name is not None and block.element is not None:
            siblings = []
            for sibling in block.element.itersiblings():
                if label_field(text_of(sibling)) is not None:
                    break
                siblings.append(sibling)
            inside = {id(e) for s in siblings for e in s.iter()}
            value_blocks = [
                (i, b) for i, b in enumerate(found) if i > index and b.element is not None and id(b.element) in inside
            ]
            texts = [b.text for _, b in value_blocks]
            values = _split(name, texts[0]) if len(texts) == 1 else [t for t in texts if t]
            if values:
                consumed.update([index, *(i for i, _ in value_blocks)])
                fields.append(LabelledField(name, values, [block, *(b for _, b in value_blocks)]))
            continue
        head, colon, rest = block.text.partition(":")
        name = label_field(head) if colon else None
        if name is not None and rest.strip():
            consumed.add(index)
            fields.append(LabelledField(name, _split(name, rest), [block]))
    return fields


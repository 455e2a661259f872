"""Turning text that carries HTML markup into plain text (descriptions from JSON or CSV, say).

Text is only rewritten when an HTML parser finds real HTML elements in it,
so "children <5 years" or "x<y" stay as written. Scripts, styles, images and
embedded objects are dropped with their content; every other tag is dropped
and its text kept. Nothing of the markup (attributes such as `onclick=`,
`javascript:` links, remote image addresses) survives.
"""

from __future__ import annotations

import re

import lxml.html
import lxml.html.defs
from lxml import etree

from reslib_desktop.ingest.formats.html_blocks import blocks, strip_unreadable, tag_of
from reslib_desktop.textnorm import normalise_space

_HTML_TAGS = frozenset(lxml.html.defs.tags)
# C0 and C1 control characters other than tab, line feed and carriage return (line breaks are
# meaningful in descriptions; elsewhere normalise_space makes them spaces), and lone surrogates,
# which no text file can hold.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def strip_controls(text: str | None) -> tuple[str | None, list[str]]:
    """The text without control characters, and the ones removed (as 'U+0000'), each once."""
    if not text or text.isprintable():
        return text, []
    found = _CONTROLS.findall(text)
    if not found:
        return text, []
    return _CONTROLS.sub("", text), [f"U+{ord(ch):04X}" for ch in dict.fromkeys(found)]


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines, each with its whitespace collapsed."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if normalise_space(line):
            current.append(line)
        elif current:
            paragraphs.append(normalise_space(" ".join(current)))
            current = []
    if current:
        paragraphs.append(normalise_space(" ".join(current)))
    return paragraphs


def _paragraph_text(paragraph: str) -> tuple[list[str], set[str]]:
    if "<" not in paragraph:
        return [paragraph], set()
    try:
        fragment = lxml.html.fragment_fromstring(paragraph, create_parent="div")
    except (etree.ParserError, ValueError):
        return [paragraph], set()
    found = {tag_of(e) for e in fragment.iterdescendants()} & _HTML_TAGS
    if not found:
        return [paragraph], set()
    strip_unreadable(fragment)
    return [b.text for b in blocks(fragment) if b.text], found


def plain_text(text: str) -> tuple[str, list[str]]:
    """The text with paragraphs normalised and markup removed; and the HTML tags that were removed."""
    if "<" not in text and "\n" not in text and "\r" not in text:
        return normalise_space(text), []  # one paragraph, no markup: the common case
    paragraphs: list[str] = []
    removed: set[str] = set()
    for paragraph in split_paragraphs(text):
        pieces, tags = _paragraph_text(paragraph)
        paragraphs.extend(pieces)
        removed |= tags
    return "\n\n".join(paragraphs), sorted(removed)


def plain_line(text: str | None) -> tuple[str, list[str]]:
    """A one-line value (a title, a label) without markup."""
    if not text or "<" not in text:
        return normalise_space(text), []
    result, removed = plain_text(text)
    return normalise_space(result), removed

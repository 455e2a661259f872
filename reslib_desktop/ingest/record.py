"""The one record type every import format yields, before it reaches the store."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reslib_desktop.ingest.dates import UNKNOWN_DATE, PublishedDate
from reslib_desktop.textnorm import normalise_space

PDF_SUFFIX = re.compile(r"\s*\((?:PDF|pdf)[^)]*\)\s*$")


@dataclass(frozen=True)
class SourceLocation:
    """Where a record came from: a file and a line, row or item number."""

    file: str
    line: int | None = None
    item: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.item is not None:
            where += f" (item {self.item})"
        return where


@dataclass
class AttachmentRecord:
    """An attachment as read: a label and a URL, or a local file (a folder of PDFs, a bundle).

    `local_path` is a file to put into the offline cache on apply; `sha256` and
    `size` describe the file's content (the cache address) when known.
    """

    label: str
    url: str | None = None
    local_path: Path | None = None
    sha256: str | None = None
    size: int | None = None
    mime: str | None = None
    page_count: int | None = None

    @property
    def clean_label(self) -> str:
        """The label without its trailing '(PDF)' marker."""
        return PDF_SUFFIX.sub("", normalise_space(self.label))


@dataclass
class ResourceRecord:
    """A resource as an importer read it. Titles may be absent until `derive_title`."""

    title: str | None
    description: str = ""
    subtitle: str | None = None
    published: PublishedDate = UNKNOWN_DATE
    resource_type: str | None = None
    topics: list[str] = field(default_factory=list)
    audiences: list[str] = field(default_factory=list)
    attachments: list[AttachmentRecord] = field(default_factory=list)
    source_url: str | None = None
    language: str | None = None
    uid: str | None = None
    title_derived: bool = False
    location: SourceLocation | None = None
    sources: list[str] = field(default_factory=list)
    raw_type: str | None = None  # the type as the input wrote it, for the preview's mapping


_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z“\"(…])")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.){2,}$|\b(?:Mr|Mrs|Ms|Dr|No|St|Inc|Jr|vs)\.$")
MAX_DERIVED_TITLE = 120


def first_sentence(text: str) -> str:
    """The first sentence of a text, cut at a word boundary if very long."""
    text = normalise_space(text).lstrip("… ").strip()
    sentence = text
    for match in _SENTENCE_END.finditer(text):
        candidate = text[: match.end()]
        if not _ABBREVIATION.search(candidate):
            sentence = candidate
            break
    sentence = sentence.rstrip(" …").strip()
    if len(sentence) > MAX_DERIVED_TITLE:
        cut = sentence[:MAX_DERIVED_TITLE].rsplit(" ", 1)[0]
        sentence = cut.rstrip(",;:") + "…"
    return sentence


def derive_title(record: ResourceRecord) -> ResourceRecord:
    """Give an untitled record a title: its first attachment label, else its first sentence."""
    title = normalise_space(record.title)
    if title:
        record.title = title
        return record
    for attachment in record.attachments:
        label = attachment.clean_label
        if label:
            record.title = label
            record.title_derived = True
            return record
    sentence = first_sentence(record.description)
    if sentence:
        record.title = sentence
        record.title_derived = True
    return record

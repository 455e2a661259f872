"""Matching records against the library: the same resource (update) or a possible duplicate.

The same resource: the same uid, resource page URL, or attachment URL. A
possible duplicate: the same attachment file, or a near-identical title
(rapidfuzz ratio >= TITLE_SIMILARITY on folded titles, the same numbers in
both) with the same year (or both undated).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import Connection, select

from reslib_desktop.ingest.identity import canonical_url, resource_page_url
from reslib_desktop.ingest.record import ResourceRecord, SourceLocation
from reslib_desktop.store.schema import Attachment, Resource
from reslib_desktop.textnorm import fold

TITLE_SIMILARITY = 92.0


@dataclass(frozen=True)
class Known:
    uid: str
    title: str
    year: int | None
    location: SourceLocation | None = None  # set for records of the import itself


@dataclass(frozen=True)
class Found:
    known: Known
    reason: str


def _year(record: ResourceRecord) -> int | None:
    return record.published.value.year if record.published.value else None


def _title_blocks(title: str, year: int | None) -> tuple[str, list[tuple]]:
    key = fold(title)
    tokens = key.split()
    numbers = tuple(sorted(t for t in tokens if any(ch.isdigit() for ch in t)))
    if not tokens:
        return key, []
    return key, list(dict.fromkeys([(year, numbers, "first", tokens[0]), (year, numbers, "last", tokens[-1])]))


class ResourceIndex:
    """Identity keys and titles of resources, for matching."""

    def __init__(self) -> None:
        self.known: dict[str, Known] = {}
        self.pages: dict[str, str] = {}
        self.urls: dict[str, str] = {}
        self.files: dict[str, str] = {}
        self._blocks: dict[tuple, list[tuple[str, str]]] = defaultdict(list)

    @classmethod
    def of_library(cls, connection: Connection) -> ResourceIndex:
        index = cls()
        for uid, title, published, source in connection.execute(
            select(Resource.uid, Resource.title, Resource.published, Resource.source_url)
        ):
            index.add_known(Known(uid, title, published.year if published else None), source)
        for uid, url, sha256 in connection.execute(
            select(Resource.uid, Attachment.url, Attachment.sha256).join(Resource, Resource.id == Attachment.resource_id)
        ):
            if (canonical := canonical_url(url)) is not None:
                index.urls.setdefault(canonical, uid)
            if sha256:
                index.files.setdefault(sha256, uid)
        return index

    def add_known(self, known: Known, source_url: str | None = None) -> None:
        self.known[known.uid] = known
        if (page := resource_page_url(source_url)) is not None:
            self.pages.setdefault(page, known.uid)
        key, blocks = _title_blocks(known.title, known.year)
        for block in blocks:
            self._blocks[block].append((key, known.uid))

    def add_record(self, record: ResourceRecord, uid: str, location: SourceLocation | None) -> None:
        """Make a record of the import findable as a possible duplicate of later ones."""
        self.add_known(Known(uid, record.title or "", _year(record), location))
        for attachment in record.attachments:
            if attachment.sha256:
                self.files.setdefault(attachment.sha256, uid)

    def same_resource(self, record: ResourceRecord, uid: str, explicit: bool) -> Found | None:
        """The stored resource this record updates, if any."""
        if uid in self.known:
            reason = "same uid" if explicit else {"u-": "same resource page", "f-": "same file"}.get(
                uid[:2], "same title and date"
            )
            return Found(self.known[uid], reason)
        if (page := resource_page_url(record.source_url)) is not None and page in self.pages:
            return Found(self.known[self.pages[page]], f"same resource page {record.source_url}")
        for attachment in record.attachments:
            canonical = canonical_url(attachment.url)
            if canonical is not None and canonical in self.urls:
                return Found(self.known[self.urls[canonical]], f"same attachment URL {attachment.url}")
        return None

    def possible_duplicate(self, record: ResourceRecord) -> Found | None:
        """A resource this record may duplicate: the same file, or a near-identical title and year."""
        for attachment in record.attachments:
            if attachment.sha256 and attachment.sha256 in self.files:
                known = self.known[self.files[attachment.sha256]]
                return Found(known, f'the same file is attached to "{known.title}"')
        if not record.title:
            return None
        key, blocks = _title_blocks(record.title, _year(record))
        candidates = list(dict.fromkeys(c for block in blocks for c in self._blocks.get(block, ())))
        if not candidates:
            return None
        best = process.extractOne(key, [c[0] for c in candidates], scorer=fuzz.ratio, score_cutoff=TITLE_SIMILARITY)
        if best is None:
            return None
        known = self.known[candidates[best[2]][1]]
        year = f" ({known.year})" if known.year else " (undated)"
        same = "the same title as" if best[1] >= 100 else "a near-identical title to"
        return Found(known, f'{same} "{known.title}"{year}')

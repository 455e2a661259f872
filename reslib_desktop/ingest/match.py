"""Matching records against the library: the same resource (update) or a possible duplicate.

The same resource: the same uid, resource page URL, or attachment URL; or the same title and date as a
stored resource known by nothing else. A page named by resources with different titles is a listing,
never a resource page (see identity.listing_pages). A possible duplicate: the same attachment file, the
page of one stored resource under another title, or a near-identical title
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


# Each ASCII byte as textnorm.fold leaves it: letters lower-cased, digits kept, anything else a space.
_ASCII_FOLD = bytes(byte if chr(byte).isdigit() else ord(chr(byte).lower()) if chr(byte).isalpha() else 32
                    for byte in range(128)) + b" " * 128


def quick_fold(text: str | None) -> str:
    """textnorm.fold, with a fast path for ASCII text (the same result)."""
    if text and text.isascii():
        return b" ".join(text.encode("ascii").translate(_ASCII_FOLD).split()).decode("ascii")
    return fold(text)


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


@dataclass(frozen=True)
class RecordKeys:
    """What a record is matched by, computed once per record."""

    page: str | None
    urls: tuple[tuple[str, str], ...]  # (canonical, as written) of attachment URLs
    files: tuple[str, ...]  # sha256 of attachment files
    local_files: tuple[str, ...]  # sha256 of files read from disk (a folder of PDFs)
    title_key: str
    blocks: tuple[tuple, ...]
    year: int | None
    # The page the record names, when one resource of the library names it under another title: the same
    # resource retitled, or a listing both were found on. Not an identity then, but a possible duplicate.
    shared_page: str | None = None


def _title_blocks(title_key: str, year: int | None) -> tuple[tuple, ...]:
    tokens = title_key.split()
    if not tokens:
        return ()
    if title_key.replace(" ", "").isalpha():
        numbers: tuple[str, ...] = ()  # no token holds a digit (the common case)
    else:
        numbers = tuple(sorted(t for t in tokens if not t.isalpha()))
    return (year, numbers, "first", tokens[0]), (year, numbers, "last", tokens[-1])


def record_keys(record: ResourceRecord) -> RecordKeys:
    published = record.published.value
    year = published.year if published else None
    title_key = quick_fold(record.title)
    urls: list[tuple[str, str]] = []
    files: list[str] = []
    local_files: list[str] = []
    for attachment in record.attachments:
        if (url := attachment.url) and (canonical := canonical_url(url)) is not None:
            urls.append((canonical, url))
        if sha256 := attachment.sha256:
            files.append(sha256)
            if attachment.local_path is not None:
                local_files.append(sha256)
    return RecordKeys(
        page=resource_page_url(record.source_url),
        urls=tuple(urls),
        files=tuple(files),
        local_files=tuple(local_files),
        title_key=title_key,
        blocks=_title_blocks(title_key, year),
        year=year,
    )


class ResourceIndex:
    """Identity keys and titles of resources, for matching."""

    def __init__(self) -> None:
        self.known: dict[str, Known] = {}
        self.pages: dict[str, str] = {}
        self.page_titles: dict[str, set[str]] = defaultdict(set)  # page -> folded titles of its resources
        self.urls: dict[str, str] = {}
        self.files: dict[str, str] = {}
        self._blocks: dict[tuple, list[tuple[str, str]]] = defaultdict(list)
        self.undated_text: dict[str, str] = {}  # uid -> the date text of a stored resource kept undated
        # Records of an import added but not yet indexed (uid, title, keys, location): an import whose
        # records all carry uids never asks the batch for a possible duplicate, so never indexes them.
        self._pending: list[tuple[str, str, RecordKeys, SourceLocation | None]] = []

    @classmethod
    def of_library(cls, connection: Connection) -> ResourceIndex:
        index = cls()
        for uid, title, published, source, date_text in connection.execute(
            select(Resource.uid, Resource.title, Resource.published, Resource.source_url, Resource.published_text)
        ):
            year = published.year if published else None
            index._add(Known(uid, title, year), resource_page_url(source), quick_fold(title))
            if published is None and date_text:
                index.undated_text[uid] = date_text
        for uid, url, sha256 in connection.execute(
            select(Resource.uid, Attachment.url, Attachment.sha256).join(
                Resource, Resource.id == Attachment.resource_id
            )
        ):
            if (canonical := canonical_url(url)) is not None:
                index.urls.setdefault(canonical, uid)
            if sha256:
                index.files.setdefault(sha256, uid)
        for page, titles in index.page_titles.items():
            if len(titles) > 1:  # a listing in the library itself
                index.pages.pop(page, None)
        return index

    def titles_on(self, page: str) -> set[str]:
        """The folded titles of the library's resources whose source is `page`."""
        self._index_pending()
        return self.page_titles.get(page, set())

    def _add(self, known: Known, page: str | None, title_key: str) -> None:
        self.known[known.uid] = known
        if page is not None:
            self.pages.setdefault(page, known.uid)
            self.page_titles[page].add(title_key)
        for block in _title_blocks(title_key, known.year):
            self._blocks[block].append((title_key, known.uid))

    def add_record(self, record: ResourceRecord, keys: RecordKeys, uid: str, location: SourceLocation | None) -> None:
        """Make a record of the import findable as a possible duplicate of later ones."""
        self._pending.append((uid, record.title or "", keys, location))

    def _index_pending(self) -> None:
        """Index the records added since the last lookup, in the order they were added."""
        if not self._pending:
            return
        for uid, title, keys, location in self._pending:
            self.known[uid] = Known(uid, title, keys.year, location)
            for block in keys.blocks:
                self._blocks[block].append((keys.title_key, uid))
            for sha256 in keys.files:
                self.files.setdefault(sha256, uid)
        self._pending.clear()

    def same_resource(
        self, keys: RecordKeys, uid: str, explicit: bool, source_url: str | None, title_uid: str | None = None
    ) -> Found | None:
        """The stored resource this record updates, if any. `title_uid`: the record's uid from its title and
        date, which finds a stored resource known by nothing else (imported before its page or files were)."""
        self._index_pending()
        if uid in self.known:
            reason = "same uid" if explicit else {"u-": "same resource page", "f-": "same file"}.get(
                uid[:2], "same title and date"
            )
            return Found(self.known[uid], reason)
        if keys.page is not None and keys.page in self.pages:
            return Found(self.known[self.pages[keys.page]], f"same resource page {source_url}")
        for canonical, written in keys.urls:
            if canonical in self.urls:
                return Found(self.known[self.urls[canonical]], f"same attachment URL {written}")
        if title_uid is not None and title_uid != uid and title_uid in self.known:
            return Found(self.known[title_uid], "same title and date")
        return None

    def once_undated(self, undated_uid: str, date_text: str | None) -> Found | None:
        """The stored resource of this title whose date, written `date_text`, was kept undated when it
        was imported (an earlier version did not read that form): the same resource, now dated."""
        if date_text and self.undated_text.get(undated_uid) == date_text:
            return Found(self.known[undated_uid], "same title and date")
        return None

    def possible_duplicate(self, keys: RecordKeys) -> Found | None:
        """A resource this record may duplicate: the same file, the same page under another title, or a
        near-identical title and year."""
        self._index_pending()
        if keys.shared_page is not None and keys.shared_page in self.pages:
            known = self.known[self.pages[keys.shared_page]]
            return Found(known, f'the same page as "{known.title}", under another title')
        for sha256 in keys.files:
            if sha256 in self.files:
                known = self.known[self.files[sha256]]
                return Found(known, f'the same file is attached to "{known.title}"')
        if not keys.title_key:
            return None
        candidates = list(dict.fromkeys(c for block in keys.blocks for c in self._blocks.get(block, ())))
        if not candidates:
            return None
        best = process.extractOne(
            keys.title_key, [c[0] for c in candidates], scorer=fuzz.ratio, score_cutoff=TITLE_SIMILARITY
        )
        if best is None:
            return None
        known = self.known[candidates[best[2]][1]]
        year = f" ({known.year})" if known.year else " (undated)"
        same = "the same title as" if best[1] >= 100 else "a near-identical title to"
        return Found(known, f'{same} "{known.title}"{year}')

"""Finding the same resource in several inputs, and merging what each input knew of it.

Two records are the same resource when they share a uid, a resource page URL
(not a listing: a page the records name with different titles) or an attachment URL; when
their own (not derived) titles agree and their years do not conflict; when they share a
distinctive attachment label; or when one description is an excerpt of the other (its pieces
between '…' all appear, in order, in the other). Two different own titles are never merged on weaker
evidence: "FY 2013 ..." and "FY 2015 ..." share a description but not a title.

Merging keeps every attachment of both: two are one when they have the same file (sha256) or
URL, or the same label where one of them has neither; two files with the same name stay two.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import replace

from reslib_desktop.ingest.dates import Precision
from reslib_desktop.ingest.identity import (
    canonical_url,
    listing_pages,
    resource_page_url,
)
from reslib_desktop.ingest.record import AttachmentRecord, ResourceRecord
from reslib_desktop.textnorm import fold

MIN_LABEL_LENGTH = 12
MIN_EXCERPT_CHARS = 80
MIN_EXCERPT_PIECE = 20
_PRECISION_RANK = {Precision.UNKNOWN: 0, Precision.YEAR: 1, Precision.MONTH: 2, Precision.DAY: 3}


def _own_title(record: ResourceRecord) -> str | None:
    return fold(record.title) if record.title and not record.title_derived else None


def _year(record: ResourceRecord) -> int | None:
    return record.published.value.year if record.published.value else None


def _labels(record: ResourceRecord) -> set[str]:
    return {key for a in record.attachments if len(key := fold(a.clean_label)) >= MIN_LABEL_LENGTH}


def _attachment_urls(record: ResourceRecord) -> set[str]:
    return {url for a in record.attachments if (url := canonical_url(a.url))}


def is_excerpt(excerpt: str, full: str) -> bool:
    """True when every '…'-separated piece of `excerpt` appears in `full`, in order."""
    pieces = [fold(piece) for piece in excerpt.split("…")]
    pieces = [piece for piece in pieces if len(piece) >= MIN_EXCERPT_PIECE]
    if sum(len(piece) for piece in pieces) < MIN_EXCERPT_CHARS:
        return False
    haystack = fold(full)
    position = 0
    for piece in pieces:
        found = haystack.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return True


def same_resource(a: ResourceRecord, b: ResourceRecord, listings: Collection[str] = frozenset()) -> bool:
    """Whether two records describe the same resource (see the module text); `listings` are no identity."""
    if a.uid and a.uid == b.uid:
        return True
    page_a, page_b = resource_page_url(a.source_url), resource_page_url(b.source_url)
    if page_a and page_a == page_b and page_a not in listings:
        return True
    if _attachment_urls(a) & _attachment_urls(b):
        return True
    title_a, title_b = _own_title(a), _own_title(b)
    if title_a and title_b and title_a != title_b:
        return False
    year_a, year_b = _year(a), _year(b)
    if year_a and year_b and year_a != year_b:
        return False
    if title_a and title_a == title_b:
        return True
    if _labels(a) & _labels(b):
        return True
    if a.description and b.description:
        return is_excerpt(a.description, b.description) or is_excerpt(b.description, a.description)
    return False


def _candidate_keys(record: ResourceRecord, listings: Collection[str]) -> set[str]:
    keys = {f"label:{label}" for label in _labels(record)}
    keys |= {f"aurl:{url}" for url in _attachment_urls(record)}
    if record.uid:
        keys.add(f"uid:{record.uid}")
    if (page := resource_page_url(record.source_url)) and page not in listings:
        keys.add(f"page:{page}")
    if title := _own_title(record):
        keys.add(f"title:{title}")
    return keys


def find_duplicate_groups(records: list[ResourceRecord]) -> list[list[int]]:
    """Indexes of records grouped by resource, each group in input order."""
    parent = list(range(len(records)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    listings = listing_pages((resource_page_url(r.source_url), fold(r.title)) for r in records)
    by_key: dict[str, list[int]] = defaultdict(list)
    for index, record in enumerate(records):
        for key in _candidate_keys(record, listings):
            by_key[key].append(index)
    pairs = {(i, j) for group in by_key.values() for i in group for j in group if i < j}
    # Excerpts (descriptions cut with '…') are compared against every record.
    excerpted = [i for i, r in enumerate(records) if "…" in r.description]
    pairs |= {(min(i, j), max(i, j)) for i in excerpted for j in range(len(records)) if i != j}
    for i, j in sorted(pairs):
        if root(i) != root(j) and same_resource(records[i], records[j], listings):
            join(i, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(records)):
        groups[root(index)].append(index)
    return sorted(groups.values())


def _merge_unique(first: list[str], second: list[str]) -> list[str]:
    seen = {fold(value) for value in first}
    merged = list(first)
    for value in second:
        if fold(value) not in seen:
            seen.add(fold(value))
            merged.append(value)
    return merged


def _same_content(a: AttachmentRecord, b: AttachmentRecord) -> bool:
    """The same file (sha256) or the same URL."""
    if a.sha256 and a.sha256 == b.sha256:
        return True
    url = canonical_url(a.url)
    return url is not None and canonical_url(b.url) == url


def _names_content(attachment: AttachmentRecord) -> bool:
    return bool(attachment.sha256 or canonical_url(attachment.url))


def _same_label_only(a: AttachmentRecord, b: AttachmentRecord) -> bool:
    """The same label, and one of the two has neither a file nor a URL that could contradict the other."""
    return not (_names_content(a) and _names_content(b)) and fold(a.clean_label) == fold(b.clean_label)


def _merge_attachments(first: list[AttachmentRecord], second: list[AttachmentRecord]) -> list[AttachmentRecord]:
    merged = [replace(a) for a in first]
    for attachment in second:
        match = next((m for m in merged if _same_content(m, attachment)), None)
        if match is None:
            match = next((m for m in merged if _same_label_only(m, attachment)), None)
        if match is None:
            merged.append(replace(attachment))
            continue
        if not match.url and attachment.url:
            match.url = attachment.url
        if not match.sha256 and attachment.sha256:
            match.sha256, match.size, match.local_path = attachment.sha256, attachment.size, attachment.local_path
    return merged


def _better_description(a: str, b: str) -> str:
    if not a or not b:
        return a or b
    a_cut, b_cut = "…" in a, "…" in b
    if a_cut != b_cut:
        return b if a_cut else a
    return a if len(a) >= len(b) else b


def merge_records(primary: ResourceRecord, other: ResourceRecord) -> ResourceRecord:
    """Merge `other` into a copy of `primary`, keeping the best-known value of each field."""
    title, derived = primary.title, primary.title_derived
    if derived and other.title and not other.title_derived:
        title, derived = other.title, False
    published = primary.published
    if _PRECISION_RANK[other.published.precision] > _PRECISION_RANK[published.precision]:
        published = other.published
    source = primary.source_url
    if not resource_page_url(source) and resource_page_url(other.source_url):
        source = other.source_url
    return ResourceRecord(
        title=title,
        title_derived=derived,
        description=_better_description(primary.description, other.description),
        subtitle=primary.subtitle or other.subtitle,
        published=published,
        resource_type=primary.resource_type or other.resource_type,
        topics=_merge_unique(primary.topics, other.topics),
        audiences=_merge_unique(primary.audiences, other.audiences),
        attachments=_merge_attachments(primary.attachments, other.attachments),
        source_url=source or other.source_url,
        language=primary.language or other.language,
        uid=primary.uid or other.uid,
        location=primary.location,
        sources=_merge_unique(
            primary.sources or ([str(primary.location)] if primary.location else []),
            other.sources or ([str(other.location)] if other.location else []),
        ),
    )


def deduplicate(records: list[ResourceRecord]) -> list[ResourceRecord]:
    """One merged record per resource, in the order each resource first appeared."""
    merged: list[ResourceRecord] = []
    for group in find_duplicate_groups(records):
        result = records[group[0]]
        for index in group[1:]:
            result = merge_records(result, records[index])
        merged.append(result)
    return merged

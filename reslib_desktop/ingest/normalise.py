"""Normalising a record before it is matched and stored: whitespace, markup, names and URLs.

Topics and audiences take the spelling the library already uses ("housing" ->
"Housing"); types are the library's canonical values. Each such change is a
note the preview shows, so the mapping is visible before anything is applied.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from reslib_desktop.ingest.dates import Precision
from reslib_desktop.ingest.match import quick_fold
from reslib_desktop.ingest.record import ResourceRecord, derive_title, normalise_space
from reslib_desktop.ingest.sanitise import plain_line, plain_text


@lru_cache(maxsize=65536)
def _name_key(name: str) -> str:
    return quick_fold(name)


@dataclass
class NameSpellings:
    """The spelling in use for each folded name; the first spelling seen wins."""

    known: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, names: Iterable[str]) -> NameSpellings:
        spellings = cls()
        for name in names:
            spellings.known.setdefault(_name_key(name), name)
        return spellings

    def canonical(self, name: str) -> str:
        key = _name_key(name)
        if not key:
            return name
        return self.known.setdefault(key, name)


@dataclass
class Vocabulary:
    topics: NameSpellings = field(default_factory=NameSpellings)
    audiences: NameSpellings = field(default_factory=NameSpellings)


@dataclass
class Normalised:
    notes: list[str] = field(default_factory=list)  # mappings shown in the preview
    warnings: list[str] = field(default_factory=list)


def normalise_url(url: str | None) -> str | None:
    """Trimmed; scheme and host lower-cased for http(s) URLs; anything else as written."""
    url = (url or "").strip()
    if not url:
        return None
    if url.startswith(("http://", "https://")):
        host = url.split("/", 3)[2]
        if host == host.casefold():
            return url  # already normal (the common case)
    try:
        parts = urlsplit(url) if "://" in url else None
    except ValueError:  # not a URL that can be read: validation says so
        return url
    if parts is None or parts.scheme.casefold() not in ("http", "https"):
        return url
    return urlunsplit((parts.scheme.casefold(), parts.netloc.casefold(), parts.path, parts.query, parts.fragment))


def _names(values: list[str], spellings: NameSpellings, kind: str, result: Normalised) -> list[str]:
    names: dict[str, str] = {}
    for value in values:
        plain, _ = plain_line(value)
        if not plain:
            continue
        canonical = spellings.canonical(plain)
        if canonical != plain:
            result.notes.append(f'{kind} "{plain}" → "{canonical}"')
        names.setdefault(_name_key(canonical) or canonical, canonical)
    return list(names.values())


def normalise_record(record: ResourceRecord, vocabulary: Vocabulary) -> Normalised:
    """Normalise `record` in place; returns the notes and warnings for the preview."""
    result = Normalised()
    removed: set[str] = set()
    for name in ("title", "subtitle"):
        value, tags = plain_line(getattr(record, name))
        setattr(record, name, value or None)
        removed.update(tags)
    record.description, tags = plain_text(record.description or "")
    removed.update(tags)
    if removed:
        result.warnings.append(f"markup removed ({', '.join(sorted(removed))}): stored as plain text")
    for attachment in record.attachments:
        attachment.label, _ = plain_line(attachment.label)
        attachment.url = normalise_url(attachment.url)
    record.source_url = normalise_url(record.source_url)
    record.language = normalise_space(record.language) or None
    record.uid = normalise_space(record.uid) or None
    raw_type = normalise_space(record.raw_type)
    if raw_type and record.resource_type and raw_type != record.resource_type:
        result.notes.append(f'type "{raw_type}" → {record.resource_type}')
    record.topics = _names(record.topics, vocabulary.topics, "topic", result)
    record.audiences = _names(record.audiences, vocabulary.audiences, "audience", result)
    if record.published.text and record.published.precision is Precision.UNKNOWN:
        result.warnings.append(f'date "{record.published.text}" not understood: kept as text, undated')
    if not record.title:
        record.title_derived = False
        derive_title(record)
    return result

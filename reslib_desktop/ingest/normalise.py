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

from reslib_desktop.ingest.dates import Precision, is_impossible_date, parse_date
from reslib_desktop.ingest.match import quick_fold
from reslib_desktop.ingest.record import ResourceRecord, derive_title, normalise_space
from reslib_desktop.ingest.sanitise import plain_line, plain_text, strip_controls
from reslib_desktop.textnorm import normalise_printable_space
from reslib_desktop.vocabulary import TYPE_LABELS


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
    """The library's spellings of topics and audiences, and its types (canonical and in use)."""

    topics: NameSpellings = field(default_factory=NameSpellings)
    audiences: NameSpellings = field(default_factory=NameSpellings)
    types: set[str] = field(default_factory=lambda: set(TYPE_LABELS))
    _new_types: set[str] = field(default_factory=set)

    def is_new_type(self, resource_type: str) -> bool:
        """True the first time an import names a type the library does not have."""
        if resource_type in self.types or resource_type in self._new_types:
            return False
        self._new_types.add(resource_type)
        return True


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


@lru_cache(maxsize=65536)
def _plain_name(value: str) -> str:
    """A topic or audience without markup (an import repeats the same few names on every record)."""
    return plain_line(value)[0]


def _names(values: list[str], spellings: NameSpellings, kind: str, result: Normalised) -> list[str]:
    names: dict[str, str] = {}
    for value in values:
        plain = _plain_name(value)
        if not plain:
            continue
        canonical = spellings.canonical(plain)
        if canonical != plain:
            result.notes.append(f'{kind} "{plain}" → "{canonical}"')
        names.setdefault(_name_key(canonical) or canonical, canonical)
    return list(names.values())


_TEXT_FIELDS = {
    "title": "the title", "subtitle": "the subtitle", "description": "the description",
    "resource_type": "the type", "raw_type": "the type", "language": "the language", "uid": "the uid",
    "source_url": "the source URL",
}


def _all_printable(record: ResourceRecord, description_printable: bool | None = None) -> bool:
    """True when no text of the record can hold a control character (the common case, checked fast).

    `description_printable`: whether the description is printable, when the caller knows.
    """
    texts = [
        record.title, record.subtitle, record.resource_type, record.raw_type, record.language, record.uid,
        record.source_url, record.published.text, *record.topics, *record.audiences,
    ]
    for attachment in record.attachments:
        texts += (attachment.label, attachment.url)
    if description_printable is None:
        description_printable = not record.description or record.description.isprintable()
    # One pass over the texts joined: a character is printable or not wherever it stands.
    return "".join(filter(None, texts)).isprintable() and (
        description_printable or not _has_controls(record.description)
    )


def _all_printable_reference(record: ResourceRecord) -> bool:
    """_all_printable, one text at a time (held equal to it by a test)."""
    return all(
        not value or value.isprintable()
        for value in (
            record.title, record.subtitle, record.resource_type, record.raw_type, record.language, record.uid,
            record.source_url, record.published.text, *record.topics, *record.audiences,
            *(a.label for a in record.attachments), *(a.url for a in record.attachments),
        )
    ) and (not record.description or record.description.isprintable() or not _has_controls(record.description))


def _has_controls(text: str) -> bool:
    return bool(strip_controls(text)[1])


def _without_controls(record: ResourceRecord, result: Normalised, description_printable: bool | None = None) -> None:
    """Control characters are never stored: removed from every text field, each field named in a warning."""
    if _all_printable(record, description_printable):
        return
    removed: dict[str, list[str]] = {}

    def clean(field_name: str, value: str | None) -> str | None:
        cleaned, found = strip_controls(value)
        if found:
            removed.setdefault(field_name, []).extend(found)
        return cleaned

    for name, what in _TEXT_FIELDS.items():
        setattr(record, name, clean(what, getattr(record, name)))
    if record.published.text:
        text = clean("the date", record.published.text)
        if text != record.published.text:
            record.published = parse_date(text)
    record.topics = [clean("the topics", t) or "" for t in record.topics]
    record.audiences = [clean("the audience", a) or "" for a in record.audiences]
    for number, attachment in enumerate(record.attachments, start=1):
        attachment.label = clean(f"attachment {number}'s label", attachment.label) or ""
        attachment.url = clean(f"attachment {number}'s URL", attachment.url)
    for field_name, found in removed.items():
        result.warnings.append(
            f"control characters ({', '.join(dict.fromkeys(found))}) removed from {field_name}: stored without them"
        )


def _plain_description(description: str, printable: bool) -> tuple[str, list[str]]:
    """plain_text(description); `printable`: whether it is, known already (then read faster when unmarked)."""
    if printable and "<" not in description:
        return normalise_printable_space(description), []  # one paragraph (no line break is printable)
    return plain_text(description)


def normalise_record(record: ResourceRecord, vocabulary: Vocabulary) -> Normalised:
    """Normalise `record` in place; returns the notes and warnings for the preview."""
    result = Normalised()
    description = record.description or ""
    description_printable = description.isprintable()  # read once, for both uses below
    _without_controls(record, result, description_printable)
    removed: set[str] = set()
    for name in ("title", "subtitle"):
        value, tags = plain_line(getattr(record, name))
        setattr(record, name, value or None)
        removed.update(tags)
    # (Control characters were not removed from a printable description: it is as it was read.)
    record.description, tags = _plain_description(record.description or "", description_printable)
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
    if record.resource_type and vocabulary.is_new_type(record.resource_type):
        known = ", ".join(sorted(vocabulary.types)) or "none yet"
        result.warnings.append(
            f'type "{raw_type or record.resource_type}" is not one of the library\'s types ({known}): '
            f'imported as a new type "{record.resource_type}"'
        )
    record.topics = _names(record.topics, vocabulary.topics, "topic", result)
    record.audiences = _names(record.audiences, vocabulary.audiences, "audience", result)
    if record.published.text and record.published.precision is Precision.UNKNOWN:
        if is_impossible_date(record.published.text):
            result.warnings.append(f"date '{record.published.text}' is not a real date; kept as text, undated")
        else:
            result.warnings.append(f'date "{record.published.text}" not understood: kept as text, undated')
    if not record.title:
        record.title_derived = False
        derive_title(record)
    return result

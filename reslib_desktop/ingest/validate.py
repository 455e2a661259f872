"""Checking a normalised record against what the library can store and show safely."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from reslib_desktop.ingest import limits
from reslib_desktop.ingest.identity import plain_http_parts
from reslib_desktop.ingest.record import ResourceRecord

ALLOWED_SCHEMES = ("http", "https")


@dataclass
class Checked:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _length(result: Checked, what: str, value: str | None, limit: int) -> None:
    if value and len(value) > limit:
        result.errors.append(
            f"{what} is {limits.count(len(value))} characters long; at most {limits.count(limit)} are allowed"
        )


# Characters a URL never holds unescaped (RFC 3986); spaces and non-ASCII letters are tolerated.
_NOT_IN_URLS = frozenset('\\"<>^`{|}')
_CONTROL = re.compile("[\x00-\x1f\x7f]")
_CHARACTER_REFERENCE = re.compile(r"&#(?:[0-9]+|[xX][0-9a-fA-F]+);?")


def _not_a_url(url: str) -> str | None:
    """Why a value given as a relative URL is no URL at all, or None when it is a relative reference."""
    if url.startswith("="):
        return "is a spreadsheet formula, not a web address"
    if _CHARACTER_REFERENCE.search(url):
        return "holds an HTML character reference (&#…;), not a web address"
    if bad := sorted(_NOT_IN_URLS.intersection(url)):
        return f"holds {' '.join(bad)}, which no web address does"
    first_segment = url.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if ":" in first_segment:
        return "is not a web address (a ':' before any '/')"
    return None


def _url(result: Checked, what: str, url: str | None) -> None:
    """An http(s) URL, or a relative one (a warning); anything else given as a URL is an error."""
    if not url:
        return
    parts = plain_http_parts(url) if len(url) <= limits.MAX_URL else None
    if parts is not None and parts[0].rpartition("@")[2].split(":", 1)[0]:
        return  # a plain http(s) URL naming a host (the common case): nothing to say
    _any_url(result, what, url)


def _any_url(result: Checked, what: str, url: str) -> None:
    """_url for any text (the reference: _url passes plain http(s) URLs without it)."""
    _length(result, what, url, limits.MAX_URL)
    shown = repr(url[:80])
    if not url.isprintable() and _CONTROL.search(url):
        result.errors.append(f"{what} {shown} holds control characters: not a web address")
        return
    head, colon, _ = url.partition(":")
    scheme = head.casefold() if colon and head[:1].isalpha() and all(c.isalnum() or c in "+-." for c in head) else ""
    if len(scheme) == 1 and url[1:3] in (":\\", ":/"):
        result.errors.append(f"{what} {shown} is a file on a computer (a drive letter), not a web address")
    elif not scheme:
        reason = _not_a_url(url)
        if reason is not None:
            result.errors.append(f"{what} {shown} {reason}")
        else:
            result.warnings.append(
                f"{what} {shown} is a relative address: kept as written (for a saved web page, --base-url resolves it)"
            )
    elif scheme not in ALLOWED_SCHEMES:
        result.errors.append(f"{what} uses {scheme}: (only http and https addresses are allowed)")
    else:
        if url.isascii() and "[" not in url and "]" not in url:  # the only URLs urlsplit refuses
            after = url[len(head) + 1 :]
            authority = after[2:].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0] if after[:2] == "//" else ""
            host: str | None = authority.rpartition("@")[2].split(":", 1)[0]
        else:
            try:
                host = urlsplit(url).hostname
            except ValueError as error:
                result.errors.append(f"{what} is not a valid address ({error})")
                return
        if not host:
            result.errors.append(f"{what} {shown} names no host: not a web address")


def validate_record(record: ResourceRecord) -> Checked:
    """Required fields, lengths, counts and URL schemes."""
    result = Checked()
    if not record.title:
        result.errors.append("a resource needs a title or a description")
    _length(result, "the title", record.title, limits.MAX_TITLE)
    _length(result, "the subtitle", record.subtitle, limits.MAX_SUBTITLE)
    _length(result, "the description", record.description, limits.MAX_DESCRIPTION)
    _length(result, "the date", record.published.text, limits.MAX_DATE_TEXT)
    _length(result, "the type", record.resource_type, limits.MAX_TYPE)
    _length(result, "the language", record.language, limits.MAX_LANGUAGE)
    if record.uid:
        _length(result, "the uid", record.uid, limits.MAX_UID)
        if " " in record.uid or not record.uid.isprintable():  # every other space is unprintable
            result.errors.append("the uid must not contain spaces or control characters")
    for kind, values in (
        ("topics", record.topics),
        ("audiences", record.audiences),
        ("attachments", record.attachments),
    ):
        if len(values) > limits.MAX_VALUES:
            result.errors.append(f"{limits.count(len(values))} {kind}; at most {limits.MAX_VALUES} are allowed")
    for name in record.topics:
        if len(name) > limits.MAX_NAME:
            _length(result, f"the topic {name[:40]!r}", name, limits.MAX_NAME)
    for name in record.audiences:
        if len(name) > limits.MAX_NAME:
            _length(result, f"the audience {name[:40]!r}", name, limits.MAX_NAME)
    for number, attachment in enumerate(record.attachments, start=1):
        if attachment.label and len(attachment.label) > limits.MAX_LABEL:
            _length(result, f"attachment {number}'s label", attachment.label, limits.MAX_LABEL)
        _url(result, f"attachment {number}'s URL", attachment.url)
    _url(result, "the source URL", record.source_url)
    return result

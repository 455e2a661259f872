"""Stable resource ids (uid): from the resource's own page URL when known, else the file's content, else title + date."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from urllib.parse import urlsplit

from reslib_desktop.ingest.record import ResourceRecord
from reslib_desktop.textnorm import fold

# Paths of listing and search pages: their URL names a set of resources, not one.
_LISTING_MARKERS = ("resource-library", "/search")


_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.")
_AWKWARD = frozenset("\t\r\n[]")


def _split(url: str) -> tuple[str, str, str] | None:
    """(netloc, path, query) as urllib.parse.urlsplit gives them; a fast path for plain ASCII URLs."""
    colon = url.find(":")
    if (
        url.isascii()
        and colon > 0
        and url.startswith("//", colon + 1)
        and url[0].isalpha()
        and all(ch in _SCHEME_CHARS for ch in url[:colon])
        and not _AWKWARD.intersection(url)
        and url[0] > " "
    ):
        rest = url[colon + 3 :]
        end = len(rest)
        for mark in "/?#":
            found = rest.find(mark)
            if 0 <= found < end:
                end = found
        netloc, rest = rest[:end], rest[end:]
        rest = rest.split("#", 1)[0]
        path, _, query = rest.partition("?")
        return netloc, path, query
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return None
    return parts.netloc, parts.path, parts.query


@lru_cache(maxsize=65536)
def canonical_url(url: str | None) -> str | None:
    """host (without www.) + path without trailing slash + query; scheme and fragment dropped."""
    if not url:
        return None
    parts = _split(url.strip())
    if parts is None or not parts[0]:
        return None
    netloc, path, query = parts
    host = netloc.lower().removeprefix("www.")
    return f"{host}{path.rstrip('/')}" + (f"?{query}" if query else "")


def resource_page_url(url: str | None) -> str | None:
    """The canonical URL if it points at one resource's page (not a listing), else None."""
    canonical = canonical_url(url)
    if canonical is None or "?" in canonical:
        return None
    path = canonical.split("/", 1)[1] if "/" in canonical else ""
    if not path or any(path.rstrip("/").endswith(marker.strip("/")) for marker in _LISTING_MARKERS):
        return None
    return canonical


def _digest(prefix: str, value: str) -> str:
    return prefix + hashlib.sha1(value.encode("utf-8")).hexdigest()[:16]


def assign_uid(record: ResourceRecord) -> str:
    """The record's uid, computing one if it has none."""
    if record.uid:
        return record.uid
    page = resource_page_url(record.source_url)
    local = next((a.sha256 for a in record.attachments if a.local_path is not None and a.sha256), None)
    if page:
        record.uid = _digest("u-", page)
    elif local:
        record.uid = "f-" + local[:16]  # a file imported from a folder: its content is its identity
    else:
        record.uid = _digest("t-", f"{fold(record.title)}|{record.published.sort_key or ''}")
    return record.uid

"""Stable resource ids (uid): from the resource's own page URL when known, else the file's content, else title + date."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from urllib.parse import urlsplit

from reslib_desktop.ingest.record import ResourceRecord, fold

# Paths of listing and search pages: their URL names a set of resources, not one.
_LISTING_MARKERS = ("resource-library", "/search")


@lru_cache(maxsize=8192)
def canonical_url(url: str | None) -> str | None:
    """host (without www.) + path without trailing slash + query; scheme and fragment dropped."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return None
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


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

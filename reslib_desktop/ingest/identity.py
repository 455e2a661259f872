"""Stable resource ids (uid): from the resource's own page URL when known, else the file's content, else title + date.

A record's `source` is "the page the record came from": a resource's own page,
or a listing (a search, a category, a page of a catalogue) that many resources
share. No URL shape tells the two apart on every site, so the records do: a
page shared by records with different titles is a listing (`listing_pages`),
and a listing is never an identity. A URL without a path (a site's home page)
or with a query string (a search or a filtered view) is never one either.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable
from functools import lru_cache
from urllib.parse import urlsplit

from reslib_desktop.ingest.record import ResourceRecord
from reslib_desktop.textnorm import fold

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


@lru_cache(maxsize=256)  # validation, then matching, read the same record's URLs
def plain_http_parts(url: str) -> tuple[str, str, str] | None:
    """(netloc, path, query) of a plain http(s) URL, as `_split` gives them, else None.

    Plain: written `http://` or `https://`, printable ASCII without brackets or surrounding
    spaces (the URLs nearly every input holds); nothing else is read here.
    """
    if not (
        url.startswith(("https://", "http://"))
        and url.isascii()
        and url.isprintable()
        and url[-1] != " "
        and "[" not in url
        and "]" not in url
    ):
        return None
    rest = url[8:] if url[4] == "s" else url[7:]
    rest = rest.split("#", 1)[0]
    rest, _, query = rest.partition("?")
    slash = rest.find("/")
    if slash < 0:
        return rest, "", query
    return rest[:slash], rest[slash:], query


def canonical_url(url: str | None) -> str | None:
    """host (without www.) + path without trailing slash + query; scheme and fragment dropped."""
    if url and (parts := plain_http_parts(url)) is not None:  # the common case, without the cache
        netloc, path, query = parts
        if not netloc:
            return None
        host = netloc.lower().removeprefix("www.")
        return f"{host}{path.rstrip('/')}" + (f"?{query}" if query else "")
    return canonical_url_of_any(url)


@lru_cache(maxsize=65536)
def canonical_url_of_any(url: str | None) -> str | None:
    """canonical_url for any text (the reference: canonical_url reads plain http(s) URLs faster)."""
    if not url:
        return None
    parts = _split(url.strip())
    if parts is None or not parts[0]:
        return None
    netloc, path, query = parts
    host = netloc.lower().removeprefix("www.")
    return f"{host}{path.rstrip('/')}" + (f"?{query}" if query else "")


def resource_page_url(url: str | None) -> str | None:
    """The canonical URL if it may be one resource's page, else None.

    Whether it is one depends on the other records that name it: see `listing_pages`.
    """
    canonical = canonical_url(url)
    if canonical is None or "?" in canonical or "/" not in canonical:
        return None
    return canonical


def listing_pages(titled_pages: Iterable[tuple[str | None, str]]) -> set[str]:
    """The pages (canonical, as `resource_page_url` gives them) named with more than one title.

    `titled_pages` holds (page, folded title) for each record of an import and for each
    resource of the library that names one of those pages.
    """
    first_title: dict[str, str] = {}
    listings: set[str] = set()
    for page, title_key in titled_pages:
        if page is not None and first_title.setdefault(page, title_key) != title_key:
            listings.add(page)
    return listings


def _digest(prefix: str, value: str) -> str:
    return prefix + hashlib.sha1(value.encode("utf-8")).hexdigest()[:16]


def title_date_uid(record: ResourceRecord, source: str | None = None) -> str:
    """The uid a record without a page or file of its own gets: from its title and date (and the page it
    names, for one told apart from another of that title and date by it)."""
    return _digest("t-", f"{fold(record.title)}|{record.published.sort_key or ''}" + (f"|{source}" if source else ""))


def undated_title_uid(record: ResourceRecord) -> str:
    """The uid the record would have had with its date not understood (kept as text, undated): what a
    library made by an earlier version, which read fewer date forms, stored it under."""
    return _digest("t-", f"{fold(record.title)}|")


def assign_uid(record: ResourceRecord, listings: Collection[str] = frozenset()) -> str:
    """The record's uid, computing one if it has none (a page in `listings` is no identity)."""
    if record.uid:
        return record.uid
    page = resource_page_url(record.source_url)
    if page in listings:
        page = None
    local = next((a.sha256 for a in record.attachments if a.local_path is not None and a.sha256), None)
    if page:
        record.uid = _digest("u-", page)
    elif local:
        record.uid = "f-" + local[:16]  # a file imported from a folder: its content is its identity
    else:
        record.uid = title_date_uid(record)
    return record.uid


def assign_uids(records: list[ResourceRecord]) -> None:
    """Give every record without one a uid, pages shared by different titles being listings."""
    listings = listing_pages((resource_page_url(r.source_url), fold(r.title)) for r in records if not r.uid)
    for record in records:
        assign_uid(record, listings)

"""Which attachment URLs may be fetched, and in what normalised form.

Only http, https and file URLs; no credentials, control or invisible
characters, or backslashes; dot segments (also percent-encoded ones) are
removed as RFC 3986 says, so a path never climbs anywhere. A `file:` URL must
resolve (symlinks followed) inside one of the allowed folders. File names are
never taken from a URL: the cache names files by their sha256.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

ALLOWED_SCHEMES = ("http", "https", "file")
MAX_URL_LENGTH = 4096
_HOST_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
_DOT_ESCAPE = re.compile(r"%2[eE]")
# Characters a path or query keeps as they are (RFC 3986 pchar + '/', '?' in queries).
_PATH_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/")
_QUERY_SAFE = _PATH_SAFE | {"?"}


class UrlRefused(ValueError):
    """A URL that will not be fetched; `reason` is short and readable."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CheckedUrl:
    """A URL that passed the policy, normalised."""

    url: str
    scheme: str
    host: str | None = None  # ASCII (IDNA) host of http(s) URLs
    port: int | None = None
    target: str = "/"  # path and query, for the request line
    local_path: Path | None = None  # file: URLs, resolved inside an allowed folder

    @property
    def is_local(self) -> bool:
        return self.local_path is not None


def _odd_character(text: str) -> str | None:
    for character in text:
        if character == "\\":
            return "a backslash"
        category = unicodedata.category(character)
        if category == "Cc":
            return "control characters"
        if category in ("Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            return f"an invisible or unassigned character (U+{ord(character):04X})"
    return None


def remove_dot_segments(path: str) -> str:
    """RFC 3986 §5.2.4: '/a/b/../c/./d' -> '/a/c/d'; never climbs above the root."""
    output: list[str] = []
    segments = path.split("/")
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == ".":
            if last:
                output.append("")
            continue
        if segment == "..":
            if len(output) > 1:
                output.pop()
            if last:
                output.append("")
            continue
        output.append(segment)
    result = "/".join(output)
    if path.startswith("/") and not result.startswith("/"):
        result = "/" + result
    return result


def _quote(text: str, safe: frozenset[str]) -> str:
    """Percent-encode what is not safe, keeping well-formed %XX escapes as they are."""
    out: list[str] = []
    position = 0
    while position < len(text):
        character = text[position]
        if character == "%" and _ESCAPE.match(text, position):
            out.append(text[position : position + 3])
            position += 3
            continue
        if character in safe:
            out.append(character)
        else:
            out.extend(f"%{byte:02X}" for byte in character.encode("utf-8"))
        position += 1
    return "".join(out)


def _ascii_host(hostname: str) -> str:
    try:
        address = ipaddress.ip_address(hostname)
    except ValueError:
        pass
    else:
        return f"[{address}]" if address.version == 6 else str(address)
    try:
        host = hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise UrlRefused("the URL has a bad host name") from None
    if not host or not _HOST_NAME.match(host) or host.startswith((".", "-")):
        raise UrlRefused("the URL has a bad host name")
    return host.lower()


def _check_web(parts, scheme: str) -> CheckedUrl:
    if "@" in parts.netloc:
        raise UrlRefused("URLs with a user name or password are refused")
    if not parts.hostname:
        raise UrlRefused("the URL has no host")
    try:
        port = parts.port
    except ValueError:
        raise UrlRefused("the URL has a bad port") from None
    if port == 0:
        raise UrlRefused("the URL has a bad port")
    host = _ascii_host(parts.hostname)
    # Percent-encoded dots are dots (RFC 3986 §6.2.2.2), so "%2e%2e" is a dot segment too.
    path = remove_dot_segments(_DOT_ESCAPE.sub(".", parts.path) or "/")
    path = _quote(path, _PATH_SAFE)
    query = _quote(parts.query, _QUERY_SAFE) if parts.query else ""
    target = path + (f"?{query}" if query else "")
    default_port = 443 if scheme == "https" else 80
    authority = host if port in (None, default_port) else f"{host}:{port}"
    return CheckedUrl(f"{scheme}://{authority}{target}", scheme, host, port or default_port, target)


def _check_file(parts, allowed_folders: Sequence[Path]) -> CheckedUrl:
    if parts.netloc not in ("", "localhost"):
        raise UrlRefused("file: URLs must point to this computer")
    if not allowed_folders:
        raise UrlRefused("file: URLs are not allowed (no allowed folders are set)")
    raw = remove_dot_segments(unquote(_DOT_ESCAPE.sub(".", parts.path)))
    odd = _odd_character(raw)
    if odd or not raw:
        raise UrlRefused(f"the file: URL contains {odd}" if odd else "the file: URL has no path")
    local = Path(url2pathname(raw)).resolve()
    for folder in allowed_folders:
        if local.is_relative_to(Path(folder).resolve()):
            return CheckedUrl(local.as_uri(), "file", target=raw, local_path=local)
    raise UrlRefused("file: URL outside the allowed folders")


def check_url(url: str, allowed_folders: Sequence[Path] = ()) -> CheckedUrl:
    """Check a URL against the policy and normalise it; raises UrlRefused with the reason."""
    url = url.strip(" ")
    if not url:
        raise UrlRefused("no URL")
    if len(url) > MAX_URL_LENGTH:
        raise UrlRefused("the URL is too long")
    odd = _odd_character(url)
    if odd:
        raise UrlRefused(f"the URL contains {odd}")
    url = url.replace(" ", "%20")
    try:
        parts = urlsplit(url)
    except ValueError as error:
        raise UrlRefused(f"not a valid URL ({error})") from None
    scheme = parts.scheme.lower()
    if not scheme:
        raise UrlRefused("not an absolute URL")
    if scheme not in ALLOWED_SCHEMES:
        raise UrlRefused(f"only http, https and file URLs are allowed (got {scheme}:)")
    if scheme == "file":
        return _check_file(parts, allowed_folders)
    return _check_web(parts, scheme)

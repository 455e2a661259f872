"""Fetching one attachment into a `.part` file: stream, resume, retry, verify.

The caller installs the verified `.part` into the cache (an atomic rename);
this module never writes anywhere else, and deletes the `.part` whenever its
content is known to be wrong. A dropped or timed-out transfer keeps its
`.part` so the next attempt resumes it with an HTTP Range request.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from reslib_desktop import __version__
from reslib_desktop.offline.cache import PART_VERSION_SUFFIX
from reslib_desktop.offline.errors import DownloadCancelled, DownloadError
from reslib_desktop.offline.http import OpenResponse, Timeouts, open_get, seconds
from reslib_desktop.offline.sizes import format_size
from reslib_desktop.offline.urls import CheckedUrl, UrlRefused, check_url

PDF_MAGIC = b"%PDF-"
HEAD_BYTES = 1024  # the PDF header may follow a little junk; readers look this far
TAIL_BYTES = 2048  # where a complete PDF has its %%EOF marker
WEB_PAGE_TYPES = ("text/html", "application/xhtml+xml")
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head")
_UNSATISFIABLE = re.compile(r"^\s*bytes\s+\*/(\d+)\s*$", re.IGNORECASE)
_CONTENT_RANGE = re.compile(r"^\s*bytes\s+(\d+)-(\d+)/(\d+|\*)\s*$", re.IGNORECASE)

CANCEL_POLL = 0.2  # seconds between checks of the cancel event while a download runs
ByteProgress = Callable[[int, int | None], None]  # (bytes in the .part, expected total or None)


@dataclass(frozen=True)
class DownloadSettings:
    """Knobs for downloads; tests shrink the timeouts and the backoff."""

    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    retries: int = 3  # further attempts after the first, for retryable failures
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    backoff_max: float = 30.0
    retry_after_max: float = 120.0  # the longest wait a server's Retry-After is granted before a retry
    max_bytes: int = 200_000_000
    allowed_folders: tuple[Path, ...] = field(default_factory=tuple)  # for file: URLs
    # The library's own server is on this computer or the local network: allow loopback, link-local
    # and private addresses (else refused, also as redirects; see addresses.py).
    allow_local_network: bool = False
    chunk_size: int = 1024 * 1024  # per read; read1 returns what has arrived, so stalls lose nothing
    user_agent: str = f"reslib-desktop/{__version__}"

    @property
    def timeouts(self) -> Timeouts:
        return Timeouts(self.connect_timeout, self.read_timeout)


@dataclass(frozen=True)
class Expected:
    """What the library knows about the file before fetching it."""

    size: int | None = None
    sha256: str | None = None
    pdf: bool = True
    web_page: bool = False  # the attachment is itself a web page (else an HTML answer is a sign-in or error page)


@dataclass(frozen=True)
class Downloaded:
    sha256: str
    size: int
    resumed_from: int  # bytes already in the .part when the last attempt began
    content_type: str | None


def _too_big(settings: DownloadSettings) -> DownloadError:
    return DownloadError(f"larger than the {format_size(settings.max_bytes)} limit", retryable=False)


def validator_path(part: Path) -> Path:
    """Where a .part keeps the version of the file it holds the start of (the server's ETag or
    Last-Modified), so that a resume continues that version and no other."""
    return part.with_name(part.name + PART_VERSION_SUFFIX)


def _remove(part: Path) -> None:
    part.unlink(missing_ok=True)
    validator_path(part).unlink(missing_ok=True)


def _validators(response: http.client.HTTPResponse) -> tuple[str | None, str | None]:
    """The response's strong ETag and its Last-Modified (None when absent or unusable)."""
    etag = (response.getheader("ETag") or "").strip()
    modified = (response.getheader("Last-Modified") or "").strip()
    strong = etag if etag.startswith('"') and etag.isprintable() else None  # W/"…" cannot be used to resume
    return strong, modified if modified.isprintable() and modified else None


def _read_validator(part: Path) -> str | None:
    try:
        text = validator_path(part).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text if text and text.isprintable() else None


def _remember_validator(part: Path, response: http.client.HTTPResponse) -> None:
    etag, modified = _validators(response)
    validator = etag or modified
    if validator is None:
        validator_path(part).unlink(missing_ok=True)
    else:
        validator_path(part).write_text(validator, encoding="utf-8")


def _same_version(sent: str | None, response: http.client.HTTPResponse) -> bool:
    """False when a resumed part's answer says it is another version than the part began with (a server
    that ignored If-Range)."""
    if sent is None:
        return True
    etag, modified = _validators(response)
    if sent.startswith('"'):
        return etag is None or etag == sent
    return modified is None or modified == sent


def _hash_existing(part: Path) -> tuple[hashlib._Hash, int]:
    digest = hashlib.sha256()
    size = 0
    if part.exists():
        with part.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
    return digest, size


def _not_pdf(content_type: str | None) -> DownloadError:
    kind = (content_type or "").split(";")[0].strip()
    detail = f"got {kind}" if kind else "no %PDF- header"
    return DownloadError(f"not a PDF ({detail})", retryable=False)


def _check_head(head: bytes, content_type: str | None) -> None:
    if PDF_MAGIC not in head[:HEAD_BYTES]:
        raise _not_pdf(content_type)


def _unsatisfiable_total(value: str | None) -> int | None:
    """The file size a 416 answer gives ('bytes */1234'), or None."""
    match = _UNSATISFIABLE.match(value or "")
    return int(match.group(1)) if match else None


def _is_web_page(head: bytes, content_type: str | None) -> bool:
    """Whether a download's first bytes (and its Content-Type) are an HTML page rather than a document."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:16].lower()
    kind = (content_type or "").split(";")[0].strip().lower()
    return start.startswith(_HTML_STARTS) or (kind in WEB_PAGE_TYPES and b"\x00" not in head)


def _parse_content_range(value: str | None) -> tuple[int, int | None] | None:
    match = _CONTENT_RANGE.match(value or "")
    if not match:
        return None
    total = None if match.group(3) == "*" else int(match.group(3))
    return int(match.group(1)), total


def _stream(
    source: Callable[[int], bytes],
    part: Path,
    offset: int,
    total: int | None,
    content_type: str | None,
    expected: Expected,
    settings: DownloadSettings,
    on_bytes: ByteProgress | None,
    cancel: threading.Event | None,
) -> tuple[str, int]:
    """Append `source` to the .part (from `offset`); returns (sha256, size)."""
    digest, size = _hash_existing(part) if offset else (hashlib.sha256(), 0)
    if size != offset:
        raise DownloadError("the partial file changed while resuming")
    head = b""
    dropped = False
    with part.open("ab" if offset else "wb") as stream:
        while True:
            if cancel is not None and cancel.is_set():
                raise DownloadCancelled()
            try:
                chunk = source(settings.chunk_size)
            except TimeoutError:
                raise DownloadError(f"timed out after {seconds(settings.read_timeout)}") from None
            except (http.client.HTTPException, OSError):
                chunk, dropped = b"", True  # the body ended early
            if not chunk:
                break
            size += len(chunk)
            if size > settings.max_bytes:
                stream.close()
                _remove(part)
                raise _too_big(settings)
            if offset == 0 and expected.pdf and len(head) < HEAD_BYTES:
                head += chunk[: HEAD_BYTES - len(head)]
                if len(head) >= HEAD_BYTES:
                    try:
                        _check_head(head, content_type)
                    except DownloadError:
                        stream.close()
                        _remove(part)
                        raise
            digest.update(chunk)
            stream.write(chunk)
            if on_bytes is not None:
                on_bytes(size, total)
        stream.flush()
        os.fsync(stream.fileno())
    if cancel is not None and cancel.is_set():
        raise DownloadCancelled()  # the connection was closed under us on purpose
    if dropped or (total is not None and size < total):
        raise DownloadError(f"connection dropped after {size} bytes")
    return digest.hexdigest(), size


def _fetch_http(
    url: CheckedUrl,
    part: Path,
    expected: Expected,
    settings: DownloadSettings,
    on_bytes: ByteProgress | None,
    cancel: threading.Event | None,
) -> Downloaded:
    offset = part.stat().st_size if part.exists() else 0
    validator = _read_validator(part) if offset else None
    if offset and validator is None and expected.sha256 is None:
        # Nothing tells whether the server still has the version this part began: its end could be
        # joined to another version's start and pass every check. Start over.
        _remove(part)
        offset = 0
    headers = {"User-Agent": settings.user_agent, "Accept": "application/pdf, */*;q=0.5", "Accept-Encoding": "identity"}
    if offset:
        headers["Range"] = f"bytes={offset}-"
        if validator is not None:
            headers["If-Range"] = validator  # the server sends the whole file (200) if it changed
    opened = open_get(url, headers, settings.timeouts, allow_local=settings.allow_local_network)
    with _abort_when_cancelled(opened, cancel):
        return _receive(opened.response, part, offset, validator, expected, settings, on_bytes, cancel)


@contextmanager
def _abort_when_cancelled(opened: OpenResponse, cancel: threading.Event | None) -> Iterator[None]:
    """Cancelling shuts the socket down at once, so a stalled read ends now, not at the read timeout."""
    finished = threading.Event()

    def watch() -> None:
        assert cancel is not None
        while not finished.is_set():
            if cancel.wait(CANCEL_POLL):
                if not finished.is_set():
                    opened.abort()
                return

    if cancel is not None:
        threading.Thread(target=watch, name="reslib-download-cancel", daemon=True).start()
    try:
        yield
    finally:
        finished.set()
        opened.close()


def _receive(
    response: http.client.HTTPResponse,
    part: Path,
    offset: int,
    validator: str | None,
    expected: Expected,
    settings: DownloadSettings,
    on_bytes: ByteProgress | None,
    cancel: threading.Event | None,
) -> Downloaded:
    """Check a response's status and lengths, then stream its body into the .part (`validator`: the
    If-Range sent with a resume)."""
    content_type = response.getheader("Content-Type")
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding != "identity":
        raise DownloadError(f"the server sent {encoding}-compressed data that was not asked for", retryable=False)
    length = response.getheader("Content-Length")
    body_length = int(length) if length and length.strip().isdigit() else None
    if response.status == 416:
        if offset and _unsatisfiable_total(response.getheader("Content-Range")) == offset:
            # Nothing after the part's end: the server says the part is the whole file (one whose
            # Content-Length promised more than it sent). verify_part judges it.
            digest, size = _hash_existing(part)
            return Downloaded(digest.hexdigest(), size, offset, content_type)
        _remove(part)  # stale: the next attempt starts from the first byte
        raise DownloadError("the server refused to resume the download")
    if response.status == 206 and offset:
        content_range = _parse_content_range(response.getheader("Content-Range"))
        if content_range is None or content_range[0] != offset:
            _remove(part)
            raise DownloadError("the server sent the wrong part of the file; starting over")
        if not _same_version(validator, response):
            _remove(part)
            raise DownloadError("the file changed on the server during its download; starting over")
        total = content_range[1]
        if total is None and body_length is not None:
            total = offset + body_length
    else:
        if offset:
            _remove(part)  # Range ignored, or the file changed (200): restart cleanly from the first byte
            offset = 0
        _remember_validator(part, response)
        total = body_length
    if total is not None and total > settings.max_bytes:
        _remove(part)
        raise _too_big(settings)
    if total is not None and expected.size is not None and total != expected.size:
        _remove(part)
        raise DownloadError(f"size mismatch: expected {expected.size} bytes, got {total}", retryable=False)
    if on_bytes is not None:
        on_bytes(offset, total)
    sha256, size = _stream(response.read1, part, offset, total, content_type, expected, settings, on_bytes, cancel)
    return Downloaded(sha256, size, offset, content_type)


def copy_local_file(
    source: Path,
    part: Path,
    expected: Expected,
    settings: DownloadSettings,
    on_bytes: ByteProgress | None = None,
    cancel: threading.Event | None = None,
) -> Downloaded:
    """Copy a local file into the .part (no resume: local copies are fast), then verify it."""
    try:
        total = source.stat().st_size
        if not source.is_file():
            raise DownloadError(f"not a file: {source.name}", retryable=False)
        if total > settings.max_bytes:
            raise _too_big(settings)
        with source.open("rb") as stream:
            sha256, size = _stream(stream.read, part, 0, total, None, expected, settings, on_bytes, cancel)
    except FileNotFoundError:
        raise DownloadError(f"file not found: {source.name}", retryable=False) from None
    except PermissionError:
        raise DownloadError(f"cannot read {source.name} (permission denied)", retryable=False) from None
    result = Downloaded(sha256, size, 0, None)
    verify_part(part, result, expected)
    return result


def verify_part(part: Path, result: Downloaded, expected: Expected) -> None:
    """Check a finished .part against what is known; delete it and raise if it is wrong."""
    try:
        if expected.size is not None and result.size != expected.size:
            raise DownloadError(f"size mismatch: expected {expected.size} bytes, got {result.size}", retryable=False)
        if expected.pdf:
            with part.open("rb") as stream:
                head = stream.read(HEAD_BYTES)
                stream.seek(max(0, result.size - TAIL_BYTES))
                tail = stream.read()
            _check_head(head, result.content_type)
            if b"%%EOF" not in tail:
                raise DownloadError("incomplete PDF (no %%EOF at the end)", retryable=False)
        elif not expected.web_page:
            with part.open("rb") as stream:
                head = stream.read(HEAD_BYTES)
            if _is_web_page(head, result.content_type):
                raise DownloadError("not the file: the server sent a web page (a sign-in or error page?)",
                                    retryable=False)
        if expected.sha256 is not None and result.sha256 != expected.sha256.lower():
            raise DownloadError("sha256 mismatch", retryable=False)
    except DownloadError:
        _remove(part)
        raise


def download(
    url: str,
    part: Path,
    expected: Expected,
    settings: DownloadSettings,
    on_bytes: ByteProgress | None = None,
    cancel: threading.Event | None = None,
) -> Downloaded:
    """Fetch `url` into `part` and verify it; DownloadError (with a reason) or DownloadCancelled.

    Retryable failures are retried up to `settings.retries` times with
    exponential backoff, resuming the .part where the server allows it. A
    resumed file that fails verification is fetched once more from scratch.
    """
    try:
        checked = check_url(url, settings.allowed_folders)
    except UrlRefused as error:
        raise DownloadError(error.reason, retryable=False) from None
    if checked.local_path is not None:
        return copy_local_file(checked.local_path, part, expected, settings, on_bytes, cancel)
    part.parent.mkdir(parents=True, exist_ok=True)
    attempt = 0
    fresh_retry_left = True
    while True:
        try:
            result = _fetch_http(checked, part, expected, settings, on_bytes, cancel)
            try:
                verify_part(part, result, expected)
            except DownloadError:
                if result.resumed_from and fresh_retry_left:
                    fresh_retry_left = False  # the start may be from an older version of the file
                    continue
                raise
            return result
        except DownloadError as error:
            asked = error.retry_after
            last = asked is not None and (asked > settings.retry_after_max or attempt >= settings.retries)
            if error.retryable and asked is not None and last:
                reason = f"{error.reason}: the server asks to try again in {seconds(asked)}"
                raise DownloadError(reason, retryable=True, retry_after=asked) from None
            if not error.retryable or attempt >= settings.retries:
                raise
            attempt += 1
            delay = min(settings.backoff * 2 ** (attempt - 1), settings.backoff_max)
            if asked is not None:
                delay = max(delay, asked)  # as long as the server asked
            if cancel is not None:
                if cancel.wait(delay):
                    raise DownloadCancelled() from None
            elif delay > 0:
                threading.Event().wait(delay)

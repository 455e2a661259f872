"""One HTTP(S) GET with separate connect and read timeouts, checked redirects and addresses, env proxies.

Standard library only (http.client): an extra HTTP stack is not needed for
plain GETs, and the frozen app stays small.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit
from urllib.request import getproxies, proxy_bypass

from reslib_desktop.offline.addresses import LocalAddressRefused, check_host
from reslib_desktop.offline.errors import DownloadError
from reslib_desktop.offline.urls import CheckedUrl, UrlRefused, check_url

MAX_REDIRECTS = 5
_REDIRECTS = {301, 302, 303, 307, 308}
_RETRYABLE_STATUS = {408, 425, 429, 500, 502, 503, 504}


@dataclass(frozen=True)
class Timeouts:
    connect: float
    read: float


def seconds(value: float) -> str:
    return f"{value:g} s"


def retry_after(value: str | None) -> float | None:
    """The seconds a Retry-After header asks to wait (a number of seconds or an HTTP date), or None."""
    text = (value or "").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def status_reason(status: int, reason: str | None) -> str:
    """'HTTP 404 Not Found' (the standard phrase when the server sends none)."""
    if not reason:
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = ""
    return f"HTTP {status} {reason}".rstrip()


def _is_loopback(host: str) -> bool:
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _proxy_for(url: CheckedUrl) -> tuple[str, int] | None:
    """The proxy from the environment for this URL (never for loopback), as (host, port)."""
    assert url.host is not None
    if _is_loopback(url.host) or proxy_bypass(url.host.strip("[]")):
        return None
    proxy = getproxies().get(url.scheme)
    if not proxy:
        return None
    parts = urlsplit(proxy if "://" in proxy else f"http://{proxy}")
    if not parts.hostname:
        return None
    return parts.hostname, parts.port or 8080


def _connection(url: CheckedUrl, timeouts: Timeouts) -> http.client.HTTPConnection:
    assert url.host is not None and url.port is not None
    host = url.host.strip("[]")
    proxy = _proxy_for(url)
    if url.scheme == "https":
        context = ssl.create_default_context()
        connection: http.client.HTTPConnection
        if proxy:
            connection = http.client.HTTPSConnection(proxy[0], proxy[1], timeout=timeouts.connect, context=context)
            connection.set_tunnel(host, url.port)
        else:
            connection = http.client.HTTPSConnection(host, url.port, timeout=timeouts.connect, context=context)
    elif proxy:
        connection = http.client.HTTPConnection(proxy[0], proxy[1], timeout=timeouts.connect)
    else:
        connection = http.client.HTTPConnection(host, url.port, timeout=timeouts.connect)
    return connection


def _connect(connection: http.client.HTTPConnection, url: CheckedUrl, timeouts: Timeouts) -> None:
    try:
        connection.connect()
    except ssl.SSLCertVerificationError as error:
        raise DownloadError(
            f"the server's certificate is not trusted ({error.verify_message})", retryable=False
        ) from None
    except ssl.SSLError as error:
        raise DownloadError(f"secure connection failed ({error.reason or error})") from None
    except TimeoutError:
        raise DownloadError(f"could not connect within {seconds(timeouts.connect)}") from None
    except socket.gaierror:
        raise DownloadError(f"host not found: {url.host}") from None
    except ConnectionRefusedError:
        raise DownloadError(f"connection refused by {url.host}") from None
    except OSError as error:
        raise DownloadError(f"cannot connect to {url.host} ({error.strerror or error})") from None
    assert connection.sock is not None
    connection.sock.settimeout(timeouts.read)


@dataclass
class OpenResponse:
    """A response whose body is still to be read, with what is needed to abort and close it."""

    connection: http.client.HTTPConnection
    response: http.client.HTTPResponse
    url: CheckedUrl
    sock: socket.socket  # kept: http.client drops connection.sock once the response owns it

    def abort(self) -> None:
        """Make a read blocked in another thread return now (used by cancel)."""
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def close(self) -> None:
        self.response.close()
        self.connection.close()
        self.sock.close()


def _request_once(url: CheckedUrl, headers: dict[str, str], timeouts: Timeouts) -> OpenResponse:
    connection = _connection(url, timeouts)
    try:
        _connect(connection, url, timeouts)
        assert connection.sock is not None
        sock = connection.sock
        # Through a plain-HTTP proxy the request line carries the absolute URL.
        target = url.url if (url.scheme == "http" and _proxy_for(url)) else url.target
        connection.putrequest("GET", target, skip_accept_encoding=True)
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
    except DownloadError:
        connection.close()
        raise
    except TimeoutError:
        connection.close()
        raise DownloadError(f"timed out after {seconds(timeouts.read)} waiting for the server") from None
    except (http.client.HTTPException, OSError) as error:
        connection.close()
        raise DownloadError(f"the server closed the connection ({type(error).__name__})") from None
    return OpenResponse(connection, response, url, sock)


def _check_address(url: CheckedUrl, redirected: bool) -> None:
    """Refuse loopback, link-local and private addresses (see addresses.py), naming the redirect if any."""
    assert url.host is not None and url.port is not None
    try:
        check_host(url.host, url.port, via_proxy=_proxy_for(url) is not None)
    except LocalAddressRefused as refused:
        raise refused.after_redirect() if redirected else refused from None


def open_get(url: CheckedUrl, headers: dict[str, str], timeouts: Timeouts, allow_local: bool = False) -> OpenResponse:
    """GET `url`, following up to 5 redirects that pass the URL policy.

    Unless `allow_local` (the library's own server is on this computer or the local network), the
    URL and every redirect must be a public address. Returns the response (status 2xx or 416, body
    unread) and the final URL; raises DownloadError for anything else. The caller closes it.
    """
    redirected = False
    for _ in range(MAX_REDIRECTS + 1):
        if not allow_local:
            _check_address(url, redirected)
        opened = _request_once(url, headers, timeouts)
        status, reason = opened.response.status, opened.response.reason
        if status in _REDIRECTS:
            location = opened.response.getheader("Location")
            opened.close()
            if not location:
                raise DownloadError(f"{status_reason(status, reason)} without a Location", retryable=False)
            try:
                url = check_url(urljoin(url.url, location))
            except UrlRefused as error:
                raise DownloadError(f"redirected to a refused URL: {error.reason}", retryable=False) from None
            redirected = True
            continue
        if 200 <= status < 300 or status == 416:
            return opened
        wait = retry_after(opened.response.getheader("Retry-After"))
        opened.close()
        raise DownloadError(status_reason(status, reason), retryable=status in _RETRYABLE_STATUS, retry_after=wait)
    raise DownloadError("too many redirects", retryable=False)

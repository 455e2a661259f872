"""A real threaded HTTP server on 127.0.0.1 serving files, with faults the tests switch on and off.

It also answers as an HTTP proxy would (an absolute URL in the request line), so a test can make a
public-looking URL reach it."""

from __future__ import annotations

import hashlib
import re
import socket
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

_RANGE = re.compile(r"^bytes=(\d+)-$")


@dataclass
class Fault:
    """What to do instead of serving a file normally.

    kind: 'status' (answer `status`), 'drop' (close after `after` body bytes),
    'stall' (send `after` bytes, then hang), 'html' (serve an HTML page),
    'body' (serve `body` instead), 'ignore_range' (always 200, whole file),
    'truncated' (a consistent Content-Length, but the file cut short),
    'no_length' (no Content-Length: the body ends when the connection closes),
    'redirect' (302 to `location`), 'ignore_if_range' (a range of the file as it is now, whatever If-Range
    says). `validators=False`: no ETag or Last-Modified. `times`: only the next n requests (None: all).

    Files are served with a strong ETag (their sha256) and a Last-Modified, and a Range request whose
    If-Range names another version gets the whole file (200), as static file servers do.
    """

    kind: str
    status: int = 500
    after: int = 4096
    body: bytes = b""
    location: str = ""
    validators: bool = True
    retry_after: str | None = None  # with 'status': the Retry-After header sent with it
    times: int | None = None


@dataclass(frozen=True)
class SeenRequest:
    path: str
    range: str | None
    user_agent: str | None
    proxied_host: str | None = None  # the host of an absolute URL asked of this server as a proxy


class FileServer:
    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = dict(files)
        self.faults: dict[str, Fault] = {}
        self.requests: list[SeenRequest] = []
        self.release = threading.Event()  # ends stalls
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, name: str) -> str:
        return f"{self.base_url}/files/{name}"

    def start(self) -> FileServer:
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()

    def fault(self, name: str, kind: str, **options) -> None:
        with self._lock:
            self.faults[name] = Fault(kind, **options)

    def clear_faults(self) -> None:
        with self._lock:
            self.faults.clear()

    def ranges_for(self, name: str) -> list[str | None]:
        return [r.range for r in self.requests if r.path == f"/files/{name}"]

    def _take_fault(self, name: str) -> Fault | None:
        with self._lock:
            fault = self.faults.get(name)
            if fault is None:
                return None
            if fault.times is not None:
                fault.times -= 1
                if fault.times <= 0:
                    del self.faults[name]
            return fault

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                proxied_host = None
                if self.path.startswith("http://"):  # asked as a proxy: serve the URL's path
                    parts = urlsplit(self.path)
                    proxied_host, self.path = parts.netloc, parts.path
                server.requests.append(
                    SeenRequest(self.path, self.headers.get("Range"), self.headers.get("User-Agent"), proxied_host)
                )
                name = self.path.removeprefix("/files/")
                if not self.path.startswith("/files/") or name not in server.files:
                    self.send_error(404, "Not Found")
                    return
                body = server.files[name]
                fault = server._take_fault(name)
                kind = fault.kind if fault else None
                if kind == "status" and fault.retry_after is not None:
                    self.send_response(fault.status)
                    self.send_header("Retry-After", fault.retry_after)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if kind == "status":
                    self.send_error(fault.status)
                    return
                if kind == "redirect":
                    self.send_response(302)
                    self.send_header("Location", fault.location)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                content_type = "application/pdf"
                if kind == "html":
                    body, content_type = (
                        b"<!DOCTYPE html><html><body>Please log in</body></html>" * 40,
                        "text/html; charset=utf-8",
                    )
                elif kind == "body":
                    body = fault.body
                elif kind == "truncated":
                    body = body[: len(body) // 2]
                start = 0
                etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
                if_range = self.headers.get("If-Range")
                match = _RANGE.match(self.headers.get("Range") or "")
                if match and if_range is not None and if_range != etag and kind != "ignore_if_range":
                    match = None  # another version than the client has the start of: the whole file
                if match and kind != "ignore_range" and int(match.group(1)) < len(body):
                    start = int(match.group(1))
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
                elif match and kind != "ignore_range":
                    self.send_response(416)
                    self.send_header("Content-Range", f"bytes */{len(body)}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                else:
                    self.send_response(200)
                    self.send_header("Accept-Ranges", "bytes")
                payload = body[start:]
                self.send_header("Content-Type", content_type)
                if fault is None or fault.validators:
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", "Mon, 07 Dec 2026 01:00:00 GMT")
                if kind != "no_length":
                    self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                try:
                    if kind == "drop":
                        self.wfile.write(payload[: fault.after])
                        self.wfile.flush()
                        self.connection.shutdown(socket.SHUT_RDWR)
                        self.close_connection = True
                    elif kind == "stall":
                        self.wfile.write(payload[: fault.after])
                        self.wfile.flush()
                        server.release.wait(10)
                        self.close_connection = True
                    else:
                        self.wfile.write(payload)
                except OSError:
                    pass  # the client gave up

        return Handler

"""Why a download did not produce a cached file."""

from __future__ import annotations


class DownloadError(Exception):
    """A download failed; `reason` is short and readable ("HTTP 404 Not Found").

    `retryable` says whether trying again soon may help (timeouts, dropped
    connections, 5xx) or not (404, not a PDF, sha256 mismatch). `retry_after`: the seconds the server
    asked to wait before trying again (its Retry-After), when it said.
    """

    def __init__(self, reason: str, retryable: bool = True, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable
        self.retry_after = retry_after


class DownloadCancelled(Exception):
    """The caller's cancel event was set; the partial file is kept for a resume."""

"""Plain values the offline service hands to the GUI and the CLI (no behaviour, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from reslib_desktop.store.schema import CacheState, TextState


@dataclass(frozen=True)
class CacheStatus:
    """Counts per cache state, bytes used, the limit, and how far text indexing got."""

    counts: dict[CacheState, int]
    bytes_used: int
    files: int
    limit: int | None
    pinned_bytes: int
    indexing_done: int
    indexing_total: int

    @property
    def cached(self) -> int:
        return self.counts.get(CacheState.CACHED, 0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class AttachmentCacheInfo:
    attachment_id: int
    resource_id: int
    label: str
    state: CacheState
    percent: float | None  # while downloading (or queued with a partial file), when the size is known
    error: str | None
    bytes_done: int | None
    size: int | None
    text_state: TextState
    page_count: int | None
    pinned: bool
    has_url: bool


@dataclass(frozen=True)
class FetchProgress:
    """One update during fetch(); sent from worker threads (a GUI must hop to its own thread)."""

    attachment_id: int
    label: str
    state: CacheState  # downloading, cached, failed or queued (cancelled)
    bytes_done: int
    bytes_total: int | None
    error: str | None
    files_done: int  # finished in this run (cached, failed or skipped)
    files_total: int
    overall_bytes: int  # received in this run, all files

    @property
    def percent(self) -> float | None:
        if not self.bytes_total:
            return None
        return min(100.0, 100.0 * self.bytes_done / self.bytes_total)


@dataclass(frozen=True)
class FetchFailure:
    attachment_id: int
    label: str
    reason: str


@dataclass
class FetchReport:
    requested: int = 0
    cached: list[int] = field(default_factory=list)  # newly cached in this run
    already_cached: list[int] = field(default_factory=list)
    failed: list[FetchFailure] = field(default_factory=list)
    skipped: list[FetchFailure] = field(default_factory=list)  # no URL, or another fetch has it
    cancelled: bool = False
    bytes_downloaded: int = 0
    evicted: EvictReport | None = None

    @property
    def ok(self) -> bool:
        return not self.failed and not self.cancelled


@dataclass
class TemporaryCleanup:
    """Temporary files a killed import left in the cache: removed, or kept because an import is running."""

    removed: int = 0
    removed_bytes: int = 0
    in_use: int = 0

    def __add__(self, other: TemporaryCleanup) -> TemporaryCleanup:
        return TemporaryCleanup(
            self.removed + other.removed, self.removed_bytes + other.removed_bytes, other.in_use
        )


@dataclass
class VerifyReport:
    checked: int = 0
    damaged: list[str] = field(default_factory=list)  # sha256 of files dropped
    missing: list[str] = field(default_factory=list)  # recorded but not on disk
    orphans_removed: int = 0  # files on disk nobody refers to
    adopted: int = 0  # files on disk that an attachment was waiting for
    partials_removed: int = 0
    tidy_skipped: bool = False  # a fetch was running: stray files and partial downloads were left for later
    bytes_checked: int = 0
    temporaries: TemporaryCleanup = field(default_factory=TemporaryCleanup)  # a killed import's leftovers

    @property
    def ok(self) -> bool:
        return not self.damaged and not self.missing


@dataclass
class EvictReport:
    target: int | None
    removed: list[str] = field(default_factory=list)  # sha256
    freed_bytes: int = 0
    remaining_bytes: int = 0
    in_use: int = 0  # files that could not be deleted (open elsewhere)

    @property
    def over_limit(self) -> bool:
        """Still above the target: what is left is pinned, in use or just fetched."""
        return self.target is not None and self.remaining_bytes > self.target


@dataclass(frozen=True)
class CollectionInfo:
    id: int
    name: str
    pinned: bool
    created_at: datetime
    resources: int
    attachments: int
    attachments_cached: int
    local_only: bool = False  # a replica's collection the server does not have (never uploaded)

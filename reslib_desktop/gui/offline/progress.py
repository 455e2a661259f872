"""Plain values the offline controller sends to views: per-file and overall progress, a run's report, texts."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from PySide6.QtCore import QLocale

from reslib_desktop.gui.i18n import QT_TRANSLATE_NOOP, local_number, translate
from reslib_desktop.library import (
    AttachmentCacheInfo,
    CacheState,
    CacheStatus,
    FetchFailure,
    FetchReport,
    IndexReport,
)

SKIPPED = "skipped"  # a file state of the GUI only: no download address, or another download has it

_STATE_LABELS = {
    CacheState.NOT_CACHED.value: QT_TRANSLATE_NOOP("OfflineProgress", "Not downloaded"),
    CacheState.QUEUED.value: QT_TRANSLATE_NOOP("OfflineProgress", "Waiting"),
    CacheState.DOWNLOADING.value: QT_TRANSLATE_NOOP("OfflineProgress", "Downloading"),
    CacheState.CACHED.value: QT_TRANSLATE_NOOP("OfflineProgress", "Available offline"),
    CacheState.FAILED.value: QT_TRANSLATE_NOOP("OfflineProgress", "Failed"),
    SKIPPED: QT_TRANSLATE_NOOP("OfflineProgress", "Skipped"),
}



def state_label(state: str) -> str:
    """A file state as people read it ("Available offline")."""
    return translate("OfflineProgress", _STATE_LABELS.get(state, state))


def format_bytes(count: int) -> str:
    """1234567 -> '1.2 MB' in the user's locale (decimal units)."""
    return QLocale().formattedDataSize(max(0, int(count)), 1, QLocale.DataSizeFormat.DataSizeSIFormat)


@dataclass(frozen=True)
class FileProgress:
    """Where one attachment stands in the current downloads."""

    attachment_id: int
    label: str
    state: str  # a CacheState value, or SKIPPED
    bytes_done: int = 0
    bytes_total: int | None = None
    error: str | None = None
    resource_id: int = 0  # the resource the attachment belongs to (0 if unknown)

    @property
    def percent(self) -> float | None:
        if self.state == CacheState.CACHED:
            return 100.0
        if not self.bytes_total:
            return None
        return min(100.0, 100.0 * self.bytes_done / self.bytes_total)

    @property
    def finished(self) -> bool:
        return self.state in (CacheState.CACHED, CacheState.FAILED, SKIPPED)


@dataclass(frozen=True)
class BatchProgress:
    """Overall progress of the running downloads plus the files that just changed."""

    label: str
    files_done: int  # cached, failed or skipped
    files_total: int
    files_failed: int
    bytes_done: int
    bytes_total: int | None  # None while some sizes are unknown
    fraction: float  # 0..1, counting the part of files in flight
    running: bool
    changed: tuple[FileProgress, ...] = ()
    files_offline: int = 0  # cached

    def summary(self) -> str:
        """'7 of 20 files offline, 12.3 MB' (with ' of 40 MB' when every size is known, and ' · 2 failed')."""
        text = translate("OfflineProgress", "%1 of %2 files offline, %3").replace(
            "%1", local_number(self.files_offline)
        )
        text = text.replace("%2", local_number(self.files_total))
        size = format_bytes(self.bytes_done)
        if self.bytes_total:
            size = (
                translate("OfflineProgress", "%1 of %2")
                .replace("%1", size)
                .replace("%2", format_bytes(self.bytes_total))
            )
        text = text.replace("%3", size)
        if self.files_failed:
            text += " · " + translate("OfflineProgress", "%1 failed").replace("%1", local_number(self.files_failed))
        return text


@dataclass
class RunReport:
    """What one run of work (downloads, then text indexing) did; sent with `finished`."""

    label: str
    requested: int = 0
    cached: list[int] = field(default_factory=list)  # newly downloaded
    already_cached: list[int] = field(default_factory=list)
    failed: list[FetchFailure] = field(default_factory=list)
    skipped: list[FetchFailure] = field(default_factory=list)
    cancelled: bool = False
    bytes_downloaded: int = 0
    indexed: list[int] = field(default_factory=list)
    index_failed: int = 0
    errors: list[str] = field(default_factory=list)  # unexpected errors of the workers

    @property
    def ok(self) -> bool:
        return not self.failed and not self.cancelled and not self.errors

    @property
    def failed_ids(self) -> list[int]:
        """Attachments whose download failed in this run (what "Retry" fetches again)."""
        return list(dict.fromkeys(failure.attachment_id for failure in self.failed))

    def merge_fetch(self, report: FetchReport) -> None:
        self.cached += report.cached
        self.already_cached += report.already_cached
        self.failed += report.failed
        self.skipped += report.skipped
        self.cancelled = self.cancelled or report.cancelled
        self.bytes_downloaded += report.bytes_downloaded

    def merge_index(self, report: IndexReport) -> None:
        self.indexed += report.indexed + report.no_text
        self.index_failed += len(report.failed)
        self.cancelled = self.cancelled or report.cancelled


def status_text(status: CacheStatus) -> str:
    """'12 of 40 attachments offline · indexing 3 of 40' for a status bar (indexing only while unfinished)."""
    text = (
        translate("OfflineProgress", "%1 of %2 attachments offline")
        .replace("%1", local_number(status.cached))
        .replace("%2", local_number(status.total))
    )
    if status.indexing_done < status.indexing_total:
        indexing = translate("OfflineProgress", "indexing %1 of %2").replace("%1", local_number(status.indexing_done))
        text += " · " + indexing.replace("%2", local_number(status.indexing_total))
    return text


def batch_progress(label: str, files: list[FileProgress], running: bool,
                   changed: tuple[FileProgress, ...] = ()) -> BatchProgress:
    """Totals over a run's files (one pass).

    `fraction` is the part of the files that could be fetched (skipped ones left out) that is offline,
    counting the downloaded part of files in flight: failed files keep the bar short of full.
    """
    done = failed = skipped = offline = bytes_done = bytes_total = 0
    sizes_known = True
    fraction = 0.0
    cached, failed_state = CacheState.CACHED.value, CacheState.FAILED.value
    for f in files:
        state = f.state
        if state in (cached, failed_state, SKIPPED):
            done += 1
            fraction += state == cached  # a failed file is not offline: the bar never fills for it
            offline += state == cached
            failed += state == failed_state
            skipped += state == SKIPPED
        elif f.bytes_total:
            fraction += min(1.0, f.bytes_done / f.bytes_total)
        if state != SKIPPED:
            bytes_done += f.bytes_done
            if f.bytes_total:
                bytes_total += f.bytes_total
            else:
                sizes_known = False
    return BatchProgress(
        label=label,
        files_done=done,
        files_total=len(files),
        files_failed=failed,
        bytes_done=bytes_done,
        bytes_total=bytes_total if sizes_known and bytes_total else None,
        fraction=fraction / (len(files) - skipped) if len(files) > skipped else 0.0,
        running=running,
        changed=changed,
        files_offline=offline,
    )


def first_entry(info: AttachmentCacheInfo, no_address: str) -> FileProgress:
    """A requested file's entry before any fetch: cached already, skipped (no address, reason
    `no_address`) or queued with the bytes an earlier run left."""
    ident = info.attachment_id
    if info.state == CacheState.CACHED:
        return FileProgress(ident, info.label, CacheState.CACHED.value, info.size or 0, info.size, None,
                            info.resource_id)
    if not info.has_url:
        return FileProgress(ident, info.label, SKIPPED, 0, info.size, no_address, info.resource_id)
    return FileProgress(ident, info.label, CacheState.QUEUED.value, info.bytes_done or 0, info.size, None,
                        info.resource_id)


def final_entry(old: FileProgress, report: FetchReport, gone: str) -> FileProgress:
    """A file's state once its fetch returned."""
    ident = old.attachment_id
    if ident in report.cached or ident in report.already_cached:
        size = old.bytes_total or old.bytes_done
        return replace(old, state=CacheState.CACHED.value, bytes_done=size, bytes_total=size, error=None)
    for failure in report.failed:
        return replace(old, state=CacheState.FAILED.value, error=failure.reason)
    for skipped in report.skipped:
        return replace(old, state=SKIPPED, error=skipped.reason)
    if report.cancelled:
        return replace(old, state=CacheState.QUEUED.value, error=None)
    return replace(old, state=SKIPPED, error=gone)


MAX_NAMED = 5  # files named in an outcome; the rest are counted


def _named(entries: list[FileProgress]) -> str:
    names = [f"{entry.label} ({entry.error})" if entry.error else entry.label for entry in entries[:MAX_NAMED]]
    text = "; ".join(names)
    if len(entries) > MAX_NAMED:
        text += " " + translate("OfflineProgress", "and %1 more (see the list)").replace(
            "%1", local_number(len(entries) - MAX_NAMED)
        )
    return text


def outcome_text(report: RunReport, files: list[FileProgress], named: bool = True) -> str:
    """What a finished run left, in one line a trainer reads before leaving:
    'Collection “Kit”: 5 of 7 offline, 2 failed: Form A (HTTP 404 Not Found); Form B (HTTP 500 …)'
    (without the names and reasons unless `named`)."""
    if report.cancelled:
        return translate("OfflineProgress", "Cancelled: %1").replace("%1", report.label)
    offline = [f for f in files if f.state == CacheState.CACHED.value]
    failed = [f for f in files if f.state == CacheState.FAILED.value]
    skipped = [f for f in files if f.state == SKIPPED]
    text = translate("OfflineProgress", "%1: %2 of %3 offline").replace("%1", report.label)
    text = text.replace("%2", local_number(len(offline))).replace("%3", local_number(len(files)))
    if failed:
        text += ", " + (
            translate("OfflineProgress", "%1 failed: %2") if named else translate("OfflineProgress", "%1 failed")
        ).replace("%1", local_number(len(failed)))
        text = text.replace("%2", _named(failed))
    if skipped:
        text += ", " + (
            translate("OfflineProgress", "%1 skipped: %2") if named else translate("OfflineProgress", "%1 skipped")
        ).replace("%1", local_number(len(skipped)))
        text = text.replace("%2", _named(skipped))
    if report.errors and named:
        text += ", " + translate("OfflineProgress", "something went wrong: %1").replace("%1", report.errors[-1])
    return text

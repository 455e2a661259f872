"""The cache as a whole: fetch with progress, offline use, verify, LRU eviction with pins, restart repair."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select, update

from reslib_desktop.library import Library, SearchQuery, parse_query
from reslib_desktop.offline import locks
from reslib_desktop.offline.collections import CollectionError
from reslib_desktop.offline.errors import DownloadError
from reslib_desktop.offline.models import FetchProgress
from reslib_desktop.offline.service import OfflineService
from reslib_desktop.store.schema import Attachment, CachedFile, CacheState

from .conftest import (
    IRS,
    SCANNED,
    TRIVIAL,
    WORD_IN_PDF,
    WORD_PAGE,
    attachment_id,
    build_library,
    files_in_cache,
)
from .http_fixture import FileServer


def test_fetch_everything_with_progress_then_work_with_the_server_stopped(
    service: OfflineService, server: FileServer, library: Library, pdf_bytes: dict[str, bytes]
) -> None:
    updates: list[FetchProgress] = []
    report = service.fetch(service.all_attachments(), progress=updates.append, concurrency=2)
    assert len(report.cached) == 4 and report.ok
    assert report.bytes_downloaded == sum(len(pdf_bytes[name]) for name in (IRS, SCANNED, TRIVIAL, "invalid.pdf"))
    final = [u for u in updates if u.state == CacheState.CACHED]
    assert len(final) == 4 and max(u.files_done for u in updates) == 4
    assert all(u.files_total == 4 for u in updates)
    assert updates[-1].overall_bytes == report.bytes_downloaded
    assert service.index_pending().indexed

    server.stop()
    for ident in service.all_attachments():
        path = service.local_path(ident)
        assert path is not None and path.is_file()
    found = library.search(SearchQuery(text=parse_query(WORD_IN_PDF)))
    assert [row.title for row in found.rows] == ["Tax instructions for nonresidents"]
    resource = found.rows[0].id
    matches = service.page_matches(resource, parse_query(WORD_IN_PDF).match)
    assert [(m.label, m.page) for m in matches] == [("Form 1040NR instructions", WORD_PAGE)]
    assert f"[{WORD_IN_PDF}]" in matches[0].snippet
    # a second fetch finds everything cached and makes no request
    assert len(service.fetch(service.all_attachments()).already_cached) == 4


def test_status_counts_bytes_and_indexing(service: OfflineService, pdf_bytes: dict[str, bytes]) -> None:
    before = service.status()
    assert before.counts[CacheState.NOT_CACHED] == 4 and before.bytes_used == 0 and before.limit is None
    service.fetch([attachment_id(service, "Trivial"), attachment_id(service, "1040NR")])
    status = service.status()
    assert status.cached == 2 and status.files == 2
    assert status.bytes_used == len(pdf_bytes[TRIVIAL]) + len(pdf_bytes[IRS])
    assert (status.indexing_done, status.indexing_total) == (0, 2)
    service.index_pending()
    assert service.indexing_status() == (2, 2)


def test_local_path_marks_use_and_heals_a_missing_file(service: OfflineService) -> None:
    ident = attachment_id(service, "Trivial")
    assert service.local_path(ident) is None
    service.fetch([ident])
    path = service.local_path(ident)
    with service.library.engine.connect() as connection:
        assert connection.scalar(select(CachedFile.last_opened_at)) is not None
    path.unlink()
    assert service.local_path(ident) is None
    assert service.state_of([ident])[ident].state == CacheState.NOT_CACHED


def test_verify_drops_a_corrupted_file(service: OfflineService, server: FileServer) -> None:
    irs, trivial = attachment_id(service, "1040NR"), attachment_id(service, "Trivial")
    service.fetch([irs, trivial])
    damaged = service.local_path(irs)
    damaged.write_bytes(damaged.read_bytes()[:-10] + b"0123456789")
    stray = service.cache_dir / "files" / ("ab" * 32)[:2] / ("ab" * 32)
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"nobody's file")
    report = service.verify()
    assert report.checked == 2 and report.damaged == [damaged.name] and report.orphans_removed == 1
    assert not damaged.exists() and not stray.exists()
    info = service.state_of([irs])[irs]
    assert info.state == CacheState.FAILED and "damaged" in (info.error or "")
    assert service.local_path(trivial) is not None
    assert service.fetch([irs]).cached == [irs]  # and it downloads again
    assert service.verify().ok


def test_verify_while_a_download_runs_leaves_unrecorded_files_for_later(
    service: OfflineService, server: FileServer, pdf_bytes: dict[str, bytes]
) -> None:
    irs = attachment_id(service, "1040NR")
    service.settings = replace(service.settings, read_timeout=60)
    server.fault(IRS, "stall", after=100_000)
    fetching = threading.Thread(target=lambda: service.fetch([irs]))
    fetching.start()
    deadline = time.monotonic() + 5
    while service.cache.partial_size(irs) < 100_000 and time.monotonic() < deadline:
        time.sleep(0.01)
    just_saved = service.cache_dir / "files" / "ab" / ("ab" * 32)  # as a fetch's file is before it is recorded
    just_saved.parent.mkdir(parents=True, exist_ok=True)
    just_saved.write_bytes(b"a file a download has just put in place")
    os.utime(just_saved, (time.time() - 60, time.time() - 60))
    report = service.verify()
    assert report.tidy_skipped and report.orphans_removed == 0
    assert just_saved.exists() and service.cache.partial_size(irs) == 100_000
    server.clear_faults()
    server.release.set()
    fetching.join(10)
    report = service.verify()  # nothing running now: a file nobody records is a stray
    assert not report.tidy_skipped and report.orphans_removed == 1 and not just_saved.exists()
    assert service.local_path(irs).read_bytes() == pdf_bytes[IRS]


def test_lru_eviction_never_evicts_pinned_files(service: OfflineService, pdf_bytes: dict[str, bytes]) -> None:
    irs, scanned, trivial = (attachment_id(service, part) for part in ("1040NR", "Scanned", "Trivial"))
    service.create_collection("Kit")
    service.add_to_collection("Kit", [service.state_of([irs])[irs].resource_id])
    queued = service.set_collection_pinned("Kit", True)
    assert queued == [irs] and service.state_of([irs])[irs].state == CacheState.QUEUED
    service.fetch(queued)
    service.fetch([scanned])
    service.fetch([trivial])
    service.local_path(scanned)  # scanned is now more recently used than trivial
    assert service.status().pinned_bytes == len(pdf_bytes[IRS])
    assert service.state_of([irs])[irs].pinned

    report = service.evict(to_bytes=len(pdf_bytes[SCANNED]) + len(pdf_bytes[IRS]))
    assert [service_sha for service_sha in report.removed] == [hashlib.sha256(pdf_bytes[TRIVIAL]).hexdigest()]
    assert service.local_path(trivial) is None and service.local_path(scanned) is not None

    report = service.evict(to_bytes=0)
    assert report.over_limit and report.remaining_bytes == len(pdf_bytes[IRS])
    assert service.local_path(irs) is not None  # pinned: kept

    assert service.clear().remaining_bytes == len(pdf_bytes[IRS])
    assert service.local_path(irs) is not None
    service.set_collection_pinned("Kit", False)
    assert service.evict(to_bytes=0).removed and service.local_path(irs) is None
    assert files_in_cache(service.cache_dir) == []


def test_the_limit_is_persisted_and_applied_after_a_fetch(service: OfflineService, pdf_bytes: dict[str, bytes]) -> None:
    trivial, scanned, irs = (attachment_id(service, part) for part in ("Trivial", "Scanned", "1040NR"))
    service.set_limit(len(pdf_bytes[IRS]) + len(pdf_bytes[TRIVIAL]))
    restarted = OfflineService(service.library, service.cache_dir, service.settings)
    assert restarted.limit() == len(pdf_bytes[IRS]) + len(pdf_bytes[TRIVIAL])
    restarted.fetch([scanned, trivial])
    restarted.local_path(trivial)  # used: the scanned page is now the least recently used
    report = restarted.fetch([irs])  # over the limit: the least recently used other file goes
    assert report.evicted is not None and not report.evicted.over_limit
    states = restarted.state_of([trivial, scanned, irs])
    assert [states[i].state for i in (trivial, scanned, irs)] == [
        CacheState.CACHED,
        CacheState.NOT_CACHED,
        CacheState.CACHED,
    ]
    restarted.set_limit(None)
    assert restarted.status().limit is None


def test_a_fetch_that_alone_exceeds_the_limit_gives_up_no_other_offline_file(
    service: OfflineService, pdf_bytes: dict[str, bytes]
) -> None:
    trivial, scanned, irs = (attachment_id(service, part) for part in ("Trivial", "Scanned", "1040NR"))
    service.fetch([trivial, scanned])
    service.set_limit(len(pdf_bytes[IRS]) - 1)  # room for the others, not for the IRS file
    report = service.fetch([irs])
    assert report.cached == [irs]
    assert report.evicted is not None and report.evicted.over_limit and not report.evicted.removed
    assert service.local_path(trivial) is not None and service.local_path(scanned) is not None


def test_clear_include_pinned_removes_everything(service: OfflineService) -> None:
    irs = attachment_id(service, "1040NR")
    service.create_collection("Kit")
    service.add_to_collection("Kit", [service.state_of([irs])[irs].resource_id])
    service.fetch(service.set_collection_pinned("Kit", True) + service.all_attachments())
    report = service.clear(include_pinned=True)
    assert len(report.removed) == 4 and report.remaining_bytes == 0
    assert files_in_cache(service.cache_dir) == []
    assert service.status().counts[CacheState.NOT_CACHED] == 4


def test_a_crash_while_downloading_is_repaired_on_open(service: OfflineService, server: FileServer) -> None:
    ident = attachment_id(service, "1040NR")
    with service.library.engine.begin() as connection:
        connection.execute(update(Attachment).where(Attachment.id == ident).values(cache_state=CacheState.DOWNLOADING))
    with locks.shared(service.cache.lock_path):  # someone else is downloading: leave it alone
        OfflineService(service.library, service.cache_dir, service.settings)
        assert service.state_of([ident])[ident].state == CacheState.DOWNLOADING
    restarted = OfflineService(service.library, service.cache_dir, service.settings)
    assert restarted.state_of([ident])[ident].state == CacheState.QUEUED
    assert restarted.fetch(restarted.attachments_in_state(CacheState.QUEUED)).cached == [ident]


def test_a_file_deleted_behind_our_back_is_noticed_on_open(service: OfflineService) -> None:
    ident = attachment_id(service, "Trivial")
    service.fetch([ident])
    for path in files_in_cache(service.cache_dir):
        path.unlink()
    restarted = OfflineService(service.library, service.cache_dir, service.settings)
    assert restarted.state_of([ident])[ident].state == CacheState.NOT_CACHED
    assert restarted.status().files == 0


def test_attachments_without_a_url_are_skipped(tmp_path: Path, settings) -> None:
    library = build_library(tmp_path / "nourl.db", [("Only a label", [("Brief (PDF)", None)])])
    service = OfflineService(library, tmp_path / "cache", settings)
    report = service.fetch(service.all_attachments())
    assert [f.reason for f in report.skipped] == ["no download address"] and report.ok
    assert service.status().counts[CacheState.NOT_CACHED] == 1
    library.close()


def test_add_local_file(service: OfflineService, tmp_path: Path, pdf_bytes: dict[str, bytes]) -> None:
    ident = attachment_id(service, "Scanned")
    html = tmp_path / "page.pdf"
    html.write_bytes(b"<html>not a pdf</html>")
    with pytest.raises(DownloadError, match="not a PDF"):
        service.add_local_file(ident, html)
    assert not service.cache.partial_path(ident).exists()
    service.add_local_file(ident, Path(__file__).parents[2] / "data" / "pdfs" / TRIVIAL)
    assert service.local_path(ident).read_bytes() == pdf_bytes[TRIVIAL]


def test_attachments_sharing_a_file_share_one_cached_copy(tmp_path: Path, server: FileServer, settings) -> None:
    library = build_library(
        tmp_path / "twins.db",
        [("One", [("Copy (PDF)", server.url(IRS))]), ("Two", [("Same file (PDF)", server.url(IRS))])],
    )
    service = OfflineService(library, tmp_path / "cache", settings)
    first, second = service.all_attachments()
    service.fetch([first, second], concurrency=1)
    assert len(files_in_cache(service.cache_dir)) == 1
    assert service.local_path(first) == service.local_path(second)
    report = service.index_pending()
    assert sorted(report.indexed) == [first, second] and report.pages == 100
    found = library.search(SearchQuery(text=parse_query(WORD_IN_PDF)))
    assert found.total == 2
    library.close()


def test_a_fresh_download_repairs_a_damaged_copy_of_the_same_file(
    tmp_path: Path, server: FileServer, settings, pdf_bytes: dict[str, bytes]
) -> None:
    library = build_library(
        tmp_path / "twins.db",
        [("One", [("Copy (PDF)", server.url(IRS))]), ("Two", [("Same file (PDF)", server.url(IRS))])],
    )
    service = OfflineService(library, tmp_path / "cache", settings)
    first, second = service.all_attachments()
    service.fetch([first])
    cached = service.local_path(first)
    assert cached is not None
    damaged = bytearray(cached.read_bytes())
    damaged[5000:5008] = b"XXXXXXXX"  # the disk flipped a few bytes: same size, other content
    cached.write_bytes(bytes(damaged))
    assert service.fetch([second]).cached == [second]
    assert service.local_path(second) == cached
    assert cached.read_bytes() == pdf_bytes[IRS]  # the verified download took its place
    library.close()


def test_collections_are_ordered_and_named_uniquely(service: OfflineService) -> None:
    resources = [info.resource_id for info in service.state_of(service.all_attachments()).values()]
    service.create_collection("  Training   kit ")
    with pytest.raises(CollectionError, match="already exists"):
        service.create_collection("Training kit")
    assert service.add_to_collection("Training kit", [*resources, 99999]) == []
    assert service.collection_resource_ids("Training kit") == resources
    service.move_in_collection("Training kit", resources[3], 0)
    assert service.collection_resource_ids("Training kit") == [resources[3], *resources[:3]]
    service.remove_from_collection("Training kit", [resources[0]])
    assert service.collection_resource_ids("Training kit") == [resources[3], resources[1], resources[2]]
    service.rename_collection("Training kit", "Kit A")
    service.create_collection("Kit B")
    infos = service.collections()
    assert [(c.name, c.resources, c.attachments, c.attachments_cached) for c in infos] == [
        ("Kit A", 3, 3, 0),
        ("Kit B", 0, 0, 0),
    ]
    assert service.attachments_of_collection("Kit A") == service.attachments_for(
        service.collection_resource_ids("Kit A")
    )
    service.delete_collection("Kit A")
    with pytest.raises(CollectionError, match="no collection"):
        service.collection_resource_ids("Kit A")


def test_adding_to_a_kept_offline_collection_queues_and_pins(service: OfflineService) -> None:
    irs, trivial = attachment_id(service, "1040NR"), attachment_id(service, "Trivial")
    service.fetch([trivial])
    service.create_collection("Kit")
    assert service.set_collection_pinned("Kit", True) == []
    resource_of = {i: service.state_of([i])[i].resource_id for i in (irs, trivial)}
    assert service.add_to_collection("Kit", [resource_of[irs], resource_of[trivial]]) == [irs]
    assert service.state_of([trivial])[trivial].pinned
    service.remove_from_collection("Kit", [resource_of[trivial]])
    assert not service.state_of([trivial])[trivial].pinned


def test_the_viewer_page_is_remembered(service: OfflineService) -> None:
    ident = attachment_id(service, "1040NR")
    assert service.last_page(ident) is None
    service.set_last_page(ident, 9)
    assert OfflineService(service.library, service.cache_dir).last_page(ident) == 9


def test_forget_drops_the_file_so_the_next_fetch_starts_afresh(
    service: OfflineService, server: FileServer, pdf_bytes: dict[str, bytes]
) -> None:
    ident = attachment_id(service, "Broken")
    service.fetch([ident])
    assert service.local_path(ident) is not None
    server.files["invalid.pdf"] = pdf_bytes[TRIVIAL]  # the publisher fixed the file
    service.forget(ident)
    info = service.state_of([ident])[ident]
    assert (info.state, info.size, info.error) == (CacheState.NOT_CACHED, None, None)
    assert files_in_cache(service.cache_dir) == []
    assert service.fetch([ident]).cached == [ident]
    assert service.local_path(ident).read_bytes() == pdf_bytes[TRIVIAL]


def test_temporary_files_of_a_running_import_are_kept_and_a_killed_ones_removed(
    service: OfflineService, tmp_path: Path
) -> None:
    """Only our own temporary names, and only when no import holds the cache's lock."""
    from reslib_desktop.ingest.cache_files import temporary_for, writing

    cache = service.cache_dir
    sha = hashlib.sha256(b"an import's file").hexdigest()
    not_ours = [cache / "files" / sha[:2] / ".notes.tmp", cache / "files" / sha[:2] / f".{sha}.tmp"]
    with writing(cache):
        running = temporary_for(cache, sha)
        running.write_bytes(b"x" * 5000)
        for path in not_ours:
            path.write_bytes(b"someone else's")
        reopened = OfflineService(service.library, cache, service.settings)
        assert running.exists()
        report = reopened.verify()
        assert (report.temporaries.removed, report.temporaries.in_use) == (0, 1) and running.exists()
    # the import was killed here: its lock is gone, its file is not
    reopened = OfflineService(service.library, cache, service.settings)
    assert not running.exists() and all(path.exists() for path in not_ours)
    report = reopened.verify()
    assert (report.temporaries.removed, report.temporaries.removed_bytes, report.temporaries.in_use) == (1, 5000, 0)

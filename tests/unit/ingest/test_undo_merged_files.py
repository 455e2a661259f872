"""Undoing a merge import puts the library and the offline cache back exactly as they were before it."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from reslib_desktop.ingest.service import DuplicatePolicy, ImportService
from reslib_desktop.offline.service import OfflineService
from unit.ingest.helpers import library_dump
from unit.ingest.test_merge_attachments import import_folder, opened_files, titled_pdf


def _cache_state(service: ImportService, cache_dir: Path) -> tuple[list[str], list[tuple], int]:
    """The files on disk, the cached_files rows, and the file count `cache status` shows."""
    on_disk = sorted(str(p.relative_to(cache_dir)) for p in (cache_dir / "files").rglob("*") if p.is_file())
    with closing(sqlite3.connect(service.library.path)) as connection:
        rows = connection.execute("SELECT sha256, path, size, pinned FROM cached_files ORDER BY sha256").fetchall()
    return on_disk, rows, OfflineService(service.library, cache_dir).status().files


@pytest.mark.parametrize("incoming_name", ["report-v2.pdf", "report.pdf"])
def test_undoing_a_merge_import_removes_the_file_it_brought_into_the_cache(
    service: ImportService, tmp_path: Path, cache_dir: Path, incoming_name: str
) -> None:
    first = titled_pdf(tmp_path / "m1" / "report.pdf", "first edition")
    titled_pdf(tmp_path / "m3" / incoming_name, "second edition")
    import_folder(service, first.parent)
    library_before, cache_before = library_dump(service.library.path), _cache_state(service, cache_dir)
    assert cache_before[2] == 1
    merged = import_folder(service, tmp_path / "m3", DuplicatePolicy.MERGE)
    assert merged.merged == 1 and _cache_state(service, cache_dir)[2] == 2
    undone = service.undo(merged.batch_id)
    assert library_dump(service.library.path) == library_before
    assert _cache_state(service, cache_dir) == cache_before
    assert opened_files(service, cache_dir) == [("report.pdf", first.read_bytes())]
    assert len(undone.files_removed) == 1

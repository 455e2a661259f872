"""Applying an import as one batch, undoing exactly that batch, duplicates merged or dismissed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from reslib_desktop.ingest.service import (
    DuplicatePolicy,
    ImportCancelled,
    ImportOptions,
    ImportRefused,
    ImportService,
    UndoRefused,
)
from reslib_desktop.library import Library, SearchQuery, parse_query
from reslib_desktop.offline.service import OfflineService
from reslib_desktop.store.schema import Attachment, CachedFile, CacheState, Resource
from unit.ingest.helpers import IRS_PDF, PDFS, integrity, library_dump, write


def _json(tmp_path: Path, records: list[dict], name: str) -> Path:
    return write(tmp_path / name, json.dumps(records, indent=1))


def _import(service: ImportService, path: Path, **options):
    return service.apply(service.preview([path], ImportOptions(**options)))


def _titles(library: Library, words: str = "") -> list[str]:
    return sorted(row.title for row in library.search(SearchQuery(text=parse_query(words)), 0, 1000).rows)


BASE = [
    {"uid": "plan", "title": "Housing Plan", "description": "Where to live.", "topics": ["Housing"],
     "attachments": [{"label": "Plan (PDF)", "url": "https://example.org/plan.pdf"}]},
    {"uid": "jobs", "title": "Jobs Guide", "date": "2021", "description": "Finding work."},
]


def test_an_applied_import_is_a_recorded_batch(service: ImportService, tmp_path: Path) -> None:
    result = _import(service, _json(tmp_path, BASE, "base.json"))
    assert (result.added, result.updated) == (2, 0)
    [batch] = service.history()
    assert (batch.id, batch.added, batch.format, batch.undone_at) == (result.batch_id, 2, "json", None)
    assert batch.source.endswith("base.json") and batch.finished_at is not None
    assert _titles(service.library, "housing") == ["Housing Plan"]
    with service.library.engine.connect() as connection:
        assert set(connection.execute(select(Resource.import_batch_id)).scalars()) == {result.batch_id}


def test_a_preview_with_errors_is_refused_and_nothing_changes(service: ImportService, tmp_path: Path) -> None:
    _import(service, _json(tmp_path, BASE, "base.json"))
    before = library_dump(service.library.path)
    preview = service.preview([_json(tmp_path, [{"title": "New"}, {"title": 5}], "bad.json")])
    with pytest.raises(ImportRefused) as refused:
        service.apply(preview)
    assert str(refused.value.problems[0]).startswith("bad.json:5 (item 2): error:")
    assert library_dump(service.library.path) == before and len(service.history()) == 1


def test_undo_removes_added_and_restores_updated_exactly(service: ImportService, tmp_path: Path) -> None:
    _import(service, _json(tmp_path, BASE, "base.json"))
    before = library_dump(service.library.path)
    changed = [BASE[0] | {"title": "Housing Plan 2", "topics": ["Shelter"], "attachments": []}, {"title": "Brand New"}]
    result = _import(service, _json(tmp_path, changed, "change.json"))
    assert (result.added, result.updated) == (1, 1)
    assert _titles(service.library) == ["Brand New", "Housing Plan 2", "Jobs Guide"]
    undone = service.undo(result.batch_id)
    assert (undone.removed, undone.restored) == (1, 1)
    assert library_dump(service.library.path) == before
    assert _titles(service.library, "shelter") == [] and _titles(service.library, "housing") == ["Housing Plan"]
    assert integrity(service.library.path) == []
    assert service.history()[0].undone_at is not None


def test_undo_twice_or_of_an_unknown_batch_is_refused(service: ImportService, tmp_path: Path) -> None:
    result = _import(service, _json(tmp_path, BASE, "base.json"))
    service.undo(result.batch_id)
    with pytest.raises(UndoRefused, match="already undone"):
        service.undo(result.batch_id)
    with pytest.raises(UndoRefused, match="no import batch 99"):
        service.undo(99)


def test_undo_is_refused_while_a_later_batch_changed_the_same_resources(service: ImportService, tmp_path: Path) -> None:
    first = _import(service, _json(tmp_path, BASE, "base.json"))
    second = _import(service, _json(tmp_path, [BASE[1] | {"description": "Finding better work."}], "later.json"))
    with pytest.raises(UndoRefused) as refused:
        service.undo(first.batch_id)
    assert f"batch {second.batch_id} later changed 1 of its resources" in str(refused.value)
    assert '"Jobs Guide"' in str(refused.value) and f"undo batch {second.batch_id} first" in str(refused.value)
    assert service.undo_blockers(first.batch_id) == refused.value.reasons
    service.undo(second.batch_id)
    service.undo(first.batch_id)
    assert service.library.info().counts["resources"] == 0


def test_undo_is_refused_when_a_resource_was_edited_after_the_import(service: ImportService, tmp_path: Path) -> None:
    result = _import(service, _json(tmp_path, BASE, "base.json"))
    with service.library.engine.begin() as connection:  # what an edit in the metadata editor records
        connection.execute(
            update(Resource).where(Resource.uid == "jobs").values(updated_at=text("'2999-01-01 00:00:00'"))
        )
    with pytest.raises(UndoRefused, match=r'edited after it \("Jobs Guide"\)'):
        service.undo(result.batch_id)


def test_an_update_keeps_the_cached_file_and_page_text_of_attachments_it_still_lists(
    service: ImportService, tmp_path: Path, cache_dir: Path
) -> None:
    records = [{"uid": "irs", "title": "Instructions", "attachments": [{"label": "Instructions (PDF)", "url": "https://example.org/i.pdf"}]}]
    _import(service, _json(tmp_path, records, "a.json"))
    offline = OfflineService(service.library, cache_dir)
    [attachment_id] = offline.all_attachments()
    offline.add_local_file(attachment_id, IRS_PDF)
    offline.index_pending()
    assert _titles(service.library, "nonresident") == ["Instructions"]
    result = _import(service, _json(tmp_path, [records[0] | {"description": "Now with a description."}], "b.json"))
    assert offline.all_attachments() == [attachment_id]
    assert offline.state_of([attachment_id])[attachment_id].state == CacheState.CACHED
    assert _titles(service.library, "nonresident") == ["Instructions"]
    service.undo(result.batch_id)
    assert _titles(service.library, "nonresident") == ["Instructions"] and integrity(service.library.path) == []


def test_cancel_changes_nothing(service: ImportService, tmp_path: Path) -> None:
    _import(service, _json(tmp_path, BASE, "base.json"))
    before = library_dump(service.library.path)
    many = [{"title": f"Record {n}", "date": str(1990 + n % 30)} for n in range(5000)]
    preview = service.preview([_json(tmp_path, many, "many.json")])
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))

    with pytest.raises(ImportCancelled):
        service.apply(preview, progress=progress, cancel=lambda: len(seen) >= 1)
    assert seen == [(2000, 5000)]
    assert library_dump(service.library.path) == before and len(service.history()) == 1


def test_progress_reaches_the_total(service: ImportService, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    preview = service.preview([_json(tmp_path, [{"title": f"R {n}"} for n in range(4500)], "r.json")])
    service.apply(preview, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(2000, 4500), (4000, 4500), (4500, 4500)]


def test_a_folder_of_pdfs_puts_each_file_in_the_cache(service: ImportService, tmp_path: Path, cache_dir: Path) -> None:
    folder = tmp_path / "incoming"
    folder.mkdir()
    shutil.copy(IRS_PDF, folder / "irs.pdf")
    shutil.copy(PDFS / "trivial.pdf", folder / "trivial.pdf")
    result = _import(service, folder)
    assert result.added == 2
    with service.library.engine.connect() as connection:
        rows = connection.execute(
            select(Attachment.sha256, Attachment.cache_state, Attachment.size, Attachment.filename)
        ).all()
        cached = dict(connection.execute(select(CachedFile.sha256, CachedFile.path)).all())
    for sha256, state, size, filename in rows:
        assert state == CacheState.CACHED and cached[sha256] == f"files/{sha256[:2]}/{sha256}"
        stored = cache_dir / cached[sha256]
        assert stored.stat().st_size == size == (folder / filename).stat().st_size
    assert not list(cache_dir.rglob("*.tmp"))
    offline = OfflineService(service.library, cache_dir)
    assert all(offline.local_path(a) is not None for a in offline.all_attachments())
    again = service.preview([folder])
    assert [i.action.value for i in again.items] == ["unchanged", "unchanged"]
    service.undo(result.batch_id)
    assert not any(p.is_file() for p in (cache_dir / "files").rglob("*"))


def test_policy_skip_leaves_duplicates_out(service: ImportService, tmp_path: Path) -> None:
    _import(service, _json(tmp_path, BASE, "base.json"))
    result = _import(
        service,
        _json(tmp_path, [{"title": "Jobs guide", "date": "June 2021"}], "d.json"),
        on_duplicate=DuplicatePolicy.SKIP,
    )
    assert (result.added, result.skipped) == (0, 1)
    assert _titles(service.library) == ["Housing Plan", "Jobs Guide"]


def test_policy_merge_folds_the_duplicate_into_the_library_resource(service: ImportService, tmp_path: Path) -> None:
    _import(service, _json(tmp_path, BASE, "base.json"))
    before = library_dump(service.library.path)
    dup = [{"title": "Jobs guide", "date": "June 2021", "topics": ["Employment"], "description": "Finding work."}]
    result = _import(service, _json(tmp_path, dup, "d.json"), on_duplicate=DuplicatePolicy.MERGE)
    assert (result.added, result.updated, result.merged) == (0, 1, 1)
    jobs = next(r for r in library_dump(service.library.path) if r["uid"] == "jobs")
    assert jobs["topics"] == ["Employment"] and jobs["published_text"] == "June 2021"
    service.undo(result.batch_id)
    assert library_dump(service.library.path) == before


def test_kept_duplicates_are_flagged_then_merged_or_dismissed(service: ImportService, tmp_path: Path) -> None:
    _import(service, _json(tmp_path, BASE, "base.json"))
    dups = [{"title": "Jobs guide", "date": "June 2021", "topics": ["Employment"],
             "attachments": [{"label": "Jobs (PDF)", "url": "https://example.org/jobs.pdf"}]},
            {"title": "Housing plan", "description": "Another."}]
    result = _import(service, _json(tmp_path, dups, "d.json"))
    assert result.flagged == 2
    flagged = {d.title: d for d in service.possible_duplicates()}
    assert {t: d.duplicate_of_uid for t, d in flagged.items()} == {"Jobs guide": "jobs", "Housing plan": "plan"}
    assert flagged["Jobs guide"].duplicate_of_title == "Jobs Guide"
    assert service.dismiss(flagged["Housing plan"].uid) and not service.dismiss(flagged["Housing plan"].uid)
    before_merge = library_dump(service.library.path)
    merge_batch = service.merge("jobs", flagged["Jobs guide"].uid)
    after = {r["uid"]: r for r in library_dump(service.library.path)}
    assert flagged["Jobs guide"].uid not in after
    assert after["jobs"]["topics"] == ["Employment"]
    assert [a[1] for a in after["jobs"]["attachments"]] == ["Jobs"]
    assert [d.title for d in service.possible_duplicates()] == []
    service.undo(merge_batch)
    assert library_dump(service.library.path) == before_merge
    assert integrity(service.library.path) == []


def test_apply_matches_again_when_the_library_changed_since_the_preview(service: ImportService, tmp_path: Path) -> None:
    path = _json(tmp_path, BASE, "base.json")
    stale = service.preview([path])
    _import(service, path)
    result = service.apply(stale)
    assert (result.added, result.unchanged) == (0, 2)


def _in_the_file_alone(library: Library, tmp_path: Path, sql: str) -> list[tuple]:
    """Query `library.db` itself, copied without its -wal as a user, a backup or a sync tool copies it."""
    import sqlite3

    copy = tmp_path / f"copy-{len(list(tmp_path.glob('copy-*')))}.db"
    shutil.copyfile(library.path, copy)
    connection = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_every_write_the_window_makes_is_in_the_library_file_when_it_returns(
    service: ImportService, tmp_path: Path
) -> None:
    """In WAL mode a commit first lands in library.db-wal: each write path must reach the file itself."""
    from dataclasses import replace

    from reslib_desktop.ingest.editing import EditService
    from reslib_desktop.saved_searches_store import LibraryUserState, SearchState

    library = service.library
    reader = library.engine.connect()  # a search in progress elsewhere (an older snapshot) does not hold it back
    reader.execute(text("SELECT count(*) FROM resources")).scalar()
    first = _import(service, _json(tmp_path, BASE, "base.json")).batch_id
    reader.close()
    assert _in_the_file_alone(library, tmp_path, "SELECT id FROM import_batches") == [(first,)]
    ids = {uid: ident for ident, uid in _in_the_file_alone(library, tmp_path, "SELECT id, uid FROM resources")}
    edits = EditService(library)
    edits.save(ids["plan"], replace(edits.load(ids["plan"]), title="Housing Plan 2"))
    assert ("Housing Plan 2",) in _in_the_file_alone(library, tmp_path, "SELECT title FROM resources")
    deleted = edits.delete([ids["jobs"]])
    assert _in_the_file_alone(library, tmp_path, "SELECT uid FROM resources") == [("plan",)]
    service.undo(deleted)
    assert len(_in_the_file_alone(library, tmp_path, "SELECT uid FROM resources")) == 2
    offline = OfflineService(library, tmp_path / "cache")
    offline.create_collection("Kit")
    offline.add_to_collection("Kit", [ids["plan"], ids["jobs"]])
    offline.remove_from_collection("Kit", [ids["plan"]])
    assert _in_the_file_alone(library, tmp_path, "SELECT resource_id FROM collection_items") == [(ids["jobs"],)]
    offline.set_collection_pinned("Kit", True)
    assert _in_the_file_alone(library, tmp_path, "SELECT pinned FROM collections") == [(1,)]
    [attachment] = offline.attachments_for([ids["plan"]])
    offline.set_last_page(attachment, 7)
    assert _in_the_file_alone(library, tmp_path, "SELECT last_page FROM attachments") == [(7,)]
    state = LibraryUserState(library)
    state.save_search("housing", SearchState(text="housing"))
    state.mark_viewed(ids["plan"], "Housing Plan 2")
    assert _in_the_file_alone(library, tmp_path, "SELECT name FROM saved_searches") == [("housing",)]
    assert _in_the_file_alone(library, tmp_path, "SELECT id FROM resources WHERE last_viewed_at IS NOT NULL") == [
        (ids["plan"],)
    ]

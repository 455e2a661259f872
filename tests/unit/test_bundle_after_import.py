"""After a bundle import: the text of its PDFs is searchable at once, and undoing it reverts its collection."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from reslib_desktop.bundle import export_bundle, import_bundle
from reslib_desktop.cli import main
from reslib_desktop.ingest.service import ImportService
from reslib_desktop.ingest.undo import undo_batch
from reslib_desktop.library import Library, SearchQuery
from reslib_desktop.offline.service import OfflineService
from unit.ingest.helpers import PDFS, library_dump

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "resources.db"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def source(tmp_path: Path) -> tuple[Path, Path]:
    """The shipped library plus a folder of real PDFs (one with text, one scanned), cached."""
    db, cache = tmp_path / "source.db", tmp_path / "source-cache"
    shutil.copy(SHIPPED, db)
    folder = tmp_path / "pdfs"
    folder.mkdir()
    for name in ("irs-i1040nr-instructions.pdf", "c02-22.pdf"):
        shutil.copy(PDFS / name, folder / name)
    with Library.open(db) as library:
        service = ImportService(library, cache)
        service.apply(service.preview([folder]))
    return db, cache


def _ids(library: Library) -> list[int]:
    return [row.id for row in library.search(SearchQuery(), 0, 100_000).rows]


@pytest.fixture
def bundle(source: tuple[Path, Path], tmp_path: Path) -> Path:
    db, cache = source
    with Library.open(db) as library:
        return export_bundle(library, cache, tmp_path / "library.zip", _ids(library)).path


# --- the text of the PDFs ---------------------------------------------------------------------------


def test_words_inside_the_bundled_pdfs_are_found_right_after_the_import(
    bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = ["--db", str(tmp_path / "target.db"), "--cache-dir", str(tmp_path / "target-cache")]
    code, out, err = _run(capsys, *target, "bundle", "import", str(bundle))
    assert code == 0, err
    assert "indexed the text of 1 attachments (50 pages), 1 without text (scanned)" in out
    assert "Indexing text" in err  # progress, as `cache fetch` shows it
    code, out, err = _run(capsys, *target, "search", "withholding")  # only inside the IRS PDF
    assert code == 0, err
    assert "1 resource" in out and "2007 Instruction 1040-NR" in out
    code, out, _ = _run(capsys, *target, "cache", "status")
    assert "text:     2 of 2 cached attachments indexed" in out


def test_the_json_report_says_what_was_indexed_and_stays_one_document(
    bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = ["--db", str(tmp_path / "target.db"), "--cache-dir", str(tmp_path / "target-cache")]
    code, out, err = _run(capsys, *target, "bundle", "import", "--json", str(bundle))
    assert code == 0, err
    report = json.loads(out)
    assert report["files_added"] == 2
    assert report["indexed"] == {"attachments": 1, "pages": 50, "without_text": 1, "unreadable": 0}


# --- undoing the collection ---------------------------------------------------------------------------


def _collections(db: Path) -> dict[str, list[str]]:
    """Each collection's members (uids) in their order."""
    with closing(sqlite3.connect(db)) as connection:
        found: dict[str, list[str]] = {
            name: [] for (name,) in connection.execute("SELECT name FROM collections ORDER BY name")
        }
        for name, uid in connection.execute(
            "SELECT c.name, r.uid FROM collection_items i JOIN collections c ON c.id = i.collection_id "
            "JOIN resources r ON r.id = i.resource_id ORDER BY c.name, i.position"
        ):
            found[name].append(uid)
    return found


def _uids(db: Path, count: int, offset: int = 0) -> list[str]:
    """Uids of resources of the shipped library (the first `count` after `offset`, by uid)."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as connection:
        return [uid for (uid,) in connection.execute(
            "SELECT uid FROM resources ORDER BY uid LIMIT ? OFFSET ?", (count, offset)
        )]


@pytest.fixture
def kit(source: tuple[Path, Path], tmp_path: Path) -> Path:
    """A bundle of the "Training kit" collection: two resources of the shipped library and the IRS PDF's."""
    db, cache = source
    with Library.open(db) as library:
        offline = OfflineService(library, cache)
        offline.create_collection("Training kit")
        ids = [_id_of(db, uid) for uid in _uids(SHIPPED, 2)]
        irs = [i for i in _ids(library) if library.resource(i).title == "2007 Instruction 1040-NR"]
        offline.add_to_collection("Training kit", [*ids, *irs])
        members = offline.collection_resource_ids("Training kit")
        return export_bundle(library, cache, tmp_path / "kit.zip", members, collection="Training kit").path


def _import_kit(kit: Path, target: Path, cache: Path) -> int:
    with Library.open(target) as library:
        done = import_bundle(library, cache, kit)
        assert done.result is not None
        return done.result.batch_id


def test_undoing_a_bundle_import_removes_the_collection_it_created(kit: Path, tmp_path: Path) -> None:
    target, cache = tmp_path / "target.db", tmp_path / "target-cache"
    shutil.copy(SHIPPED, target)  # the kit's two shipped resources are here already: only the PDF's is new
    before = (library_dump(target), _collections(target))
    batch = _import_kit(kit, target, cache)
    assert len(_collections(target)["Training kit"]) == 3
    with Library.open(target) as library:
        ImportService(library, cache).undo(batch)
    assert (library_dump(target), _collections(target)) == before


def test_undoing_it_takes_out_only_the_members_it_added_to_an_existing_collection(kit: Path, tmp_path: Path) -> None:
    target, cache = tmp_path / "target.db", tmp_path / "target-cache"
    shutil.copy(SHIPPED, target)
    mine = _uids(SHIPPED, 2, offset=1)  # the first of them is in the kit too
    with Library.open(target) as library:
        offline = OfflineService(library, cache)
        offline.create_collection("Training kit")
        offline.add_to_collection("Training kit", [_id_of(target, uid) for uid in mine])
    before = _collections(target)
    batch = _import_kit(kit, target, cache)
    assert len(_collections(target)["Training kit"]) == 4
    with Library.open(target) as library:
        ImportService(library, cache).undo(batch)
    assert _collections(target) == before == {"Training kit": mine}


def _id_of(db: Path, uid: str) -> int:
    with closing(sqlite3.connect(db)) as connection:
        return connection.execute("SELECT id FROM resources WHERE uid = ?", (uid,)).fetchone()[0]


def test_the_import_batch_records_what_it_did_to_the_collection_so_it_can_be_reverted(
    kit: Path, tmp_path: Path
) -> None:
    """What the undo hook runs, run beside today's undo: the collection the bundle created goes, exactly."""
    from reslib_desktop.bundle.collections import undo_collection_changes

    target, cache = tmp_path / "target.db", tmp_path / "target-cache"
    shutil.copy(SHIPPED, target)
    before = (library_dump(target), _collections(target))
    batch = _import_kit(kit, target, cache)
    with Library.open(target) as library:
        undo_batch(library.engine, batch, cache)
        with library.engine.begin() as connection:
            undo_collection_changes(connection, batch)
    assert (library_dump(target), _collections(target)) == before

"""The import writer (ingest/apply.py) writes exactly the rows main's writer wrote (apply_reference.py): the same
imports, applied once through each into two libraries at the same clock, leave every table identical, ids,
texts, flags and times included."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from reslib_desktop.ingest import batches
from reslib_desktop.ingest.service import DuplicatePolicy, ImportOptions, ImportService
from reslib_desktop.library import Library
from unit.ingest import apply_reference
from unit.ingest.helpers import IMPORT_DATA, PDFS, REPO, write
from unit.ingest.test_bulk_indexes import _every_row, _records

ASSETS = REPO / "assets" / "library"
SHARED = next((p for p in (REPO.parent / "shared" / "data", Path("/work/shared/data")) if p.exists()), REPO)
CLOCK = datetime(2026, 12, 1, 9, 30, 15, 123456)


def _changed(records: list[dict]) -> list[dict]:
    """Updates of some generated records: new titles, attachments dropped, added and relabelled, topics moved."""
    out = []
    for n, record in enumerate(records):
        if n % 3 == 0:
            continue
        changed = dict(record)
        if n % 3 == 1:
            changed["title"] = f"{record['title'] or 'Untitled'} (revised)"
            suffix = ("docx", "html?q=2", "csv")[n // 3 % 3]
            annex = {"label": "Annex", "url": f"https://example.org/annex/{n}.{suffix}"}
            changed["attachments"] = [*record["attachments"][1:], annex]
            changed["topics"] = ["Legal aid", *record["topics"]]
        else:
            changed["attachments"] = [dict(a, label=a["label"].upper()) for a in record["attachments"]]
            changed["audience"] = []
        out.append(changed)
    return out


def _paged(records: list[dict], prefix: str | None) -> list[dict]:
    """The records with a resource page each, under uids with `prefix` (None: no uid, found by the page)."""
    return [
        dict(record, uid=f"{prefix}-{n}" if prefix else None, source=f"https://example.org/resource/{n}",
             description=f"{record['description']} ({prefix or 'again'})")
        for n, record in enumerate(records)
    ]


def _valid_pdfs(tmp_path: Path) -> Path:
    folder = tmp_path / "pdfs"
    if not folder.exists():
        folder.mkdir()
        for pdf in [*PDFS.glob("*.pdf"), *(SHARED / "pdfs").glob("*.pdf")]:
            if pdf.name != "invalid.pdf" and not (folder / pdf.name).exists():
                shutil.copy(pdf, folder / pdf.name)
    return folder


def _imports(tmp_path: Path) -> list[tuple[list[Path], ImportOptions, DuplicatePolicy | None]]:
    generated = _records(260, "gen")
    inputs: list[tuple[list[Path], ImportOptions, DuplicatePolicy | None]] = [
        ([ASSETS / "otip_records.json"], ImportOptions(), None),
        ([IMPORT_DATA / "listing.html", IMPORT_DATA / "resource.html"], ImportOptions(), DuplicatePolicy.KEEP),
        ([_valid_pdfs(tmp_path)], ImportOptions(format="pdf-folder"), None),
        ([write(tmp_path / "gen.json", json.dumps(generated))], ImportOptions(), None),
        ([write(tmp_path / "changed.json", json.dumps(_changed(generated)))], ImportOptions(), DuplicatePolicy.MERGE),
        # Updates found by their page, not their uid: they take the library's uid.
        ([write(tmp_path / "pages.json", json.dumps(_paged(generated[:40], "p")))], ImportOptions(), None),
        ([write(tmp_path / "pages2.json", json.dumps(_paged(generated[:30], None)))], ImportOptions(), None),
        ([ASSETS / "otip_enriched.json"], ImportOptions(on_duplicate=DuplicatePolicy.MERGE), None),
        ([ASSETS / "resource-library-type-report.txt"], ImportOptions(), DuplicatePolicy.SKIP),
    ]
    if (SHARED / "otip_records.json").exists():
        inputs.append(([SHARED / "otip_records.json"], ImportOptions(), DuplicatePolicy.KEEP))
    return inputs


def _run(tmp_path: Path, name: str) -> dict[str, list[tuple]]:
    path = tmp_path / f"{name}.db"
    with Library.open(path, create=True) as library:
        service = ImportService(library, tmp_path / f"{name}-cache")
        for paths, options, policy in _imports(tmp_path):
            service.apply(service.preview(paths, options), policy)
    return _every_row(path)


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batches, "utcnow", lambda: CLOCK)
    monkeypatch.setattr(batches, "current_user", lambda: "tester")


def _with_reference_writer(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    monkeypatch.setattr(batches, "apply_records", apply_reference.apply_records)
    monkeypatch.setattr(batches, "bulk_insert", apply_reference.bulk_insert)
    return monkeypatch.undo


def test_every_table_is_as_main_wrote_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    restore = _with_reference_writer(monkeypatch)
    expected = _run(tmp_path, "reference")
    restore()
    monkeypatch.setattr(batches, "utcnow", lambda: CLOCK)
    monkeypatch.setattr(batches, "current_user", lambda: "tester")
    assert batches.apply_records is not apply_reference.apply_records
    actual = _run(tmp_path, "actual")
    assert expected["resources"] and expected["attachments"] and expected["import_changes"]
    mimes = {value for row in expected["attachments"] for value in row if isinstance(value, str) and "/" in value
             and not value.startswith("http")}
    assert {"application/pdf", "text/csv", "text/html"} <= mimes
    for table in expected:
        assert actual[table] == expected[table], table
    assert actual.keys() == expected.keys()


def test_applying_leaves_the_previews_records_as_they_were(tmp_path: Path) -> None:
    with Library.open(tmp_path / "library.db", create=True) as library:
        service = ImportService(library, tmp_path / "cache")
        for paths, options, policy in _imports(tmp_path):
            preview = service.preview(paths, options)
            records = copy.deepcopy([item.record for item in preview.items])
            service.apply(preview, policy)
            assert [item.record for item in preview.items] == records

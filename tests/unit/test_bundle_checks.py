"""Bundles from other versions of the app, and bundles that leave files out: what the user is told and what
the receiving library keeps."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import zipfile
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from reslib_desktop.cli import main
from unit.ingest.helpers import IRS_PDF, PDFS, library_dump

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "resources.db"
PDF_NAMES = ("irs-i1040nr-instructions.pdf", "trivial.pdf")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _cli(db: Path, cache: Path, *argv: str) -> list[str]:
    return ["--db", str(db), "--cache-dir", str(cache), *argv]


@pytest.fixture
def source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """The shipped library plus a folder of two real PDFs (no URL: imported from a folder), both cached."""
    db, cache = tmp_path / "source.db", tmp_path / "source-cache"
    shutil.copy(SHIPPED, db)
    folder = tmp_path / "pdfs"
    folder.mkdir()
    for name in PDF_NAMES:
        shutil.copy(PDFS / name, folder / name)
    code, _, err = _run(capsys, *_cli(db, cache, "import", str(folder)))
    assert code == 0, err
    return db, cache


@pytest.fixture
def bundle(source: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, _, err = _run(capsys, *_cli(*source, "bundle", "export", str(tmp_path / "library.zip")))
    assert code == 0, err
    return tmp_path / "library.zip"


def _remade(bundle: Path, out: Path, manifest: dict, record: Callable[[dict], None] = lambda _r: None) -> Path:
    """A copy of the bundle with manifest fields replaced and each record of library.json changed; the
    manifest's hashes are made right again (as another version of the app would have written them)."""
    with zipfile.ZipFile(bundle) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    records = json.loads(entries["library.json"])
    for each in records:
        record(each)
    entries["library.json"] = json.dumps(records).encode()
    document = json.loads(entries.pop("manifest.json"))
    document.update(manifest)
    document["files"]["library.json"] = {
        "sha256": hashlib.sha256(entries["library.json"]).hexdigest(), "size": len(entries["library.json"])
    }
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("manifest.json", json.dumps(document))
        for name, data in entries.items():
            archive.writestr(name, data)
    return out


def _rated(record: dict) -> None:
    record["rating"] = 5
    record["reviewed_by"] = "alice"


def test_a_bundle_of_a_newer_library_format_is_refused_saying_which_app_made_it(
    bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    newer = _remade(
        bundle, tmp_path / "newer.zip", {"schema_revision": "0015_ratings_and_reviews", "app_version": "3.0.0"}, _rated
    )
    target, cache = tmp_path / "target.db", tmp_path / "target-cache"
    shutil.copy(SHIPPED, target)
    before = library_dump(target)
    code, out, err = _run(capsys, *_cli(target, cache, "bundle", "import", str(newer)))
    assert code == 1 and out == ""
    assert "refused newer.zip: made by reslib-desktop 3.0.0 with a newer library format" in err
    assert "0015_ratings_and_reviews" in err and "update the app" in err and "nothing was changed" in err
    assert library_dump(target) == before and not cache.exists()


def test_a_bundle_of_an_older_library_format_this_version_knows_is_imported(
    bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    older = _remade(bundle, tmp_path / "older.zip", {"schema_revision": "0001_baseline", "app_version": "0.0.9"})
    target = tmp_path / "target.db"
    code, out, err = _run(capsys, *_cli(target, tmp_path / "target-cache", "bundle", "import", str(older)))
    assert code == 0, err
    assert "applied as batch 1: 59 added" in out and "2 files added to the offline cache" in out


def test_fields_this_version_does_not_know_are_named_as_warnings(
    bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A newer app with the same library format: imported, and the user sees what was left out and why."""
    newer_app = _remade(bundle, tmp_path / "newer-app.zip", {"app_version": "99.0.0"}, _rated)
    code, out, err = _run(capsys, *_cli(tmp_path / "t.db", tmp_path / "t-cache", "bundle", "import", str(newer_app)))
    assert code == 0, err
    assert "applied as batch 1: 59 added" in out
    assert 'warning: unknown field "rating" ignored' in err and 'warning: unknown field "reviewed_by" ignored' in err
    assert "made by reslib-desktop 99.0.0, newer than this version" in err


def test_a_manifest_whose_schema_revision_is_not_text_is_refused(
    bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    odd = _remade(bundle, tmp_path / "odd.zip", {"schema_revision": 15})
    code, _, err = _run(capsys, *_cli(tmp_path / "t.db", tmp_path / "t-cache", "bundle", "import", str(odd)))
    assert code == 1 and 'manifest.json: "schema_revision" must be text' in err
    assert not (tmp_path / "t.db").exists() or library_dump(tmp_path / "t.db") == []


# --- files left out -------------------------------------------------------------------------------


def _with_known_remote_file(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A resource whose attachment has a URL and a known sha256 (downloaded once, not cached now)."""
    sha = hashlib.sha256(b"a remote report").hexdigest()
    record = {"uid": "remote-1", "title": "Remote report", "description": "Online.", "type": "report",
              "attachments": [{"label": "Remote report (PDF)", "url": "https://example.org/r.pdf", "sha256": sha}]}
    (tmp_path / "remote.json").write_text(json.dumps([record]), encoding="utf-8")
    code, _, err = _run(capsys, "--db", str(db), "import", str(tmp_path / "remote.json"))
    assert code == 0, err


def _attachment_files(db: Path) -> dict[str, tuple[str | None, int | None]]:
    with closing(sqlite3.connect(db)) as connection:
        return {
            label: (sha256, size)
            for label, sha256, size in connection.execute("SELECT label, sha256, size FROM attachments")
            if label in PDF_NAMES
        }


def test_an_export_names_the_attachments_whose_files_it_leaves_out_and_those_never_fetchable(
    source: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, cache = source
    _with_known_remote_file(db, tmp_path, capsys)
    assert _run(capsys, *_cli(db, cache, "cache", "clear"))[0] == 0  # e.g. evicted to stay within the limit
    code, out, err = _run(capsys, *_cli(db, cache, "bundle", "export", str(tmp_path / "kit.zip")))
    assert code == 0 and "60 resources, 0 files" in out
    assert "the files of 3 attachments are not in the bundle" in err
    never = err.split("have no URL: whoever imports the bundle can never fetch them:")[1].split("can be downloaded")[0]
    assert '"2007 Instruction 1040-NR", irs-i1040nr-instructions.pdf' in never
    assert '"trivial", trivial.pdf' in never and "Remote report" not in never
    assert '1 of them can be downloaded from their URL after the import:\n  "Remote report", Remote report' in err


def test_an_export_with_every_file_cached_warns_of_nothing(
    bundle: Path, capsys: pytest.CaptureFixture[str], source: tuple[Path, Path], tmp_path: Path
) -> None:
    code, _, err = _run(capsys, *_cli(*source, "bundle", "export", str(tmp_path / "again.zip")))
    assert code == 0 and err == ""


def test_the_receiver_keeps_the_sha256_and_size_of_files_the_bundle_does_not_hold(
    source: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """So a later import of the same PDFs (or a download) is checked against them and joins them."""
    db, cache = source
    assert _run(capsys, *_cli(db, cache, "cache", "clear"))[0] == 0
    assert _run(capsys, *_cli(db, cache, "bundle", "export", str(tmp_path / "kit.zip")))[0] == 0
    target, target_cache = tmp_path / "target.db", tmp_path / "target-cache"
    code, out, err = _run(capsys, *_cli(target, target_cache, "bundle", "import", str(tmp_path / "kit.zip")))
    assert code == 0 and "0 files added to the offline cache" in out, err
    sent = _attachment_files(db)
    assert sent["irs-i1040nr-instructions.pdf"] == (
        hashlib.sha256(IRS_PDF.read_bytes()).hexdigest(), IRS_PDF.stat().st_size
    )
    assert _attachment_files(target) == sent

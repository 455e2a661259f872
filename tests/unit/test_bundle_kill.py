"""A bundle import killed (SIGKILL) at the worst moments: the cache never keeps a file the library does not
record, and never misses one it records, once the cache is next opened."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from reslib_desktop.bundle import export_bundle
from reslib_desktop.ingest.service import ImportService
from reslib_desktop.library import Library, SearchQuery
from reslib_desktop.offline.service import OfflineService
from unit.ingest.helpers import KILLED_WHILE_RENAMING, PDFS, files_on_disk, library_dump, recorded_files

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "resources.db"
NAMES = ("irs-i1040nr-instructions.pdf", "c02-22.pdf", "multipage.pdf", "trivial.pdf")

pytestmark = [pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)"), pytest.mark.slow]

# Runs the real command; the process kills itself with SIGKILL at the last moment of the import's transaction,
# before its commit (after everything was written, the collection included).
KILLED_BEFORE_THE_COMMIT = """
import os, signal, sys
import reslib_desktop.bundle.reader as reader

real_apply = reader.apply_import

def apply_import(*args, **kwargs):
    then = kwargs.get("on_applied")

    def on_applied(connection):
        if then is not None:
            then(connection)
        os.kill(os.getpid(), signal.SIGKILL)

    kwargs["on_applied"] = on_applied
    return real_apply(*args, **kwargs)

reader.apply_import = apply_import
sys.argv = ["reslib", *sys.argv[1:]]
from reslib_desktop.cli import run_and_exit
run_and_exit()
"""



@pytest.fixture
def kit(tmp_path: Path) -> Path:
    """A bundle of the shipped library and four real PDFs (cached), as a collection."""
    db, cache = tmp_path / "source.db", tmp_path / "source-cache"
    shutil.copy(SHIPPED, db)
    folder = tmp_path / "pdfs"
    folder.mkdir()
    for name in NAMES:
        shutil.copy(PDFS / name, folder / name)
    with Library.open(db) as library:
        service = ImportService(library, cache)
        service.apply(service.preview([folder]))
        ids = [row.id for row in library.search(SearchQuery(), 0, 100_000).rows]
        return export_bundle(library, cache, tmp_path / "kit.zip", ids, collection="Training kit").path


def _cli(db: Path, cache: Path, *argv: str) -> list[str]:
    return [sys.executable, "-m", "reslib_desktop.cli", "--db", str(db), "--cache-dir", str(cache), *argv]


def _status(db: Path, cache: Path) -> dict:
    done = subprocess.run(
        _cli(db, cache, "cache", "status", "--json"), cwd=REPO, env=dict(os.environ), capture_output=True,
        text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _killed(tmp_path: Path, driver: str, *argv: str) -> None:
    script = tmp_path / "driver.py"
    script.write_text(driver)
    process = subprocess.run(
        [sys.executable, str(script), *argv], cwd=REPO, env=dict(os.environ), capture_output=True, text=True,
        timeout=300, check=False,
    )
    assert process.returncode == -signal.SIGKILL, process.stderr


def test_a_bundle_import_killed_before_its_commit_leaves_no_file_in_the_cache(kit: Path, tmp_path: Path) -> None:
    db, cache = tmp_path / "library.db", tmp_path / "cache"
    shutil.copy(SHIPPED, db)
    before = library_dump(db)
    _killed(tmp_path, KILLED_BEFORE_THE_COMMIT, "--db", str(db), "--cache-dir", str(cache), "bundle", "import",
            str(kit))
    assert files_on_disk(cache) and all(name.endswith(".tmp") for name in files_on_disk(cache))  # only temporaries
    status = _status(db, cache)  # opening the cache removes a killed import's temporaries
    assert files_on_disk(cache) == recorded_files(db) == [] and status["files"] == 0
    assert library_dump(db) == before


def test_a_bundle_import_killed_while_renaming_its_files_into_place_keeps_every_pdf(
    kit: Path, tmp_path: Path
) -> None:
    db, cache = tmp_path / "library.db", tmp_path / "cache"
    shutil.copy(SHIPPED, db)
    _killed(tmp_path, KILLED_WHILE_RENAMING, str(cache), "2", "--db", str(db), "--cache-dir", str(cache), "bundle",
            "import", str(kit))
    status = _status(db, cache)  # opening the cache finishes what the kill interrupted
    assert files_on_disk(cache) == recorded_files(db) and status["files"] == len(NAMES)
    assert status["counts"]["cached"] == len(NAMES)
    with Library.open(db) as library:
        offline = OfflineService(library, cache)
        paths = [offline.local_path(attachment_id) for attachment_id in offline.all_attachments()]
        opened = sorted(path.read_bytes() for path in paths if path is not None)
        assert len(offline.collection_resource_ids("Training kit")) == library.resource_count()
    assert opened == sorted((PDFS / name).read_bytes() for name in NAMES)

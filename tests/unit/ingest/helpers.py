"""Helpers for the import/export tests: paths of test data, library dumps, checks."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

from reslib_desktop.library import Library

REPO = Path(__file__).resolve().parents[3]
IMPORT_DATA = REPO / "tests" / "data" / "import"
PDFS = REPO / "tests" / "data" / "pdfs"
IRS_PDF = PDFS / "irs-i1040nr-instructions.pdf"


def sha256_of(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def library_dump(path: Path) -> list[dict]:
    """Everything a user sees of each resource, by uid (ids and times left out)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        resources = []
        rows = connection.execute(
            "SELECT id, uid, title, title_derived, subtitle, description, published, published_precision, "
            "published_text, published_sort, resource_type, source_url, language, duplicate_of_uid "
            "FROM resources ORDER BY uid"
        ).fetchall()
        for row in rows:
            resource_id = row[0]
            topics = sorted(n for (n,) in connection.execute(
                "SELECT t.name FROM resource_topics rt JOIN topics t ON t.id = rt.topic_id WHERE rt.resource_id = ?",
                (resource_id,)))
            audiences = sorted(n for (n,) in connection.execute(
                "SELECT a.name FROM resource_audiences ra JOIN audiences a ON a.id = ra.audience_id "
                "WHERE ra.resource_id = ?", (resource_id,)))
            attachments = connection.execute(
                "SELECT position, label, url, mime FROM attachments WHERE resource_id = ? ORDER BY position, id",
                (resource_id,)).fetchall()
            keys = ("uid", "title", "title_derived", "subtitle", "description", "published", "precision",
                    "published_text", "published_sort", "type", "source", "language", "duplicate_of")
            resources.append({**dict(zip(keys, row[1:])), "topics": topics, "audiences": audiences,
                              "attachments": [tuple(a) for a in attachments]})
        return resources
    finally:
        connection.close()


def integrity(path: Path) -> list[str]:
    """PRAGMA integrity_check and the FTS index's own check (empty when healthy)."""
    with Library.open(path) as library:
        return library.check()



def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# Runs the real command with os.replace wrapped: once the import has renamed `KEEP` of its cached files into
# place, the process kills itself with SIGKILL (a crash at that very moment).
KILLED_WHILE_RENAMING = """
import os, signal, sys
from pathlib import Path

files, keep = (Path(sys.argv[1]) / "files").resolve(), int(sys.argv[2])
real_replace, renamed = os.replace, []

def replace(source, target, *args, **kwargs):
    source = Path(source)
    if source.name.endswith(".tmp") and source.resolve().is_relative_to(files):
        if len(renamed) == keep:
            os.kill(os.getpid(), signal.SIGKILL)
        renamed.append(source)
    return real_replace(source, target, *args, **kwargs)

os.replace = replace
sys.argv = ["reslib", *sys.argv[3:]]
from reslib_desktop.cli import run_and_exit
run_and_exit()
"""


def files_on_disk(cache: Path) -> list[str]:
    """Every file under the cache's files/ folder, temporary ones included."""
    folder = cache / "files"
    return sorted(str(p.relative_to(cache)) for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def recorded_files(db: Path) -> list[str]:
    """The cache paths the library records (cached_files rows)."""
    with closing(sqlite3.connect(db)) as connection:
        return sorted(path for (path,) in connection.execute("SELECT path FROM cached_files"))

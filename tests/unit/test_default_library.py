"""The shipped resources.db is what `build_default_library` makes from assets/library/."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic.script import ScriptDirectory

import reslib_desktop.store.database as database
from reslib_desktop.ingest.default_library import build_default_library

Row = tuple[object, ...]


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _dump(path: Path) -> dict[str, list[Row]]:
    """Everything a user sees of each resource (ordered by uid), the library facts and the schema revision."""
    connection = _read_only(path)
    try:
        resources: list[Row] = []
        for row in connection.execute(
            "SELECT id, uid, title, title_derived, subtitle, description, published, published_precision, "
            "published_text, resource_type, source_url FROM resources ORDER BY uid"
        ):
            resource_id, fields = row[0], row[1:]
            topics = [t for (t,) in connection.execute(
                "SELECT t.name FROM resource_topics rt JOIN topics t ON t.id = rt.topic_id "
                "WHERE rt.resource_id = ? ORDER BY t.name", (resource_id,))]
            audiences = [a for (a,) in connection.execute(
                "SELECT a.name FROM resource_audiences ra JOIN audiences a ON a.id = ra.audience_id "
                "WHERE ra.resource_id = ? ORDER BY a.name", (resource_id,))]
            attachments = connection.execute(
                "SELECT label, url FROM attachments WHERE resource_id = ? ORDER BY position", (resource_id,)
            ).fetchall()
            resources.append((*fields, topics, audiences, attachments))
        meta = connection.execute("SELECT key, value FROM library_meta ORDER BY key").fetchall()
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    finally:
        connection.close()
    return {"resources": resources, "meta": meta, "revision": revision}


def test_rebuilt_default_library_matches_the_committed_one(tmp_path: Path, assets: Path, repo_root: Path) -> None:
    report = build_default_library(assets, tmp_path / "rebuilt.db")
    assert report.warnings == []
    rebuilt, committed = _dump(report.path), _dump(repo_root / "resources.db")
    assert len(committed["resources"]) == report.resources == 48
    assert rebuilt["revision"] == committed["revision"] == [(database.HEAD_REVISION,)]
    assert rebuilt["meta"] == committed["meta"]
    for new, old in zip(rebuilt["resources"], committed["resources"], strict=True):
        assert new == old


def test_known_revisions_match_the_migration_scripts() -> None:
    scripts = ScriptDirectory(str(Path(database.__file__).parent / "migrations"))
    oldest_first = [script.revision for script in reversed(list(scripts.walk_revisions()))]
    assert list(database.KNOWN_REVISIONS) == oldest_first
    assert database.HEAD_REVISION == scripts.get_current_head()

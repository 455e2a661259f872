"""The shipped resources.db is what `build_default_library` makes from assets/library/."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from reslib_desktop.ingest.curation import curate_items
from reslib_desktop.ingest.default_library import build_default_library
from reslib_desktop.ingest.problems import ImportFormatError
from reslib_desktop.store import database
from reslib_desktop.vocabulary import TYPE_LABELS, canonical_type

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
    # 58 records of otip_enriched.json, items 27 and 28 curated into one memorandum (curation.json).
    assert report.records_read == len(committed["resources"]) == report.resources == 57
    assert rebuilt["revision"] == committed["revision"] == [(database.HEAD_REVISION,)]
    assert rebuilt["meta"] == committed["meta"]
    for new, old in zip(rebuilt["resources"], committed["resources"], strict=True):
        assert new == old


def test_known_revisions_match_the_migration_scripts() -> None:
    scripts = ScriptDirectory(str(Path(database.__file__).parent / "migrations"))
    oldest_first = [script.revision for script in reversed(list(scripts.walk_revisions()))]
    assert list(database.KNOWN_REVISIONS) == oldest_first
    assert scripts.get_current_head() == database.HEAD_REVISION


def _enriched(assets: Path) -> list[dict]:
    return json.loads((assets / "otip_enriched.json").read_text(encoding="utf-8"))


def _shipped_rows(repo_root: Path) -> list[sqlite3.Row]:
    connection = _read_only(repo_root / "resources.db")
    connection.row_factory = sqlite3.Row
    try:
        return connection.execute("SELECT * FROM resources").fetchall()
    finally:
        connection.close()


def test_every_titled_record_ships_with_its_own_title_subtitle_date_and_type(assets: Path, repo_root: Path) -> None:
    shipped = {row["title"]: row for row in _shipped_rows(repo_root) if not row["title_derived"]}
    titled = [record for record in _enriched(assets) if record["title"]]
    assert len(titled) == len(shipped) == 41
    for record in titled:
        row = shipped[record["title"]]
        assert (row["subtitle"], row["published_text"]) == (record["subtitle"], record["date"])
        assert row["resource_type"] == canonical_type(record["type"])
    subtitled = shipped["National Human Trafficking Prevention Framework"]
    assert subtitled["subtitle"] == "A Public Health Approach to Preventing Human Trafficking"


def test_types_are_the_librarys_own_and_unknown_ones_stay_unknown(repo_root: Path) -> None:
    types = [row["resource_type"] for row in _shipped_rows(repo_root)]
    assert set(types) - {None} <= set(TYPE_LABELS)
    assert (types.count("report"), types.count("fact_sheet"), types.count("policy_and_guidance")) == (14, 20, 10)
    assert types.count(None) == 11  # no page said what these are: nothing invented


def test_the_split_memorandum_ships_as_one_resource(repo_root: Path) -> None:
    rows = _shipped_rows(repo_root)
    background = [row for row in rows if "strengthen efforts to identify, prevent" in row["description"]]
    goal = [row for row in rows if "The goal of this information memorandum" in row["description"]]
    assert len(background) == len(goal) == 1 and background[0]["uid"] == goal[0]["uid"]
    assert background[0]["description"].index("National Action Plan") < background[0]["description"].index("goal")
    assert background[0]["resource_type"] == "policy_and_guidance"


def test_provenance_stays_in_assets_and_out_of_the_library(assets: Path, repo_root: Path) -> None:
    records = _enriched(assets)
    assert all(record["provenance"] for record in records)
    provenance_only = {
        url for record in records for url in record["provenance"].values()
    } - {record["source"] for record in records}
    assert provenance_only  # pages the values came from that are not any record's own page
    dumped = repr([tuple(row) for row in _shipped_rows(repo_root)])
    assert not [url for url in provenance_only if url in dumped]
    assert "provenance" not in dumped


def test_a_curation_that_merges_disagreeing_items_is_refused() -> None:
    items = [{"title": "A", "description": "one"}, {"title": "B", "description": "two"}]
    with pytest.raises(ImportFormatError, match='disagree on "title"'):
        curate_items(items, {"merge": [{"items": [1, 2], "why": "same memo"}]}, "curation.json")
    with pytest.raises(ImportFormatError, match="reason"):
        curate_items(items, {"merge": [{"items": [1, 2]}]}, "curation.json")

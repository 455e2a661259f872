"""Building the shipped default library (resources.db) from the inputs in assets/library/.

`assets/library/library.json` lists the inputs, their formats, the admin's
curation of each (see ingest/curation.py) and the fixed build time, so the same
inputs always give the same library.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import insert, text

from reslib_desktop.ingest.apply import apply_records
from reslib_desktop.ingest.curation import check_types, curate_items
from reslib_desktop.ingest.dedupe import deduplicate
from reslib_desktop.ingest.formats.json_format import parse_json_text, read_json_file
from reslib_desktop.ingest.formats.seed_text import read_seed_file
from reslib_desktop.ingest.problems import ImportFormatError, ParseResult, Problem
from reslib_desktop.ingest.record import ResourceRecord, SourceLocation
from reslib_desktop.store.database import open_engine
from reslib_desktop.store.schema import LibraryMeta
from reslib_desktop.vocabulary import canonical_type

MANIFEST = "library.json"


@dataclass(frozen=True)
class BuildReport:
    path: Path
    records_read: int
    resources: int
    warnings: list[Problem]


def _read_input(folder: Path, entry: dict) -> ParseResult:
    path = folder / entry["path"]
    if entry["format"] == "seed":
        return read_seed_file(path, source_url=entry.get("source_url"), resource_type=canonical_type(entry.get("type")))
    if entry["format"] == "json" and entry.get("curation"):
        curation = json.loads((folder / entry["curation"]).read_text(encoding="utf-8"))
        items = curate_items(json.loads(path.read_text(encoding="utf-8")), curation, entry["curation"])
        return parse_json_text(json.dumps(items, ensure_ascii=False), f"{entry['path']} (curated)")
    if entry["format"] == "json":
        return read_json_file(path)
    raise ImportFormatError(SourceLocation(MANIFEST), f"unknown format {entry['format']!r} for {entry['path']}")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_default_records(folder: Path) -> tuple[list[ResourceRecord], list[Problem]]:
    """Every record of the inputs library.json lists, curated and checked (not yet deduplicated), and the warnings."""
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    records: list[ResourceRecord] = []
    warnings: list[Problem] = []
    for entry in manifest["inputs"]:
        result = _read_input(folder, entry)
        if result.errors:
            raise ImportFormatError(result.errors[0].location, result.errors[0].message)
        warnings.extend(result.warnings)
        records.extend(result.records)
    check_types(records)
    return records, warnings


def _input_fact(folder: Path, entry: dict) -> dict[str, str]:
    """What the built library records of one input: its path, format and content hash (and its curation's)."""
    fact = {"path": entry["path"], "format": entry["format"], "sha256": _sha256(folder / entry["path"])}
    if entry.get("curation"):
        fact["curation"] = entry["curation"]
        fact["curation_sha256"] = _sha256(folder / entry["curation"])
    return fact


def build_default_library(folder: Path, out: Path) -> BuildReport:
    """Parse, deduplicate and write the default library to `out` (replaced atomically)."""
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    built_at = datetime.fromisoformat(manifest["built_at"])
    records, warnings = read_default_records(folder)
    merged = deduplicate(records)

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".building")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    engine = open_engine(partial, create=True)
    try:
        with engine.begin() as connection:
            apply_records(connection, merged, now=built_at)
            inputs = [_input_fact(folder, entry) for entry in manifest["inputs"]]
            connection.execute(
                insert(LibraryMeta),
                [
                    {"key": "built_at", "value": built_at.isoformat()},
                    {"key": "built_from", "value": json.dumps(inputs, sort_keys=True)},
                ],
            )
        with engine.connect() as connection:
            connection.execute(text("PRAGMA journal_mode=DELETE"))
            connection.execute(text("VACUUM"))
    finally:
        engine.dispose()
    os.replace(partial, out)
    return BuildReport(out, len(records), len(merged), warnings)

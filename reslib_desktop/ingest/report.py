"""The import report, as text lines (`file:line: error: message`) or as one JSON document.

The command line prints it; the import dialog can show the same lines.
"""

from __future__ import annotations

from reslib_desktop.ingest.batches import ImportResult
from reslib_desktop.ingest.formats.locations import SharedLineLocation
from reslib_desktop.ingest.pipeline import Action, ImportPreview, PreviewItem
from reslib_desktop.ingest.problems import Problem
from reslib_desktop.ingest.record import SourceLocation
from reslib_desktop.ingest.sources import DuplicatePolicy

_POLICY_WORDS = {
    DuplicatePolicy.KEEP: "imported and flagged",
    DuplicatePolicy.SKIP: "skipped",
    DuplicatePolicy.MERGE: "merged into the resource they resemble",
}


def where(location: SourceLocation) -> str:
    """'file:line' ('file:line (item N)' when other records start on that line too; 'file (item N)' without one)."""
    text = location.file
    if location.line is not None:
        if location.item is not None and isinstance(location, SharedLineLocation):
            return f"{text}:{location.line} (item {location.item})"
        return f"{text}:{location.line}"
    if location.item is not None:
        return f"{text} (item {location.item})"
    return text


def problem_line(problem: Problem) -> str:
    return f"{where(problem.location)}: {problem.severity.value}: {problem.message}"


def summary_lines(preview: ImportPreview, policy: DuplicatePolicy) -> list[str]:
    counts = preview.counts()
    records = sum(counts.values())
    inputs = len(preview.inputs)
    formats = ", ".join(dict.fromkeys(preview.formats))
    lines = [
        (
            f"{records} record{'s' if records != 1 else ''} in {inputs} input{'s' if inputs != 1 else ''} ({formats}): "
            f"{counts['new']} new, {counts['update']} to update, {counts['unchanged']} unchanged, "
            f"{counts['duplicate']} possible duplicates, {counts['error']} with errors"
        )
    ]
    for note, number in preview.mappings().items():
        lines.append(f"mapped: {note} ({number} record{'s' if number != 1 else ''})")
    duplicates = [item for item in preview.items if item.action is Action.DUPLICATE]
    if duplicates:
        lines.append(f"possible duplicates ({_POLICY_WORDS[policy]}):")
        lines.extend(f"  {where(item.location)}: \"{item.title}\": {item.reason}" for item in duplicates)
    return lines


def result_line(result: ImportResult) -> str:
    parts = [f"{result.added} added", f"{result.updated} updated", f"{result.unchanged} unchanged"]
    if result.flagged:
        parts.append(f"{result.flagged} flagged as possible duplicates")
    if result.merged:
        parts.append(f"{result.merged} merged")
    if result.skipped:
        parts.append(f"{result.skipped} duplicates skipped")
    return f"applied as batch {result.batch_id}: {', '.join(parts)} (undo: reslib import --undo {result.batch_id})"


def _item_json(item: PreviewItem) -> dict:
    return {
        "location": where(item.location),
        "action": item.action.value,
        "title": item.title,
        "reason": item.reason,
        "target_uid": item.target.uid if item.target else None,
        "target_title": item.target.title if item.target else None,
        "uid": item.record.uid if item.record is not None else None,
        "notes": item.notes,
    }


def report_json(preview: ImportPreview, policy: DuplicatePolicy, result: ImportResult | None) -> dict:
    return {
        "applied": result is not None,
        "batch_id": result.batch_id if result else None,
        "policy": policy.value,
        "inputs": [str(p) for p in preview.inputs],
        "formats": preview.formats,
        "counts": preview.counts(),
        "result": None
        if result is None
        else {
            "added": result.added,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "flagged": result.flagged,
            "merged": result.merged,
            "skipped": result.skipped,
        },
        "mappings": preview.mappings(),
        "problems": [
            {"location": where(p.location), "severity": p.severity.value, "message": p.message}
            for p in preview.problems
        ],
        "items": [_item_json(item) for item in preview.items],
    }

"""An admin's curation of a JSON input before it is built into the shipped library.

The input file is kept exactly as it came (with its per-field `provenance`); the
curation file says, with a reason each, which items are one resource split in
several. The build applies it, drops the provenance (it never reaches the
window) and checks that every type is one of the library's own.

    {"merge": [{"items": [27, 28], "why": "..."}]}   # 1-based item numbers of the input
"""

from __future__ import annotations

from typing import Any

from reslib_desktop.ingest.problems import ImportFormatError
from reslib_desktop.ingest.record import ResourceRecord, SourceLocation
from reslib_desktop.vocabulary import TYPE_LABELS

PROVENANCE_FIELD = "provenance"
_SINGLE_VALUED = ("title", "subtitle", "date", "type", "language", "uid", "source")
_LISTS = ("topics", "audience", "attachments")


def _merge_items(items: list[dict[str, Any]], where: SourceLocation) -> dict[str, Any]:
    """One object from several: descriptions joined as paragraphs, lists joined, one value per field."""
    merged = dict(items[0])
    for name in _SINGLE_VALUED:
        values = {item.get(name) for item in items} - {None}
        if len(values) > 1:
            raise ImportFormatError(where, f'the merged items disagree on "{name}": {sorted(map(str, values))}')
        merged[name] = values.pop() if values else None
    merged["description"] = "\n\n".join(d for item in items if (d := (item.get("description") or "").strip()))
    for name in _LISTS:
        joined: list[Any] = []
        for item in items:
            joined.extend(value for value in item.get(name) or [] if value not in joined)
        merged[name] = joined
    return merged


def curate_items(items: Any, curation: dict[str, Any], curation_name: str) -> list[dict[str, Any]]:
    """The input's objects with the curation applied and provenance removed, in input order."""
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ImportFormatError(SourceLocation(curation_name), "the curated input must be a list of objects")
    replaced: dict[int, dict[str, Any]] = {}
    dropped: set[int] = set()
    for number, rule in enumerate(curation.get("merge", []), start=1):
        where = SourceLocation(curation_name, item=number)
        numbers = rule.get("items") if isinstance(rule, dict) else None
        if not (isinstance(numbers, list) and len(numbers) >= 2 and all(isinstance(n, int) for n in numbers)):
            raise ImportFormatError(where, '"items" must list two or more item numbers')
        if not str(rule.get("why") or "").strip():
            raise ImportFormatError(where, 'a merge needs its reason in "why"')
        if any(not 1 <= n <= len(items) for n in numbers) or {n - 1 for n in numbers} & (dropped | set(replaced)):
            raise ImportFormatError(where, f"items {numbers} must exist and be merged only once")
        first, *rest = (n - 1 for n in numbers)
        replaced[first] = _merge_items([items[n - 1] for n in numbers], where)
        dropped.update(rest)
    curated = []
    for index, item in enumerate(items):
        if index in dropped:
            continue
        kept = dict(replaced.get(index, item))
        kept.pop(PROVENANCE_FIELD, None)
        curated.append(kept)
    return curated


def check_types(records: list[ResourceRecord]) -> None:
    """Refuse a type that is not one of the library's own (no new type slips into the shipped library)."""
    for record in records:
        if record.resource_type is not None and record.resource_type not in TYPE_LABELS:
            raise ImportFormatError(
                record.location or SourceLocation("?"),
                f"type {record.raw_type!r} is not one of the library's types ({', '.join(TYPE_LABELS)})",
            )

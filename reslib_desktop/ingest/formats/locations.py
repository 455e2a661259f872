"""How locations name inputs and lines, so that each names one record.

- A line where more than one record starts (minified JSON, a web page saved on
  one line): `file:1` names no record there, so such a location is a
  SharedLineLocation, which reports show with its item number as well
  (`file:1 (item 3)`, report.where).
- Two inputs of one name (`a/resources.csv`, `b/resources.csv`): `input_names`
  gives each as much of its path as tells them apart, for the readers' `name`.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from reslib_desktop.ingest.problems import ParseResult
from reslib_desktop.ingest.record import SourceLocation


@dataclasses.dataclass(frozen=True)
class SharedLineLocation(SourceLocation):
    """A record's location on a line where another record starts too."""


def _shared(location: SourceLocation | None, lines: set[int]) -> SourceLocation | None:
    if location is None or location.item is None or location.line not in lines:
        return location
    return SharedLineLocation(location.file, location.line, location.item)


def mark_shared_lines(result: ParseResult) -> None:
    """Re-locate the records and problems of lines where more than one record starts as SharedLineLocation."""
    located = [r.location for r in result.records] + [p.location for p in result.problems]
    starts = {(loc.line, loc.item) for loc in located if loc is not None and loc.item is not None}
    per_line = Counter(line for line, _ in starts if line is not None)
    lines = {line for line, records in per_line.items() if records > 1}
    if not lines:
        return
    for record in result.records:
        record.location = _shared(record.location, lines)
    result.problems = [
        dataclasses.replace(p, location=_shared(p.location, lines) or p.location) for p in result.problems
    ]


def input_names(paths: Sequence[Path]) -> dict[Path, str]:
    """What locations call each input: its name, or as many of its last path parts as tell it from the
    other inputs of that name ('2023/resources.csv', '2024/resources.csv')."""
    groups: dict[str, list[Path]] = defaultdict(list)
    for path in dict.fromkeys(Path(p) for p in paths):
        groups[path.name].append(path)
    names: dict[Path, str] = {}
    for group in groups.values():
        parts = [path.absolute().parts for path in group]
        depth = 1
        while len(group) > 1 and depth < max(map(len, parts)):
            if len({item[-depth:] for item in parts}) == len(group):
                break
            depth += 1
        names.update({path: Path(*item[-depth:]).as_posix() for path, item in zip(group, parts, strict=True)})
    return names

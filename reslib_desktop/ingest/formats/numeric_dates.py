"""One input's numeric dates read in the order the input writes them (01/02/2024: January 2 or February 1?).

Every reader holds an input's records in its ParseResult before the import goes
on, so the order is settled after reading, over that list (no second pass over
the file, and the streaming readers stay as they are):

- a date only one order can read (13/02/2024, 12/31/2023) is always read that way;
- when the input writes some dates day first (a first number over 12) and none
  month first, its ambiguous dates (01/02/2024) are read day/month, and one
  warning says so, naming a date that shows it;
- otherwise (no such date, or both kinds) they stay month/day, the US order,
  each with a warning that says how it was read.
"""

from __future__ import annotations

from reslib_desktop.ingest.dates import NumericOrder, numeric_order, parse_date
from reslib_desktop.ingest.problems import ParseResult, Problem, Severity
from reslib_desktop.ingest.record import ResourceRecord, SourceLocation


def _first(records: list[ResourceRecord], order: NumericOrder) -> ResourceRecord | None:
    return next((r for r in records if numeric_order(r.published.text) is order), None)


def _shown(record: ResourceRecord) -> str:
    return f'"{record.published.text}" ({record.location})'


def settle_numeric_dates(result: ParseResult, file_name: str) -> None:
    """Read the input's ambiguous numeric dates as its other dates show, warning how they were read."""
    dated = [r for r in result.records if r.published.text and r.published.value is not None]
    ambiguous = [r for r in dated if numeric_order(r.published.text) is NumericOrder.EITHER]
    if not ambiguous:
        return
    day_first = _first(dated, NumericOrder.DAY_FIRST)
    month_first = _first(dated, NumericOrder.MONTH_FIRST)
    if month_first is not None and day_first is None:
        return  # month/day, as the input's other dates are written
    if day_first is not None and month_first is None:
        _read_day_first(result, ambiguous, day_first, file_name)
    else:  # no clue, or both orders in one input
        result.problems.extend(_guessed(record, file_name) for record in ambiguous)


def _read_day_first(
    result: ParseResult, ambiguous: list[ResourceRecord], evidence: ResourceRecord, file_name: str
) -> None:
    for record in ambiguous:
        record.published = parse_date(record.published.text, day_first=True)
    example = ambiguous[0]
    which = f"{len(ambiguous)} dates such as" if len(ambiguous) > 1 else "the date"
    result.problems.append(Problem(
        SourceLocation(file_name),
        f"{which} {_shown(example)} read as day/month ({example.published.display()}), "
        f"as the file writes {_shown(evidence)}",
        Severity.WARNING,
    ))


def _guessed(record: ResourceRecord, file_name: str) -> Problem:
    return Problem(
        record.location or SourceLocation(file_name),
        f'date "{record.published.text}" could be month/day or day/month: read as month/day '
        f"({record.published.display()})",
        Severity.WARNING,
    )

"""Publication dates as people write them: a date, a precision, and the text as given.

Never invents a day or a month that the text did not give: "September 2020" is
month-precise, "2016" is year-precise, and both keep the first day of their
period only as a sortable anchor.

A numeric date is read month/day (01/02/2024: January 2) unless only day/month
names a date (13/02/2024: February 13); whether an input's ambiguous dates are
read day/month instead is decided per input, from its other dates
(formats/numeric_dates.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import lru_cache


class Precision(str, Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class PublishedDate:
    """A parsed publication date. `value` is the first day of the period given."""

    value: date | None
    precision: Precision
    text: str | None

    @property
    def sort_key(self) -> str | None:
        """'YYYY-MM-DD' with unknown parts as '00', so a year-only date sorts as its year."""
        if self.value is None:
            return None
        if self.precision is Precision.YEAR:
            return f"{self.value.year:04d}-00-00"
        if self.precision is Precision.MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}-00"
        return self.value.isoformat()

    def display(self) -> str:
        """Human text at the precision known: 'September 9, 2021', 'September 2020', '2016'."""
        return format_date(self.value, self.precision)


UNKNOWN_DATE = PublishedDate(None, Precision.UNKNOWN, None)

_MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
]
_MONTH_RE = r"(?P<month>[A-Za-z]{3,9})\.?"
# A time of day after a date ("T12:00:00Z", " 10:30 AM", " 09:15:00+02:00"): allowed, then ignored, as the
# publication date is the date as written (not moved to another time zone).
_TIME = (
    r"(?:(?:T|\s+)(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*(?:Z|UTC|GMT|[+-](?:[01]\d|2[0-3]):?[0-5]\d))?)?"
)
_PREFIXES = re.compile(
    r"^(?:current\s+as\s+of|as\s+of|updated|last\s+updated|published|publication\s+date|"
    r"date|revised|released)\s*:?\s*",
    re.IGNORECASE,
)
_PATTERNS: list[tuple[re.Pattern[str], Precision]] = [
    (re.compile(rf"^{_MONTH_RE}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})$"), Precision.DAY),
    (re.compile(rf"^(?P<day>\d{{1,2}})\s+{_MONTH_RE},?\s+(?P<year>\d{{4}})$"), Precision.DAY),
    # Year first (ISO 8601 and its slash and dot forms): 2021-03-01, 2021/03/01, 2021-03-01T12:00:00Z.
    (re.compile(rf"^(?P<year>\d{{4}})(?P<sep>[-/.])(?P<month>\d{{1,2}})(?P=sep)(?P<day>\d{{1,2}}){_TIME}$"),
     Precision.DAY),
    # A spreadsheet's day-month-year: 13-Feb-24, 13-Feb-2024.
    (re.compile(rf"^(?P<day>\d{{1,2}})-{_MONTH_RE}-(?P<year>\d{{2}}|\d{{4}})$"), Precision.DAY),
    (re.compile(rf"^{_MONTH_RE},?\s+(?P<year>\d{{4}})$"), Precision.MONTH),
    (re.compile(rf"^{_MONTH_RE}-(?P<year>\d{{4}})$"), Precision.MONTH),
    (re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})$"), Precision.MONTH),
    (re.compile(r"^(?P<month>\d{1,2})/(?P<year>\d{4})$"), Precision.MONTH),
    (re.compile(r"^(?P<year>\d{4})$"), Precision.YEAR),
]
# Day and month as two numbers, year last: 01/02/2024, 1/2/24, 01-02-2024, 01.02.2024 (with a time or not).
_NUMERIC = re.compile(
    rf"^(?P<first>\d{{1,2}})(?P<sep>[/.-])(?P<second>\d{{1,2}})(?P=sep)(?P<year>\d{{2}}|\d{{4}}){_TIME}$"
)


class NumericOrder(str, Enum):
    """How the two numbers of a numeric date can be read."""

    EITHER = "either"  # 01/02/2024: month/day and day/month both name a date, different ones
    MONTH_FIRST = "month/day"  # 12/31/2023: only month/day names a date
    DAY_FIRST = "day/month"  # 13/02/2024: only day/month names a date


def _month_number(token: str) -> int | None:
    if token.isdigit():
        number = int(token)
        return number if 1 <= number <= 12 else None
    return _MONTHS.get(token.lower())


def _full_year(token: str) -> int:
    year = int(token)
    if len(token) == 2:
        # Two-digit years on a 2000s government site: 00-69 -> 2000s, 70-99 -> 1900s.
        year += 2000 if year < 70 else 1900
    return year


def _candidate(given: str) -> str:
    return _PREFIXES.sub("", given).strip().rstrip(".")


def _numeric(candidate: str) -> re.Match[str] | None:
    """The match of a numeric day-and-month date; a dash is taken only with a four-digit year (13-02-24 is no date)."""
    match = _NUMERIC.match(candidate)
    if match is None or (match["sep"] == "-" and len(match["year"]) == 2):
        return None
    return match


def _day_month_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _read_numeric(match: re.Match[str], given: str, day_first: bool) -> tuple[PublishedDate | None, bool]:
    """A numeric date: month/day first (the US order) unless `day_first`, or the other order when only it
    names a date (13/02/2024); dotted dates (01.02.2024) are always day/month, as they are written."""
    year = _full_year(match["year"])
    first, second = int(match["first"]), int(match["second"])
    orders = [(second, first)] if match["sep"] == "." else [(first, second), (second, first)]
    if day_first:
        orders.reverse()
    for month, day in orders:
        value = _day_month_date(year, month, day)
        if value is not None:
            return (PublishedDate(value, Precision.DAY, given), False) if 1000 <= year <= 9999 else (None, False)
    return None, True


def _read(given: str, day_first: bool = False) -> tuple[PublishedDate | None, bool]:
    """The date `given` names, if any; and whether it has a date's shape with an impossible value."""
    candidate = _candidate(given)
    numeric = _numeric(candidate)
    if numeric is not None:
        return _read_numeric(numeric, given, day_first)
    impossible = False
    for pattern, precision in _PATTERNS:
        match = pattern.match(candidate)
        if not match:
            continue
        parts = match.groupdict()
        year = _full_year(parts["year"])
        month = _month_number(parts["month"]) if "month" in parts else 1
        if month is None:
            impossible = impossible or parts["month"].isdigit()  # "13/2021"; a word is just not a month
            continue
        day = int(parts["day"]) if "day" in parts else 1
        try:
            value = date(year, month, day)
        except ValueError:
            impossible = True  # "13/45/2021", "February 30, 2020"
            continue
        if not 1000 <= year <= 9999:
            continue
        return PublishedDate(value, precision, given), False
    return None, impossible


def parse_date(text: str | None, day_first: bool = False) -> PublishedDate:
    """Parse a publication date; anything unreadable gives precision UNKNOWN, text kept.

    A numeric date that reads either way (01/02/2024) is month/day unless `day_first`; one that reads
    only one way (13/02/2024, 12/31/2023) is read that way. See `numeric_order`.
    """
    if text is None:
        return UNKNOWN_DATE
    return _parse_text(text if type(text) is str else str(text), day_first)


@lru_cache(maxsize=16384)
def _parse_text(text: str, day_first: bool = False) -> PublishedDate:
    """parse_date of a str; an import repeats the same few thousand date texts (the result is immutable)."""
    given = " ".join(text.split())
    if not given:
        return UNKNOWN_DATE
    parsed, _ = _read(given, day_first)
    return parsed or PublishedDate(None, Precision.UNKNOWN, given)


@lru_cache(maxsize=16384)
def numeric_order(text: str | None) -> NumericOrder | None:
    """How a numeric date's two numbers can be read (01/02/2024: EITHER); None for any other date, a dotted
    one (always day/month), one that reads the same both ways (05/05/2024) or names no date (13/45/2021)."""
    match = _numeric(_candidate(" ".join((text or "").split())))
    if match is None or match["sep"] == "." or not 1000 <= (year := _full_year(match["year"])) <= 9999:
        return None
    first, second = int(match["first"]), int(match["second"])
    month_first = _day_month_date(year, first, second) is not None
    day_first = _day_month_date(year, second, first) is not None
    if month_first and day_first:
        return NumericOrder.EITHER if first != second else None
    if month_first or day_first:
        return NumericOrder.MONTH_FIRST if month_first else NumericOrder.DAY_FIRST
    return None


def is_impossible_date(text: str | None) -> bool:
    """True when `text` is written as a date but names none ("13/45/2021", "February 30, 2020")."""
    given = " ".join(str(text or "").split())
    return bool(given) and _read(given)[1]


def looks_like_date(line: str) -> bool:
    """True when a whole line is a date (used by layout parsers to spot date lines)."""
    return parse_date(line).precision is not Precision.UNKNOWN


def format_date(value: date | None, precision: Precision | str) -> str:
    """Show a date at its precision only."""
    precision = Precision(precision)
    if value is None or precision is Precision.UNKNOWN:
        return ""
    if precision is Precision.YEAR:
        return f"{value.year}"
    if precision is Precision.MONTH:
        return f"{_MONTH_NAMES[value.month - 1]} {value.year}"
    return f"{_MONTH_NAMES[value.month - 1]} {value.day}, {value.year}"

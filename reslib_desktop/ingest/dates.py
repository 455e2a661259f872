"""Publication dates as people write them: a date, a precision, and the text as given.

Never invents a day or a month that the text did not give: "September 2020" is
month-precise, "2016" is year-precise, and both keep the first day of their
period only as a sortable anchor.
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
_PREFIXES = re.compile(
    r"^(?:current\s+as\s+of|as\s+of|updated|last\s+updated|published|publication\s+date|"
    r"date|revised|released)\s*:?\s*",
    re.IGNORECASE,
)
_PATTERNS: list[tuple[re.Pattern[str], Precision]] = [
    (re.compile(rf"^{_MONTH_RE}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})$"), Precision.DAY),
    (re.compile(rf"^(?P<day>\d{{1,2}})\s+{_MONTH_RE},?\s+(?P<year>\d{{4}})$"), Precision.DAY),
    (re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$"), Precision.DAY),
    # US numeric dates, as the source library writes them: MM/DD/YY or MM/DD/YYYY.
    (re.compile(r"^(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{2}|\d{4})$"), Precision.DAY),
    (re.compile(rf"^{_MONTH_RE},?\s+(?P<year>\d{{4}})$"), Precision.MONTH),
    (re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})$"), Precision.MONTH),
    (re.compile(r"^(?P<month>\d{1,2})/(?P<year>\d{4})$"), Precision.MONTH),
    (re.compile(r"^(?P<year>\d{4})$"), Precision.YEAR),
]


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


def _read(given: str) -> tuple[PublishedDate | None, bool]:
    """The date `given` names, if any; and whether it has a date's shape with an impossible value."""
    candidate = _PREFIXES.sub("", given).strip().rstrip(".")
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


def parse_date(text: str | None) -> PublishedDate:
    """Parse a publication date; anything unreadable gives precision UNKNOWN, text kept."""
    if text is None:
        return UNKNOWN_DATE
    return _parse_text(text if type(text) is str else str(text))


@lru_cache(maxsize=16384)
def _parse_text(text: str) -> PublishedDate:
    """parse_date of a str; an import repeats the same few thousand date texts (the result is immutable)."""
    given = " ".join(text.split())
    if not given:
        return UNKNOWN_DATE
    parsed, _ = _read(given)
    return parsed or PublishedDate(None, Precision.UNKNOWN, given)


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

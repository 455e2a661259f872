"""Cells a spreadsheet would run as a formula, made inert (CSV injection, OWASP).

A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return can be read
as a formula by Excel, LibreOffice or Google Sheets (`=HYPERLINK(...)`,
`-2+3+cmd|' /C calc'!A0`, a tab they strip before an `=`). Such a cell is
written with a single quote in front, which spreadsheets take as "this is
text". A plain number (`-5`, `+3.25`) and a lone `-` stay as they are: no
spreadsheet runs them. A cell that already starts with quotes before such a
character gets one more quote, so `unescape_cell` undoes `escape_cell` exactly:
an importer that calls it reads back what was exported.
"""

from __future__ import annotations

import re

QUOTE = "'"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d+)*|\d*[.,]\d+)")


def _runs_as_formula(value: str) -> bool:
    if not value.startswith(FORMULA_STARTS):
        return False
    return not (value == "-" or _PLAIN_NUMBER.fullmatch(value))


def needs_escape(value: str) -> bool:
    """Whether `escape_cell` changes `value` (it would run as a formula, or looks escaped already)."""
    return _runs_as_formula(value.lstrip(QUOTE))


def escape_cell(value: str) -> str:
    """`value` as a CSV cell no spreadsheet runs as a formula; reversible with `unescape_cell`."""
    return QUOTE + value if needs_escape(value) else value


def unescape_cell(cell: str) -> str:
    """The value `escape_cell` was given (a cell that was never escaped is returned as it is)."""
    if cell.startswith(QUOTE) and needs_escape(cell[1:]):
        return cell[1:]
    return cell

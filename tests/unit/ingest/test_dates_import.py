"""Dates as spreadsheets, databases and other sites write them are read, at their precision; numeric
dates are read in the order the input writes them, and an admin is told when the order was a guess."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from reslib_desktop.ingest.dates import NumericOrder, Precision, numeric_order, parse_date
from reslib_desktop.ingest.formats.csv_format import parse_csv_text
from reslib_desktop.ingest.formats.html_page import parse_html_bytes
from reslib_desktop.ingest.formats.json_format import parse_json_text
from reslib_desktop.ingest.formats.seed_text import parse_seed_text
from reslib_desktop.ingest.problems import ParseResult, Severity
from reslib_desktop.ingest.service import ImportService


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("2021-03-01T12:00:00Z", date(2021, 3, 1), Precision.DAY),  # ISO 8601, as databases export
        ("2021-03-01T23:30:00-05:00", date(2021, 3, 1), Precision.DAY),  # the date as written, not moved
        ("2021-03-01 09:15:00.250", date(2021, 3, 1), Precision.DAY),
        ("2021/03/01", date(2021, 3, 1), Precision.DAY),
        ("2021.03.01", date(2021, 3, 1), Precision.DAY),
        ("13-Feb-24", date(2024, 2, 13), Precision.DAY),  # Excel's d-mmm-yy
        ("13-Feb-2024", date(2024, 2, 13), Precision.DAY),
        ("Feb-2024", date(2024, 2, 1), Precision.MONTH),
        ("13/02/2024", date(2024, 2, 13), Precision.DAY),  # only day/month names a date
        ("Published: 31/01/2020", date(2020, 1, 31), Precision.DAY),
        ("1/17/2025 10:30 AM", date(2025, 1, 17), Precision.DAY),  # a spreadsheet's date and time
        ("01.02.2024", date(2024, 2, 1), Precision.DAY),  # dotted: day first, as written
        ("01/02/2024", date(2024, 1, 2), Precision.DAY),  # either order: month/day unless the input says
    ],
)
def test_common_date_forms_parse_at_their_precision(text: str, value: date, precision: Precision) -> None:
    parsed = parse_date(text)
    assert (parsed.value, parsed.precision, parsed.text) == (value, precision, text)


@pytest.mark.parametrize("text", ["13/45/2021", "31/02/2024", "2021-03-01T25:00", "13-02-24", "2021/22"])
def test_what_names_no_date_stays_undated(text: str) -> None:
    assert parse_date(text).value is None and parse_date(text).text == text


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("01/02/2024", NumericOrder.EITHER), ("13/02/2024", NumericOrder.DAY_FIRST),
        ("12/31/2023", NumericOrder.MONTH_FIRST), ("05/05/2024", None), ("13/45/2021", None),
        ("01.02.2024", None), ("2024-01-02", None), ("January 2024", None),
    ],
)
def test_numeric_order(text: str, order: NumericOrder | None) -> None:
    assert numeric_order(text) is order


def _csv(dates: list[str]) -> str:
    return "title,date\n" + "".join(f"Resource {n},{d}\n" for n, d in enumerate(dates, start=1))


def _json(dates: list[str]) -> str:
    return json.dumps([{"title": f"Resource {n}", "date": d} for n, d in enumerate(dates, start=1)], indent=1)


def _html(dates: list[str]) -> bytes:
    items = "".join(f"<article><h3>Resource {n}</h3><p>{d}</p></article>\n" for n, d in enumerate(dates, start=1))
    return f"<html><body><main>\n{items}</main></body></html>".encode()


def _seed(dates: list[str]) -> str:
    return "\n\n".join(f"Resource {n}\n{d}\nAbout it." for n, d in enumerate(dates, start=1)) + "\n"


READERS = {
    "csv": lambda dates: parse_csv_text(_csv(dates), "in.csv"),
    "json": lambda dates: parse_json_text(_json(dates), "in.json"),
    "html": lambda dates: parse_html_bytes(_html(dates), "in.html"),
    "seed": lambda dates: parse_seed_text(_seed(dates), "in.txt"),
}


def _dates(result: ParseResult) -> list[date | None]:
    return [r.published.value for r in result.records]


def _warnings(result: ParseResult) -> list[str]:
    return [f"{p.location}: {p.message}" for p in result.problems if p.severity is Severity.WARNING]


@pytest.mark.parametrize("fmt", list(READERS))
def test_an_input_writing_dates_day_first_has_its_ambiguous_dates_read_day_first(fmt: str) -> None:
    result = READERS[fmt](["01/02/2024", "13/02/2024", "03/04/2024"])
    assert _dates(result) == [date(2024, 2, 1), date(2024, 2, 13), date(2024, 4, 3)]
    [warning] = _warnings(result)
    assert '2 dates such as "01/02/2024"' in warning and "read as day/month (February 1, 2024)" in warning
    assert '"13/02/2024"' in warning  # the date that shows the order


@pytest.mark.parametrize("fmt", list(READERS))
def test_an_input_writing_dates_month_first_is_read_month_first_without_a_warning(fmt: str) -> None:
    result = READERS[fmt](["01/02/2024", "12/31/2023"])
    assert _dates(result) == [date(2024, 1, 2), date(2023, 12, 31)]
    assert _warnings(result) == []


@pytest.mark.parametrize(
    "dates", [["01/02/2024", "2024-03-05"], ["01/02/2024", "13/02/2024", "12/31/2023"]], ids=["no clue", "both orders"]
)
def test_an_ambiguous_date_with_no_decisive_clue_is_month_first_and_each_is_warned(dates: list[str]) -> None:
    result = READERS["csv"](dates)
    assert result.records[0].published.value == date(2024, 1, 2)
    assert _warnings(result) == [
        'in.csv:2: date "01/02/2024" could be month/day or day/month: read as month/day (January 2, 2024)'
    ]


def test_an_import_preview_shows_the_dates_read_and_no_undated_warning(service: ImportService, tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text(_csv(["2021-03-01T12:00:00Z", "2021/03/01", "13-Feb-24", "13/02/2024", "01/02/2024"]))
    preview = service.preview([path])
    assert [i.record.published.display() for i in preview.items if i.record is not None] == [
        "March 1, 2021", "March 1, 2021", "February 13, 2024", "February 13, 2024", "February 1, 2024",
    ]
    assert [p.message for p in preview.problems if "undated" in p.message or "not a real date" in p.message] == []
    assert [str(p.location) for p in preview.problems] == ["sheet.csv"]  # the one day/month note

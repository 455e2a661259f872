"""Publication dates: every format the inputs use, at the precision given and no finer."""

from __future__ import annotations

from datetime import date

import pytest

from reslib_desktop.ingest.dates import Precision, parse_date


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("February 13, 2024", date(2024, 2, 13), Precision.DAY),
        ("September 2020", date(2020, 9, 1), Precision.MONTH),
        ("2016", date(2016, 1, 1), Precision.YEAR),
        ("07/09/12", date(2012, 7, 9), Precision.DAY),
        ("07/09/98", date(1998, 7, 9), Precision.DAY),
        ("Current as of 2022", date(2022, 1, 1), Precision.YEAR),
        ("Sept. 9, 2021", date(2021, 9, 9), Precision.DAY),
        ("2021-09-09", date(2021, 9, 9), Precision.DAY),
    ],
)
def test_known_formats_parse_with_their_precision(text: str, value: date, precision: Precision) -> None:
    """Each format gives the right date and precision, and keeps the text as given."""
    parsed = parse_date(text)
    assert (parsed.value, parsed.precision, parsed.text) == (value, precision, text)


@pytest.mark.parametrize("text", [None, ""])
def test_no_date_is_unknown(text: str | None) -> None:
    parsed = parse_date(text)
    assert parsed.precision is Precision.UNKNOWN
    assert parsed.value is None and parsed.sort_key is None
    assert parsed.display() == ""


@pytest.mark.parametrize("text", ["see the attached PDF", "Spring-ish", "32/01/2020"])
def test_unreadable_text_is_unknown_but_kept(text: str) -> None:
    parsed = parse_date(text)
    assert (parsed.value, parsed.precision, parsed.text) == (None, Precision.UNKNOWN, text)


@pytest.mark.parametrize("text", ["02/30/2020", "February 30, 2024", "2023-02-29", "April 31, 2021"])
def test_impossible_dates_are_unknown(text: str) -> None:
    parsed = parse_date(text)
    assert parsed.precision is Precision.UNKNOWN
    assert parsed.value is None
    assert parsed.text == text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("September 2020", "September 2020"),
        ("2016", "2016"),
        ("Current as of 2022", "2022"),
        ("Sept. 9, 2021", "September 9, 2021"),
        ("07/09/12", "July 9, 2012"),
    ],
)
def test_display_shows_only_the_precision_known(text: str, shown: str) -> None:
    """A month-precise date is shown without a day, a year-precise one as the year."""
    assert parse_date(text).display() == shown


@pytest.mark.parametrize(
    ("text", "key"),
    [("2016", "2016-00-00"), ("September 2020", "2020-09-00"), ("February 13, 2024", "2024-02-13")],
)
def test_sort_key_marks_unknown_parts_as_zero(text: str, key: str) -> None:
    assert parse_date(text).sort_key == key


def test_sort_keys_keep_coarse_dates_inside_their_period() -> None:
    """A year-only date sorts before every day of its year and after the year before."""
    texts = ["December 31, 2016", "2017", "2016", "January 1, 2016", "August 2016", "December 2015"]
    ordered = sorted(texts, key=lambda t: parse_date(t).sort_key or "")
    assert ordered == ["December 2015", "2016", "January 1, 2016", "August 2016", "December 31, 2016", "2017"]

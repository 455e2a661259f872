"""Dates and times reach SQLite as the same ISO text as ever, without sqlite3's default adapters, which
warn from Python 3.12 on (the test suite turns warnings into errors, so an import would fail there)."""

from __future__ import annotations

import datetime
import sqlite3
import warnings
from contextlib import closing
from pathlib import Path

import reslib_desktop.store  # noqa: F401  (registers the adapters)
from reslib_desktop.ingest.service import ImportOptions, ImportService
from reslib_desktop.library import Library


def test_the_adapters_in_use_are_the_librarys_own() -> None:
    for kind in (datetime.date, datetime.datetime):
        adapter = sqlite3.adapters[(kind, sqlite3.PrepareProtocol)]
        assert adapter.__module__ == "reslib_desktop.store.sqlite_adapters"  # not sqlite3.dbapi2's


def test_they_write_the_text_sqlite3_always_wrote() -> None:
    values = [datetime.date(2021, 10, 1), datetime.datetime(2026, 12, 6, 21, 17, 26, 123456),
              datetime.datetime(2026, 12, 6, 21, 17, 26)]
    with closing(sqlite3.connect(":memory:")) as connection, warnings.catch_warnings():
        warnings.simplefilter("error")
        stored = [connection.execute("SELECT ?", (value,)).fetchone()[0] for value in values]
    assert stored == ["2021-10-01", "2026-12-06 21:17:26.123456", "2026-12-06 21:17:26"]


def test_an_import_stores_dates_that_read_back_as_written(tmp_path: Path) -> None:
    source = tmp_path / "records.json"
    source.write_text('[{"title": "Dated brief", "date": "March 2019"}, {"title": "Dated report", '
                      '"date": "2020-07-14"}]', encoding="utf-8")
    with Library.open(tmp_path / "new.db", create=True) as library:
        service = ImportService(library)
        service.apply(service.preview([source], ImportOptions()))
    with closing(sqlite3.connect(tmp_path / "new.db")) as connection, connection:
        rows = connection.execute("SELECT title, published, typeof(created_at) FROM resources ORDER BY title")
        assert rows.fetchall() == [("Dated brief", "2019-03-01", "text"), ("Dated report", "2020-07-14", "text")]

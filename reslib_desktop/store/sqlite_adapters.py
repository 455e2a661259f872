"""Dates and times as sqlite3 has always written them, without its default adapters (deprecated in 3.12).

The library's raw writes (an import's bulk inserts) hand `date` and `datetime` values to sqlite3. Until
Python 3.12 its default adapters turned them into ISO text ('2026-12-06', '2026-12-06 21:17:26.123456'),
the text every library file holds; from 3.12 each use warns. These adapters write exactly that text, so
nothing stored changes. Registered for the whole process on import (sqlite3 has no other kind).
"""

from __future__ import annotations

import datetime
import sqlite3


def date_text(value: datetime.date) -> str:
    """'YYYY-MM-DD'."""
    return value.isoformat()


def datetime_text(value: datetime.datetime) -> str:
    """'YYYY-MM-DD HH:MM:SS[.ffffff]' (microseconds only when not zero)."""
    return value.isoformat(" ")


sqlite3.register_adapter(datetime.date, date_text)
sqlite3.register_adapter(datetime.datetime, datetime_text)

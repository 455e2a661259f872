"""The SQLite store. Importing it registers store/sqlite_adapters.py's date and time adapters."""

from reslib_desktop.store import sqlite_adapters as _sqlite_adapters  # noqa: F401

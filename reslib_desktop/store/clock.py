"""The time as the library stores it."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Now, in naive UTC (every time column of the library holds naive UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)

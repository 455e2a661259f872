"""Sync errors: each carries one line a user can act on."""

from __future__ import annotations


class SyncError(Exception):
    """Sync could not finish; the library is consistent (what was committed stays, nothing half-applied)."""


class ServerUnreachable(SyncError):
    """The server could not be reached: the laptop is offline (or the address is wrong)."""


class ReadOnlyAccount(SyncError):
    """The account may read the library but not change it: local changes were not uploaded."""


class NotAReplica(SyncError):
    """The library has never synced and no server address was given."""

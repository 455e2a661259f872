"""Sync errors: each carries one line a user can act on."""

from __future__ import annotations


class SyncError(Exception):
    """Sync could not finish; the library is consistent (what was committed stays, nothing half-applied).

    `kind` names the reason for front ends that word it themselves (see `ServerRefused`); "" otherwise.
    """

    kind = ""


class ServerUnreachable(SyncError):
    """The server could not be reached: the laptop is offline (or the address is wrong)."""

    kind = "unreachable"


class ServerRefused(SyncError):
    """The server answered but would not let us in or is not a reslib library; `kind` says why:

    "wrong-password", "password-needed", "unknown-user", "no-database", "no-access", "not-allowed",
    "not-reslib", "tls-required", "tls-unavailable", "tls-untrusted", "bad-setting".
    """

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


class SyncCancelled(SyncError):
    """The sync was stopped on request between two pages; what was applied stays."""

    kind = "cancelled"


class ReadOnlyAccount(SyncError):
    """The account may read the library but not change it: local changes were not uploaded."""


class NotAReplica(SyncError):
    """The library has never synced and no server address was given."""

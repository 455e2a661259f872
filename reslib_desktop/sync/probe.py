"""Trying a server before joining it: can we sign in, as which role, and what library is there.

    found = probe_server("postgresql://bob@db.example.org/reslib?sslmode=verify-full", password="…")
    found.role, found.library_name, found.resources

Nothing is written anywhere (not the keyring, not the library). Failures are the
connection's own errors (`ServerUnreachable`, `ServerRefused` with its kind), plus
ServerRefused("not-reslib") for a database without a reslib library and
ServerRefused("no-access") for an account with neither reslib role.
"""

from __future__ import annotations

from dataclasses import dataclass

from reslib_desktop.server.schema import ADMIN_ROLE, READER_ROLE
from reslib_desktop.sync.connect import account_of, connect, public_url
from reslib_desktop.sync.errors import ServerRefused, SyncError

ADMIN, READER = "admin", "reader"

_ROLES = """
SELECT rolname FROM pg_roles WHERE rolname IN (%(admin)s, %(reader)s) AND pg_has_role(current_user, oid, 'MEMBER')
"""


@dataclass(frozen=True)
class ServerProbe:
    """What a server said about itself and the account."""

    url: str  # without any password
    user: str
    role: str  # ADMIN (may upload edits and imports) or READER (read-only)
    library_name: str
    resources: int
    version: int

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN


def probe_server(url: str, password: str | None = None) -> ServerProbe:
    """Sign in and read the account's role and the library's name and size; see the module docstring."""
    import psycopg

    with connect(url, password=password, autocommit=True) as server:
        try:
            roles = {row[0] for row in server.execute(_ROLES, {"admin": ADMIN_ROLE, "reader": READER_ROLE})}
            name, version = server.execute("SELECT name, version FROM library WHERE id = 1").fetchone() or (None, 0)
            resources = server.execute("SELECT count(*) FROM resources").fetchone()[0]
        except psycopg.errors.UndefinedTable:
            raise ServerRefused(
                f"{public_url(url)} holds no reslib library (run 'reslib server init' there)", "not-reslib"
            ) from None
        except psycopg.errors.InsufficientPrivilege:
            raise ServerRefused(
                f"{account_of(url).user} may not read the library at {public_url(url)} "
                "(an admin gives access with 'reslib server add-user')",
                "no-access",
            ) from None
        except psycopg.Error as error:
            raise SyncError(f"cannot use the server {public_url(url)}: {error}") from None
    if name is None:
        raise ServerRefused(
            f"{public_url(url)} holds no reslib library yet (run 'reslib server init' there)", "not-reslib"
        )
    role = ADMIN if ADMIN_ROLE in roles else READER if READER_ROLE in roles else None
    if role is None:
        raise ServerRefused(
            f"{account_of(url).user} has no reslib role at {public_url(url)} "
            "(an admin gives one with 'reslib server add-user')",
            "no-access",
        )
    return ServerProbe(public_url(url), account_of(url).user, role, name, resources, version)

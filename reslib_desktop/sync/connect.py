"""Reaching the server: a libpq URL without a stored password; the password from the keyring or a prompt.

The URL may carry libpq settings (`?sslmode=verify-full&sslrootcert=...`,
`host=/socket/dir`); they are passed through. A password in the URL is used
for that run but never stored: `public_url` drops it. Otherwise the password
comes from $RESLIB_SERVER_PASSWORD, then the system keyring, then a prompt
(which may save it to the keyring).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

from reslib_desktop.sync.errors import ServerUnreachable, SyncError

KEYRING_SERVICE = "reslib-desktop"
PASSWORD_ENV = "RESLIB_SERVER_PASSWORD"
CONNECT_TIMEOUT_S = 10
PasswordPrompt = Callable[[str], str | None]


def check_url(url: str) -> str:
    """The URL if it is a PostgreSQL URL, else SyncError naming what is wrong."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgresql", "postgres"):
        raise SyncError(f"not a server address: {public_url(url)!r} (expected postgresql://user@host/database)")
    if not parts.path.strip("/"):
        raise SyncError(f"the server address {public_url(url)!r} names no database (postgresql://user@host/DATABASE)")
    return url


def public_url(url: str) -> str:
    """The URL without its password: what may be stored and shown."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = (f"{parts.username}@" if parts.username else "") + host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


@dataclass(frozen=True)
class Account:
    """Who connects where: the keyring's key for the password."""

    user: str
    where: str

    @property
    def key(self) -> str:
        return f"{self.user}@{self.where}"


def account_of(url: str) -> Account:
    parts = urlsplit(url)
    user = unquote(parts.username) if parts.username else os.environ.get("PGUSER") or _login_name()
    return Account(user, f"{parts.hostname or 'local'}:{parts.port or 5432}{parts.path}")


def _login_name() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "reslib"


def _keyring_password(account: Account) -> str | None:
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, account.key)
    except Exception:  # noqa: BLE001 - no usable system keyring (headless machine, locked): fall back to the prompt
        return None


def remember_password(url: str, password: str) -> bool:
    """Save the password in the system keyring; False when there is no usable keyring."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, account_of(url).key, password)
        return True
    except Exception:  # noqa: BLE001 - no usable system keyring: the caller says the password was not kept
        return False


def _needs_password(error: Exception) -> bool:
    text = str(error)
    return "no password supplied" in text or "password authentication failed" in text


def connect(url: str, prompt: PasswordPrompt | None = None, *, autocommit: bool = False):
    """A psycopg connection to the server; ServerUnreachable when it cannot be reached."""
    import psycopg

    check_url(url)
    account = account_of(url)
    password = urlsplit(url).password
    password = unquote(password) if password else os.environ.get(PASSWORD_ENV) or _keyring_password(account)
    kwargs: dict = {"connect_timeout": CONNECT_TIMEOUT_S, "autocommit": autocommit}
    if password:
        kwargs["password"] = password
    try:
        return psycopg.connect(url, **kwargs)
    except psycopg.OperationalError as error:
        if _needs_password(error) and prompt is not None:
            typed = prompt(f"Password for {account.key}: ")
            if typed:
                try:
                    connection = psycopg.connect(url, **{**kwargs, "password": typed})
                except psycopg.OperationalError as again:
                    raise SyncError(f"cannot sign in to {public_url(url)}: {_reason(again)}") from None
                remember_password(url, typed)
                return connection
        if _needs_password(error):
            raise SyncError(
                f"cannot sign in to {public_url(url)} as {account.user}: {_reason(error)} "
                f"(set {PASSWORD_ENV} or save the password in the system keyring)"
            ) from None
        raise ServerUnreachable(f"cannot reach the server {public_url(url)}: {_reason(error)}") from None
    except psycopg.Error as error:
        raise SyncError(f"cannot use the server {public_url(url)}: {_reason(error)}") from None


def _reason(error: Exception) -> str:
    """libpq's last line says why (the first names the socket or host)."""
    lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
    return lines[-1] if lines else type(error).__name__

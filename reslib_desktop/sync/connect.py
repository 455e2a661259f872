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

from reslib_desktop.sync.errors import ServerRefused, ServerUnreachable, SyncError

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


def forget_password(url: str) -> None:
    """Remove the saved password of this URL's account from the keyring (nothing when there is none)."""
    try:
        import keyring

        keyring.delete_password(KEYRING_SERVICE, account_of(url).key)
    except Exception:  # noqa: BLE001 - nothing saved, or no usable keyring: nothing to forget
        pass


def keyring_available() -> bool:
    """Whether a system keyring can keep passwords here (keyring's fail/null backends have priority <= 0)."""
    try:
        import keyring

        return float(keyring.get_keyring().priority) > 0
    except Exception:  # noqa: BLE001 - a broken keyring setup is no keyring
        return False


def _needs_password(error: Exception) -> bool:
    text = str(error)
    return "no password supplied" in text or "password authentication failed" in text


# libpq's words for why a connection was refused (its messages are not localised by our side: the
# client's messages are English unless PGCLIENTENCODING/lc_messages say otherwise).
_REFUSALS = (
    ("password authentication failed", "wrong-password"),
    ("no password supplied", "password-needed"),
    ("server does not support SSL, but SSL was required", "tls-unavailable"),
    # pg_hba.conf has no line for this connection: unencrypted, that is most often a server that takes TLS only
    ("no encryption", "tls-required"),
    ("no pg_hba.conf entry", "not-allowed"),
    ("certificate verify failed", "tls-untrusted"),
    ("does not match host name", "tls-untrusted"),
    ("root certificate file", "tls-untrusted"),
    ("certificate", "tls-untrusted"),
    ("invalid sslmode value", "bad-setting"),
    ("invalid connection option", "bad-setting"),
    ("permission denied for database", "no-access"),
    ("database \"", "no-database"),  # database "x" does not exist
    ("role \"", "unknown-user"),  # role "x" does not exist
)


def refusal_kind(error: Exception) -> str | None:
    """What a failed connection's libpq message means (a ServerRefused kind), None when the server
    was simply not reached (offline, wrong host or port)."""
    text = str(error)
    for words, kind in _REFUSALS:
        if words in text and (kind not in ("no-database", "unknown-user") or "does not exist" in text):
            return kind
    return None


def _refused(error: Exception, url: str, user: str) -> SyncError:
    """The one-line error for a connection that failed."""
    kind = refusal_kind(error)
    where = public_url(url)
    if kind is None:
        return ServerUnreachable(f"cannot reach the server {where}: {_reason(error)}")
    if kind in ("wrong-password", "password-needed"):
        return ServerRefused(
            f"cannot sign in to {where} as {user}: {_reason(error)} "
            f"(set {PASSWORD_ENV} or save the password in the system keyring)",
            kind,
        )
    return ServerRefused(f"cannot use the server {where}: {_reason(error)}", kind)


def connect(url: str, prompt: PasswordPrompt | None = None, *, autocommit: bool = False, password: str | None = None):
    """A psycopg connection to the server: ServerUnreachable when it cannot be reached, ServerRefused
    (with its `kind`) when it answers but refuses. `password` (typed in a dialog) comes before the others."""
    import psycopg

    check_url(url)
    account = account_of(url)
    in_url = urlsplit(url).password
    password = password or (unquote(in_url) if in_url else os.environ.get(PASSWORD_ENV) or _keyring_password(account))
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
                    kind = refusal_kind(again) or "wrong-password"
                    raise ServerRefused(f"cannot sign in to {public_url(url)}: {_reason(again)}", kind) from None
                remember_password(url, typed)
                return connection
        raise _refused(error, url, account.user) from None
    except psycopg.Error as error:
        raise SyncError(f"cannot use the server {public_url(url)}: {_reason(error)}") from None


def _reason(error: Exception) -> str:
    """libpq's own reason, without the socket or host it names first and without its hints:
    'password authentication failed for user "bob"', 'Connection refused'."""
    lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
    lines = [line for line in lines if not line.startswith(("Is the server running", "HINT:"))]
    if not lines:
        return type(error).__name__
    first = lines[0].rsplit("failed: ", 1)[-1]
    for level in ("FATAL:", "ERROR:"):
        first = first.removeprefix(level).strip()
    details = [line.removeprefix("DETAIL:").strip() for line in lines[1:] if line.startswith("DETAIL:")]
    return first + (f" ({details[0]})" if details else "")

"""A server address from what a person types: a postgresql:// URL, or a host, port and database.

    join_address("db.example.org", user="bob", sslmode="verify-full")
    -> "postgresql://bob@db.example.org:5432/reslib?sslmode=verify-full"

A password in a typed URL is taken out (the address is stored and shown; the
password goes to the keyring); other libpq settings in the URL are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from reslib_desktop.sync.connect import check_url, public_url

DEFAULT_PORT = 5432
DEFAULT_DATABASE = "reslib"
SSL_MODES = ("prefer", "require", "verify-full", "disable")  # libpq's default first


@dataclass(frozen=True)
class JoinAddress:
    url: str  # without any password
    password: str | None  # one typed inside the URL, if any


def is_url(text: str) -> bool:
    return text.strip().lower().startswith(("postgresql://", "postgres://"))


def join_address(
    server: str,
    *,
    port: int = DEFAULT_PORT,
    database: str = DEFAULT_DATABASE,
    user: str = "",
    sslmode: str | None = None,
) -> JoinAddress:
    """The URL to join; SyncError when it is not one. `server` is a URL (whose own user, port and database
    are kept unless `user` is given) or a host name; `sslmode` replaces the URL's (None keeps it)."""
    server = server.strip()
    if is_url(server):
        parts = urlsplit(server)
        password = unquote(parts.password) if parts.password else None
        name = user or (unquote(parts.username) if parts.username else "")
        netloc = _netloc(name, parts.hostname or "", parts.port)
        path, query = parts.path, parts.query
    else:
        password = None
        netloc = _netloc(user, server, port)
        path, query = "/" + quote(database.strip() or DEFAULT_DATABASE), ""
    settings = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not (sslmode and k == "sslmode")]
    if sslmode and sslmode != "prefer":
        settings.append(("sslmode", sslmode))
    url = urlunsplit(("postgresql", netloc, path, urlencode(settings, safe="/"), ""))
    return JoinAddress(public_url(check_url(url)), password)


def sslmode_of(url: str) -> str:
    """The URL's sslmode ("prefer", libpq's default, when it has none)."""
    return dict(parse_qsl(urlsplit(url).query)).get("sslmode", "prefer")


def user_of(url: str) -> str:
    """The user name a URL gives ("" when none)."""
    try:
        name = urlsplit(url).username
    except ValueError:  # half-typed
        return ""
    return unquote(name) if name else ""


def _netloc(user: str, host: str, port: int | None) -> str:
    host = f"[{host}]" if ":" in host else host
    return (f"{quote(user, safe='')}@" if user else "") + host + (f":{port}" if port else "")

"""What a user keeps in a library besides its resources: saved searches, recently viewed, what is new.

Plain functions on a SQLAlchemy connection (the caller owns the transaction),
over the existing `saved_searches` table and `resources.last_viewed_at` /
`resources.created_at`. Times are naive UTC, like the rest of the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from reslib_desktop.store.clock import utcnow
from reslib_desktop.store.schema import Resource, SavedSearch

MAX_NAME_LENGTH = 200


class UserStateError(ValueError):
    """A request that cannot be done as asked (an empty or taken name, an unknown search)."""


@dataclass(frozen=True)
class SavedSearchRow:
    name: str
    query: str  # JSON of the search state, as the front end wrote it
    created_at: datetime


@dataclass(frozen=True)
class ViewedRow:
    resource_id: int
    title: str
    viewed_at: datetime


def clean_name(name: str) -> str:
    """A saved search's name as stored: trimmed, one line, not empty."""
    cleaned = " ".join(name.split())[:MAX_NAME_LENGTH]
    if not cleaned:
        raise UserStateError("a saved search needs a name")
    return cleaned


# --- saved searches ---------------------------------------------------------------------------------
def saved_searches(connection: Connection) -> list[SavedSearchRow]:
    """Every saved search, by name (case-insensitive)."""
    rows = connection.execute(select(SavedSearch.name, SavedSearch.query, SavedSearch.created_at)).all()
    return sorted((SavedSearchRow(*row) for row in rows), key=lambda row: (row.name.casefold(), row.name))


def save_search(connection: Connection, name: str, query: str, now: datetime | None = None) -> str:
    """Save under `name`, replacing the search of that name if there is one; returns the name stored."""
    name = clean_name(name)
    changed = connection.execute(update(SavedSearch).where(SavedSearch.name == name).values(query=query)).rowcount
    if not changed:
        connection.execute(insert(SavedSearch).values(name=name, query=query, created_at=now or utcnow()))
    return name


def rename_saved_search(connection: Connection, old: str, new: str) -> str:
    """Rename a saved search; UserStateError if `old` is unknown or `new` is taken."""
    new = clean_name(new)
    if new == old:
        return new
    try:
        changed = connection.execute(update(SavedSearch).where(SavedSearch.name == old).values(name=new)).rowcount
    except IntegrityError as error:
        raise UserStateError(f"a saved search is already called {new!r}") from error
    if not changed:
        raise UserStateError(f"no saved search is called {old!r}")
    return new


def delete_saved_search(connection: Connection, name: str) -> bool:
    """Delete a saved search; False if there was none of that name."""
    return bool(connection.execute(delete(SavedSearch).where(SavedSearch.name == name)).rowcount)


# --- recently viewed --------------------------------------------------------------------------------
def mark_viewed(connection: Connection, resource_id: int, now: datetime | None = None) -> bool:
    """Record that a resource was looked at (False if it no longer exists). `updated_at` is not touched."""
    statement = update(Resource).where(Resource.id == resource_id).values(last_viewed_at=now or utcnow())
    return bool(connection.execute(statement).rowcount)


def recently_viewed(connection: Connection, limit: int = 20) -> list[ViewedRow]:
    """The resources looked at most recently, newest first."""
    rows = connection.execute(
        select(Resource.id, Resource.title, Resource.last_viewed_at)
        .where(Resource.last_viewed_at.is_not(None))
        .order_by(Resource.last_viewed_at.desc(), Resource.id.desc())
        .limit(limit)
    ).all()
    return [ViewedRow(row.id, row.title, row.last_viewed_at) for row in rows if row.last_viewed_at is not None]


def forget_viewed(connection: Connection) -> int:
    """Clear the recently viewed history; returns how many resources it held."""
    return connection.execute(
        update(Resource).where(Resource.last_viewed_at.is_not(None)).values(last_viewed_at=None)
    ).rowcount


# --- new resources ------------------------------------------------------------------------------------
def created_since(connection: Connection, since: datetime) -> list[int]:
    """Ids of resources added to the library after `since` (naive UTC), oldest first."""
    rows = connection.execute(
        select(Resource.id).where(Resource.created_at > since).order_by(Resource.created_at, Resource.id)
    ).scalars()
    return list(rows)


def newest_created_at(connection: Connection) -> datetime | None:
    """When the newest resource was added (None for an empty library)."""
    return connection.execute(select(func.max(Resource.created_at))).scalar_one_or_none()

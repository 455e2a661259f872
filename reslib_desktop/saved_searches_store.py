"""Saved searches, recently viewed resources and "new since last visit", without Qt.

`SearchState` is what a saved search restores: the text as typed, sidebar
selections, date range and sort. `LibraryUserState(library)` keeps them in
the library file (its `saved_searches` table and `resources.last_viewed_at`)
through `store.user_state`; `MemoryUserState` is the same API in memory.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from reslib_desktop.store import user_state
from reslib_desktop.store.clock import utcnow
from reslib_desktop.store.query import FACETS, SortKey
from reslib_desktop.store.user_state import UserStateError, clean_name

MAX_RECENT = 20

__all__ = [
    "MAX_RECENT",
    "LibraryUserState",
    "MemoryUserState",
    "RecentItem",
    "SavedSearch",
    "SearchState",
    "UserStateError",
    "UserStateStore",
]


@dataclass(frozen=True)
class SearchState:
    """A search as the user set it up (the text exactly as typed)."""

    text: str = ""
    selections: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (facet, sorted values), facets in FACETS order
    date_from: str | None = None
    date_to: str | None = None
    sort: str = SortKey.DATE.value
    descending: bool = True

    @classmethod
    def build(
        cls,
        text: str,
        selections: dict[str, Any] | tuple | list,
        date_from: str | None,
        date_to: str | None,
        sort: str,
        descending: bool,
    ) -> SearchState:
        """A state from loose parts (selections as a mapping or (facet, values) pairs)."""
        pairs = selections.items() if isinstance(selections, dict) else selections
        chosen = {str(facet): tuple(sorted({str(v) for v in values})) for facet, values in pairs if values}
        ordered = tuple(
            (facet, chosen[facet]) for facet in (*FACETS, *sorted(set(chosen) - set(FACETS))) if facet in chosen
        )
        key = sort if sort in {k.value for k in SortKey} else SortKey.DATE.value
        return cls(text, ordered, date_from or None, date_to or None, key, bool(descending))

    def selected(self, facet: str) -> frozenset[str]:
        return frozenset(next((values for name, values in self.selections if name == facet), ()))

    def to_json(self) -> str:
        return json.dumps(
            {
                "version": 1,
                "text": self.text,
                "selections": {facet: list(values) for facet, values in self.selections},
                "date_from": self.date_from,
                "date_to": self.date_to,
                "sort": self.sort,
                "descending": self.descending,
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, raw: str) -> SearchState:
        """Read `to_json` output; anything unreadable gives the empty search."""
        try:
            data = json.loads(raw)
        except (TypeError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        raw_selections = data.get("selections")
        selections = (
            {f: v for f, v in raw_selections.items() if isinstance(v, list)} if isinstance(raw_selections, dict) else {}
        )
        text = str(data["text"]) if isinstance(data.get("text"), str) else ""
        bounds = [data.get(k) if isinstance(data.get(k), str) else None for k in ("date_from", "date_to")]
        return cls.build(
            text, selections, bounds[0], bounds[1], str(data.get("sort", "")), data.get("descending", True)
        )


@dataclass(frozen=True)
class SavedSearch:
    name: str
    state: SearchState
    created_at: datetime | None = None


@dataclass(frozen=True)
class RecentItem:
    resource_id: int
    title: str


class UserStateStore(Protocol):
    """Where saved searches and the recently viewed list live. `blocking`: calls do file I/O."""

    blocking: bool

    def saved_searches(self) -> list[SavedSearch]: ...
    def save_search(self, name: str, state: SearchState) -> str: ...
    def rename_search(self, old: str, new: str) -> str: ...
    def delete_search(self, name: str) -> None: ...
    def recently_viewed(self, limit: int = MAX_RECENT) -> list[RecentItem]: ...
    def mark_viewed(self, resource_id: int, title: str) -> None: ...
    def clear_recently_viewed(self) -> None: ...


class LibraryUserState:
    """Saved searches and recently viewed resources kept in the library file."""

    blocking = True

    def __init__(self, library: Any, clock: Callable[[], datetime] = utcnow) -> None:
        self._engine = library.engine
        self._clock = clock

    def saved_searches(self) -> list[SavedSearch]:
        with self._engine.connect() as connection:
            rows = user_state.saved_searches(connection)
        return [SavedSearch(row.name, SearchState.from_json(row.query), row.created_at) for row in rows]

    def save_search(self, name: str, state: SearchState) -> str:
        with self._engine.begin() as connection:
            return user_state.save_search(connection, name, state.to_json(), self._clock())

    def rename_search(self, old: str, new: str) -> str:
        with self._engine.begin() as connection:
            return user_state.rename_saved_search(connection, old, new)

    def delete_search(self, name: str) -> None:
        with self._engine.begin() as connection:
            user_state.delete_saved_search(connection, name)

    def recently_viewed(self, limit: int = MAX_RECENT) -> list[RecentItem]:
        with self._engine.connect() as connection:
            rows = user_state.recently_viewed(connection, limit)
        return [RecentItem(row.resource_id, row.title) for row in rows]

    def mark_viewed(self, resource_id: int, title: str) -> None:
        with self._engine.begin() as connection:
            user_state.mark_viewed(connection, resource_id, self._clock())

    def clear_recently_viewed(self) -> None:
        with self._engine.begin() as connection:
            user_state.forget_viewed(connection)

    def created_since(self, since: datetime) -> frozenset[int]:
        """Ids of resources added after `since` (naive UTC): "new since last visit"."""
        with self._engine.connect() as connection:
            return frozenset(user_state.created_since(connection, since))


@dataclass
class MemoryUserState:
    """The same API, in memory (tests, read-only libraries)."""

    searches: dict[str, SavedSearch] = field(default_factory=dict)
    recent: list[RecentItem] = field(default_factory=list)
    blocking = False

    def saved_searches(self) -> list[SavedSearch]:
        return sorted(self.searches.values(), key=lambda s: (s.name.casefold(), s.name))

    def save_search(self, name: str, state: SearchState) -> str:
        name = clean_name(name)
        old = self.searches.get(name)
        self.searches[name] = SavedSearch(name, state, old.created_at if old else utcnow())
        return name

    def rename_search(self, old: str, new: str) -> str:
        new = clean_name(new)
        if old not in self.searches:
            raise UserStateError(f"no saved search is called {old!r}")
        if new != old and new in self.searches:
            raise UserStateError(f"a saved search is already called {new!r}")
        search = self.searches.pop(old)
        self.searches[new] = SavedSearch(new, search.state, search.created_at)
        return new

    def delete_search(self, name: str) -> None:
        self.searches.pop(name, None)

    def recently_viewed(self, limit: int = MAX_RECENT) -> list[RecentItem]:
        return self.recent[:limit]

    def mark_viewed(self, resource_id: int, title: str) -> None:
        self.recent = [RecentItem(resource_id, title)] + [r for r in self.recent if r.resource_id != resource_id]
        del self.recent[MAX_RECENT:]

    def clear_recently_viewed(self) -> None:
        self.recent = []

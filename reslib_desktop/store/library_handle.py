"""What core modules need of an open library, without importing the library facade above them.

`ImportService`, `EditService`, `OfflineService` and the bundle reader/writer are
handed the `Library` (library.py), which sits above them; they type it with these
protocols, so imports point down only (tests/unit/test_layers.py checks).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Protocol

from reslib_desktop.ingest.dates import Precision, format_date

if TYPE_CHECKING:  # types only: the command line's quick search reads details without SQLAlchemy
    from sqlalchemy import Engine

    from reslib_desktop.store.search import ResourceRow


class HasEngine(Protocol):
    """An open library: its engine is what the core writes through."""

    @property
    def engine(self) -> Engine: ...


class ReadsResources(HasEngine, Protocol):
    """An open library that also reads resources for display (editing, the offline collections)."""

    def rows_by_ids(self, ids: Sequence[int]) -> list[ResourceRow]: ...

    def resource(self, resource_id: int) -> ResourceDetail | None: ...


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    label: str
    url: str | None
    mime: str | None


@dataclass(frozen=True)
class ResourceDetail:
    id: int
    uid: str
    title: str
    title_derived: bool
    subtitle: str | None
    description: str
    published: date | None
    published_precision: str
    published_text: str | None
    resource_type: str | None
    topics: list[str]
    audiences: list[str]
    attachments: list[AttachmentInfo]
    source_url: str | None
    language: str | None

    @property
    def date_display(self) -> str:
        return display_date(self.published, self.published_precision)


def display_date(value: date | None, precision: str) -> str:
    """A date shown at the precision it was given ('2016', 'September 2020', ...)."""
    return format_date(value, Precision(precision or "unknown"))

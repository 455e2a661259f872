"""The one API the front ends use: open a library, search it, count facets, read a resource."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from reslib_desktop.ingest.dates import Precision, format_date  # noqa: F401 - part of the facade
from reslib_desktop.library_sync import LibrarySync
from reslib_desktop.search import searching
from reslib_desktop.search.engine import Progress as SearchProgress
from reslib_desktop.search.engine import SearchIndex, SearchIndexError
from reslib_desktop.search.filters import Context as SearchContext
from reslib_desktop.search.location import index_dir
from reslib_desktop.search.prebuilt import IndexBuild
from reslib_desktop.store import search as store_search
from reslib_desktop.store.database import (
    close_engine,
    integrity_problems,
    open_engine,
    schema_revision,
    sqlite_connection,
    upgrade_pending,
)
from reslib_desktop.store.errors import LibraryClosedError, LibraryError, NewerLibraryError
from reslib_desktop.store.library_handle import AttachmentInfo, ResourceDetail, display_date
from reslib_desktop.store.query import FACETS, FullResult, SearchQuery, SortKey, TextQuery
from reslib_desktop.store.resource_reads import resource_details

if TYPE_CHECKING:
    from reslib_desktop.ingest.editing import ResourceEdit
    from reslib_desktop.offline.models import (
        AttachmentCacheInfo,
        CacheStatus,
        CollectionInfo,
        FetchProgress,
        FetchReport,
    )
    from reslib_desktop.offline.service import OfflineService
    from reslib_desktop.saved_searches_store import LibraryUserState
from reslib_desktop.facade_exports import LAZY_EXPORTS
from reslib_desktop.store.querylang import parse_query
from reslib_desktop.store.schema import (
    Attachment,
    Audience,
    CacheState,
    Collection,
    CollectionItem,
    LibraryMeta,
    Resource,
    TextState,
    Topic,
)
from reslib_desktop.store.search import MARK_END, MARK_START, FacetValue, ResourceRow
from reslib_desktop.store.suggest import MAX_VOCABULARY, suggest_words
from reslib_desktop.vocabulary import type_label

__all__ = [
    "FACETS",
    "MARK_END",
    "MARK_START",
    "AttachmentCacheInfo",
    "AttachmentInfo",
    "CacheState",
    "CacheStatus",
    "CollectionInfo",
    "FacetValue",
    "FetchProgress",
    "FetchReport",
    "FullResult",
    "Library",
    "LibraryClosedError",
    "LibraryError",
    "LibraryInfo",
    "NewerLibraryError",
    "OfflineService",
    "ResourceDetail",
    "ResourceRow",
    "SearchIndexError",
    "SearchPage",
    "SearchQuery",
    "SortKey",
    "TextQuery",
    "TextState",
    "display_date",
    "parse_query",
    "type_label",
]


@dataclass(frozen=True)
class SearchPage:
    total: int
    rows: list[ResourceRow]


@dataclass(frozen=True)
class LibraryInfo:
    path: Path
    schema_revision: str | None
    counts: dict[str, int]
    meta: dict[str, str]


class Library(LibrarySync):
    """An open library file. Safe to use from worker threads (one connection per call)."""

    def __init__(self, engine: Engine, path: Path, read_only: bool = False) -> None:
        self._engine = engine
        self.path = path
        self._search_index = SearchIndex(path, index_dir(path), prune_outbox=not read_only)
        self._search_context = SearchContext(self._collection_ids)

    @classmethod
    def open(cls, path: str | Path, create: bool = False, read_only: bool = False) -> Library:
        """Open a library file; LibraryError with one clear line if it cannot be used."""
        path = Path(path)
        return cls(open_engine(path, create=create, read_only=read_only), path, read_only)

    @staticmethod
    def upgrade_pending(path: str | Path) -> bool:
        """True when `open(path)` will first upgrade the file to this version (a backup copy, then the
        migrations): a front end can say so while it runs."""
        return upgrade_pending(Path(path))

    @property
    def search_index_dir(self) -> Path | None:
        """Where this library's search index lives (see search/location.py); None while it is held in memory."""
        return self._search_index.directory

    def rebuild_index_only(self) -> int:
        """Rebuild the search index (not SQLite's tables, so a read-only library works); resources indexed."""
        return self._search_index.rebuild()

    def search_index_status(self) -> dict[str, object]:
        """Where the search index is, how many documents it holds, its format (after catching up)."""
        from reslib_desktop.search.fields import INDEX_SCHEMA_VERSION

        self._search_index.ensure_current()
        directory = self._search_index.directory
        return {
            "directory": str(directory) if directory is not None else None,
            "documents": self._search_index.size,
            "schema_version": INDEX_SCHEMA_VERSION,
        }

    def build_search_index_beside(self) -> IndexBuild | None:
        """For `ImportService.apply(..., index_feed=)`: when the library has no resources yet, its search
        index is built from the import's records while they are written (in a second process where the
        platform forks), and taken up by the next `refresh_search_index`."""
        return self._search_index.build_beside_import()

    def refresh_search_index(self) -> None:
        """Bring the search index up to the library as committed (after writes made through `engine`).

        Searches do this themselves when changes are pending; calling it after a write moves the
        work out of the next search."""
        self._search_index.ensure_current()

    def open_search_index_if_current(self) -> bool:
        """Open the search index when that is quick (it is current, or a few changes behind); False when
        it must be built or caught up at length first (`build_search_index`, off the GUI thread)."""
        return self._search_index.open_if_current()

    def build_search_index(self, progress: SearchProgress | None = None) -> None:
        """Build or catch up the search index; `progress(done, total)` now and then, from this thread."""
        self._search_index.ensure_current(progress)

    def first_rows_without_index(self, query: SearchQuery, limit: int) -> tuple[list[ResourceRow], int] | None:
        """While the index is built: the first rows of a plain browse (see search/stand_in.py) and the
        library's size, straight from SQLite; None for a query only the index can answer."""
        from reslib_desktop.search import stand_in

        if not stand_in.can_answer(query):
            return None
        with self._engine.connect() as connection:
            raw = sqlite_connection(connection)
            ids = stand_in.first_ids(raw, query, limit)
            size = stand_in.library_size(raw)
            return store_search.rows_by_ids(connection, ids), size

    @property
    def engine(self) -> Engine:
        """For core modules (ingest, offline) that write; front ends do not use it."""
        return self._engine

    def close(self) -> None:
        """Close the library's connections; using it afterwards raises LibraryClosedError."""
        close_engine(self._engine)

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- searching -------------------------------------------------------------------------
    def search(self, query: SearchQuery, offset: int = 0, limit: int = 200) -> SearchPage:
        """Total and one page of rows for a query."""
        result = self.search_full(query, ())
        return SearchPage(result.total, self.rows_by_ids(result.ids[offset : offset + limit]))

    def search_full(self, query: SearchQuery, facets: tuple[str, ...] = FACETS) -> FullResult:
        """Every match's id in order plus facet counts: what the window needs, in one pass.

        Fast at any size: the search index counts and orders, and the ids are read a
        block at a time as the window scrolls (search/results.py).
        """
        self._search_index.ensure_current()
        return searching.run(self._search_index, query, facets, self._search_context)

    def _collection_ids(self, name: str) -> list[int]:
        return self.collection_members(name) or []

    def offline_service(self, cache_dir: Path | None = None) -> OfflineService:
        """The offline cache, downloads, collections and PDF text index of this library."""
        from reslib_desktop.offline.service import OfflineService
        from reslib_desktop.paths import cache_dir as default_cache_dir

        return OfflineService(self, Path(cache_dir) if cache_dir is not None else default_cache_dir())

    def user_state(self) -> LibraryUserState:
        """Saved searches, recently viewed and new resources of this library."""
        from reslib_desktop.saved_searches_store import LibraryUserState

        return LibraryUserState(self)

    def save_resource(self, resource_id: int, edit: ResourceEdit, user: str | None = None) -> int:
        """Save an edited resource in one transaction (recorded so it can be undone)."""
        from reslib_desktop.ingest.editing import save_resource

        batch = save_resource(self._engine, resource_id, edit, user)
        self._search_index.ensure_current()
        return batch

    def delete_resources(self, resource_ids: Sequence[int], user: str | None = None) -> int:
        """Delete resources in one transaction (recorded so it can be undone)."""
        from reslib_desktop.ingest.editing import delete_resources

        deleted = delete_resources(self._engine, resource_ids, user)
        self._search_index.ensure_current()
        return deleted

    def collection_members(self, name: str) -> list[int] | None:
        """Resource ids of a collection in its order, or None when there is no such collection."""
        with Session(self._engine) as session:
            collection_id = session.scalar(select(Collection.id).where(Collection.name == name))
            if collection_id is None:
                return None
            return list(
                session.scalars(
                    select(CollectionItem.resource_id)
                    .where(CollectionItem.collection_id == collection_id)
                    .order_by(CollectionItem.position, CollectionItem.resource_id)
                )
            )

    def resource_count(self) -> int:
        """How many resources the library holds."""
        with self._engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(Resource)).scalar_one()

    def rows_by_ids(self, ids: Sequence[int]) -> list[ResourceRow]:
        """Rows for these ids, in the same order (ids that no longer exist are left out)."""
        with self._engine.connect() as connection:
            return store_search.rows_by_ids(connection, ids)

    def rows(self, query: SearchQuery, offset: int, limit: int) -> list[ResourceRow]:
        """Another page of a search whose total is known."""
        return self.search(query, offset, limit).rows

    def facet_counts(
        self, query: SearchQuery, facets: tuple[str, ...] = FACETS
    ) -> dict[str, list[FacetValue]]:
        """Counts per facet value for the query, each facet's own selection left out."""
        return self.search_full(query, facets).facets

    def snippet(self, resource_id: int, text_query: TextQuery) -> str | None:
        """Why a resource matched: its best passage, matched words between MARK_START and MARK_END."""
        if not text_query.match:
            return None
        from reslib_desktop.search.documents import documents_of
        from reslib_desktop.search.fields import analyzer
        from reslib_desktop.search.snippets import snippet

        with self._engine.connect() as connection:
            found = list(documents_of(sqlite_connection(connection), [resource_id]))
        if not found:
            return None
        return snippet(found[0], text_query.match, analyzer(), (MARK_START, MARK_END))

    def suggestions(self, text_query: TextQuery, limit: int = 3) -> list[str]:
        """'Did you mean' alternatives built from the library's own words (for a search that found nothing)."""
        if not text_query.terms:
            return []
        self._search_index.ensure_current()
        terms = self._search_index.vocabulary(MAX_VOCABULARY)
        return suggest_words(list(text_query.terms), terms, limit)

    def resource(self, resource_id: int) -> ResourceDetail | None:
        """One resource in full, or None if it no longer exists."""
        with self._engine.connect() as connection:
            return resource_details(sqlite_connection(connection), [resource_id]).get(resource_id)

    def all_resource_ids(self, query: SearchQuery) -> list[int]:
        """Ids of every match, in order (for exports and bulk actions): a plain list, read at once."""
        return list(self.search_full(query, ()).ids)

    # --- facts about the library -----------------------------------------------------------
    def info(self) -> LibraryInfo:
        """Counts by table, schema revision, path and build facts."""
        tables = {
            "resources": Resource,
            "attachments": Attachment,
            "topics": Topic,
            "audiences": Audience,
            "collections": Collection,
        }
        with Session(self._engine) as session:
            counts = {
                name: session.scalar(select(func.count()).select_from(model)) or 0 for name, model in tables.items()
            }
            meta = {row.key: row.value for row in session.scalars(select(LibraryMeta))}
        return LibraryInfo(self.path, schema_revision(self._engine), counts, meta)

    def check(self) -> list[str]:
        """Problems found by SQLite's and FTS5's integrity checks (empty when healthy)."""
        return integrity_problems(self._engine)

    def rebuild_search_index(self) -> int:
        """Rebuild the search index (and SQLite's full-text tables) from the resources; repairs a damaged
        index. The number of resources indexed."""
        from reslib_desktop.store.database import rebuild_text_indexes

        rebuild_text_indexes(self._engine)
        return self._search_index.rebuild()


if TYPE_CHECKING:  # the lazy exports with their real types (see facade_exports.py)
    from reslib_desktop.facade_exports import *  # noqa: F403


def __getattr__(name: str) -> object:
    module = LAZY_EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value

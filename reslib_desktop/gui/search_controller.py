"""The search state of the window and the worker that runs it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal

from reslib_desktop.gui.results_model import PAGE_SIZE
from reslib_desktop.gui.task_runner import Task, TaskRunner, failure_text
from reslib_desktop.library import (
    FacetValue,
    Library,
    ResourceRow,
    SearchQuery,
    SortKey,
    parse_query,
)


@dataclass(frozen=True)
class SearchOutcome:
    query: SearchQuery
    ids: Sequence[int]  # every match, in order
    rows: list[ResourceRow]  # the first page
    facets: dict[str, list[FacetValue]]
    library_total: int
    suggestions: list[str]
    index_pending: bool = False  # the search index is still being built: `rows` stand in (or none)

    @property
    def total(self) -> int:
        return len(self.ids)


def run_search(
    library: Library,
    query: SearchQuery,
    facets: tuple[str, ...],
    known_facets: dict[str, list[FacetValue]] | None = None,
) -> SearchOutcome:
    """Everything one search shows: every match in order, the first page, facet counts (in a worker).

    `known_facets`: counts already known for this very query (a re-sort), not computed again.
    """
    result = library.search_full(query, () if known_facets is not None else facets)
    rows = library.rows_by_ids(result.ids[:PAGE_SIZE])
    suggestions = library.suggestions(query.text) if result.total == 0 else []
    counts = known_facets if known_facets is not None else result.facets
    return SearchOutcome(query, result.ids, rows, counts, result.library_size, suggestions)


def run_search_or_stand_in(
    library: Library,
    query: SearchQuery,
    facets: tuple[str, ...],
    known_facets: dict[str, list[FacetValue]] | None = None,
) -> SearchOutcome:
    """`run_search` when the search index opens quickly; else (it must be built first) what SQLite
    shows at once: the first page of a plain browse, or nothing for a query only the index answers."""
    if library.open_search_index_if_current():
        return run_search(library, query, facets, known_facets)
    stand_in = library.first_rows_without_index(query, PAGE_SIZE)
    rows, size = stand_in if stand_in is not None else ([], 0)
    return SearchOutcome(query, [row.id for row in rows], rows, {}, size, [], index_pending=True)


_SEARCH = "search"  # newest only: a slow search never overwrites a newer one


def _same_but_order(a: SearchQuery, b: SearchQuery) -> bool:
    return replace(a, sort=b.sort, descending=b.descending) == b


class SearchController(QObject):
    """Holds text, selections and sort; every change runs a new search off the GUI thread."""

    resultsReady = Signal(object)  # SearchOutcome
    searchFailed = Signal(str)
    searchStarted = Signal()
    indexProgress = Signal(int, int)  # documents indexed, of: the search index is being built
    indexReady = Signal()  # the build ended: the current search runs again on the index

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.query = SearchQuery()
        self.facets: tuple[str, ...] = ()
        self._user_sorted = False
        self._runner = TaskRunner(self)
        self._shown: SearchOutcome | None = None
        self._index_ready = False  # once the index has answered, searches go to it directly
        self._index_build: Task | None = None

    @property
    def busy(self) -> bool:
        """A search, or the index build the shown results wait for, is under way."""
        return self._runner.busy(_SEARCH) or self.index_building

    def set_text(self, text: str) -> None:
        text_query = parse_query(text)
        query = replace(self.query, text=text_query)
        if not self._user_sorted:
            # Relevance while words are typed, newest first otherwise.
            fallback = SortKey.POSITION if query.collection else SortKey.DATE
            query = replace(query, sort=SortKey.RELEVANCE if text_query.match else fallback, descending=True)
        self._run(query)

    def set_selection(self, facet: str, values: frozenset[str]) -> None:
        self._run(self.query.with_selection(facet, values))

    def set_sort(self, sort: SortKey, descending: bool) -> None:
        self._user_sorted = sort is not SortKey.RELEVANCE
        self._run(replace(self.query, sort=sort, descending=descending))

    def set_facets(self, facets: tuple[str, ...]) -> None:
        """Which facet groups are open: only those get counts."""
        if facets != self.facets:
            self.facets = facets
            self.refresh()

    def set_collection(self, name: str | None) -> None:
        """Show only a collection's members, in its own order ("" or None: the whole library)."""
        name = name or None
        query = replace(self.query, collection=name)
        if name and not self._user_sorted and not query.text.match:
            query = replace(query, sort=SortKey.POSITION, descending=True)
        elif not name and query.sort is SortKey.POSITION:
            query = replace(query, sort=SortKey.RELEVANCE if query.text.match else SortKey.DATE, descending=True)
        self._run(query)

    def remove_value(self, facet: str, value: str) -> None:
        self.set_selection(facet, self.query.selected(facet) - {value})

    def set_date_range(self, date_from: str | None, date_to: str | None) -> None:
        self._run(replace(self.query, date_from=date_from, date_to=date_to))

    @property
    def has_filters(self) -> bool:
        return bool(self.query.selections or self.query.date_from or self.query.date_to)

    def clear_filters(self) -> None:
        self._run(replace(self.query, selections=(), date_from=None, date_to=None))

    def refresh(self) -> None:
        """Search again (the library changed): nothing is reused."""
        self._shown = None
        self._run(self.query)

    @property
    def index_building(self) -> bool:
        """The search index is being built in the background."""
        return self._index_build is not None

    def _show(self, outcome: SearchOutcome) -> None:
        self._shown = outcome
        if outcome.index_pending:
            self._start_index_build()
        else:
            self._index_ready = True
        self.resultsReady.emit(outcome)

    def _start_index_build(self) -> None:
        if self._index_build is not None:
            return
        library = self.library
        self._index_build = self._runner.run_reporting(
            lambda report, _cancelled: library.build_search_index(report),
            self._index_built,
            self._index_failed,
            self.indexProgress.emit,
        )

    def _index_built(self, _result: object) -> None:
        self._index_build = None
        self._index_ready = True
        self.indexReady.emit()
        self.refresh()

    def _index_failed(self, error: BaseException) -> None:
        self._index_build = None
        self.searchFailed.emit(failure_text(error))

    def _failed(self, error: BaseException) -> None:
        self.searchFailed.emit(failure_text(error))

    def _run(self, query: SearchQuery) -> None:
        self.query = query
        library, facets = self.library, self.facets
        shown = self._shown
        known = None
        if (shown is not None and not shown.index_pending and _same_but_order(shown.query, query)
                and set(facets) <= set(shown.facets)):
            known = shown.facets  # a re-sort: the counts cannot have changed
        search = run_search if self._index_ready else run_search_or_stand_in
        self.searchStarted.emit()
        self._runner.run(lambda: search(library, query, facets, known), self._show, self._failed, key=_SEARCH)

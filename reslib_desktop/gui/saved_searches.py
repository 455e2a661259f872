"""Sidebar panel: saved searches (text + filters + sort, named) and recently viewed resources.

`SavedSearchesPanel(window)` keeps its lists in the library file
(`LibraryUserState`, written off the GUI thread, in order, in the task
runner's database lane); add it to the sidebar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QInputDialog,
    QLabel,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reslib_desktop.gui.fitted_list import FittedList
from reslib_desktop.gui.sidebar import facet_title, facet_value_label
from reslib_desktop.gui.task_runner import TaskRunner, database_lane
from reslib_desktop.library import (
    MAX_RECENT,
    LibraryUserState,
    RecentItem,
    SavedSearch,
    SearchState,
    SortKey,
    UserStateError,
    UserStateStore,
    parse_query,
)

ItemIdRole = Qt.ItemDataRole.UserRole


def user_state_for(library: Any) -> LibraryUserState:
    """The library's user state: `library.user_state()` when the facade has it."""
    factory = getattr(library, "user_state", None)
    return factory() if callable(factory) else LibraryUserState(library)


# --- the window's search as a SearchState ------------------------------------------------------------
def current_search_state(window) -> SearchState:
    """The window's search: the text as typed, selections, date range and sort."""
    query = window.controller.query
    return SearchState.build(
        window.search_box.text(),
        dict(query.selections),
        query.date_from,
        query.date_to,
        query.sort.value,
        query.descending,
    )


def _automatic_sort(state: SearchState) -> bool:
    """The order the window picks by itself: relevance for words, newest first otherwise."""
    if state.sort == SortKey.RELEVANCE.value:
        return True
    return state.sort == SortKey.DATE.value and state.descending and not parse_query(state.text).match


def apply_search_state(window, state: SearchState) -> None:
    """Set the window's search to `state` through its controller (the last search wins)."""
    controller = window.controller
    window.search_box.set_text(state.text)
    if _automatic_sort(state):
        controller.set_sort(SortKey.RELEVANCE, True)  # un-pins a chosen order; set_text picks the usual one
        controller.set_text(state.text)
    else:
        controller.set_sort(SortKey(state.sort), state.descending)
    controller.clear_filters()
    for facet, values in state.selections:
        controller.set_selection(facet, frozenset(values))
    window.sidebar.date_range.set_range(state.date_from, state.date_to)
    controller.set_date_range(state.date_from, state.date_to)


# --- the panel -------------------------------------------------------------------------------------------
class SavedSearchesPanel(QWidget):
    """Saved searches (Save, click or Enter restores, F2 renames, Delete deletes) and recently viewed."""

    restored = Signal(str)  # the name of the saved search restored
    #: A resource counts as viewed when the user opens one of its attachments, or picks its row (click or
    #: key) and keeps its details on screen this long: rows arrowed past, or highlighted by the window
    #: itself (the row kept after a search), are not.
    VIEW_DWELL_MS = 1500

    def __init__(self, window, store: UserStateStore | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.store = store if store is not None else user_state_for(window.library)
        self._tasks = TaskRunner(self)
        self._searches: list[SavedSearch] = []
        self._recent: list[RecentItem] = []
        self._pending: tuple[int, bool] | None = None  # a recent resource to select, filters cleared yet
        self._build()
        self._dwell = QTimer(self)
        self._dwell.setSingleShot(True)
        self._dwell.timeout.connect(self._on_dwelled)
        self._viewing: int | None = None  # the resource picked, waiting to count as viewed
        window.resourceChosen.connect(self._on_chosen)
        window.resourceOpened.connect(self._on_opened)
        window.controller.resultsReady.connect(self._on_results)
        self._call(lambda: (self.store.saved_searches(), self.store.recently_viewed(MAX_RECENT)), self._loaded)

    def _build(self) -> None:
        searches_label = self._heading(self.tr("Saved searches"))
        self.save_button = QPushButton(self.tr("&Save search…"), self)
        self.save_button.setAccessibleDescription(self.tr("Saves the current words, filters and sort under a name"))
        self.save_button.clicked.connect(lambda: self.save_current())
        self.searches = self._list(self.tr("Saved searches"),
                                   self.tr("Enter restores a saved search; F2 renames it; Delete deletes it"))
        searches_label.setBuddy(self.searches)
        self.searches.itemActivated.connect(lambda item: self.restore(item.data(ItemIdRole)))
        self.searches.itemClicked.connect(lambda item: self.restore(item.data(ItemIdRole)))
        self.searches.customContextMenuRequested.connect(self._searches_menu)
        self.no_searches = QLabel(self.tr("No saved searches yet: search, then Save search."), self)
        self.no_searches.setWordWrap(True)
        recent_label = self._heading(self.tr("Recently viewed"))
        self.recent = self._list(
            self.tr("Recently viewed resources"), self.tr("Enter or a click shows the resource again")
        )
        recent_label.setBuddy(self.recent)
        self.recent.itemActivated.connect(lambda item: self.show_recent(item.data(ItemIdRole)))
        self.recent.itemClicked.connect(lambda item: self.show_recent(item.data(ItemIdRole)))
        self.recent.customContextMenuRequested.connect(self._recent_menu)
        self.no_recent = QLabel(self.tr("Resources you select appear here."), self)
        self.no_recent.setWordWrap(True)
        self.rename_action = self._list_action(
            self.searches, self.tr("&Rename…"), QKeySequence(Qt.Key.Key_F2), self.rename_selected
        )
        self.delete_action = self._list_action(
            self.searches, self.tr("&Delete"), QKeySequence(QKeySequence.StandardKey.Delete), self.delete_selected
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        for widget in (
            searches_label,
            self.save_button,
            self.searches,
            self.no_searches,
            recent_label,
            self.recent,
            self.no_recent,
        ):
            layout.addWidget(widget)

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def _list(self, name: str, description: str) -> FittedList:
        # Whole titles, wrapped over as many lines as they need; past ~12 lines the list scrolls.
        widget = FittedList(self, cap=lambda: self.fontMetrics().lineSpacing() * 12)
        widget.setAccessibleName(name)
        widget.setAccessibleDescription(description)
        widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        return widget

    def _list_action(self, owner: FittedList, text: str, key: QKeySequence, slot: Callable[[], object]) -> QAction:
        action = QAction(text, owner)
        action.setShortcut(key)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        owner.addAction(action)
        return action

    # --- store access ----------------------------------------------------------------------------------
    def _call(self, work: Callable[[], Any], then: Callable[[Any], object] | None = None) -> None:
        if getattr(self.store, "blocking", True):
            self._tasks.run(work, then, lambda error: self._report_failure(str(error)), lane=database_lane())
            return
        try:
            result = work()
        except Exception as error:  # noqa: BLE001 - reported, never lost
            self._report_failure(str(error))
            return
        if then is not None:
            then(result)

    def wait(self, msecs: int = 5000) -> bool:
        """Wait until every store call has finished (tests)."""
        return self._tasks.wait(msecs)

    def _loaded(self, result: tuple[list[SavedSearch], list[RecentItem]]) -> None:
        self._searches, self._recent = list(result[0]), list(result[1])
        self._refill()

    def _report_failure(self, message: str) -> None:
        self.window_.statusBar().showMessage(
            self.tr("Could not save your searches or history: %1").replace("%1", message), 8000
        )

    def _reload_searches(self) -> None:
        self._call(self.store.saved_searches, self._show_searches)

    def _show_searches(self, searches: list[SavedSearch]) -> None:
        self._searches = list(searches)
        self._refill()

    # --- showing --------------------------------------------------------------------------------------
    def _refill(self) -> None:
        self.searches.clear()
        for search in self._searches:
            item = QListWidgetItem(search.name)
            item.setData(ItemIdRole, search.name)
            item.setToolTip(self.describe(search.state))
            self.searches.addItem(item)
        self.recent.clear()
        for entry in self._recent:
            item = QListWidgetItem(entry.title)
            item.setData(ItemIdRole, entry.resource_id)
            item.setToolTip(entry.title)
            self.recent.addItem(item)
        for widget, empty in ((self.searches, self.no_searches), (self.recent, self.no_recent)):
            rows = widget.count()
            widget.setVisible(rows > 0)
            empty.setVisible(rows == 0)
            widget.fit_height()

    def describe(self, state: SearchState) -> str:
        """A one-line summary of a saved search (its tooltip)."""
        parts = [self.tr("Words: %1").replace("%1", state.text)] if state.text else [self.tr("All resources")]
        for facet, values in state.selections:
            labels = ", ".join(facet_value_label(facet, value) for value in values)
            parts.append(f"{facet_title(facet)}: {labels}")
        if state.date_from or state.date_to:
            parts.append(
                self.tr("Published: %1 – %2").replace("%1", state.date_from or "…").replace("%2", state.date_to or "…")
            )
        return " · ".join(parts)

    def names(self) -> list[str]:
        return [search.name for search in self._searches]

    def recent_items(self) -> list[RecentItem]:
        return list(self._recent)

    # --- saved searches -----------------------------------------------------------------------------------
    def save_current(self, name: str | None = None) -> str | None:
        """Save the window's search under `name` (asked for when None); returns the name, or None if cancelled."""
        state = current_search_state(self.window_)
        if name is None:
            suggested = state.text or self.tr("My search")
            name, accepted = QInputDialog.getText(
                self, self.tr("Save search"), self.tr("Name of this search:"), text=suggested
            )
            if not accepted:
                return None
            taken = " ".join(name.split()) in self.names()
            if taken and QMessageBox.question(
                self, self.tr("Save search"), self.tr("Replace the saved search “%1”?").replace("%1", name)
            ) != QMessageBox.StandardButton.Yes:
                return None
        if not name.strip():
            return None
        cleaned = " ".join(name.split())
        self._searches = [s for s in self._searches if s.name != cleaned] + [SavedSearch(cleaned, state)]
        self._searches.sort(key=lambda s: (s.name.casefold(), s.name))
        self._refill()
        self._call(lambda: self.store.save_search(cleaned, state), lambda _name: self._reload_searches())
        return cleaned

    def restore(self, name: str) -> bool:
        """Set the window's search to a saved one."""
        search = next((s for s in self._searches if s.name == name), None)
        if search is None:
            return False
        apply_search_state(self.window_, search.state)
        self.restored.emit(name)
        return True

    def _selected_name(self) -> str | None:
        item = self.searches.currentItem()
        return item.data(ItemIdRole) if item is not None else None

    def rename(self, old: str, new: str) -> bool:
        """Rename a saved search (False if the new name is empty or taken)."""
        cleaned = " ".join(new.split())
        if not cleaned or (cleaned != old and cleaned in self.names()) or old not in self.names():
            return False
        self._searches = sorted(
            (SavedSearch(cleaned, s.state, s.created_at) if s.name == old else s for s in self._searches),
            key=lambda s: (s.name.casefold(), s.name),
        )
        self._refill()
        self._call(lambda: self.store.rename_search(old, cleaned), lambda _name: self._reload_searches())
        return True

    def rename_selected(self) -> None:
        old = self._selected_name()
        if old is None:
            return
        new, accepted = QInputDialog.getText(self, self.tr("Rename saved search"), self.tr("New name:"), text=old)
        if accepted and not self.rename(old, new):
            QMessageBox.information(self, self.tr("Rename saved search"),
                                    self.tr("A saved search needs a name that no other saved search has."))

    def delete(self, name: str) -> None:
        self._searches = [s for s in self._searches if s.name != name]
        self._refill()
        self._call(lambda: self.store.delete_search(name))

    def delete_selected(self) -> None:
        name = self._selected_name()
        if name is not None:
            self.delete(name)

    def _searches_menu(self, position) -> None:
        item = self.searches.itemAt(position)
        if item is None:
            return
        self.searches.setCurrentItem(item)
        menu = QMenu(self)
        menu.addAction(self.tr("Restore"), lambda: self.restore(item.data(ItemIdRole)))
        menu.addAction(self.rename_action)
        menu.addAction(self.delete_action)
        menu.exec(self.searches.viewport().mapToGlobal(position))
        menu.deleteLater()

    # --- recently viewed -------------------------------------------------------------------------------------
    def _on_chosen(self, resource_id: int) -> None:
        self._viewing = resource_id
        self._dwell.start(self.VIEW_DWELL_MS)

    def _on_opened(self, resource_id: int) -> None:
        self._viewing = None
        self._dwell.stop()
        self._remember_viewed(resource_id)

    def _on_dwelled(self) -> None:
        resource_id, self._viewing = self._viewing, None
        details = self.window_.details
        # Counted only if its details are still what the pane shows, on screen.
        if (
            resource_id is not None
            and details.detail is not None
            and details.detail.id == resource_id
            and details.isVisible()
        ):
            self._remember_viewed(resource_id)

    def _remember_viewed(self, resource_id: int) -> None:
        detail = self.window_.details.detail
        if detail is None or detail.id != resource_id:
            return
        entry = RecentItem(resource_id, detail.title)
        self._recent = [entry] + [r for r in self._recent if r.resource_id != entry.resource_id]
        del self._recent[MAX_RECENT:]
        self._refill()
        self._call(lambda: self.store.mark_viewed(entry.resource_id, entry.title))

    def show_recent(self, resource_id: int) -> None:
        """Select a recently viewed resource in the table, searching for its title if it is not shown."""
        entry = next((r for r in self._recent if r.resource_id == resource_id), None)
        if entry is None or self._select(resource_id):
            return
        self._pending = (resource_id, False)
        phrase = " ".join(entry.title.replace('"', " ").split())
        self.window_.search_box.set_text(f'"{phrase}"')

    def _select(self, resource_id: int) -> bool:
        window = self.window_
        row = window.model.row_of(resource_id)
        if row is None:
            return False
        window.table.selectRow(row)
        window.table.scrollTo(window.model.index(row, 0))
        window.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _on_results(self, _outcome: object) -> None:
        self._dwell.stop()  # new results: a row picked just before is not one the user stayed on
        self._viewing = None
        if self._pending is None:
            return
        resource_id, cleared = self._pending
        if self._select(resource_id):
            self._pending = None
        elif not cleared and self.window_.controller.has_filters:
            self._pending = (resource_id, True)
            self.window_.clear_all_filters()
        else:
            self._pending = None
            self.window_.statusBar().showMessage(self.tr("That resource is no longer in the library."), 5000)

    def clear_recent(self) -> None:
        self._recent = []
        self._refill()
        self._call(self.store.clear_recently_viewed)

    def _recent_menu(self, position) -> None:
        menu = QMenu(self)
        item = self.recent.itemAt(position)
        if item is not None:
            menu.addAction(self.tr("Show"), lambda: self.show_recent(item.data(ItemIdRole)))
        menu.addAction(self.tr("Clear history"), self.clear_recent)
        menu.exec(self.recent.viewport().mapToGlobal(position))
        menu.deleteLater()


__all__ = ["SavedSearchesPanel", "UserStateError", "apply_search_state", "current_search_state",
           "user_state_for"]

"""The main window: keyword box, filter sidebar, results table, details pane, status bar."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reslib_desktop.gui.a11y import step_reading_order
from reslib_desktop.gui.attachment_opener import AttachmentOpener
from reslib_desktop.gui.collection_actions import install_collection_actions
from reslib_desktop.gui.collections_panel import CollectionsPanel
from reslib_desktop.gui.details_pane import DetailsPane
from reslib_desktop.gui.downloads_view import DownloadsView, OfflineStatusButton
from reslib_desktop.gui.empty_state import EmptyState
from reslib_desktop.gui.filter_chips import FilterChips
from reslib_desktop.gui.i18n import QT_TRANSLATE_NOOP, local_number
from reslib_desktop.gui.icons import icon
from reslib_desktop.gui.index_status import IndexStatus
from reslib_desktop.gui.offline.availability import install_download_availability
from reslib_desktop.gui.offline.controller import OfflineController
from reslib_desktop.gui.pdf.pane import PdfPane
from reslib_desktop.gui.results_columns import ColumnFitter
from reslib_desktop.gui.results_menu import show_results_menu
from reslib_desktop.gui.results_model import (
    ResultsModel,
    column_for_sort,
)
from reslib_desktop.gui.results_table import make_results_table
from reslib_desktop.gui.search_box import SearchBox
from reslib_desktop.gui.search_controller import SearchController, SearchOutcome
from reslib_desktop.gui.sidebar import FacetSidebar
from reslib_desktop.gui.sync.install import install_sync
from reslib_desktop.gui.window_layout import default_window_size, pane_sizes
from reslib_desktop.library import FACETS, Library, OfflineService, SortKey
from reslib_desktop.paths import assets_dir

_SORT_CHOICES = (
    (SortKey.RELEVANCE, True, QT_TRANSLATE_NOOP("MainWindow", "Relevance")),
    (SortKey.DATE, True, QT_TRANSLATE_NOOP("MainWindow", "Newest first")),
    (SortKey.DATE, False, QT_TRANSLATE_NOOP("MainWindow", "Oldest first")),
    (SortKey.TITLE, False, QT_TRANSLATE_NOOP("MainWindow", "Title A–Z")),
    (SortKey.TITLE, True, QT_TRANSLATE_NOOP("MainWindow", "Title Z–A")),
    (SortKey.TYPE, False, QT_TRANSLATE_NOOP("MainWindow", "Type")),
)


class MainWindow(QMainWindow):
    """The window. `resourceChosen(id)`: the user picked a row (click or key) and its details show;
    `resourceOpened(id)`: the user opened one of its attachments."""

    resourceChosen = Signal(int)
    resourceOpened = Signal(int)

    def __init__(self, library: Library, offline: OfflineService | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.offline = offline if offline is not None else library.offline_service()
        self.setWindowTitle(self.tr("Resource Library — reslib-desktop"))
        self.setAccessibleName(self.tr("reslib-desktop main window"))
        self.controller = SearchController(library, self)
        self._selected_id: int | None = None
        self._shown_once = False
        self._build_widgets()
        self._build_actions()
        self._connect()
        self.download_availability = install_download_availability(self)
        self.collection_actions = install_collection_actions(self)  # Delete in a collection, with undo
        self.sync = install_sync(self)  # Sync menu (F5), status bar, conflicts view: gui/sync/
        screen = self.screen()
        self.resize(
            default_window_size(screen.availableGeometry() if screen is not None else None, self.minimumSizeHint())
        )
        self.controller.set_facets(self.sidebar.expanded_facets())

    # --- construction -----------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.search_box = SearchBox(self)
        self.sort_combo = QComboBox(self)
        self.sort_combo.setAccessibleName(self.tr("Sort results by"))
        for _sort, _descending, label in _SORT_CHOICES:
            self.sort_combo.addItem(self.tr(label))
        toolbar = QToolBar(self.tr("Search"), self)
        toolbar.setObjectName("search_toolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(self.search_box)
        sort_label = QLabel(self.tr("&Sort:"), self)
        sort_label.setBuddy(self.sort_combo)
        toolbar.addWidget(sort_label)
        toolbar.addWidget(self.sort_combo)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

        self.sidebar = FacetSidebar(FACETS, self)
        self.offline_controller = OfflineController(self.offline, parent=self)
        self.collections_panel = CollectionsPanel(self.offline_controller, self)
        self.left_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.left_splitter.addWidget(self.collections_panel)
        self.left_splitter.addWidget(self.sidebar)
        self.left_splitter.setStretchFactor(0, 1)
        self.left_splitter.setStretchFactor(1, 3)
        self.downloads = DownloadsView(self.offline_controller, self)
        self.downloads_dock = QDockWidget(self.tr("Downloads"), self)
        self.downloads_dock.setObjectName("downloads_dock")
        self.downloads_dock.setWidget(self.downloads)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.downloads_dock)
        self.downloads_dock.hide()
        self.model = ResultsModel(self.library.rows_by_ids, self, snippet_of=self.library.snippet)
        self.table = make_results_table(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Results"))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.installEventFilter(self)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.column_fitter = ColumnFitter(self.table)  # Title stretches, the others give way first

        self.empty_state = EmptyState(self)
        self.results_stack = QStackedWidget(self)
        self.results_stack.addWidget(self.table)
        self.results_stack.addWidget(self.empty_state)
        self.chips = FilterChips(self)
        results_area = QWidget(self)
        results_layout = QVBoxLayout(results_area)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.setSpacing(0)
        results_layout.addWidget(self.chips)
        results_layout.addWidget(self.results_stack, 1)

        self.details = DetailsPane(self)
        self.pdf_pane = PdfPane(self)
        self.opener = AttachmentOpener(self.offline, self.pdf_pane, self)
        self.right_tabs = QTabWidget(self)
        self.right_tabs.setAccessibleName(self.tr("Details and document"))
        self.right_tabs.addTab(self.details, self.tr("&Details"))
        self.right_tabs.addTab(self.pdf_pane, self.tr("D&ocument"))
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.left_splitter)
        self.splitter.addWidget(results_area)
        self.splitter.addWidget(self.right_tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setCollapsible(1, False)
        self.setCentralWidget(self.splitter)

        self.count_label = QLabel(self)
        self.count_label.setAccessibleName(self.tr("Result count"))
        self.statusBar().addPermanentWidget(self.count_label)
        self.count_label.setText(self.tr("Loading…"))
        self.index_status = IndexStatus(self.controller, self)
        self.statusBar().addPermanentWidget(self.index_status)
        self.offline_status = OfflineStatusButton(self.offline_controller, self)
        self.statusBar().addPermanentWidget(self.offline_status)
        # Counts are never cut short: the temporary message area gives way instead (QStatusBar does
        # not grow a permanent widget when its text gets longer, so its minimum width follows the text).
        for widget in (self.count_label, self.offline_status):
            widget.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        for signal in (self.offline_controller.statusChanged, self.offline_controller.progressChanged,
                       self.offline_controller.indexingChanged):
            signal.connect(lambda *_: self._fit_status(self.offline_status))

    def _build_actions(self) -> None:
        focus_search = QAction(self.tr("Find"), self)
        focus_search.setShortcuts([QKeySequence(QKeySequence.StandardKey.Find), QKeySequence("Ctrl+L")])
        focus_search.triggered.connect(self.search_box.focus)
        self.addAction(focus_search)
        clear_filters = QAction(self.tr("Clear all filters"), self)
        clear_filters.setShortcut(QKeySequence("Ctrl+Shift+Backspace"))
        clear_filters.triggered.connect(self.clear_all_filters)
        self.addAction(clear_filters)
        about = QAction(self.tr("&About reslib-desktop"), self)
        about.triggered.connect(self._about)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.collections_panel.new_action)  # Ctrl+Shift+N: its button is not the only way
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(focus_search)
        view_menu.addAction(clear_filters)
        offline_menu = self.menuBar().addMenu(self.tr("&Offline"))
        self.offline_selection_action = offline_menu.addAction(
            icon("download"), self.tr("Make the selection available offline"), self.make_selection_available_offline
        )
        self.offline_results_action = offline_menu.addAction(
            self.tr("Make all results available offline"), self.make_results_available_offline)
        self.offline_library_action = offline_menu.addAction(
            self.tr("Make the whole library available offline"), self.make_library_available_offline)
        offline_menu.addSeparator()
        offline_menu.addAction(self.tr("Show downloads"), self.show_downloads)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(about)
        self.setWindowIcon(QIcon(str(assets_dir() / "icons" / "reslib-desktop.svg")))

    def _connect(self) -> None:
        self.search_box.textSettled.connect(self.controller.set_text)
        self.sidebar.selectionChanged.connect(self.controller.set_selection)
        self.sidebar.expandedChanged.connect(lambda *_: self.controller.set_facets(self.sidebar.expanded_facets()))
        self.model.sortRequested.connect(self.controller.set_sort)
        self.sort_combo.activated.connect(self._on_sort_chosen)
        self.controller.resultsReady.connect(self._show_outcome)
        self.controller.searchFailed.connect(self._on_search_failed)
        self.controller.searchStarted.connect(lambda: self.statusBar().showMessage(self.tr("Searching…")))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._sync_details())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._sync_details())
        self.sidebar.date_range.rangeChanged.connect(self.controller.set_date_range)
        self.chips.removeValue.connect(self.controller.remove_value)
        self.chips.removeDateRange.connect(self._remove_date_range)
        self.chips.clearAll.connect(self.clear_all_filters)
        self.empty_state.suggestionChosen.connect(self.search_box.set_text)
        self.empty_state.clearFiltersRequested.connect(self.clear_all_filters)
        self.details.attachmentActivated.connect(self.open_attachment)
        self.table.doubleClicked.connect(lambda _index: self.open_first_attachment())
        self.opener.attachmentCached.connect(self._on_attachment_cached)
        self.table.customContextMenuRequested.connect(self._show_table_menu)
        self.offline_status.clicked.connect(self.show_downloads)
        self.collections_panel.collectionActivated.connect(self.controller.set_collection)
        self.collections_panel.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.offline_controller.resourcesChanged.connect(self.model.refresh_rows)
        self.offline_controller.resourcesChanged.connect(self._refresh_detail)
        self.offline_controller.finished.connect(lambda _report: self.controller.refresh())
        self.downloads.openRequested.connect(self._open_downloaded)

    def showEvent(self, event) -> None:
        if not self._shown_once:  # the first time the window has its real width (a saved layout comes after)
            self._shown_once = True
            self.fit_panes()
        super().showEvent(event)

    def fit_panes(self) -> None:
        """Pane widths for the window's width and text size (the saved layout, if any, replaces them)."""
        handles = self.splitter.handleWidth() * (self.splitter.count() - 1)
        sidebar = max(self.sidebar.sizeHint().width(), self.collections_panel.sizeHint().width())
        results = self.column_fitter.minimum_total() + 2  # every column whole, Title at its minimum
        details = self.right_tabs.minimumSizeHint().width()
        self.splitter.setSizes(pane_sizes(self.width() - handles, sidebar, results, details))

    # --- reacting ---------------------------------------------------------------------------
    def _on_sort_chosen(self, index: int) -> None:
        sort, descending, _label = _SORT_CHOICES[index]
        self.controller.set_sort(sort, descending)

    def _show_outcome(self, outcome: SearchOutcome) -> None:
        keep = self._selected_id
        previous = self.model.query
        self.model.set_results(outcome.query, outcome.ids, outcome.rows)
        selections = {facet: outcome.query.selected(facet) for facet in FACETS}
        # Same words and collection: the user is clicking filters, whose rows must not move under the mouse.
        same_words = previous is not None and (previous.text, previous.collection) == (
            outcome.query.text,
            outcome.query.collection,
        )
        self.sidebar.set_counts(outcome.facets, selections, keep_rows=same_words)
        self.search_box.show_notes(outcome.query.text.notes)
        self._sync_sort_widgets(outcome.query.sort, outcome.query.descending)
        self.chips.show_query(outcome.query)
        if outcome.index_pending:
            if not outcome.total:
                self.empty_state.show_waiting_for_index()
        elif not outcome.total:
            self.empty_state.show_empty(self.controller.has_filters, outcome.suggestions, outcome.query)
        self.results_stack.setCurrentWidget(self.table if outcome.total else self.empty_state)
        self.count_label.setText(
            self.tr("%1 of %Ln resources", "", outcome.library_total).replace("%1", local_number(outcome.total))
        )
        self._fit_status(self.count_label)
        self.statusBar().clearMessage()
        # The row shown before stays highlighted (wherever the new order puts it: pages up to it are
        # read in a worker) with its details; when it is gone, nothing is highlighted and the details
        # pane is empty.
        if keep is None:
            self._highlight_again(None)
        else:
            self.model.reveal(keep, self._highlight_again)

    def _highlight_again(self, row: int | None) -> None:
        self._selected_id = None  # the details are shown again: the snippet follows the new words
        if row is not None:
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
            self.table.scrollTo(index)
        self._sync_details()

    @staticmethod
    def _fit_status(widget: QWidget) -> None:
        widget.setMinimumWidth(widget.sizeHint().width())

    def _sync_sort_widgets(self, sort: SortKey, descending: bool) -> None:
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        column = column_for_sort(sort)
        header.setSortIndicator(column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)
        for number, (choice, choice_descending, _label) in enumerate(_SORT_CHOICES):
            if choice is sort and (choice_descending == descending or choice in (SortKey.RELEVANCE, SortKey.TYPE)):
                self.sort_combo.setCurrentIndex(number)
                break

    def _sync_details(self) -> None:
        """Make the details pane show what the highlight stands for (nothing when nothing is highlighted)."""
        resource_id = self.table.highlighted_resource()
        if resource_id != self._selected_id or (resource_id is None) != (self.details.detail is None):
            self._show_detail(resource_id)
        if resource_id is not None and self.table.user_driven:
            self.resourceChosen.emit(resource_id)

    def _refresh_detail(self, resource_ids: set[int]) -> None:
        """Attachments of the resource shown changed state (a download ended): show the new states."""
        if self._selected_id is not None and self._selected_id in resource_ids:
            self._show_detail(self._selected_id)

    def _show_detail(self, resource_id: int | None) -> None:
        self._selected_id = resource_id
        self.details.show_resource(self.library, self.offline, resource_id, self.model.query)

    # --- attachments --------------------------------------------------------------------------
    def open_attachment(self, attachment_id: int, page: int = -1) -> None:
        """Show an attachment in the Document tab (page 0-based; -1: where the user left it)."""
        detail = self.details.detail
        label = next((a.label for a in detail.attachments if a.id == attachment_id), "") if detail else ""
        self.right_tabs.setCurrentWidget(self.pdf_pane)
        self.opener.open(attachment_id, label, None if page < 0 else page)
        if detail is not None:
            self.resourceOpened.emit(detail.id)

    def open_first_attachment(self) -> bool:
        """Enter on a row: open its first attachment."""
        return self.details.open_first_attachment()

    def _on_attachment_cached(self, _attachment_id: int) -> None:
        if self._selected_id is not None:
            self.model.refresh_rows({self._selected_id})

    # --- offline and collections ---------------------------------------------------------------
    def selected_resource_ids(self) -> list[int]:
        """Resources of the selected rows, in table order."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [row.id for n in rows if (row := self.model.resource_at(n)) is not None]

    def make_selection_available_offline(self) -> None:
        """Ctrl+D: download every attachment of the selected resources."""
        ids = self.selected_resource_ids()
        if not ids:
            self.statusBar().showMessage(self.tr("Select resources to make available offline"), 5000)
            return
        if not self.offline_selection_action.isEnabled():  # no download address: say why, start nothing
            if self.download_availability.library_has_addresses is False:
                self.show_downloads()  # where the reason is given in full
            self.statusBar().showMessage(self.download_availability.reason(short=True), 10_000)
            return
        self.offline_controller.make_resources_available(ids, self.tr("%Ln selected resources", "", len(ids)))
        self.statusBar().showMessage(self.tr("Downloading the attachments of %Ln resources…", "", len(ids)), 5000)

    def make_results_available_offline(self) -> None:
        """Download every attachment of every current result (not only the loaded rows)."""
        query = self.model.query
        if query is None:
            return
        ids = self.model.all_ids()
        self.offline_controller.make_resources_available(ids, self.tr("the current results"))

    def make_library_available_offline(self) -> None:
        """Download every attachment of the library (before a trip)."""
        self.offline_controller.make_all_available(self.tr("The whole library"))
        self.show_downloads()

    def remove_selection_from_collection(self) -> None:
        """Delete: take the selected resources out of the collection being shown."""
        name = self.controller.query.collection
        ids = self.selected_resource_ids()
        if not name or not ids:
            self.statusBar().showMessage(
                self.tr("Delete removes resources from the collection shown; none is shown"), 5000
            )
            return
        self.collection_actions.remove(name, ids)

    def show_downloads(self) -> None:
        self.downloads_dock.show()
        self.downloads_dock.raise_()
        self.downloads.setFocus()

    def _open_downloaded(self, attachment_id: int) -> None:
        entry = self.offline_controller.file(attachment_id)
        self.right_tabs.setCurrentWidget(self.pdf_pane)
        self.opener.open(attachment_id, entry.label if entry is not None else "")

    def _show_table_menu(self, position) -> None:
        show_results_menu(self, self.table.viewport().mapToGlobal(position))

    def closeEvent(self, event) -> None:
        self.opener.shutdown()
        self.offline_controller.shutdown(5000)
        super().closeEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab walk the reading order round to its start (a11y.step_reading_order)."""
        return step_reading_order(self, next) or super().focusNextPrevChild(next)

    def eventFilter(self, watched, event) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.open_first_attachment()
        ):
            return True
        return super().eventFilter(watched, event)

    def _on_search_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("Search failed: %1").replace("%1", message))

    def _remove_date_range(self) -> None:
        self.sidebar.date_range.set_range(None, None)
        self.controller.set_date_range(None, None)

    def clear_all_filters(self) -> None:
        self.sidebar.date_range.set_range(None, None)
        self.controller.clear_filters()

    def _about(self) -> None:
        from reslib_desktop.gui.settings_dialog import show_about

        show_about(self)

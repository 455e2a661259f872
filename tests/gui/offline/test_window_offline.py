"""Offline work from the main window: Ctrl+D, collections as a filter, Delete removes from a collection."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reslib_desktop.gui.results_model import Column
from support import WAIT_MS, wait_for_results
from unit.offline.conftest import IRS, TRIVIAL, build_library


@pytest.fixture
def window(qtbot, tmp_path, pdf_server):
    from reslib_desktop.gui.main_window import MainWindow
    from reslib_desktop.gui.shortcuts import install_shortcuts

    library = build_library(
        tmp_path / "library.db",
        [
            ("Tax instructions", [("Instructions (PDF)", pdf_server.url(IRS))]),
            ("Smallest document", [("Trivial (PDF)", pdf_server.url(TRIVIAL))]),
            ("Another small one", [("Trivial again (PDF)", pdf_server.url(TRIVIAL))]),
        ],
    )
    main_window = MainWindow(library, library.offline_service(tmp_path / "cache"))
    install_shortcuts(main_window)
    qtbot.addWidget(main_window)
    main_window.resize(1366, 768)
    main_window.show()
    wait_for_results(qtbot, main_window)
    yield main_window
    main_window.close()
    library.close()


def _titles(window) -> list[str]:
    return [window.model.index(r, Column.TITLE).data() for r in range(window.model.rowCount())]


def _select_titles(window, titles: set[str]) -> None:
    from PySide6.QtCore import QItemSelectionModel

    window.table.setFocus()
    selection = window.table.selectionModel()
    selection.clearSelection()
    for row in range(window.model.rowCount()):
        if window.model.index(row, Column.TITLE).data() in titles:
            selection.select(
                window.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )


def test_ctrl_d_makes_the_selection_available_offline_and_the_table_shows_it(qtbot, window) -> None:
    _select_titles(window, {"Tax instructions", "Smallest document"})
    with qtbot.waitSignal(window.offline_controller.finished, timeout=30_000):
        qtbot.keyClick(window.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.sidebar.groups["offline"].count_of("yes") == 2, timeout=WAIT_MS)
    wait_for_results(qtbot, window)
    offline = {
        window.model.index(r, Column.TITLE).data(): window.model.index(r, Column.OFFLINE).data(
            Qt.ItemDataRole.AccessibleTextRole
        )
        for r in range(window.model.rowCount())
    }
    assert offline == {
        "Tax instructions": "available offline",
        "Smallest document": "available offline",
        "Another small one": "not available offline",
    }
    window.sidebar.groups["offline"].check_value("yes")
    wait_for_results(qtbot, window)
    assert sorted(_titles(window)) == ["Smallest document", "Tax instructions"]
    assert "2 of 3 attachments offline" in window.offline_status.text()


def test_a_collection_filters_the_results_and_delete_takes_resources_out(qtbot, window) -> None:
    panel = window.collections_panel
    panel.create_collection("Kit")
    qtbot.waitUntil(lambda: "Kit" in panel.names(), timeout=WAIT_MS)
    _select_titles(window, {"Smallest document", "Tax instructions"})
    panel.add_resources("Kit", window.selected_resource_ids())
    qtbot.waitUntil(lambda: (panel.info("Kit") is not None and panel.info("Kit").resources == 2), timeout=WAIT_MS)
    panel.select_collection("Kit")
    qtbot.waitUntil(lambda: window.controller.query.collection == "Kit", timeout=WAIT_MS)
    wait_for_results(qtbot, window)
    assert sorted(_titles(window)) == ["Smallest document", "Tax instructions"]
    _select_titles(window, {"Tax instructions"})
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: panel.info("Kit").resources == 1, timeout=WAIT_MS)
    window.controller.refresh()
    wait_for_results(qtbot, window)
    assert _titles(window) == ["Smallest document"]
    panel.clear_selection()
    qtbot.waitUntil(lambda: window.controller.query.collection is None, timeout=WAIT_MS)
    wait_for_results(qtbot, window)
    assert len(_titles(window)) == 3


def test_the_whole_library_can_be_made_available_offline_before_a_trip(qtbot, window) -> None:
    with qtbot.waitSignal(window.offline_controller.finished, timeout=30_000):
        window.make_library_available_offline()
    assert window.downloads_dock.isVisible()
    qtbot.waitUntil(lambda: window.sidebar.groups["offline"].count_of("yes") == 3, timeout=WAIT_MS)
    window.sidebar.groups["offline"].check_value("yes")
    wait_for_results(qtbot, window)
    assert window.model.total == 3


NO_ADDRESSES = (
    "This library has no download addresses for its attachments; "
    "import a bundle or records with URLs to make them available offline."
)


@pytest.fixture
def shipped_window(qtbot, tmp_path, library_copy):
    """The window on a copy of the shipped library, whose attachments have labels but no addresses,
    left with every attachment 'queued' (as a Ctrl+D of an earlier version left it)."""
    from reslib_desktop.gui.main_window import MainWindow
    from reslib_desktop.gui.shortcuts import install_shortcuts
    from reslib_desktop.library import Library

    library = Library.open(library_copy)
    service = library.offline_service(tmp_path / "cache")
    service.queue(service.all_attachments())
    main_window = MainWindow(library, service)
    install_shortcuts(main_window)
    qtbot.addWidget(main_window)
    main_window.resize(1366, 768)
    main_window.show()
    wait_for_results(qtbot, main_window)
    yield main_window
    main_window.close()
    library.close()


def test_the_shipped_library_says_once_why_nothing_downloads_and_disables_what_cannot_work(
    qtbot, shipped_window
) -> None:
    from reslib_desktop.library import CacheState

    window = shipped_window
    qtbot.waitUntil(lambda: window.offline_controller.downloadable == 0, timeout=WAIT_MS)
    window.table.setFocus()
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: window.selected_resource_ids() != [], timeout=WAIT_MS)
    for action in (window.offline_selection_action, window.offline_results_action, window.offline_library_action):
        assert not action.isEnabled() and action.statusTip() == NO_ADDRESSES, action.text()
    assert window.offline_status.text().endswith(" · no download addresses")
    assert window.offline_status.toolTip() == NO_ADDRESSES
    assert not window.downloads_dock.isVisible()

    qtbot.keyClick(window.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    # Ctrl+D says why (in short, and in full in the Downloads dock it opens), and starts nothing
    assert window.statusBar().currentMessage() == "Nothing can be downloaded: this library has no download addresses."
    assert window.downloads_dock.isVisible()
    assert not window.offline_controller.busy and window.downloads.model.rowCount() == 0
    view = window.downloads
    qtbot.waitUntil(lambda: view.notice.isVisible(), timeout=WAIT_MS)
    assert view.notice.text() == NO_ADDRESSES
    # The queue left by the earlier version is forgotten: no "interrupted" downloads that Resume cannot fetch.
    assert window.offline.attachments_in_state(CacheState.QUEUED) == []
    qtbot.waitUntil(lambda: window.offline_controller.resumable == 0, timeout=WAIT_MS)
    assert not view.banner.isVisible() and not view.problems.isVisible()
    assert not view.retry_button.isEnabled() and not view.cancel_button.isEnabled()
    assert view.title.text() == "No downloads running" and view.bar.value() == 0


def _details_of(qtbot, window, words: str, title_start: str) -> str:
    window.search_box.set_text(words)
    wait_for_results(qtbot, window, words)
    row = next(r for r in range(window.model.rowCount())
               if window.model.index(r, Column.TITLE).data().startswith(title_start))
    window.table.setFocus()
    window.table.selectRow(row)
    qtbot.waitUntil(lambda: window.details.detail is not None
                    and window.details.detail.title.startswith(title_start), timeout=WAIT_MS)
    return window.details.browser.toPlainText()


def test_the_shipped_library_shows_the_pages_own_values_and_never_their_provenance(qtbot, shipped_window) -> None:
    window = shipped_window
    framework = _details_of(qtbot, window, '"prevention framework"', "National Human Trafficking Prevention Framework")
    assert "A Public Health Approach to Preventing Human Trafficking" in framework  # its subtitle
    assert "Type: Report" in framework and "Date: February 13, 2024" in framework
    # The year of this memorandum came from a news page: the value is shown, the page it came from is not.
    council = _details_of(qtbot, window, '"Advisory Council"', "The Justice for Victims of Trafficking Act")
    assert "Type: Policy and guidance" in council and "Date: 2023" in council
    assert "us-advisory-council-releases" not in council and "provenance" not in council.lower()

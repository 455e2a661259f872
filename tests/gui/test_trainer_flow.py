"""A trainer's flow end to end: open an attachment (downloaded on demand), leave it at a page,
then with the server gone: it still opens there, and a word inside it is found by search."""

from __future__ import annotations


import pytest
from PySide6.QtCore import Qt

from reslib_desktop.gui.results_model import Column
from support import WAIT_MS, wait_for_results
from unit.offline.conftest import IRS, WORD_IN_PDF, WORD_PAGE, build_library



@pytest.fixture
def trainer_window(qtbot, tmp_path, pdf_server):
    from reslib_desktop.gui.main_window import MainWindow

    library = build_library(
        tmp_path / "library.db",
        [
            ("Tax instructions for nonresidents", [("Form 1040NR instructions (PDF)", pdf_server.url(IRS))]),
            ("Nothing to download", [("Lost document (PDF)", None)]),
        ],
    )
    window = MainWindow(library, library.offline_service(tmp_path / "cache"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    wait_for_results(qtbot, window)
    yield window
    window.close()
    library.close()


def _message(window) -> str:
    return window.pdf_pane.message.text.text()


def _select(qtbot, window, title: str) -> None:
    row = next(r for r in range(window.model.rowCount()) if window.model.index(r, Column.TITLE).data() == title)
    window.table.setFocus()
    window.table.selectRow(row)
    qtbot.waitUntil(lambda: window.details.detail is not None and window.details.detail.title == title, timeout=WAIT_MS)


def test_enter_downloads_and_shows_the_pdf_then_it_reopens_offline_at_the_same_page(qtbot, trainer_window, pdf_server) -> None:
    window = trainer_window
    pane = window.pdf_pane
    _select(qtbot, window, "Tax instructions for nonresidents")
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert window.right_tabs.currentWidget() is pane
    qtbot.waitUntil(lambda: pane.is_showing_document() and pane.page_count() == 50, timeout=15_000)
    with qtbot.waitSignal(window.opener.attachmentIndexed, timeout=15_000):
        pass  # the words of the PDF are being indexed in the background
    pane.go_to_page(9)
    qtbot.waitUntil(lambda: pane.current_page() == 9, timeout=WAIT_MS)
    pane.pageChanged.emit(pane.current_key(), 9)  # what the pane does when the user moves

    pdf_server.stop()  # from here on there is no network
    window.right_tabs.setCurrentWidget(window.details)
    pane.close_document()
    window.open_first_attachment()
    qtbot.waitUntil(lambda: pane.is_showing_document(), timeout=WAIT_MS)
    assert pane.current_page() == 9

    window.search_box.set_text(WORD_IN_PDF)
    wait_for_results(qtbot, window, WORD_IN_PDF)
    assert [window.model.index(r, Column.TITLE).data() for r in range(window.model.rowCount())] == [
        "Tax instructions for nonresidents"
    ]
    assert window.model.index(0, Column.OFFLINE).data(Qt.ItemDataRole.AccessibleTextRole) == "available offline"
    _select(qtbot, window, "Tax instructions for nonresidents")
    matches = window.details.matches
    assert matches.count() >= 1
    assert f"page {WORD_PAGE}" in matches.item(0).text()
    window.details._activate(matches.item(0))
    qtbot.waitUntil(lambda: pane.is_showing_document() and pane.current_page() == WORD_PAGE - 1, timeout=WAIT_MS)


def test_an_attachment_without_an_address_says_so(qtbot, trainer_window) -> None:
    window = trainer_window
    _select(qtbot, window, "Nothing to download")
    assert window.open_first_attachment()
    assert not window.pdf_pane.is_showing_document()
    assert "no download address is known" in _message(window)


def test_a_failed_download_says_why_and_offers_to_try_again(qtbot, trainer_window, pdf_server) -> None:
    window = trainer_window
    pdf_server.fault(IRS, "status", status=404)
    _select(qtbot, window, "Tax instructions for nonresidents")
    window.open_first_attachment()
    qtbot.waitUntil(lambda: "404" in _message(window), timeout=15_000)
    assert "Try again" in window.pdf_pane.message.buttons_shown()
    pdf_server.clear_faults()
    window.pdf_pane.retryRequested.emit(window.pdf_pane.current_key())
    qtbot.waitUntil(lambda: window.pdf_pane.is_showing_document(), timeout=15_000)


def test_download_again_replaces_a_cached_file(qtbot, trainer_window) -> None:
    window = trainer_window
    _select(qtbot, window, "Tax instructions for nonresidents")
    window.open_first_attachment()
    pane = window.pdf_pane
    qtbot.waitUntil(lambda: pane.is_showing_document(), timeout=15_000)
    attachment_id = int(pane.current_key())
    first_path = window.offline.local_path(attachment_id)
    pane.downloadAgainRequested.emit(pane.current_key())
    qtbot.waitUntil(lambda: pane.is_showing_document() and window.offline.local_path(attachment_id) is not None, timeout=15_000)
    assert window.offline.local_path(attachment_id) == first_path
    assert first_path.read_bytes()[:5] == b"%PDF-"


def test_a_kit_kept_offline_is_searched_and_opened_at_the_matching_page_without_network(
    qtbot, trainer_window, pdf_server
) -> None:
    """The trainer's flow of issue 4: pick a collection, keep it offline, unplug, search, open at the page."""
    window = trainer_window
    panel, pane = window.collections_panel, window.pdf_pane
    panel.create_collection("Tax training kit")
    qtbot.waitUntil(lambda: "Tax training kit" in panel.names(), timeout=WAIT_MS)
    _select(qtbot, window, "Tax instructions for nonresidents")
    panel.add_resources("Tax training kit", window.selected_resource_ids())
    qtbot.waitUntil(lambda: panel.info("Tax training kit").resources == 1, timeout=WAIT_MS)
    with qtbot.waitSignal(window.offline_controller.finished, timeout=30_000):
        panel.set_keep_offline("Tax training kit", True)  # pins it and fetches its files, then indexes them
    qtbot.waitUntil(lambda: panel.info("Tax training kit").attachments_cached == 1, timeout=WAIT_MS)
    assert panel.info("Tax training kit").pinned

    pdf_server.stop()  # on site: no network
    panel.select_collection("Tax training kit")
    qtbot.waitUntil(lambda: window.controller.query.collection == "Tax training kit", timeout=WAIT_MS)
    window.search_box.set_text(WORD_IN_PDF)
    wait_for_results(qtbot, window, WORD_IN_PDF)
    assert window.model.total == 1
    _select(qtbot, window, "Tax instructions for nonresidents")
    match = window.details.matches.item(0)
    assert f"page {WORD_PAGE}" in match.text()
    window.details._activate(match)
    qtbot.waitUntil(lambda: pane.is_showing_document() and pane.current_page() == WORD_PAGE - 1, timeout=WAIT_MS)
    assert window.offline.status().pinned_bytes > 0  # kept: eviction will not take it

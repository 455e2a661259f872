"""A trainer's flow end to end: open an attachment (downloaded on demand), leave it at a page,
then with the server gone: it still opens there, and a word inside it is found by search."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reslib_desktop.gui.a11y import announcements
from reslib_desktop.gui.downloads_view import BAR_STEPS
from reslib_desktop.gui.results_model import Column
from reslib_desktop.offline.download import DownloadSettings
from reslib_desktop.offline.service import OfflineService
from support import WAIT_MS, wait_for_results
from unit.offline.conftest import (
    IRS,
    SCANNED,
    TRIVIAL,
    WORD_IN_PDF,
    WORD_PAGE,
    build_library,
)


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


def test_enter_downloads_and_shows_the_pdf_then_it_reopens_offline_at_the_same_page(
    qtbot, trainer_window, pdf_server
) -> None:
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
    qtbot.waitUntil(
        lambda: pane.is_showing_document() and window.offline.local_path(attachment_id) is not None, timeout=15_000
    )
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


def test_make_available_offline_is_enabled_only_for_a_selection_with_a_download_address(qtbot, trainer_window) -> None:
    window = trainer_window
    action = window.offline_selection_action
    _select(qtbot, window, "Nothing to download")
    qtbot.waitUntil(lambda: not action.isEnabled(), timeout=WAIT_MS)
    assert action.statusTip() == "The selected resources have no download address for their attachments."
    assert window.offline_results_action.isEnabled()  # other results have addresses
    _select(qtbot, window, "Tax instructions for nonresidents")
    qtbot.waitUntil(action.isEnabled, timeout=WAIT_MS)
    assert action.statusTip() == ""


HANDOUTS = 7


@pytest.fixture
def kit_window(qtbot, tmp_path, pdf_server):
    """Seven handouts on the local server (real PDFs), downloads retried quickly."""
    from reslib_desktop.gui.main_window import MainWindow

    for number in range(1, HANDOUTS + 1):
        pdf_server.files[f"handout-{number}.pdf"] = pdf_server.files[TRIVIAL if number % 2 else SCANNED]
    library = build_library(
        tmp_path / "library.db",
        [
            (f"Handout {n}", [(f"Handout {n} (PDF)", pdf_server.url(f"handout-{n}.pdf"))])
            for n in range(1, HANDOUTS + 1)
        ],
    )
    settings = DownloadSettings(connect_timeout=5.0, read_timeout=5.0, retries=1, backoff=0.05, backoff_max=0.05)
    window = MainWindow(library, OfflineService(library, tmp_path / "cache", settings))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    wait_for_results(qtbot, window)
    yield window
    window.close()
    library.close()


def test_a_kit_with_failed_files_is_announced_with_names_and_reasons_and_retry_fetches_only_those(
    qtbot, kit_window, pdf_server
) -> None:
    window = kit_window
    panel, view = window.collections_panel, window.downloads
    pdf_server.fault("handout-3.pdf", "status", status=404)
    pdf_server.fault("handout-6.pdf", "status", status=500)
    heard: list[tuple[object, str]] = []
    announcements().announced.connect(lambda widget, text: heard.append((widget, text)))
    panel.create_collection("Trip kit")
    qtbot.waitUntil(lambda: "Trip kit" in panel.names(), timeout=WAIT_MS)
    panel.add_resources("Trip kit", list(range(1, HANDOUTS + 1)))
    qtbot.waitUntil(lambda: panel.info("Trip kit").resources == HANDOUTS, timeout=WAIT_MS)
    assert not window.downloads_dock.isVisible()
    with qtbot.waitSignal(window.offline_controller.finished, timeout=60_000):
        panel.set_keep_offline("Trip kit", True)

    expected = (
        "Collection “Trip kit”: 5 of 7 offline, 2 failed: Handout 3 (HTTP 404 Not Found); "
        "Handout 6 (HTTP 500 Internal Server Error)"
    )
    assert window.downloads_dock.isVisible() and view.problems.isVisible()  # the dock opens by itself
    assert view.problems_text.text() == expected
    assert view.title.text() == "Collection “Trip kit”: 5 of 7 offline, 2 failed"
    assert (view.problems_text, expected) in heard  # screen readers hear it at once
    assert view.bar.value() == round(5 / 7 * BAR_STEPS)  # not a full bar
    assert view.retry_problems_button.isVisible() and view.retry_problems_button.text() == "Retr&y 2 failed"
    qtbot.waitUntil(lambda: "2 failed" in window.offline_status.text(), timeout=WAIT_MS)

    pdf_server.clear_faults()  # the trainer fixes the network, then retries
    asked_before = len(pdf_server.requests)
    with qtbot.waitSignal(window.offline_controller.finished, timeout=60_000):
        qtbot.mouseClick(view.retry_problems_button, Qt.MouseButton.LeftButton)
    retried = {request.path for request in pdf_server.requests[asked_before:]}
    assert retried == {"/files/handout-3.pdf", "/files/handout-6.pdf"}  # only the failed ones
    assert not view.problems.isVisible()
    assert view.title.text() == "Retry of Collection “Trip kit”: 2 of 2 offline"
    qtbot.waitUntil(lambda: panel.info("Trip kit").attachments_cached == HANDOUTS, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "failed" not in window.offline_status.text(), timeout=WAIT_MS)

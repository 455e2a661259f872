"""The PDF viewer pane on real PDFs: pages remembered, find, password, damaged and scanned files, accessibility."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QColor, QImage, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QToolButton, QWidget

from reslib_desktop.gui.pdf.page_view import Fit
from reslib_desktop.gui.pdf.pane import PdfPane
from support import WAIT_MS

PDFS = Path(__file__).resolve().parents[2] / "data" / "pdfs"
IRS = PDFS / "irs-i1040nr-instructions.pdf"  # 50 pages of text
SCANNED = PDFS / "c02-22.pdf"  # one scanned page, no text layer
MULTIPAGE = PDFS / "multipage.pdf"  # six scanned pages, one of them 2160 points square among 384-792-point ones
INVALID = PDFS / "invalid.pdf"  # a PDF header, then nothing
TRIVIAL = PDFS / "trivial.pdf"


@pytest.fixture
def pane(qtbot) -> PdfPane:
    widget = PdfPane()
    qtbot.addWidget(widget)
    widget.resize(700, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def encrypted_pdf(folder: Path, password: str) -> Path:
    """A copy of the 50-page PDF's first two pages, encrypted with `password` (RC4-128: no extra crypto library)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    reader = PdfReader(IRS)
    for page in reader.pages[:2]:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    target = folder / "locked.pdf"
    with target.open("wb") as file:
        writer.write(file)
    return target


def is_blank(image: QImage) -> bool:
    """True if (nearly) every sampled pixel is one colour."""
    first = image.pixelColor(0, 0)
    differing = 0
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            if image.pixelColor(x, y) != first:
                differing += 1
    return differing < 20


def grey_levels(image: QImage):
    """An image as a 2-D array of grey levels (0 black, 255 white)."""
    import numpy as np

    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    rows = np.frombuffer(grey.constBits(), dtype=np.uint8, count=grey.sizeInBytes())
    return rows.reshape(grey.height(), grey.bytesPerLine())[:, : grey.width()]


def looks_like_a_page(levels) -> bool:
    """Real content: pixel values vary and some are dark (ink), not one flat grey or white block."""
    return levels.size > 0 and float(levels.std()) > 15 and float((levels < 128).mean()) > 0.002


def shown_page(pane: PdfPane, page: int):
    """(grey levels of `page` as the view shows it now, the page's width on screen)."""
    view = pane.view
    tops, sizes = view._layout()
    width, height = sizes[page]
    top = tops[page] - view.verticalScrollBar().value()
    left = view._page_left(page, sizes) - view.horizontalScrollBar().value()
    levels = grey_levels(view.viewport().grab().toImage())
    return levels[max(0, top + 2) : max(0, top + height - 2), max(0, left + 2) : max(0, left + width - 2)], width


RENDER_WAIT_MS = 30_000


def assert_scanned_pages_readable(qtbot, pane: PdfPane, pages: list[int]) -> None:
    viewport = pane.view.viewport().width()
    for page in pages:
        pane.go_to_page(page)
        # QPdfView renders in a thread; the 9000x9000-pixel page alone takes ~0.5 s of CPU, more on a busy machine.
        qtbot.waitUntil(lambda page=page: looks_like_a_page(shown_page(pane, page)[0]), timeout=RENDER_WAIT_MS)
        # Shown at a size one can read, not shrunk to a thumbnail beside one huge page.
        assert shown_page(pane, page)[1] >= 0.4 * viewport, (page, shown_page(pane, page)[1], viewport)


def wait_search_done(qtbot, pane: PdfPane) -> None:
    qtbot.waitUntil(lambda: pane.search.done and pane.search.text != "", timeout=WAIT_MS)


# --- pages ------------------------------------------------------------------------------------------
def test_reopening_with_the_remembered_page_shows_that_page(qtbot, pane: PdfPane) -> None:
    remembered: dict[str, int] = {}
    pane.pageChanged.connect(lambda key, page: remembered.__setitem__(key, page))

    assert pane.open_file(IRS, "att-1", "IRS instructions")
    assert (pane.page_count(), pane.current_page()) == (50, 0)
    assert remembered == {}, "opening is not a move by the user"

    pane.toolbar.page_box.setValue(11)  # the user types 11 in the 1-based page box: page index 10
    assert pane.current_page() == 10
    assert remembered == {"att-1": 10}

    pane.close_document()
    assert pane.current_page() == -1 and not pane.is_showing_document()

    assert pane.open_file(IRS, "att-1", "IRS instructions", start_page=remembered["att-1"])
    assert pane.current_page() == 10
    assert pane.view.page_at_scroll() == 10, "the view really shows page 10, not just the number"
    assert pane.toolbar.page_box.value() == 11
    assert pane.toolbar.page_count_label.text() == "of 50"


def test_start_page_survives_the_first_show_and_resizes(qtbot) -> None:
    hidden = PdfPane()
    qtbot.addWidget(hidden)
    assert hidden.open_file(IRS, "att-1", "IRS", start_page=30)  # opened before it is ever shown
    hidden.resize(500, 700)
    hidden.show()
    qtbot.waitExposed(hidden)
    assert hidden.current_page() == 30 and hidden.view.page_at_scroll() == 30
    hidden.resize(900, 600)
    qtbot.waitUntil(lambda: hidden.view.width() > 800, timeout=WAIT_MS)
    assert hidden.current_page() == 30 and hidden.view.page_at_scroll() == 30


def test_page_keys_buttons_and_clamping(qtbot, pane: PdfPane) -> None:
    pane.open_file(IRS, "att-1", "IRS")
    pane.view.setFocus()
    with qtbot.waitSignal(pane.pageChanged, timeout=WAIT_MS) as moved:
        qtbot.keyClick(pane.view, Qt.Key.Key_PageDown)
    assert moved.args == ["att-1", 1]
    qtbot.keyClick(pane.view, Qt.Key.Key_PageDown)
    qtbot.keyClick(pane.view, Qt.Key.Key_PageUp)
    assert pane.current_page() == 1
    pane.toolbar.next_page.trigger()
    assert pane.current_page() == 2
    pane.go_to_page(500)
    assert pane.current_page() == 49 and not pane.toolbar.next_page.isEnabled()
    pane.go_to_page(-3)
    assert pane.current_page() == 0 and not pane.toolbar.previous_page.isEnabled()


def test_scrolling_reports_the_page_in_view(qtbot, pane: PdfPane) -> None:
    pane.open_file(IRS, "att-1", "IRS")
    with qtbot.waitSignal(pane.pageChanged, timeout=WAIT_MS):
        bar = pane.view.verticalScrollBar()
        bar.setValue(bar.maximum() // 2)
    assert 20 <= pane.current_page() <= 29


def test_zoom_and_fit_keep_the_page(qtbot, pane: PdfPane) -> None:
    pane.open_file(IRS, "att-1", "IRS", start_page=7)
    view = pane.view
    fitted = view.zoomFactor()
    assert view.fit is Fit.WIDTH and pane.toolbar.fit_width.isChecked()
    assert view.horizontalScrollBar().maximum() == 0, "fit to width: no horizontal scrolling"
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)  # Ctrl+= zooms in too
    assert view.zoomFactor() == pytest.approx(fitted * 1.25)
    assert view.fit is Fit.NONE and not pane.toolbar.fit_width.isChecked()
    pane.toolbar.zoom_out.trigger()
    pane.toolbar.zoom_out.trigger()
    assert view.zoomFactor() < fitted
    assert pane.current_page() == 7 and view.page_at_scroll() == 7
    pane.toolbar.fit_page.trigger()
    assert view.fit is Fit.PAGE and pane.toolbar.fit_page.isChecked()
    page_height = QSize(pane.document.pagePointSize(7).toSize()).height() * view.zoomFactor() * 96 / 72
    assert page_height <= view.viewport().height()
    pane.toolbar.fit_width.trigger()
    assert view.zoomFactor() == pytest.approx(fitted)
    assert pane.current_page() == 7 and view.page_at_scroll() == 7


# --- find -------------------------------------------------------------------------------------------
def test_find_counts_matches_and_steps_to_their_pages(qtbot, pane: PdfPane) -> None:
    pane.open_file(IRS, "att-1", "IRS")
    pages_with_word = [
        p for p in range(pane.document.pageCount()) if "dividends" in pane.document.getAllText(p).text().lower()
    ]
    assert len(pages_with_word) > 3

    pane.find_text("dividends")
    wait_search_done(qtbot, pane)
    count = pane.search.count
    assert count >= len(pages_with_word)
    assert pane.find_bar.status.text() == f"{count} matches"

    pane.go_to_page(20)
    pane.find_next()
    first = pane.search.current
    assert pane.current_page() == min(p for p in pages_with_word if p >= 20)
    assert pane.view.currentSearchResultIndex() == first, "the match is highlighted"
    assert pane.find_bar.status.text() == f"{first + 1} of {count} matches"
    pane.find_next()
    assert pane.search.current == first + 1
    pane.find_previous()
    pane.find_previous()
    assert pane.search.current == first - 1
    assert pane.current_page() in pages_with_word


def test_find_from_the_keyboard(qtbot, pane: PdfPane) -> None:
    """Typing then Enter at once: the step waits for the search and then shows the first match."""
    pane.open_file(IRS, "att-1", "IRS")
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert pane.find_bar.field.hasFocus()
    qtbot.keyClicks(pane.find_bar.field, "withholding")
    qtbot.keyClick(pane.find_bar.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pane.search.current == 0, timeout=WAIT_MS)
    assert pane.find_bar.status.text().startswith("1 of ")
    page = pane.current_page()
    assert "withholding" in pane.document.getAllText(page).text().lower()
    qtbot.keyClick(pane.find_bar.field, Qt.Key.Key_F3)
    assert pane.search.current == 1
    qtbot.keyClick(pane.find_bar.field, Qt.Key.Key_Escape)
    assert pane.find_bar.field.text() == "" and pane.search.count == 0


def test_no_matches_is_said_plainly(qtbot, pane: PdfPane) -> None:
    pane.open_file(IRS, "att-1", "IRS")
    pane.find_text("xylophonequartz")
    wait_search_done(qtbot, pane)
    assert pane.find_bar.status.text() == "No matches"


def test_ctrl_f_in_the_pane_does_not_clash_with_the_window(qtbot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window_finds: list[bool] = []
    window_find = QAction("Find", window)
    window_find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
    window_find.triggered.connect(lambda: window_finds.append(True))
    window.addAction(window_find)
    outside = QWidget()
    outside.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.addWidget(outside)
    pane = PdfPane()
    row.addWidget(pane)
    window.setCentralWidget(holder)
    with qtbot.waitActive(window, timeout=WAIT_MS):
        window.show()
        window.activateWindow()
    pane.open_file(IRS, "att-1", "IRS")

    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert pane.find_bar.field.hasFocus() and window_finds == []
    outside.setFocus()
    qtbot.keyClick(outside, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window_finds == [True]


# --- password ---------------------------------------------------------------------------------------
def test_encrypted_pdf_asks_for_its_password(qtbot, pane: PdfPane, tmp_path: Path) -> None:
    locked = encrypted_pdf(tmp_path, "s3cret")
    prompts: list[str] = []
    answers = iter(["wrong", "s3cret"])

    def provider(prompt: str) -> str | None:
        prompts.append(prompt)
        return next(answers)

    pane.password_provider = provider
    assert pane.open_file(locked, "att-9", "Locked report")
    assert pane.page_count() == 2 and pane.is_showing_document()
    assert len(prompts) == 2
    assert "Locked report" in prompts[0] and "password" in prompts[0].lower()
    assert "not correct" in prompts[1]
    pane.find_text("dividends")  # the decrypted text is searchable
    wait_search_done(qtbot, pane)
    assert pane.find_bar.status.text() != "No searchable text in this document"


def test_cancelling_the_password_says_so_and_try_again_asks_again(qtbot, pane: PdfPane, tmp_path: Path) -> None:
    locked = encrypted_pdf(tmp_path, "s3cret")
    answers: list[str | None] = [None]
    pane.password_provider = lambda _prompt: answers.pop(0)
    assert not pane.open_file(locked, "att-9", "Locked report")
    assert not pane.is_showing_document()
    assert pane.message.text.text() == "This document is protected by a password."
    assert "Try again" in pane.message.buttons_shown()

    answers.append("s3cret")
    qtbot.mouseClick(pane.message.retry_button, Qt.MouseButton.LeftButton)
    assert pane.is_showing_document() and pane.page_count() == 2


# --- damaged, missing, scanned ----------------------------------------------------------------------
def test_damaged_file_offers_system_viewer_and_download_again(qtbot, pane: PdfPane) -> None:
    assert not pane.open_file(INVALID, "att-3", "Broken attachment")
    assert not pane.is_showing_document() and pane.current_page() == -1
    assert pane.message.isVisible()
    assert pane.message.text.text() == "This file is damaged or not a PDF."
    assert pane.message.heading.text() == "Broken attachment"
    assert pane.message.buttons_shown() == ["Open with system viewer", "Download again"]
    assert not pane.toolbar.zoom_in.isEnabled() and not pane.toolbar.next_page.isEnabled(), "no page shortcuts now"
    with qtbot.waitSignal(pane.openExternallyRequested, timeout=WAIT_MS) as opened:
        qtbot.mouseClick(pane.message.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == [INVALID]
    with qtbot.waitSignal(pane.downloadAgainRequested, timeout=WAIT_MS) as again:
        qtbot.mouseClick(pane.message.download_button, Qt.MouseButton.LeftButton)
    assert again.args == ["att-3"]
    assert pane.open_file(TRIVIAL, "att-4", "Fine"), "the pane recovers for the next file"


def test_missing_file_offers_download_again(pane: PdfPane, tmp_path: Path) -> None:
    assert not pane.open_file(tmp_path / "gone.pdf", "att-5", "Gone")
    assert pane.message.text.text() == "The file of this attachment is missing."
    assert pane.message.buttons_shown() == ["Download again"]


def test_scanned_pdf_renders_and_find_says_there_is_no_text(qtbot, pane: PdfPane) -> None:
    assert pane.open_file(SCANNED, "att-6", "Scanned page")
    assert pane.view.document() is pane.document and pane.document.pageCount() > 0
    image = pane.document.render(0, QSize(300, 420))
    assert not image.isNull() and not is_blank(image)
    pane.find_text("the")
    wait_search_done(qtbot, pane)
    assert pane.find_bar.status.text() == "No searchable text in this document"
    assert pane.search.has_text is False


def test_scanned_pages_render_in_the_view_at_a_readable_size(qtbot, pane: PdfPane) -> None:
    """multipage.pdf pages 1, 3 and 5 (and c02-22.pdf) showed as grey blocks: fit width fitted the one
    2160-point page, shrinking the scanned text pages to 17% of the view's width."""
    assert pane.open_file(MULTIPAGE, "att-scan", "Scans")
    assert pane.document.pageCount() == 6
    assert_scanned_pages_readable(qtbot, pane, [0, 2, 4])
    assert pane.open_file(SCANNED, "att-6", "Scanned page")
    assert_scanned_pages_readable(qtbot, pane, [0])


def test_zoom_stops_before_one_huge_page_would_render_as_a_huge_image(qtbot, pane: PdfPane) -> None:
    """At 800% the 2160-point page of multipage.pdf is a 23,000-pixel square: seconds of blank page and 2 GB."""
    from reslib_desktop.gui.pdf.page_view import MAX_PAGE_PIXELS, MAX_ZOOM

    for path, reaches_max_zoom in ((MULTIPAGE, False), (IRS, True)):
        assert pane.open_file(path, path.name, path.name)
        while pane.toolbar.zoom_in.isEnabled():
            pane.toolbar.zoom_in.trigger()
        largest = max(width * height for width, height in pane.view._layout()[1])
        assert largest <= MAX_PAGE_PIXELS and largest > MAX_PAGE_PIXELS / 2
        assert (pane.view.zoomFactor() == MAX_ZOOM) is reaches_max_zoom


def test_scanned_pages_render_offline_without_a_view(qapp) -> None:
    from PySide6.QtPdf import QPdfDocument

    for path, pages in ((MULTIPAGE, [0, 2, 4]), (SCANNED, [0])):
        document = QPdfDocument()
        assert document.load(str(path)) == QPdfDocument.Error.None_
        for page in pages:
            size = document.pagePointSize(page).toSize()
            image = document.render(page, size)
            assert not image.isNull() and image.size() == size
            assert looks_like_a_page(grey_levels(image)), (path.name, page)


def test_open_with_system_viewer_for_an_open_document(qtbot, pane: PdfPane) -> None:
    pane.open_file(TRIVIAL, "att-7", "Trivial")
    with qtbot.waitSignal(pane.openExternallyRequested, timeout=WAIT_MS) as opened:
        pane.toolbar.open_external.trigger()
    assert opened.args == [TRIVIAL]


# --- owner states -----------------------------------------------------------------------------------
def test_download_progress_and_retry(qtbot, pane: PdfPane) -> None:
    pane.open_file(TRIVIAL, "att-7", "Trivial")
    pane.show_status("Not cached — downloading…", 45, key="att-8", title="Big report")
    assert not pane.is_showing_document() and pane.current_key() == "att-8"
    assert pane.message.heading.text() == "Big report"
    assert not pane.message.progress.isHidden() and pane.message.progress.value() == 45
    assert pane.message.buttons_shown() == []

    pane.show_status("Offline: this attachment is not available offline.", retry=True)
    assert pane.message.progress.isHidden()
    with qtbot.waitSignal(pane.retryRequested, timeout=WAIT_MS) as retried:
        qtbot.mouseClick(pane.message.retry_button, Qt.MouseButton.LeftButton)
    assert retried.args == ["att-8"]
    assert pane.open_file(TRIVIAL, "att-8", "Big report")


# --- accessibility ----------------------------------------------------------------------------------
def test_every_focusable_widget_has_an_accessible_name(pane: PdfPane) -> None:
    pane.open_file(IRS, "att-1", "IRS")
    focusable = [w for w in pane.findChildren(QWidget) if w.focusPolicy() != Qt.FocusPolicy.NoFocus]
    assert len(focusable) >= 10
    unnamed = [type(w).__name__ for w in focusable if not w.accessibleName().strip()]
    assert unnamed == []
    for button in pane.toolbar.findChildren(QToolButton):
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus, f"{button.accessibleName()} is reachable by Tab"
        action = button.defaultAction()
        if action.shortcuts():
            assert action.shortcuts()[0].toString(QKeySequence.SequenceFormat.NativeText) in button.toolTip()


def test_tab_reaches_the_toolbar(qtbot, pane: PdfPane) -> None:
    pane.open_file(IRS, "att-1", "IRS")
    with qtbot.waitActive(pane, timeout=WAIT_MS):
        pane.activateWindow()
    pane.view.setFocus()
    seen: set[str] = set()
    for _ in range(20):
        qtbot.keyClick(pane.focusWidget(), Qt.Key.Key_Tab)
        seen.add(pane.focusWidget().accessibleName())
    assert {"Next page", "Page number", "Zoom in", "Fit to width", "Find in document", "Document pages"} <= seen


def test_message_colour_sanity() -> None:
    """`is_blank` itself: a plain white image is blank, one with a black block is not."""
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    assert is_blank(image)
    for y in range(20, 40):
        for x in range(20, 40):
            image.setPixelColor(x, y, QColor("black"))
    assert not is_blank(image)


def test_scanned_pages_of_a_cached_attachment_render_in_the_window_offline(qtbot, window) -> None:
    """The trainer's case: the PDF is in the offline cache, there is no network; Enter opens it in the Document tab."""
    from support import wait_for_results

    wait_for_results(qtbot, window)
    row = next(
        n for n in range(window.model.rowCount())
        if window.library.resource(window.model.resource_at(n).id).attachments
    )
    window.table.selectRow(row)
    qtbot.waitUntil(
        lambda: window.details.detail is not None and bool(window.details.detail.attachments), timeout=WAIT_MS
    )
    attachment = window.details.detail.attachments[0]
    window.offline.add_local_file(attachment.id, MULTIPAGE)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    pane = window.pdf_pane
    qtbot.waitUntil(lambda: pane.is_showing_document() and pane.document.pageCount() == 6, timeout=WAIT_MS)
    assert window.right_tabs.currentWidget() is pane
    assert_scanned_pages_readable(qtbot, pane, [0, 2, 4])

"""Offline GUI on real parts: a real library file, the offline core, a real HTTP server serving real PDFs.

The controller runs OfflineService work in thread pools; the tests wait on its
signals (never on time) and then check the files on disk and the states in the
database.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QTranslator
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QWidget

from offline_support import (
    IRS,
    PDFS,
    TRIVIAL,
    WORD_IN_PDF,
    FileServer,
    build_library,
    drop_on,
    files_in_cache,
    ids_by_label,
    is_whole_file,
)
from reslib_desktop.gui.a11y import unnamed_widgets
from reslib_desktop.gui.collections_panel import CollectionsPanel
from reslib_desktop.gui.downloads_view import DownloadsView, OfflineStatusButton
from reslib_desktop.gui.offline.controller import OfflineController
from reslib_desktop.gui.offline.downloads_model import DownloadColumn
from reslib_desktop.gui.offline.mime import RESOURCE_IDS_MIME, resource_ids_mime
from reslib_desktop.gui.offline.progress import status_text
from reslib_desktop.library import Library, SearchQuery, parse_query
from reslib_desktop.offline.download import DownloadSettings
from reslib_desktop.offline.models import CacheStatus
from reslib_desktop.offline.service import OfflineService
from reslib_desktop.store.schema import CacheState

WAIT = 20_000  # generous: downloads and text extraction in threads
IRS_LABEL, SCANNED_LABEL, TRIVIAL_LABEL, PAPER_LABEL = (
    "Form 1040NR instructions",
    "Scanned page",
    "Trivial",
    "Printed copy",
)


@pytest.fixture(scope="module")
def pdf_bytes() -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in PDFS.glob("*.pdf")}


@pytest.fixture
def server(pdf_bytes: dict[str, bytes]) -> Iterator[FileServer]:
    running = FileServer(pdf_bytes).start()
    yield running
    running.stop()


@pytest.fixture
def library(tmp_path: Path, server: FileServer) -> Iterator[Library]:
    opened = build_library(tmp_path / "library.db", server)
    yield opened
    opened.close()


@pytest.fixture
def service(library: Library, tmp_path: Path) -> OfflineService:
    settings = DownloadSettings(connect_timeout=5.0, read_timeout=5.0, retries=1, backoff=0.5, backoff_max=0.5)
    return OfflineService(library, tmp_path / "cache", settings)


@pytest.fixture
def controller(qtbot, service: OfflineService) -> Iterator[OfflineController]:
    made = OfflineController(service)
    yield made
    assert made.shutdown(WAIT)


@pytest.fixture
def view(qtbot, controller: OfflineController) -> DownloadsView:
    widget = DownloadsView(controller)
    qtbot.addWidget(widget)
    widget.resize(700, 400)
    widget.show()
    return widget


@pytest.fixture
def panel(qtbot, controller: OfflineController) -> CollectionsPanel:
    widget = CollectionsPanel(controller)
    qtbot.addWidget(widget)
    widget.resize(260, 400)
    widget.show()
    return widget


@pytest.fixture
def ids(service: OfflineService) -> dict[str, tuple[int, int]]:
    return ids_by_label(service)


def make_collection(qtbot, panel: CollectionsPanel, name: str, resource_ids: list[int]) -> None:
    panel.create_collection(name)
    qtbot.waitUntil(lambda: name in panel.names(), timeout=WAIT)
    if resource_ids:
        panel.add_resources(name, resource_ids)
        qtbot.waitUntil(lambda: panel.info(name).resources == len(resource_ids), timeout=WAIT)


def test_keeping_a_collection_offline_fetches_and_indexes_its_files(
    qtbot, controller, view, panel, service, ids, library, pdf_bytes
) -> None:
    members = [ids[label][1] for label in (IRS_LABEL, SCANNED_LABEL, TRIVIAL_LABEL, PAPER_LABEL)]
    make_collection(qtbot, panel, "Trip kit", members)
    panel.select_collection("Trip kit")
    refreshed: set[int] = set()
    controller.resourcesChanged.connect(refreshed.update)
    with qtbot.waitSignal(controller.finished, timeout=WAIT) as finished:
        panel.keep_action.trigger()  # "Keep offline" on the selected collection
    report = finished.args[0]
    wanted = [ids[label][0] for label in (IRS_LABEL, SCANNED_LABEL, TRIVIAL_LABEL)]
    assert sorted(report.cached) == sorted(wanted) and report.ok
    states = service.state_of(wanted)
    assert {info.state for info in states.values()} == {CacheState.CACHED}
    assert all(info.pinned for info in states.values())
    cached = files_in_cache(service.cache_dir)
    assert len(cached) == 3 and all(is_whole_file(path, pdf_bytes) for path in cached)
    # the downloads view: every file listed and done, the bar full
    assert view.bar.value() == view.bar.maximum()
    assert view.summary.text().startswith("3 of 3 files offline")
    for ident in wanted:
        assert view.model.entry_for(ident).state == "cached"
    assert not view.cancel_button.isEnabled()
    view.list.setCurrentIndex(view.model.index(view.model.row_of(wanted[0]), 0))
    view.list.setFocus()
    with qtbot.waitSignal(view.openRequested, timeout=WAIT) as opened:
        qtbot.keyClick(view.list, Qt.Key.Key_Return)  # Enter on an offline file opens it
    assert opened.args == [wanted[0]]
    # the results table can refresh just the resources that changed
    assert sorted(refreshed) == sorted(members[:3])  # the paper-only one has nothing to fetch
    # text of the new PDFs is searchable once `finished` arrives
    assert service.indexing_status() == (3, 3)
    assert library.search(SearchQuery(text=parse_query(WORD_IN_PDF))).total == 1
    # the panel shows the collection kept offline with its files
    qtbot.waitUntil(lambda: panel.info("Trip kit").attachments_cached == 3, timeout=WAIT)
    assert panel.info("Trip kit").pinned
    # the paper-only resource cannot come along, and the panel says so
    assert panel.error.isVisible()
    assert (
        panel.error.text() == "1 attachment of “Trip kit” has no download address: it cannot be made available offline."
    )
    assert "kept offline" in panel.item_of("Trip kit").toolTip()


def test_cancel_leaves_no_half_file_and_can_be_resumed(
    qtbot, controller, view, service, server, ids, pdf_bytes
) -> None:
    irs = ids[IRS_LABEL][0]
    server.fault(IRS, "stall", after=100_000)
    controller.make_available([irs], "Tax instructions")
    qtbot.waitUntil(
        lambda: (
            (e := view.model.entry_for(irs)) is not None
            and e.state == "downloading"
            and service.cache.partial_size(irs) > 0
        ),
        timeout=WAIT,
    )
    with qtbot.waitSignal(controller.finished, timeout=WAIT) as finished:
        qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
        server.release.set()  # end the stalled response now rather than at the read timeout
    assert finished.args[0].cancelled
    assert files_in_cache(service.cache_dir) == []
    assert service.cache.partial_size(irs) > 0  # kept for the resume
    assert service.state_of([irs])[irs].state == CacheState.QUEUED
    qtbot.waitUntil(lambda: view.banner.isVisible(), timeout=WAIT)
    assert view.banner_text.text() == "1 download was interrupted."
    server.clear_faults()
    with qtbot.waitSignal(controller.finished, timeout=WAIT) as finished:
        qtbot.mouseClick(view.resume_button, Qt.MouseButton.LeftButton)
    assert finished.args[0].cached == [irs]
    assert server.ranges_for(IRS)[-1].startswith("bytes=")  # resumed, not started over
    assert service.local_path(irs).read_bytes() == pdf_bytes[IRS]
    assert not service.cache.partial_path(irs).exists()
    qtbot.waitUntil(lambda: not view.banner.isVisible(), timeout=WAIT)


def test_downloads_left_queued_by_an_earlier_session_wait_for_resume(qtbot, service, server, ids) -> None:
    wanted = [ids[IRS_LABEL][0], ids[TRIVIAL_LABEL][0]]
    service.queue(wanted)  # as a quit in the middle of downloads leaves them
    controller = OfflineController(service)
    view = DownloadsView(controller)
    qtbot.addWidget(view)
    view.show()
    try:
        qtbot.waitUntil(lambda: view.banner.isVisible(), timeout=WAIT)
        assert view.banner_text.text() == "2 downloads were interrupted."
        assert server.requests == [] and not controller.busy  # nothing starts on its own
        with qtbot.waitSignal(controller.finished, timeout=WAIT) as finished:
            qtbot.mouseClick(view.resume_button, Qt.MouseButton.LeftButton)
        assert sorted(finished.args[0].cached) == sorted(wanted)
        assert not view.banner.isVisible()
    finally:
        assert controller.shutdown(WAIT)


def test_a_failure_shows_its_reason_and_retry_failed_fetches_it(qtbot, controller, view, service, server, ids) -> None:
    trivial = ids[TRIVIAL_LABEL][0]
    server.fault(TRIVIAL, "status", status=404)
    with qtbot.waitSignal(controller.finished, timeout=WAIT):
        controller.make_available([trivial], "Smallest document")
    row = view.model.row_of(trivial)
    assert view.model.index(row, DownloadColumn.STATE).data() == "Failed"
    assert view.model.index(row, DownloadColumn.DETAILS).data() == "HTTP 404 Not Found"
    assert "HTTP 404 Not Found" in view.model.index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert view.title.text() == "Smallest document: 0 of 1 offline, 1 failed"
    assert view.problems_text.text() == "Smallest document: 0 of 1 offline, 1 failed: Trivial (HTTP 404 Not Found)"
    assert view.problems.isVisible() and view.bar.value() == 0  # an alert, and the bar is not full
    assert view.summary.text().startswith("0 of 1 files offline") and view.summary.text().endswith("· 1 failed")
    assert service.state_of([trivial])[trivial].error == "HTTP 404 Not Found"
    qtbot.waitUntil(view.retry_button.isEnabled, timeout=WAIT)
    server.clear_faults()
    with qtbot.waitSignal(controller.finished, timeout=WAIT) as finished:
        qtbot.mouseClick(view.retry_button, Qt.MouseButton.LeftButton)
    assert finished.args[0].cached == [trivial]
    assert view.model.index(row, DownloadColumn.STATE).data() == "Available offline"
    assert view.model.index(row, DownloadColumn.DETAILS).data() == ""
    qtbot.waitUntil(lambda: not view.retry_button.isEnabled(), timeout=WAIT)


def test_status_text_counts_offline_attachments(qtbot, controller, ids) -> None:
    trivial = ids[TRIVIAL_LABEL][0]
    button = OfflineStatusButton(controller)
    qtbot.addWidget(button)
    with qtbot.waitSignal(controller.statusChanged, timeout=WAIT, check_params_cb=lambda s: s.cached == 1) as status:
        controller.fetch_one(trivial)
    assert status_text(status.args[0]) == "1 of 4 attachments offline"
    qtbot.waitUntil(lambda: button.text() == "1 of 4 attachments offline", timeout=WAIT)
    with qtbot.waitSignal(controller.attachmentStateChanged, timeout=WAIT) as again:
        controller.fetch_one(trivial)  # already offline: says so at once
    assert again.args == [trivial, "cached"]
    indexing = CacheStatus({CacheState.CACHED: 12, CacheState.NOT_CACHED: 28}, 0, 12, None, 0, 3, 12)
    assert status_text(indexing) == "12 of 40 attachments offline · indexing 3 of 12"


def test_an_attachment_without_address_is_skipped_with_a_reason(qtbot, controller, view, ids) -> None:
    paper, paper_resource = ids[PAPER_LABEL]
    with qtbot.waitSignal(controller.finished, timeout=WAIT) as finished:
        controller.make_resources_available([paper_resource], "Paper only")
    assert [s.reason for s in finished.args[0].skipped] == ["no download address"]
    assert view.model.entry_for(paper).state == "skipped"


def test_dropping_resources_on_a_collection_adds_them(qtbot, panel, service, ids) -> None:
    make_collection(qtbot, panel, "Kit", [])
    wanted = [ids[IRS_LABEL][1], ids[TRIVIAL_LABEL][1]]
    viewport = panel.list.viewport()
    centre = panel.list.visualItemRect(panel.item_of("Kit")).center()
    plain = QMimeData()
    plain.setText("not resources")
    assert not drop_on(viewport, centre, plain)
    assert drop_on(viewport, centre, resource_ids_mime(wanted))
    qtbot.waitUntil(lambda: panel.info("Kit").resources == 2, timeout=WAIT)
    assert service.collection_resource_ids("Kit") == wanted
    assert panel.item_of("Kit").text() == "Kit (2)"
    assert resource_ids_mime([1]).hasFormat(RESOURCE_IDS_MIME)


def test_select_rename_with_f2_and_delete_after_asking(qtbot, panel, service) -> None:
    make_collection(qtbot, panel, "Kit", [])
    with qtbot.waitSignal(panel.collectionActivated, timeout=WAIT) as activated:
        panel.select_collection("Kit")
    assert activated.args == ["Kit"]
    panel.list.setFocus()
    with qtbot.waitSignal(panel.collectionActivated, timeout=WAIT) as activated:
        qtbot.keyClick(panel.list, Qt.Key.Key_F2)
        editor = panel.list.focusWidget()
        qtbot.keyClicks(editor, "Winter kit")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert activated.args == ["Winter kit"] and panel.names() == ["Winter kit"]
    asked: list[str] = []
    panel.confirm_delete = lambda name: asked.append(name) or False
    assert not panel.delete_collection("Winter kit")
    assert asked == ["Winter kit"] and [c.name for c in service.collections()] == ["Winter kit"]
    panel.confirm_delete = lambda name: asked.append(name) or True
    window_delete = QAction("Delete resource", panel.window())  # a window shortcut must not steal the list's keys
    window_delete.setShortcut(QKeySequence(Qt.Key.Key_Delete))
    panel.window().addAction(window_delete)
    with qtbot.waitSignal(panel.collectionActivated, timeout=WAIT) as activated:
        qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert activated.args == [""] and asked == ["Winter kit", "Winter kit"]
    assert panel.names() == [] and service.collections() == []


def test_a_duplicate_name_is_refused_with_a_message(qtbot, panel) -> None:
    make_collection(qtbot, panel, "Kit", [])
    with qtbot.waitSignal(panel.message, timeout=WAIT) as message:
        panel.create_collection("Kit")
    assert "already exists" in message.args[0] and panel.error.isVisible()
    panel.new_collection()
    qtbot.waitUntil(lambda: "New collection" in panel.names(), timeout=WAIT)
    assert panel.current_name() == "New collection"  # selected and being renamed inline
    assert panel.list.state() == QAbstractItemView.State.EditingState
    menu = panel.context_menu()
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == [
        "&New collection",
        "&Rename",
        "&Delete…",
        "&Keep offline",
        "Download &now",
        "&Arrange resources…",
        "Show &all resources",
    ]


def test_opening_an_attachment_now_jumps_the_queue(qtbot, controller, view, server, service, ids) -> None:
    irs, scanned, trivial = (ids[label][0] for label in (IRS_LABEL, SCANNED_LABEL, TRIVIAL_LABEL))
    server.fault(IRS, "stall", after=100_000)
    controller.concurrency = 1
    controller.make_available([irs, scanned], "Two documents")
    qtbot.waitUntil(lambda: (e := view.model.entry_for(irs)) is not None and e.state == "downloading", timeout=WAIT)
    assert view.model.entry_for(scanned).state == "queued"  # waits: one download at a time
    for wanted in (trivial, scanned):  # not requested yet; then one that waits in the queue
        with qtbot.waitSignal(
            controller.attachmentStateChanged,
            timeout=WAIT,
            check_params_cb=lambda ident, state, wanted=wanted: (ident, state) == (wanted, "cached"),
        ):
            controller.fetch_one(wanted)
    assert view.model.entry_for(irs).state == "downloading" and controller.busy
    with qtbot.waitSignal(controller.finished, timeout=WAIT) as finished:
        controller.cancel()
        server.release.set()
    assert sorted(finished.args[0].cached) == sorted([trivial, scanned]) and finished.args[0].cancelled
    assert service.state_of([irs])[irs].state == CacheState.QUEUED


def test_arranging_a_collection_moves_and_removes_members(qtbot, panel, service, ids) -> None:
    members = [ids[label][1] for label in (IRS_LABEL, SCANNED_LABEL, TRIVIAL_LABEL)]
    make_collection(qtbot, panel, "Kit", members)
    panel.select_collection("Kit")
    panel.arrange_action.trigger()
    editor = panel.editor
    qtbot.waitUntil(lambda: editor.resource_ids() == members, timeout=WAIT)
    editor.list.setCurrentRow(0)
    editor.list.setFocus()
    qtbot.keyClick(editor.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    expected = [members[1], members[0], members[2]]
    qtbot.waitUntil(lambda: editor.resource_ids() == expected, timeout=WAIT)
    assert service.collection_resource_ids("Kit") == expected
    assert editor.list.currentRow() == 1  # the moved resource stays selected
    editor.remove_current()
    qtbot.waitUntil(lambda: editor.resource_ids() == [members[1], members[2]], timeout=WAIT)
    qtbot.waitUntil(lambda: panel.info("Kit").resources == 2, timeout=WAIT)


def test_every_focusable_widget_has_an_accessible_name(qtbot, view, panel) -> None:
    panel.create_collection("Kit")
    qtbot.waitUntil(lambda: "Kit" in panel.names(), timeout=WAIT)
    panel.select_collection("Kit")
    dialog = panel.open_editor("Kit")
    qtbot.addWidget(dialog)
    for root in (view, panel, dialog):
        focusable = [
            w for w in root.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisibleTo(root)
        ]  # enabled or not
        assert focusable
        for widget in [root, *focusable]:
            assert widget.accessibleName(), f"{type(widget).__name__} in {type(root).__name__} has no accessible name"
        assert unnamed_widgets(root) == []  # the main window's own check


class _Marking(QTranslator):
    """Wraps every translated string in «», so one that skipped tr() stands out."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return f"«{source}»"

    def isEmpty(self) -> bool:
        return False


def test_every_visible_string_goes_through_tr(qtbot, qapp, controller, server, ids) -> None:
    marking = _Marking()
    qapp.installTranslator(marking)
    try:
        view, panel = DownloadsView(controller), CollectionsPanel(controller)
        for widget in (view, panel):
            qtbot.addWidget(widget)
            widget.show()
        server.fault(TRIVIAL, "status", status=404)
        with qtbot.waitSignal(controller.finished, timeout=WAIT):
            controller.make_available([ids[TRIVIAL_LABEL][0], ids[PAPER_LABEL][0]], "Two")
        make_collection(qtbot, panel, "Kit", [ids[TRIVIAL_LABEL][1]])
        panel.select_collection("Kit")
        texts = [a.text() for a in panel.context_menu().actions() if not a.isSeparator()]
        texts += [panel.item_of("Kit").text(), panel.item_of("Kit").toolTip()]
        model = view.model
        texts += [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        texts += [model.index(r, DownloadColumn.STATE).data() for r in range(model.rowCount())]
        for root in (view, panel):
            for widget in [root, *root.findChildren(QWidget)]:
                if isinstance(widget, QLabel | QAbstractButton):
                    texts.append(widget.text())
                texts += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
    finally:
        qapp.removeTranslator(marking)
    untranslated = [t for t in texts if t and t.strip() and "«" not in t]
    assert untranslated == []

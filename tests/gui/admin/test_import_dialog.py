"""The Import dialog and export action on real files and a real library (a copy of the shipped one)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QRunnable, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from reslib_desktop.gui.a11y import unnamed_widgets
from reslib_desktop.gui.admin.actions import install_admin
from reslib_desktop.gui.admin.export_action import export_library, export_resources
from reslib_desktop.gui.admin.import_dialog import ERRORS_TEXT, ImportDialog
from reslib_desktop.gui.admin.preview_model import SOURCE, STATUS
from reslib_desktop.gui.task_runner import Lane, wait_for_all
from reslib_desktop.ingest.service import ImportService
from reslib_desktop.library import Library, SearchQuery, parse_query
from support import wait_for_results

REPO = Path(__file__).resolve().parents[3]
OTIP = REPO / "assets" / "library" / "otip_records.json"
SCANNED_PDF = REPO / "tests" / "data" / "pdfs" / "c02-22.pdf"
LISTING = REPO / "tests" / "data" / "import" / "listing.html"
WAIT = 10_000

BAD_CSV = (
    "title,date,type,topics,description,attachment_labels,attachment_urls,Notes\n"
    "Otter habitats in cold rivers,2021,Fact Sheets,Wildlife; Rivers,,Otters (PDF),https://example.org/otters.pdf,x\n"
    ",,,,,,,\n"
    "Broken link resource,2020,report,,,Broken (PDF),javascript:alert(1),\n"
    "National Human Trafficking Prevention Framework,February 2024,report,,,,,\n"
    "Peer-to-Peer Updated Brief,,report,,A description the library does not have yet.,,,\n"
)


@pytest.fixture(autouse=True)
def _workers_finish() -> Iterator[None]:
    yield
    wait_for_all(WAIT)


@pytest.fixture
def service(library: Library, tmp_path: Path) -> ImportService:
    return ImportService(library, tmp_path / "cache")


def make_dialog(qtbot, service: ImportService, **kwargs) -> ImportDialog:
    dialog = ImportDialog(service, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def wait_preview(qtbot, dialog: ImportDialog) -> None:
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.previewing, timeout=WAIT)


def dump(path: Path) -> list[tuple]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return (
            connection.execute(
                "SELECT uid, title, description, published_text, resource_type, source_url, duplicate_of_uid, "
                "(SELECT count(*) FROM attachments a WHERE a.resource_id = r.id) FROM resources r ORDER BY uid"
            ).fetchall()
            + connection.execute("SELECT id, format, undone_at FROM import_batches").fetchall()
        )
    finally:
        connection.close()


def rows_of(dialog: ImportDialog) -> list[tuple[str, str, str, str]]:
    return [(r.status, r.title, r.reason, r.location) for r in dialog.model.rows]


def test_preview_marks_new_update_duplicate_and_error_rows_and_refuses_to_apply(qtbot, service, tmp_path) -> None:
    source = tmp_path / "bad.csv"
    source.write_text(BAD_CSV, encoding="utf-8")
    dialog = make_dialog(qtbot, service, choose_files=lambda _parent: [source])
    qtbot.mouseClick(dialog.inputs.add_files_button, Qt.MouseButton.LeftButton)
    wait_preview(qtbot, dialog)
    rows = {row[3]: row for row in rows_of(dialog)}
    assert rows["bad.csv:1"][:1] == ("warning",) and "unknown columns ignored: 'Notes'" in rows["bad.csv:1"][2]
    assert rows["bad.csv:2"][:2] == ("new", "Otter habitats in cold rivers")
    assert 'type "Fact Sheets" → fact_sheet' in rows["bad.csv:2"][2]
    assert rows["bad.csv:4"][0] == "error" and "javascript" in rows["bad.csv:4"][2]
    assert rows["bad.csv:5"][0] == "duplicate"
    assert 'the same title as "National Human Trafficking Prevention Framework" (2024)' in rows["bad.csv:5"][2]
    assert rows["bad.csv:6"][0] == "update" and 'updates "Peer-to-Peer Updated Brief"' in rows["bad.csv:6"][2]
    assert "bad.csv:3" not in rows  # a blank row is no record
    assert dialog.inputs.list.item(0).text().endswith("CSV")
    # Shown as status text (with an icon) and file:line in the table.
    index = dialog.model.index([r[3] for r in rows_of(dialog)].index("bad.csv:4"), STATUS)
    assert index.data() == "Error" and index.siblingAtColumn(SOURCE).data() == "bad.csv:4"
    assert not dialog.apply_button.isEnabled()
    assert ERRORS_TEXT in dialog.message.text()
    assert (
        dialog.counts_label.text() == "1 new · 1 update · 0 unchanged · 1 possible duplicate · 1 error · 1 warning"
    )
    dialog.filter_combo.setCurrentIndex(dialog.filter_combo.findData("errors"))
    assert dialog.proxy.rowCount() == 1
    dialog.filter_combo.setCurrentIndex(dialog.filter_combo.findData("problems"))
    assert dialog.proxy.rowCount() == 2  # the error and the file's warning (a mapping note is no warning)
    dialog.apply()  # refused: nothing is half-imported
    assert dialog.import_result is None and service.history() == []


def test_a_good_import_of_json_otip_records_and_a_pdf_folder_applies(qtbot, service, library, tmp_path) -> None:
    records = tmp_path / "new.json"
    records.write_text(
        json.dumps(
            [
                {
                    "title": "Quokka care in shelters",
                    "date": "March 2019",
                    "description": "Caring for quokkas.",
                    "type": "toolkit",
                    "topics": ["Wildlife"],
                    "attachments": [{"label": "Guide (PDF)", "url": "https://example.org/q.pdf"}],
                },
                {"title": None, "description": "Wombat burrows explained. More text follows.", "date": "2018"},
            ]
        ),
        encoding="utf-8",
    )
    folder = tmp_path / "scans"
    folder.mkdir()
    shutil.copyfile(SCANNED_PDF, folder / "c02-22.pdf")
    before = library.resource_count()
    dialog = make_dialog(
        qtbot, service, choose_files=lambda _parent: [records, OTIP], choose_folder=lambda _parent: folder
    )
    qtbot.mouseClick(dialog.inputs.add_files_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.inputs.add_folder_button, Qt.MouseButton.LeftButton)
    wait_preview(qtbot, dialog)
    texts = [dialog.inputs.list.item(n).text() for n in range(dialog.inputs.list.count())]
    assert texts[0].endswith("JSON") and texts[1].endswith("JSON") and "PDF" in texts[2]
    counts = dialog.preview.counts()
    # otip_records.json against the shipped library: 3 untitled excerpts are not matched to their titled
    # resources (an importer limit), 26 records update and 13 are unchanged.
    assert counts["error"] == 0 and counts["new"] == 6 and counts["update"] == 26
    assert dialog.apply_button.isEnabled() and dialog.apply_button.isDefault()
    with qtbot.waitSignal(dialog.imported, timeout=WAIT) as imported:
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    batch_id = imported.args[0]
    assert library.resource_count() == before + 6
    assert f"Imported as batch {batch_id}: 6 added, 26 updated" in dialog.message.text()
    assert not dialog.apply_button.isEnabled()
    assert service.history()[0].id == batch_id
    found = library.search(SearchQuery(text=parse_query("quokka")), 0, 10)
    assert [row.title for row in found.rows] == ["Quokka care in shelters"]


def test_dropped_files_are_previewed_and_the_format_can_be_forced(qtbot, service, tmp_path) -> None:
    page = tmp_path / "listing.html"
    shutil.copyfile(LISTING, page)
    dialog = make_dialog(qtbot, service)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(page))])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    dialog.dropEvent(event)
    wait_preview(qtbot, dialog)
    assert dialog.inputs.paths() == [page]
    assert dialog.inputs.list.item(0).text().endswith("web page (HTML)")
    assert dialog.preview.formats == ["html"] and dialog.preview.items
    dialog.set_format("json")
    wait_preview(qtbot, dialog)
    assert dialog.preview.has_errors and not dialog.apply_button.isEnabled()
    assert all(row.location.startswith("listing.html") for row in dialog.model.rows if row.status == "error")
    dialog.set_format("html")
    dialog.base_url.setText("https://example.org/library/")
    dialog.base_url.editingFinished.emit()
    wait_preview(qtbot, dialog)
    assert dialog.preview.options.base_url == "https://example.org/library/" and not dialog.preview.has_errors


def test_csv_with_unknown_headers_gets_a_column_mapping_step(qtbot, service, library, tmp_path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Resource Name;Summary;Year\nMarmot survey;Counting marmots.;2011\n", encoding="utf-8")
    dialog = make_dialog(qtbot, service)
    dialog.add_paths([sheet])
    wait_preview(qtbot, dialog)
    assert dialog.preview.has_errors and "missing columns" in dialog.model.rows[0].reason
    assert dialog.mapping.isVisible() and list(dialog.mapping.combos) == ["Resource Name", "Summary", "Year"]
    dialog.mapping.choose("Resource Name", "title")
    wait_preview(qtbot, dialog)
    dialog.mapping.choose("Summary", "description")
    wait_preview(qtbot, dialog)
    dialog.mapping.choose("Year", "date")
    wait_preview(qtbot, dialog)
    assert not dialog.preview.has_errors
    assert rows_of(dialog) == [("new", "Marmot survey", "", "sheet.csv:2")]
    assert dialog.model.rows[0].date == "2011"
    with qtbot.waitSignal(dialog.imported, timeout=WAIT):
        dialog.apply_button.click()
    detail = library.resource(library.search(SearchQuery(text=parse_query("marmot")), 0, 1).rows[0].id)
    assert detail is not None and detail.description == "Counting marmots." and detail.published_text == "2011"


class GatedService(ImportService):
    """Stops the apply at its first progress report until the test lets it go on."""

    def __init__(self, library: Library, cache_dir: Path) -> None:
        super().__init__(library, cache_dir)
        self.reached = threading.Event()
        self.release = threading.Event()

    def apply(self, preview, policy=None, progress=None, cancel=None, user=None):
        def gated(done: int, total: int) -> None:
            self.reached.set()
            self.release.wait(WAIT / 1000)
            if progress is not None:
                progress(done, total)

        return super().apply(preview, policy, gated, cancel, user)


def test_cancel_during_apply_leaves_the_library_unchanged(qtbot, library, library_copy, tmp_path) -> None:
    service = GatedService(library, tmp_path / "cache")
    before, count = dump(library_copy), library.resource_count()
    dialog = make_dialog(qtbot, service)
    dialog.add_paths([OTIP])
    wait_preview(qtbot, dialog)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(service.reached.is_set, timeout=WAIT)
    assert dialog.cancel_button.isVisible() and dialog.progress.isVisible() and not dialog.inputs.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    service.release.set()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT)
    assert "cancelled; nothing has been imported" in dialog.message.text()
    assert library.resource_count() == count and dump(library_copy) == before
    assert dialog.apply_button.isEnabled()  # the same preview can still be applied


def test_escape_while_applying_cancels_then_closes(qtbot, library, library_copy, tmp_path) -> None:
    service = GatedService(library, tmp_path / "cache")
    before = dump(library_copy)
    dialog = make_dialog(qtbot, service)
    dialog.add_paths([OTIP])
    wait_preview(qtbot, dialog)
    dialog.apply_button.click()
    qtbot.waitUntil(service.reached.is_set, timeout=WAIT)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    service.release.set()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert dump(library_copy) == before


def test_every_control_is_named_and_the_dialog_fits_a_small_screen(qtbot, service, tmp_path) -> None:
    source = tmp_path / "bad.csv"
    source.write_text(BAD_CSV, encoding="utf-8")
    dialog = make_dialog(qtbot, service)
    dialog.add_paths([source])
    wait_preview(qtbot, dialog)
    assert unnamed_widgets(dialog) == []
    assert dialog.width() <= 1366 and dialog.height() <= 768
    assert dialog.minimumSizeHint().height() <= 740
    assert dialog.close_button.isDefault()  # errors: Enter does not import


def test_tab_and_shift_tab_leave_the_preview_table(qtbot, service) -> None:
    dialog = make_dialog(qtbot, service)
    dialog.add_paths([LISTING])
    wait_preview(qtbot, dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT)
    table = dialog.table
    assert dialog.proxy.rowCount() > 1
    for key, modifier, reached in (
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier, dialog.policy_box),  # the next control
        (Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier, dialog.filter_combo),  # the one before
    ):
        table.setFocus(Qt.FocusReason.OtherFocusReason)
        qtbot.waitUntil(table.hasFocus, timeout=WAIT)
        table.setCurrentIndex(dialog.proxy.index(0, 0))
        qtbot.keyClick(table, key, modifier)
        focus = QApplication.focusWidget()
        assert focus is reached or reached.isAncestorOf(focus), f"{key.name} left the focus on {focus!r}"


def _titles_of(path: Path) -> list[str]:
    with Library.open(path) as opened:
        return sorted(row.title for row in opened.search(SearchQuery(), 0, 10_000).rows)


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_writes_a_file_that_imports_back_to_the_same_titles(qtbot, library, library_copy, tmp_path, fmt) -> None:
    target = tmp_path / f"export.{fmt}"
    ids = [row.id for row in library.search(SearchQuery(text=parse_query("report")), 0, 100).rows]
    asked: list[str | None] = []
    job = export_resources(None, library, ids, fmt, choose_path=lambda _parent, f: asked.append(f) or target)
    assert job is not None and asked == [fmt]
    with qtbot.waitSignal(job.finished, timeout=WAIT) as finished:
        pass
    assert finished.args == [len(ids), target] and target.exists()
    fresh = tmp_path / "fresh.db"
    with Library.open(fresh, create=True) as other:
        imports = ImportService(other, tmp_path / "cache2")
        preview = imports.preview([target])
        assert not preview.has_errors
        imports.apply(preview)
    titles = sorted(row.title for row in library.rows_by_ids(ids))
    assert _titles_of(fresh) == titles


def test_export_library_writes_every_resource_and_no_path_means_no_export(qtbot, library, tmp_path) -> None:
    assert export_resources(None, library, [1], "json", choose_path=lambda _p, _f: None) is None
    target = tmp_path / "all.csv"
    job = export_library(None, library, None, choose_path=lambda _parent, _fmt: target)
    assert job is not None and job.fmt == "csv"
    with qtbot.waitSignal(job.finished, timeout=WAIT) as finished:
        pass
    assert finished.args[0] == library.resource_count()


class _Blocker(QRunnable):
    """Holds the only thread of a pool until released."""

    def __init__(self, release: threading.Event) -> None:
        super().__init__()
        self.release = release

    def run(self) -> None:
        self.release.wait(WAIT / 1000)


def test_a_cancelled_export_writes_no_file(qtbot, library, tmp_path) -> None:
    lane = Lane("one-thread", 1)
    release = threading.Event()
    lane.pool.start(_Blocker(release))
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "cancelled.json"
    job = export_resources(None, library, [1, 2, 3], "json", choose_path=lambda _p, _f: target, lane=lane)
    assert job is not None
    job.cancel()  # before the export starts: it stops at its first progress report
    with qtbot.waitSignal(job.failed, timeout=WAIT) as failed:
        release.set()
    assert failed.args == ["The export was cancelled; no file was written."]
    assert list((tmp_path / "out").iterdir()) == []
    lane.wait(WAIT)


def test_ctrl_i_in_the_window_imports_and_the_results_grow(qtbot, window, library, tmp_path) -> None:
    source = tmp_path / "two.csv"
    source.write_text("title,date\nOtters in the city,2022\nBadgers at dusk,2023\n", encoding="utf-8")
    admin = install_admin(window, cache_dir=tmp_path / "cache", choose_files=lambda _parent: [source])
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[:2] == ["&File", "&Edit"] and menus[-2:] == ["&Tools", "&Help"]
    assert admin.import_action.shortcut().toString() == "Ctrl+I"
    total = window.model.total
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = admin.dialog
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    dialog.inputs.add_files_button.click()
    wait_preview(qtbot, dialog)
    with qtbot.waitSignal(admin.libraryChanged, timeout=WAIT):
        dialog.apply_button.click()
    wait_for_results(qtbot, window)
    assert window.model.total == total + 2
    assert window.statusBar().currentMessage().startswith("Imported as batch")
    window.search_box.set_text("badgers")
    wait_for_results(qtbot, window, "badgers")
    assert window.model.total == 1

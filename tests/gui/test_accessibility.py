"""Accessibility: names for every focusable widget, the result count announced, contrast, visible focus,
a window that fits at 1366x768 with 150% text, clear error dialogs, every string through tr()."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, Qt, QTranslator
from PySide6.QtGui import QAccessible, QAction, QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStyle,
    QTabBar,
    QTableWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reslib_desktop.gui.a11y import (
    announcements,
    install_accessibility,
    unnamed_widgets,
)
from reslib_desktop.gui.error_dialog import ErrorDialog, details_from_exception
from reslib_desktop.gui.results_model import Column
from reslib_desktop.gui.saved_searches import SavedSearchesPanel
from reslib_desktop.gui.settings_dialog import AboutDialog, SettingsDialog
from reslib_desktop.gui.shortcuts import ShortcutsDialog, install_shortcuts
from reslib_desktop.gui.task_runner import wait_for_all
from reslib_desktop.gui.theme import (
    FOCUS_COLORS,
    FocusFrameStyle,
    apply_text_size,
    apply_theme,
    contrast_ratio,
    contrast_report,
    current_theme,
    focus_color,
    theme_palette,
)
from reslib_desktop.library import Library, SearchQuery
from reslib_desktop.saved_searches_store import MemoryUserState
from support import WAIT_MS, wait_for_results
from table_clicks import click_row

PDF = Path(__file__).resolve().parents[1] / "data" / "pdfs" / "irs-i1040nr-instructions.pdf"



def _flush_layouts() -> None:
    """Deliver what Qt has queued (deferred deletions, then layout requests) instead of waiting a while."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.sendPostedEvents()


def _settle(qtbot, window) -> None:
    wait_for_results(qtbot, window)
    _flush_layouts()


def _window_states(qtbot, window) -> Iterator[str]:
    """Put the window through the states that show different widgets."""
    yield "details tab"
    window.sidebar.groups["type"].check_value("report")
    _settle(qtbot, window)
    yield "a filter chip"
    qtbot.keyClicks(window.search_box.edit, "trafficing")
    wait_for_results(qtbot, window, "trafficing")
    window.clear_all_filters()
    _settle(qtbot, window)
    yield "no results, with suggestions"
    window.right_tabs.setCurrentWidget(window.pdf_pane)
    window.pdf_pane.show_status("The download failed.", retry=True, key="k", title="A report")
    yield "document tab, a message with a button"
    assert window.pdf_pane.open_file(PDF, "k", "IRS instructions")
    yield "document tab, a document with its find bar"


def _main_window_offenders(qtbot, window) -> set[str]:
    offenders: set[str] = set()
    for _state in _window_states(qtbot, window):
        offenders |= set(unnamed_widgets(window))
    return offenders


def test_the_main_window_has_no_unnamed_focusable_widget(qtbot, window) -> None:
    window.sidebar.widget().layout().insertWidget(0, SavedSearchesPanel(window, MemoryUserState()))
    assert sorted(_main_window_offenders(qtbot, window)) == []


def test_panels_and_dialogs_name_every_focusable_widget(qtbot, window, tmp_path: Path) -> None:
    store = MemoryUserState()
    panel = SavedSearchesPanel(window, store)
    window.sidebar.widget().layout().insertWidget(0, panel)
    qtbot.waitUntil(panel.no_searches.isVisible, timeout=WAIT_MS)
    assert unnamed_widgets(panel) == []
    panel.save_current("Everything")
    click_row(qtbot, window, 0)
    qtbot.waitUntil(lambda: panel.recent.count() == 1, timeout=WAIT_MS)
    assert unnamed_widgets(panel) == []
    install_shortcuts(window)
    error = ErrorDialog("Could not open the library", "The file is damaged. Choose another file.", "Traceback…", window)
    error.show_details.setChecked(True)
    dialogs = [
        SettingsDialog(window, _ini(tmp_path)),
        ShortcutsDialog(window),
        error,
        AboutDialog(window, "/x/library.db"),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert unnamed_widgets(dialog) == [], type(dialog).__name__
    dialogs[0].wait()


def _ini(tmp_path: Path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_the_result_count_is_announced(qtbot, window) -> None:
    install_accessibility(window)
    heard: list[tuple[object, str]] = []
    announcements().announced.connect(lambda widget, text: heard.append((widget, text)))
    qtbot.keyClicks(window.search_box.edit, "housing")
    wait_for_results(qtbot, window, "housing")
    assert (window.count_label, "2 of 57 resources") in heard
    interface = QAccessible.queryAccessibleInterface(window.count_label)
    assert interface.text(QAccessible.Text.Description) == "2 of 57 resources"
    assert interface.text(QAccessible.Text.Name) == "Result count"


def test_table_rows_are_read_through_the_accessibility_interface(window) -> None:
    table = QAccessible.queryAccessibleInterface(window.table)
    assert table.role() == QAccessible.Role.Table and table.text(QAccessible.Text.Name) == "Results"
    first_row = {}
    for number in range(table.childCount()):
        cell = table.child(number).tableCellInterface()
        if cell is not None and cell.rowIndex() == 0:
            first_row[cell.columnIndex()] = table.child(number).text(QAccessible.Text.Name)
    row = window.model.resource_at(0)
    assert first_row[Column.TITLE] == row.title
    assert first_row[Column.TYPE] and first_row[Column.DATE]  # an undated row says "no date"
    assert first_row[Column.OFFLINE] in ("available offline", "not available offline")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_both_themes_keep_text_contrast(theme: str) -> None:
    palette = theme_palette(theme)
    report = contrast_report(palette)
    for pair in ("WindowText/Window", "Text/Base", "ButtonText/Button", "HighlightedText/Highlight",
                 "PlaceholderText/Base", "Link/Base", "ToolTipText/ToolTipBase"):
        assert report[pair] >= 4.5, (pair, report[pair])
    assert min(report.values()) >= 4.5, report
    focus = QColor(FOCUS_COLORS[theme])
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        assert contrast_ratio(focus, palette.color(role)) >= 3, role  # WCAG non-text contrast


def test_switching_back_to_the_system_theme_gives_back_the_platform_palette(qapp, pristine_appearance) -> None:
    window_role = QPalette.ColorRole.Window
    platform_window = qapp.palette().color(window_role)
    apply_theme(qapp, "dark")
    assert qapp.palette().color(window_role) == theme_palette("dark").color(window_role)
    assert current_theme(qapp) == "dark"
    apply_theme(qapp, "system")
    assert qapp.palette().color(window_role) == platform_window
    assert isinstance(qapp.style(), FocusFrameStyle)


def test_contrast_ratio_matches_wcag_examples() -> None:
    assert contrast_ratio(QColor("black"), QColor("white")) == pytest.approx(21)
    assert contrast_ratio(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)


def _focus_change(before: QImage, after: QImage) -> int:
    """Pixels whose colour changed with at least 3:1 contrast when the widget took focus."""
    changed = 0
    for x in range(before.width()):
        for y in range(before.height()):
            a, b = before.pixel(x, y), after.pixel(x, y)
            if a != b and contrast_ratio(QColor(a), QColor(b)) >= 3:
                changed += 1
    return changed


@pytest.mark.parametrize("theme", ["system", "light", "dark"])
def test_keyboard_focus_is_always_visible(qtbot, theme: str, pristine_appearance) -> None:
    apply_theme(QApplication.instance(), theme)
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    combo, spin, listing, table, tabs = QComboBox(), QSpinBox(), QListWidget(), QTableWidget(3, 2), QTabBar()
    combo.addItems(["One", "Two"])
    listing.addItems(["First", "Second"])
    listing.setCurrentRow(0)
    table.setCurrentCell(0, 0)
    tabs.addTab("Details")
    tabs.addTab("Document")
    widgets = [QPushButton("Save"), QToolButton(text="Type"), QLineEdit("text"), combo, spin, listing, table,
               QTextBrowser(), QCheckBox("No limit"), tabs, QScrollArea()]
    for widget in widgets:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout.addWidget(widget)
    host.resize(320, 760)
    host.show()
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow, timeout=WAIT_MS)
    assert focus_color(host).isValid()
    faint = []
    for widget in widgets:
        other = widgets[0] if widget is not widgets[0] else widgets[1]
        other.setFocus()
        qtbot.waitUntil(other.hasFocus, timeout=WAIT_MS)
        before = widget.grab().toImage()
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus, timeout=WAIT_MS)
        after = widget.grab().toImage()
        hint = widget.sizeHint().boundedTo(widget.size())
        needed = 2 * (hint.width() + hint.height())  # WCAG 2.4.13: as big as a 1 px perimeter, 3:1 change
        if _focus_change(before, after) < needed:
            faint.append((type(widget).__name__, _focus_change(before, after), needed))
    assert faint == []


def _fit_problems(window) -> list[str]:
    problems = _cut_widgets(window)
    if any(b.isVisible() for b in window.findChildren(QToolButton, "qt_toolbar_ext_button")):
        problems.append("the toolbar overflows")
    rows = window.table.viewport().height() // max(1, window.table.rowHeight(0))
    if rows < 5:
        problems.append(f"the table shows {rows} rows")
    return problems


def _cut_widgets(window: QWidget) -> list[str]:
    """Widgets outside `window` (unless in a scroll area) and button or label texts cut."""
    problems = []
    inside = window.rect()
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow():
            continue
        box = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        scrolled = any(isinstance(p, QScrollArea) for p in _ancestors(widget, window))
        if not scrolled and not inside.contains(box):
            problems.append(f"outside the window: {type(widget).__name__} {box}")
        text = widget.text() if isinstance(widget, (QAbstractButton, QLabel)) else ""
        if not text:
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            if widget.heightForWidth(widget.width()) > widget.height():
                problems.append(f"wrapped text cut: {text!r}")
        elif widget.sizeHint().width() > widget.width():
            problems.append(
                f"text cut: {type(widget).__name__} {text!r} needs {widget.sizeHint().width()}, has {widget.width()}"
            )
    return problems


def _ancestors(widget: QWidget, stop: QWidget) -> Iterator[QWidget]:
    parent = widget.parentWidget()
    while parent is not None and parent is not stop:
        yield parent
        parent = parent.parentWidget()


@pytest.fixture
def big_text_window(qtbot, library: Library, pristine_appearance):
    from reslib_desktop.gui.main_window import MainWindow

    start = QApplication.font().pointSizeF()
    apply_text_size(QApplication.instance(), 150)
    assert QApplication.font().pointSizeF() == pytest.approx(1.5 * start)
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    wait_for_results(qtbot, window)
    window.sidebar.widget().layout().insertWidget(0, SavedSearchesPanel(window, MemoryUserState()))
    return window


def test_the_window_fits_1366x768_at_150_percent_text(qtbot, big_text_window) -> None:
    window = big_text_window
    problems = {}
    for state in _window_states(qtbot, window):
        _flush_layouts()
        assert window.size().toTuple() == (1366, 768)
        problems[state] = _fit_problems(window)
    assert all(not found for found in problems.values()), problems


def test_the_sidebar_needs_no_sideways_scrolling_at_150_percent_text(qtbot, big_text_window) -> None:
    sidebar = big_text_window.sidebar
    needed, has = sidebar.widget().minimumSizeHint().width(), sidebar.viewport().width()
    assert not sidebar.horizontalScrollBar().isVisible(), f"the sidebar's content needs {needed} px, it has {has}"


# --- dark theme, 150% text, a 1024x600 screen ------------------------------------------------------------
def _strong_pixels(image: QImage, area: QRect, background: QColor) -> int:
    """Pixels of `area` with at least 3:1 contrast against `background` (WCAG non-text contrast)."""
    area = area.intersected(image.rect())
    return sum(
        contrast_ratio(image.pixelColor(x, y), background) >= 3
        for x in range(area.left(), area.right() + 1)
        for y in range(area.top(), area.bottom() + 1)
    )


def _leading_area(listing: QListWidget, row: int, width: int) -> tuple[QImage, QRect, QColor]:
    """The start of a list row (its check box or icon), the list as drawn, and the row's background."""
    image = listing.viewport().grab().toImage()
    rect = listing.visualItemRect(listing.item(row))
    background = image.pixelColor(rect.right() - 2, rect.top() + 1)
    return image, QRect(rect.left(), rect.top(), width, rect.height()), background


def _assembled(qtbot, library: Library, tmp_path: Path, theme: str, text_size: int, size: tuple[int, int]):
    from reslib_desktop.gui.assemble import assemble_window

    apply_theme(QApplication.instance(), theme)
    apply_text_size(QApplication.instance(), text_size)
    assembled = assemble_window(library, None, _ini(tmp_path))
    window = assembled.window
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    wait_for_results(qtbot, window)
    return assembled


def _wait_for_palette(qtbot, window: QWidget, theme: str) -> None:
    """Qt hands a new application palette to open widgets through posted events: wait for them."""
    base = theme_palette(theme).color(QPalette.ColorRole.Base)
    qtbot.waitUntil(
        lambda: all(w.palette().color(QPalette.ColorRole.Base) == base for w in window.findChildren(QWidget)),
        timeout=WAIT_MS,
    )


def _row_with_attachments(window) -> int:
    return next(n for n in range(window.model.rowCount()) if window.model.resource_at(n).attachment_count >= 2)


def test_dark_theme_check_boxes_and_pdf_icons_stand_out(
    qtbot, library: Library, tmp_path: Path, pristine_appearance
) -> None:
    window = _assembled(qtbot, library, tmp_path, "dark", 100, (1366, 768)).window
    style = window.style()
    indicator = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
    values = window.sidebar.groups["type"].values
    image, box, background = _leading_area(values, 0, indicator + 6)
    assert _strong_pixels(image, box, background) >= 2 * indicator, "the unchecked check box does not stand out"
    click_row(qtbot, window, _row_with_attachments(window))
    attachments = window.details.attachments
    qtbot.waitUntil(lambda: attachments.count() >= 2, timeout=WAIT_MS)
    icon_width = attachments.iconSize().width() if attachments.iconSize().isValid() else 16
    image, box, background = _leading_area(attachments, 0, icon_width + 8)
    assert _strong_pixels(image, box, background) >= icon_width, "the PDF icon does not stand out"


def _wrapped_text_fits(listing: QListWidget, row: int, reserved: int) -> bool:
    """The row is tall enough for its whole text wrapped at its width (minus check box or icon)."""
    item = listing.item(row)
    rect = listing.visualItemRect(item)
    needed = listing.fontMetrics().boundingRect(
        QRect(0, 0, max(1, rect.width() - reserved), 10_000), int(Qt.TextFlag.TextWordWrap), item.text()
    )
    return needed.height() <= rect.height()


def _small_screen_problems(window, saved: SavedSearchesPanel) -> list[str]:
    problems = list(_fit_problems(window))
    table, header = window.table, window.table.horizontalHeader()
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        text = str(window.model.headerData(column, Qt.Orientation.Horizontal))
        needed = (
            header.fontMetrics().horizontalAdvance(text) + 2 * margin + (arrow + margin if column <= Column.DATE else 0)
        )
        if needed > header.sectionSize(column):
            problems.append(f"header {text!r} cut: needs {needed}, has {header.sectionSize(column)}")
    for row in range(window.model.rowCount()):
        date = window.model.index(row, Column.DATE).data()
        if date and table.fontMetrics().horizontalAdvance(date) + 6 > table.columnWidth(Column.DATE):
            problems.append(f"date {date!r} cut in a {table.columnWidth(Column.DATE)} px column")
            break
    if table.columnWidth(Column.TITLE) < 12 * table.fontMetrics().averageCharWidth():
        problems.append(f"Title is {table.columnWidth(Column.TITLE)} px wide")
    indicator = header.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 12
    for facet, group in window.sidebar.groups.items():
        listing = group.values
        if not listing.isVisible():
            continue
        if listing.horizontalScrollBar().isVisible():
            problems.append(f"{facet} values scroll sideways")
        for row in range(listing.count()):
            rect = listing.visualItemRect(listing.item(row))
            if rect.bottom() >= listing.viewport().height():
                problems.append(f"{facet} value {listing.item(row).text()!r} hidden below row {row}")
                break
            if not _wrapped_text_fits(listing, row, indicator):
                problems.append(f"{facet} value {listing.item(row).text()!r} cut")
    for name, listing, reserved in (
        ("attachment", window.details.attachments, 28),
        ("recently viewed", saved.recent, 8),
    ):
        for row in range(listing.count() if listing.isVisible() else 0):
            if not _wrapped_text_fits(listing, row, reserved):
                problems.append(f"{name} {listing.item(row).text()!r} cut")
    return problems


@pytest.mark.parametrize("size", [(1024, 600), (1366, 768)])
def test_dark_150_percent_text_on_a_small_screen_cuts_nothing(
    qtbot, library: Library, tmp_path: Path, size, pristine_appearance
) -> None:
    assembled = _assembled(qtbot, library, tmp_path, "dark", 150, size)
    window, saved = assembled.window, assembled.saved_searches
    saved.VIEW_DWELL_MS = 0
    for count, row in enumerate((_row_with_attachments(window), 0), start=1):
        click_row(qtbot, window, row)
        qtbot.waitUntil(lambda: saved.recent.count() == count, timeout=WAIT_MS)  # noqa: B023 - waited for at once
    click_row(qtbot, window, _row_with_attachments(window))
    qtbot.waitUntil(lambda: window.details.attachments.count() >= 2, timeout=WAIT_MS)
    problems = {}
    for state in chain(["a resource with attachments"], _window_states(qtbot, window)):
        qtbot.waitUntil(lambda: window.size().toTuple() == size, timeout=WAIT_MS)
        try:  # the layout settles (lists fit their rows once laid out at their width)
            qtbot.waitUntil(lambda: not _small_screen_problems(window, saved), timeout=1000)
        except Exception:  # noqa: BLE001 - pytest-qt's TimeoutError: what is still wrong is collected below
            problems[state] = _small_screen_problems(window, saved)
    assert problems == {}


def test_switching_to_dark_and_150_percent_text_while_the_window_is_open_cuts_nothing(
    qtbot, library: Library, tmp_path: Path, pristine_appearance
) -> None:
    assembled = _assembled(qtbot, library, tmp_path, "light", 100, (1024, 600))
    window, saved = assembled.window, assembled.saved_searches
    saved.VIEW_DWELL_MS = 0
    click_row(qtbot, window, _row_with_attachments(window))
    qtbot.waitUntil(lambda: saved.recent.count() == 1, timeout=WAIT_MS)
    apply_theme(QApplication.instance(), "dark")  # as the Settings dialog does
    apply_text_size(QApplication.instance(), 150)
    _wait_for_palette(qtbot, window, "dark")
    with contextlib.suppress(Exception):  # pytest-qt's TimeoutError: the assert below says what is cut
        qtbot.waitUntil(lambda: not _small_screen_problems(window, saved), timeout=2000)
    assert _small_screen_problems(window, saved) == []
    values = window.sidebar.groups["type"].values
    indicator = window.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
    image, box, background = _leading_area(values, 0, indicator + 6)
    assert _strong_pixels(image, box, background) >= 2 * indicator
    attachments = window.details.attachments  # the PDF icons shown before the switch take the new colours
    icon_width = attachments.iconSize().width() if attachments.iconSize().isValid() else 16
    image, box, background = _leading_area(attachments, 0, icon_width + 8)
    assert _strong_pixels(image, box, background) >= icon_width, "the PDF icon does not stand out"


def test_the_shortcuts_dialog_fits_the_screen_at_150_percent_text(
    qtbot, library: Library, tmp_path: Path, pristine_appearance
) -> None:
    window = _assembled(qtbot, library, tmp_path, "dark", 150, (1024, 600)).window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.findChild(ShortcutsDialog)
    qtbot.waitExposed(dialog)
    screen = dialog.screen().availableGeometry()
    close = next(b for b in dialog.findChildren(QPushButton) if b.isVisible())
    close_box = QRect(close.mapToGlobal(QPoint(0, 0)), close.size())
    assert dialog.frameGeometry().height() <= screen.height() and dialog.frameGeometry().width() <= screen.width(), (
        dialog.frameGeometry(), screen)
    assert screen.contains(close_box) and dialog.rect().contains(QRect(close.mapTo(dialog, QPoint(0, 0)), close.size()))


def test_import_preview_reasons_are_whole_where_there_is_room_else_in_their_tooltip(
    qtbot, library: Library, tmp_path: Path, pristine_appearance
) -> None:
    from reslib_desktop.gui.admin.import_dialog import ImportDialog
    from reslib_desktop.gui.admin.preview_model import REASON
    from reslib_desktop.ingest.service import ImportService

    apply_text_size(QApplication.instance(), 150)
    shown = [library.resource(i) for i in library.search_full(SearchQuery(), ()).ids[:12]]
    known = [(d.title, d.date_display) for d in shown if d.date_display][:6]
    source = tmp_path / "again.csv"
    lines = ["title,date,type,description,Notes"] + [f'"{title}","{date}",Fact Sheets,,x' for title, date in known]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dialog = ImportDialog(ImportService(library, tmp_path / "cache"))
    qtbot.addWidget(dialog)
    dialog.resize(1000, 560)
    dialog.show()
    dialog.add_paths([source])
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.previewing, timeout=10_000)
    table = dialog.table
    metrics = table.fontMetrics()

    def cut() -> list[int]:
        found = []
        for row in range(dialog.proxy.rowCount()):
            text = dialog.proxy.index(row, REASON).data() or ""
            box = QRect(0, 0, table.columnWidth(REASON) - 8, 10_000)
            if metrics.boundingRect(box, int(Qt.TextFlag.TextWordWrap), text).height() > table.rowHeight(row):
                found.append(row)
        return found

    def too_tall() -> list[int]:
        """Rows taller than a third of the table's view: three whole rows would not show."""
        return [row for row in range(dialog.proxy.rowCount()) if 3 * table.rowHeight(row) > table.viewport().height()]

    assert any(len(dialog.proxy.index(row, REASON).data() or "") > 60 for row in range(dialog.proxy.rowCount()))
    # Short of room (150% text in a small dialog): rows stay short enough for three to show whole; a
    # reason cut short is whole in its tooltip and in what screen readers read.
    with contextlib.suppress(Exception):  # pytest-qt's TimeoutError: the assert below says which are too tall
        qtbot.waitUntil(lambda: not too_tall(), timeout=2000)
    assert too_tall() == []
    for row in cut():
        index = dialog.proxy.index(row, REASON)
        assert index.data(Qt.ItemDataRole.ToolTipRole) == index.data(Qt.ItemDataRole.AccessibleTextRole) == index.data()
    # With room, every reason is shown whole.
    dialog.resize(1300, 1100)
    with contextlib.suppress(Exception):
        qtbot.waitUntil(lambda: not cut(), timeout=2000)
    assert cut() == []
    wait_for_all(10_000)


def test_copy_details_puts_the_details_on_the_clipboard(qtbot) -> None:
    try:
        raise OSError("disk full while writing library.db")
    except OSError as error:
        details = details_from_exception(error)
    dialog = ErrorDialog(
        "Could not save", "The library could not be saved. Free some disk space and try again.", details
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.details.isVisible()
    qtbot.mouseClick(dialog.show_details, Qt.MouseButton.LeftButton)
    assert dialog.details.isVisible()
    QApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert "disk full while writing library.db" in copied and "Traceback" in copied
    assert "Free some disk space" in copied and "reslib-desktop 0.1.0" in copied
    assert dialog.copy_button.text() == "Copied"


def test_the_about_box_says_version_and_data_source(qtbot) -> None:
    about = AboutDialog(None, "/home/me/library.db")
    qtbot.addWidget(about)
    text = about.text.toPlainText()
    assert "reslib-desktop 0.1.0" in text
    assert "Office on Trafficking in Persons" in text and "public domain" in text
    assert "/home/me/library.db" in text
    assert "CC-BY-SA" not in text  # the test PDFs' licences: they are not shipped


class _Marking(QTranslator):
    """Wraps every translated string in «», so an untranslated one stands out."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return f"«{source}»"

    def isEmpty(self) -> bool:
        return False


def _texts(root: QWidget) -> list[str]:
    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, (QLabel, QAbstractButton)) and not isinstance(widget, QToolButton):
            texts.append(widget.text())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(n) for n in range(widget.count())]
        texts += [widget.accessibleName(), widget.accessibleDescription()]
    return [t for t in texts if t and t.strip()]


def test_every_user_visible_string_goes_through_tr(qtbot, library: Library, tmp_path: Path) -> None:
    from reslib_desktop.gui.main_window import MainWindow

    marking = _Marking()
    QApplication.instance().installTranslator(marking)
    try:
        window = MainWindow(library)
        qtbot.addWidget(window)
        window.show()
        wait_for_results(qtbot, window)
        panel = SavedSearchesPanel(window, MemoryUserState())
        settings = SettingsDialog(window, _ini(tmp_path))
        error = ErrorDialog("«Could not save»", "«Free some space.»", "details", window)
        shortcuts = ShortcutsDialog(window)
        for widget in (panel, settings, error, shortcuts):
            qtbot.addWidget(widget)
        untranslated = [t for w in (panel, settings, error, shortcuts) for t in _texts(w) if "«" not in t]
        untranslated += [shortcuts.table.item(r, c).text() for r in range(shortcuts.table.rowCount()) for c in (1, 2)
                         if "«" not in shortcuts.table.item(r, c).text()]
        untranslated += [h for h in (shortcuts.table.horizontalHeaderItem(c).text() for c in range(3)) if "«" not in h]
        about = AboutDialog(window).text.toPlainText()
        untranslated += [line for line in about.splitlines()[1:] if line.strip() and "«" not in line]
        settings.wait()
    finally:
        QApplication.instance().removeTranslator(marking)
    assert untranslated == []


# --- every dialog on a real 1024x600 screen ---------------------------------------------------------------
SMALL_SCREEN = (1024, 600)
DIALOGS = ("import", "metadata editor", "history", "possible duplicates", "settings", "about", "shortcuts", "error",
           "collection editor", "sync conflicts", "join a server")


#: Tests that run on a real 1024x600 screen (in a child pytest when the session's screen is another size).
ON_A_SMALL_SCREEN = ("test_every_dialog_fits_a_1024x600_screen_at_150_percent_text",
                     "test_the_shortcuts_table_cuts_no_text_at_1024_pixels_with_150_percent_text",
                     "test_the_import_preview_shows_three_whole_rows_on_a_1024x600_screen_at_150_percent_text")


def _on_small_screen() -> bool:
    screen = QApplication.primaryScreen()
    return screen is not None and screen.geometry().size().toTuple() == SMALL_SCREEN


@pytest.fixture(scope="module")
def small_screen_outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The dialog test run again in a child pytest whose offscreen screen is 1024x600 (Qt reads the
    screen once, at start): test name → failure text ("" when it passed)."""
    folder = tmp_path_factory.mktemp("small_screen")
    config, report = folder / "screen.json", folder / "report.xml"
    width, height = SMALL_SCREEN
    config.write_text(json.dumps({"screens": [{"name": "small", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    tests = [f"{Path(__file__).resolve()}::{name}" for name in ON_A_SMALL_SCREEN]
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests, f"--junitxml={report}"],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert report.exists(), run.stdout[-2000:] + run.stderr[-2000:]
    outcomes = {}
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        failed = [f"{part.get('message')}\n{part.text}" for part in case if part.tag in ("failure", "error", "skipped")]
        outcomes[case.get("name")] = "\n".join(failed)
    return outcomes


def _outcome_on_a_small_screen(request: pytest.FixtureRequest) -> None:
    outcome = request.getfixturevalue("small_screen_outcomes").get(request.node.name, "did not run")
    assert outcome == "", outcome


def _open_dialog(qtbot, assembled, name: str, tmp_path: Path) -> QWidget:
    """Open dialog `name` as a user would, from the assembled window."""
    from reslib_desktop.gui.error_dialog import show_error
    from reslib_desktop.gui.settings_dialog import open_settings
    from reslib_desktop.gui.shortcuts import show_shortcuts_dialog
    from reslib_desktop.gui.sync.conflicts_view import ConflictsView
    from reslib_desktop.gui.sync.join_dialog import JoinServerDialog

    window, admin = assembled.window, assembled.admin
    if name == "metadata editor":
        click_row(qtbot, window, 0)
        return admin.edit_current()
    if name == "collection editor":
        panel = window.collections_panel
        panel.create_collection("Kit for the Tuesday training")
        qtbot.waitUntil(lambda: "Kit for the Tuesday training" in panel.names(), timeout=WAIT_MS)
        return panel.open_editor("Kit for the Tuesday training")
    if name == "error":
        dialog = show_error(window, "Could not open the library", "The file is damaged. Choose another file. " * 4,
                            "Traceback (most recent call last):\n" * 80, modal=False)
        dialog.show_details.setChecked(True)
        return dialog
    openers = {
        "import": admin.open_import, "history": admin.open_history, "possible duplicates": admin.open_duplicates,
        "settings": lambda: open_settings(window, _ini(tmp_path)), "shortcuts": lambda: show_shortcuts_dialog(window),
        "about": lambda: AboutDialog(window, window.library.path),
        "sync conflicts": lambda: ConflictsView(window.library, window),
        "join a server": lambda: JoinServerDialog(window.library, window, keyring_ok=False),  # the longest note
    }
    dialog = openers[name]()
    dialog.show()
    return dialog


def _dialog_problems(dialog: QWidget) -> list[str]:
    """Off the screen's available area, widgets outside the dialog (unless they scroll), texts cut,
    the closing buttons (Save, Import, Close, Cancel) not wholly in view without scrolling."""
    screen = dialog.screen().availableGeometry()
    problems = [] if screen.contains(dialog.frameGeometry()) else [f"{dialog.frameGeometry()} is not inside {screen}"]
    closing = [b for b in dialog.findChildren(QPushButton)
               if b.isVisible() and b.text().replace("&", "") in ("Save", "Import", "Close", "Cancel")]
    problems += [
        f"{b.text()!r} is scrolled out of view" for b in closing if b.visibleRegion().boundingRect() != b.rect()
    ]
    return problems + _cut_widgets(dialog)


@pytest.mark.parametrize("name", DIALOGS)
def test_every_dialog_fits_a_1024x600_screen_at_150_percent_text(
    qtbot, request, library: Library, tmp_path: Path, name: str, pristine_appearance
) -> None:
    if not _on_small_screen():  # the session's screen is another size: this test runs on a 1024x600 one
        _outcome_on_a_small_screen(request)
        return
    assembled = _assembled(qtbot, library, tmp_path, "dark", 150, SMALL_SCREEN)
    dialog = _open_dialog(qtbot, assembled, name, tmp_path)
    qtbot.waitExposed(dialog)
    with contextlib.suppress(Exception):  # pytest-qt's TimeoutError: the assert below says what is wrong
        qtbot.waitUntil(lambda: not _dialog_problems(dialog), timeout=2000)
    assert _dialog_problems(dialog) == []
    if hasattr(dialog, "wait"):
        dialog.wait()


def test_the_import_preview_shows_three_whole_rows_on_a_1024x600_screen_at_150_percent_text(
    qtbot, request, library: Library, tmp_path: Path, pristine_appearance
) -> None:
    if not _on_small_screen():
        _outcome_on_a_small_screen(request)
        return
    assembled = _assembled(qtbot, library, tmp_path, "dark", 150, SMALL_SCREEN)
    window = assembled.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = assembled.admin.dialog
    qtbot.waitExposed(dialog)
    data = Path(__file__).resolve().parents[1] / "data"
    dialog.add_paths([data / "import" / "listing.html", data / "import" / "resource.html",
                      data / "pdfs" / "trivial.pdf", data / "pdfs" / "invalid.pdf"])  # reasons of many lines
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.previewing, timeout=10_000)
    table = dialog.table
    assert dialog.proxy.rowCount() >= 3

    def whole_rows() -> int:
        """Rows wholly in view: inside the table's view, and that part of the table not scrolled off the dialog."""
        shown = table.viewport().visibleRegion().boundingRect()
        return sum(
            shown.top() <= table.rowViewportPosition(row)
            and table.rowViewportPosition(row) + table.rowHeight(row) - 1 <= shown.bottom()
            for row in range(dialog.proxy.rowCount())
        )

    with contextlib.suppress(Exception):  # pytest-qt's TimeoutError: the assert below says how many show
        qtbot.waitUntil(lambda: whole_rows() >= 3, timeout=2000)
    assert whole_rows() >= 3, [table.rowHeight(row) for row in range(dialog.proxy.rowCount())]
    assert _dialog_problems(dialog) == []  # and the dialog still fits the screen, Import and Close in view
    wait_for_all(10_000)  # the preview worker ends before the library closes


# --- icons: visible in both themes, and recoloured when the theme changes ------------------------------------
def _icon_buttons(window) -> list[QToolButton]:
    """The window's visible tool buttons that show only an icon (collections, document toolbar, find bar)."""
    return [button for button in window.findChildren(QToolButton) if button.isVisible() and not button.icon().isNull()
            and button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly]


def _background(image: QImage, around: QRect) -> QColor:
    """The most common colour of the one-pixel ring around `around` (a button's fill beside its icon)."""
    ring = around.adjusted(-1, -1, 1, 1).intersected(image.rect())
    counts: dict[int, int] = {}
    for x in range(ring.left(), ring.right() + 1):
        for y in range(ring.top(), ring.bottom() + 1):
            if x in (ring.left(), ring.right()) or y in (ring.top(), ring.bottom()):
                counts[image.pixel(x, y)] = counts.get(image.pixel(x, y), 0) + 1
    return QColor.fromRgb(max(counts, key=counts.__getitem__))


def _icon_area(button: QToolButton) -> QRect:
    area = QRect(QPoint(0, 0), button.iconSize().boundedTo(button.size()))
    area.moveCenter(button.rect().center())
    return area


def _document_shown(qtbot, window) -> None:
    window.right_tabs.setCurrentWidget(window.pdf_pane)
    assert window.pdf_pane.open_file(PDF, "k", "IRS instructions")
    qtbot.waitUntil(lambda: len(_icon_buttons(window)) >= 10, timeout=WAIT_MS)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_tool_button_icon_stands_out(
    qtbot, library: Library, tmp_path: Path, theme: str, pristine_appearance
) -> None:
    window = _assembled(qtbot, library, tmp_path, theme, 100, (1366, 768)).window
    _document_shown(qtbot, window)
    buttons = [b for b in _icon_buttons(window) if b.isEnabled()]  # WCAG 1.4.11 exempts inactive controls
    assert {"New collection", "Zoom in"} <= {b.accessibleName() or b.text() for b in buttons}
    faint = []
    for button in buttons:
        image, area = button.grab().toImage(), _icon_area(button)
        strong = _strong_pixels(image, area, _background(image, area))
        if strong < button.iconSize().width():
            faint.append(f"{button.toolTip() or button.accessibleName()}: {strong} pixels at 3:1")
    assert faint == []


def test_icons_take_the_new_theme_colours_while_the_window_is_open(
    qtbot, library: Library, tmp_path: Path, pristine_appearance
) -> None:
    assembled = _assembled(qtbot, library, tmp_path, "light", 100, (1366, 768))
    window = assembled.window
    _document_shown(qtbot, window)
    apply_theme(QApplication.instance(), "dark")  # as Settings → Theme does
    _wait_for_palette(qtbot, window, "dark")
    dark_text = theme_palette("dark").color(QPalette.ColorRole.Text).rgb()
    stale = []
    for button in [b for b in _icon_buttons(window) if b.isEnabled()]:
        image = button.grab().toImage()
        area = _icon_area(button)
        pixels = {image.pixel(x, y) & 0xFFFFFF
                  for x in range(area.left(), area.right() + 1) for y in range(area.top(), area.bottom() + 1)}
        if dark_text & 0xFFFFFF not in pixels:
            stale.append(button.toolTip() or button.accessibleName())
    actions = [a for a in window.findChildren(QAction) if not a.icon().isNull() and a.text()]
    assert actions, "no menu action has an icon"
    for action in actions:
        image = action.icon().pixmap(16, 16).toImage()
        colours = {image.pixel(x, y) & 0xFFFFFF for x in range(image.width()) for y in range(image.height())
                   if image.pixelColor(x, y).alpha() == 255}
        if dark_text & 0xFFFFFF not in colours:
            stale.append(f"action {action.text()!r}")
    assert stale == []


def test_the_document_find_bar_fits_a_small_screen_at_150_percent_text(
    qtbot, library: Library, tmp_path: Path, pristine_appearance
) -> None:
    window = _assembled(qtbot, library, tmp_path, "dark", 150, SMALL_SCREEN).window
    window.right_tabs.setCurrentWidget(window.pdf_pane)
    assert window.pdf_pane.open_file(PDF, "k", "IRS instructions")
    find_bar = window.pdf_pane.find_bar
    field = find_bar.field
    qtbot.waitUntil(field.isVisible, timeout=WAIT_MS)
    needed = field.fontMetrics().horizontalAdvance(field.placeholderText()) + 2 * field.fontMetrics().height()
    assert field.width() >= needed, f"{field.placeholderText()!r} cut: the field is {field.width()} px, needs {needed}"
    qtbot.keyClicks(field, "qqzzqqzz")
    qtbot.waitUntil(lambda: find_bar.status.text() == "No matches", timeout=WAIT_MS)
    assert field.width() >= needed
    assert _cut_widgets(window.pdf_pane) == []


def test_the_shortcuts_table_cuts_no_text_at_1024_pixels_with_150_percent_text(
    qtbot, request, library: Library, tmp_path: Path, pristine_appearance
) -> None:
    if not _on_small_screen():
        _outcome_on_a_small_screen(request)
        return
    window = _assembled(qtbot, library, tmp_path, "dark", 150, SMALL_SCREEN).window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.findChild(ShortcutsDialog)
    qtbot.waitExposed(dialog)
    table, metrics = dialog.table, dialog.table.fontMetrics()
    margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    cut = [table.item(row, column).text() for row in range(table.rowCount()) for column in range(table.columnCount())
           if metrics.horizontalAdvance(table.item(row, column).text()) + margin > table.columnWidth(column)]
    assert dialog.width() <= dialog.screen().availableGeometry().width()
    assert cut == [], f"{len(cut)} cells cut, e.g. {cut[:3]} (the dialog is {dialog.width()} px wide)"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_downloads_dock_buttons_stand_out(
    qtbot, library: Library, tmp_path: Path, theme: str, pristine_appearance
) -> None:
    window = _assembled(qtbot, library, tmp_path, theme, 150, (1366, 768)).window
    window.downloads_dock.show()
    buttons = [b for b in window.downloads_dock.findChildren(QAbstractButton)
               if b.metaObject().className() == "QDockWidgetTitleButton" and b.isVisible()]
    qtbot.waitUntil(lambda: all(b.width() > 4 for b in buttons), timeout=WAIT_MS)
    assert len(buttons) == 2  # float and close
    faint = []
    for button in buttons:
        image, area = button.grab().toImage(), button.rect().adjusted(1, 1, -1, -1)
        strong = _strong_pixels(image, area, _background(image, area))
        if strong < area.width():
            faint.append(
                f"{button.toolTip() or button.accessibleName()}: {strong} pixels at 3:1 in {area.size().toTuple()}"
            )
    assert faint == []

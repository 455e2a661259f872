"""Remembered state: close the window, open a new one on the same settings file, find it as it was left."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from reslib_desktop.gui.results_model import Column
from reslib_desktop.gui.settings_dialog import MB, SettingsDialog, install_settings
from reslib_desktop.gui.settings_store import (
    LAYOUT_KEYS,
    Preferences,
    WindowStateStore,
    apply_preferences,
    column_state,
    columns_menu,
    install_column_menu,
    load_preferences,
    save_preferences,
)
from reslib_desktop.gui.theme import current_theme, theme_palette
from reslib_desktop.library import Library, SortKey
from support import WAIT_MS, wait_for_results


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "reslib-desktop.ini"


def _settings(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


def _open(qtbot, library: Library, settings: QSettings):
    """As app.py does: preferences first, then the window, restored before it is shown."""
    from reslib_desktop.gui.main_window import MainWindow

    apply_preferences(QApplication.instance(), load_preferences(settings))
    window = MainWindow(library)
    qtbot.addWidget(window)
    store = WindowStateStore(settings).attach(window)
    window.show()
    qtbot.waitExposed(window)
    wait_for_results(qtbot, window)
    return window, store


SIZE = (790, 700)  # inside the offscreen screen (800x800): restoreGeometry keeps windows on their screen


def _first_window(qtbot, library: Library, settings: QSettings):
    window, store = _open(qtbot, library, settings)
    window.resize(*SIZE)
    qtbot.waitUntil(lambda: window.size().toTuple() == SIZE, timeout=WAIT_MS)
    return window, store


def _fixed(state: dict) -> dict:
    """A column state without the title's width (it stretches with the window)."""
    return {**state, "widths": state["widths"][Column.TITLE + 1 :]}


def test_closing_and_reopening_restores_layout_sort_columns_and_theme(
    qtbot, library: Library, settings_path: Path, pristine_appearance
) -> None:
    window, _store = _first_window(qtbot, library, _settings(settings_path))
    window.splitter.setSizes([250, 300, 240])
    header = window.table.horizontalHeader()
    header.moveSection(header.visualIndex(Column.DATE), 1)
    header.resizeSection(Column.TYPE, 175)
    header.setSectionHidden(Column.ATTACHMENTS, True)
    window.sidebar.groups["topic"].header.setChecked(False)
    window.sidebar.date_range.header.setChecked(False)
    window.sort_combo.activated.emit(3)  # "Title A–Z", as a user picks it
    wait_for_results(qtbot, window)
    assert window.model.query.sort is SortKey.TITLE and not window.model.query.descending
    save_preferences(_settings(settings_path), Preferences("dark", 100))
    left_sizes, left_columns = window.splitter.sizes(), column_state(window.table)
    window.close()

    # A new session: nothing of the old window or theme is left in the application.
    QApplication.instance().setPalette(QPalette())
    again, _ = _open(qtbot, library, _settings(settings_path))
    qtbot.waitUntil(lambda: again.splitter.sizes() == left_sizes, timeout=WAIT_MS)
    assert again.size().toTuple() == SIZE
    assert _fixed(column_state(again.table)) == _fixed(left_columns)
    again_header = again.table.horizontalHeader()
    assert again_header.logicalIndex(1) == Column.DATE
    assert again_header.sectionSize(Column.TYPE) == 175
    assert again_header.isSectionHidden(Column.ATTACHMENTS)
    assert not again.sidebar.groups["topic"].header.isChecked()
    assert again.sidebar.groups["type"].header.isChecked()
    assert not again.sidebar.date_range.header.isChecked()
    assert "topic" not in again.controller.facets
    assert again.model.query.sort is SortKey.TITLE and not again.model.query.descending
    assert again_header.sortIndicatorSection() == Column.TITLE
    assert again.sort_combo.currentText() == "Title A–Z"
    assert current_theme(QApplication.instance()) == "dark"
    window_color = QApplication.instance().palette().color(QPalette.ColorRole.Window)
    assert window_color == theme_palette("dark").color(QPalette.ColorRole.Window)
    assert again.palette().color(QPalette.ColorRole.Base) == QColor("#17181a")


def test_the_default_order_is_not_pinned_so_typing_still_sorts_by_relevance(
    qtbot, library: Library, settings_path: Path
) -> None:
    window, _ = _first_window(qtbot, library, _settings(settings_path))
    window.close()
    again, _ = _open(qtbot, library, _settings(settings_path))
    qtbot.keyClicks(again.search_box.edit, "trafficking")
    wait_for_results(qtbot, again, "trafficking")
    assert again.model.query.sort is SortKey.RELEVANCE


def test_reset_layout_puts_panes_columns_and_groups_back(qtbot, library: Library, settings_path: Path) -> None:
    settings = _settings(settings_path)
    fresh, _ = _first_window(qtbot, library, QSettings(str(settings_path) + ".fresh", QSettings.Format.IniFormat))
    default_sizes = fresh.splitter.sizes()
    window, store = _first_window(qtbot, library, settings)
    default_columns = column_state(window.table)
    header = window.table.horizontalHeader()
    window.splitter.setSizes([300, 200, 290])
    left_sizes = window.splitter.sizes()
    header.moveSection(header.visualIndex(Column.OFFLINE), 0)
    header.setSectionHidden(Column.TYPE, True)
    header.resizeSection(Column.DATE, 300)
    window.sidebar.groups["year"].header.setChecked(False)
    store.save(window)
    assert all(settings.contains(key) for key in LAYOUT_KEYS)
    window.close()

    # Reset in a later session, whose window opened with the saved layout.
    window, store = _open(qtbot, library, _settings(settings_path))
    qtbot.waitUntil(lambda: window.splitter.sizes() == left_sizes, timeout=WAIT_MS)
    store.reset_layout(window)
    assert _fixed(column_state(window.table)) == _fixed(default_columns)
    assert window.sidebar.groups["year"].header.isChecked()
    # As a fresh window of this size has them, give or take the rounding of proportions.
    assert all(abs(a - b) <= 0.03 * SIZE[0] for a, b in zip(window.splitter.sizes(), default_sizes)), (
        window.splitter.sizes(),
        default_sizes,
    )
    assert not any(store.settings.contains(key) for key in LAYOUT_KEYS)


def test_the_settings_dialog_sets_theme_text_size_and_cache_limit(
    qtbot, library: Library, settings_path: Path, pristine_appearance
) -> None:
    settings = _settings(settings_path)
    window, store = _first_window(qtbot, library, settings)
    start_size = QApplication.instance().font().pointSizeF()
    dialog = SettingsDialog(window, settings, store)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.no_limit.isEnabled(), timeout=WAIT_MS)
    assert dialog.no_limit.isChecked() and not dialog.cache_limit.isEnabled()  # a new cache has no limit
    dialog.theme.setCurrentIndex(dialog.theme.findData("light"))
    dialog.text_size.setCurrentIndex(dialog.text_size.findData(125))
    dialog.no_limit.setChecked(False)
    dialog.cache_limit.setValue(500)
    dialog.accept()
    assert dialog.wait()
    assert load_preferences(_settings(settings_path)) == Preferences("light", 125)
    assert current_theme(QApplication.instance()) == "light"
    assert QApplication.instance().font().pointSizeF() == pytest.approx(start_size * 1.25)
    assert window.offline.limit() == 500 * MB

    reopened = SettingsDialog(window, settings, store)
    qtbot.addWidget(reopened)
    qtbot.waitUntil(lambda: reopened.no_limit.isEnabled(), timeout=WAIT_MS)
    assert not reopened.no_limit.isChecked() and reopened.cache_limit.value() == 500
    assert reopened.theme.currentData() == "light" and reopened.text_size.currentData() == 125
    reopened.no_limit.setChecked(True)
    reopened.accept()
    assert reopened.wait()
    assert window.offline.limit() is None


def test_reset_layout_in_the_dialog_and_the_view_menu(qtbot, library: Library, settings_path: Path) -> None:
    settings = _settings(settings_path)
    window, store = _first_window(qtbot, library, settings)
    actions = install_settings(window, settings, store)
    header = window.table.horizontalHeader()
    header.setSectionHidden(Column.DATE, True)
    actions["reset-layout"].trigger()
    assert not header.isSectionHidden(Column.DATE)
    header.setSectionHidden(Column.DATE, True)
    dialog = SettingsDialog(window, settings, store)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    assert not header.isSectionHidden(Column.DATE)
    assert dialog.wait()


def test_the_column_menu_shows_and_hides_columns_but_never_the_last(
    qtbot, library: Library, settings_path: Path
) -> None:
    window, _ = _first_window(qtbot, library, _settings(settings_path))
    install_column_menu(window.table)
    header = window.table.horizontalHeader()
    assert header.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    menu = columns_menu(window.table)
    titles = [action.text() for action in menu.actions()]
    assert titles == ["Title", "Type", "Date", "Files", "Offline"]
    menu.actions()[Column.ATTACHMENTS].setChecked(False)
    assert header.isSectionHidden(Column.ATTACHMENTS)
    for column in (Column.TYPE, Column.DATE, Column.OFFLINE):
        header.setSectionHidden(column, True)
    last = columns_menu(window.table)
    enabled = {action.text(): action.isEnabled() for action in last.actions()}
    assert enabled["Title"] is False  # the only column shown cannot be hidden
    assert enabled["Files"] is True
    last.actions()[Column.ATTACHMENTS].setChecked(True)
    assert not header.isSectionHidden(Column.ATTACHMENTS)


def test_damaged_settings_are_ignored(qtbot, library: Library, settings_path: Path) -> None:
    settings = _settings(settings_path)
    for key in (*LAYOUT_KEYS, "search/sort", "window/geometry"):
        settings.setValue(key, "{not json")
    settings.setValue("appearance/theme", "purple")
    settings.setValue("appearance/text_size", "huge")
    assert load_preferences(settings) == Preferences()
    window, _ = _open(qtbot, library, settings)
    assert column_state(window.table)["hidden"] == []
    assert window.model.query.sort in (SortKey.DATE, SortKey.RELEVANCE)

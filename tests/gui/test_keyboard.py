"""The keyboard map: every shortcut pressed on the window, the panes, the Help list and the Tab order."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from reslib_desktop.gui.shortcuts import (
    SHORTCUTS,
    ShortcutsDialog,
    current_pane,
    install_shortcuts,
    pane_container,
    shortcut_rows,
)
from support import WAIT_MS, wait_for_results

PDF = Path(__file__).resolve().parents[1] / "data" / "pdfs" / "irs-i1040nr-instructions.pdf"
Key = Qt.Key
Mod = Qt.KeyboardModifier


@pytest.fixture
def keyboard_window(qtbot, window):
    """The window with its keyboard map, active (shortcuts go to the active window)."""
    keys = install_shortcuts(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    window.keyboard_map = keys
    return window


def _focus(qtbot, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(widget.hasFocus, timeout=WAIT_MS)


def _focused() -> QWidget | None:
    return QApplication.focusWidget()


def _in(container: QWidget) -> bool:
    focus = _focused()
    return focus is not None and (focus is container or container.isAncestorOf(focus))


@pytest.mark.parametrize("key", [Key.Key_F, Key.Key_L])
def test_ctrl_f_and_ctrl_l_go_to_the_search_box(qtbot, keyboard_window, key) -> None:
    _focus(qtbot, keyboard_window.table)
    qtbot.keyClick(keyboard_window, key, Mod.ControlModifier)
    assert _focused() is keyboard_window.search_box.edit


def test_escape_clears_the_search_box(qtbot, keyboard_window) -> None:
    edit = keyboard_window.search_box.edit
    _focus(qtbot, edit)
    qtbot.keyClicks(edit, "housing")
    wait_for_results(qtbot, keyboard_window, "housing")
    # Esc is the box's own key (no window shortcut), so it goes to the focused box.
    qtbot.keyClick(_focused(), Key.Key_Escape)
    wait_for_results(qtbot, keyboard_window, "")
    assert edit.text() == "" and keyboard_window.model.total == 57


def test_f6_and_shift_f6_cycle_through_the_panes(qtbot, keyboard_window) -> None:
    window = keyboard_window
    _focus(qtbot, window.search_box.edit)
    visited = []
    for _ in range(5):
        qtbot.keyClick(window, Key.Key_F6)
        visited.append(current_pane(window))
    assert visited == ["sidebar", "results", "details", "document", "sidebar"]
    assert window.right_tabs.currentWidget() is window.pdf_pane or visited[-1] == "sidebar"
    backwards = []
    for _ in range(4):
        qtbot.keyClick(window, Key.Key_F6, Mod.ShiftModifier)
        backwards.append(current_pane(window))
    assert backwards == ["document", "details", "results", "sidebar"]


def test_ctrl_1_to_4_jump_to_each_pane(qtbot, keyboard_window) -> None:
    window = keyboard_window
    _focus(qtbot, window.search_box.edit)
    qtbot.keyClick(window, Key.Key_2, Mod.ControlModifier)
    assert _focused() is window.table
    qtbot.keyClick(window, Key.Key_1, Mod.ControlModifier)
    assert _in(window.sidebar) and current_pane(window) == "sidebar"
    qtbot.keyClick(window, Key.Key_3, Mod.ControlModifier)
    assert window.right_tabs.currentWidget() is window.details and _focused() is window.details.browser
    qtbot.keyClick(window, Key.Key_4, Mod.ControlModifier)
    assert window.right_tabs.currentWidget() is window.pdf_pane and current_pane(window) == "document"


def test_ctrl_4_goes_to_the_pages_when_a_document_is_open(qtbot, keyboard_window) -> None:
    window = keyboard_window
    assert window.pdf_pane.open_file(PDF, "test", "IRS instructions")
    _focus(qtbot, window.table)
    qtbot.keyClick(window, Key.Key_4, Mod.ControlModifier)
    assert _focused() is window.pdf_pane.view


def test_enter_on_a_row_opens_its_first_attachment(qtbot, keyboard_window) -> None:
    window = keyboard_window
    qtbot.keyClicks(window.search_box.edit, "HTLA Class 7")
    wait_for_results(qtbot, window, "HTLA Class 7")
    _focus(qtbot, window.table)
    window.table.selectRow(0)
    assert window.details.attachments.count() == 2
    qtbot.keyClick(window.table, Key.Key_Return)  # the table's own key, handled by the window's filter
    assert window.right_tabs.currentWidget() is window.pdf_pane
    assert window.pdf_pane.current_key() is not None


def test_ctrl_d_makes_the_selection_available_offline_or_says_it_cannot(qtbot, keyboard_window) -> None:
    window = keyboard_window
    _focus(qtbot, window.table)
    window.table.selectRow(0)
    if not hasattr(type(window), "make_selection_available_offline"):
        qtbot.keyClick(window, Key.Key_D, Mod.ControlModifier)
        assert "offline" in window.statusBar().currentMessage()
    calls = []
    window.make_selection_available_offline = lambda: calls.append("offline")
    qtbot.keyClick(window, Key.Key_D, Mod.ControlModifier)
    assert calls == ["offline"]


def test_delete_removes_from_the_collection_only_in_the_table(qtbot, keyboard_window) -> None:
    window = keyboard_window
    calls = []
    window.remove_selection_from_collection = lambda: calls.append("removed")
    edit = window.search_box.edit
    _focus(qtbot, edit)
    edit.setText("abc")
    edit.setCursorPosition(0)
    qtbot.keyClick(window, Key.Key_Delete)
    qtbot.keyClick(edit, Key.Key_Delete)  # in the box, Delete edits the text
    assert calls == [] and edit.text() == "bc"
    _focus(qtbot, window.table)
    window.table.selectRow(0)
    qtbot.keyClick(window, Key.Key_Delete)
    assert calls == ["removed"]


def test_f1_lists_every_shortcut_of_the_window(qtbot, keyboard_window) -> None:
    window = keyboard_window
    qtbot.keyClick(window, Key.Key_F1)
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    listed_keys = {key.strip() for row in dialog.rows() for key in row[0].split(",")}
    for shortcut in SHORTCUTS:
        assert shortcut.key_text() in {row[0] for row in dialog.rows()}
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            assert sequence.toString(QKeySequence.SequenceFormat.NativeText) in listed_keys, action.text()
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert window.keyboard_map.help_action in help_menu.actions()
    dialog.close()


def test_the_list_is_the_table_that_installs_the_keys(keyboard_window) -> None:
    rows = shortcut_rows(keyboard_window)
    assert rows[: len(SHORTCUTS)] == [(s.key_text(), s.text, s.where) for s in SHORTCUTS]
    # Ctrl+F / Ctrl+L already belong to the window's Find action: not bound twice.
    assert "focus-search" not in keyboard_window.keyboard_map.actions
    assert all(action.shortcuts() for action in keyboard_window.keyboard_map.actions.values())


def test_no_key_is_bound_twice_where_both_could_fire(keyboard_window) -> None:
    window_wide = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)
    owners: dict[str, list[QAction]] = {}
    for action in keyboard_window.findChildren(QAction):
        for sequence in action.shortcuts():
            owners.setdefault(sequence.toString(), []).append(action)
    clashes = []
    for key, actions in owners.items():
        wide = [a for a in actions if a.shortcutContext() in window_wide]
        if len(wide) > 1 or (wide and len(actions) > 1):
            clashes.append((key, [a.text() for a in actions]))
    assert clashes == []


def test_space_in_a_filter_list_keeps_the_keyboard_place_for_the_next_value(qtbot, keyboard_window) -> None:
    window = keyboard_window
    types = window.sidebar.groups["type"]
    values = [types.values.item(n).data(Qt.ItemDataRole.UserRole) for n in range(types.values.count())]
    assert len(values) >= 3
    _focus(qtbot, types.header)
    qtbot.keyClick(types.header, Key.Key_Tab)  # into the list, on its first value
    assert _focused() is types.values and types.values.currentRow() == 0
    for key in (Key.Key_Down, Key.Key_Space):
        qtbot.keyClick(_focused(), key)
    wait_for_results(qtbot, window)  # the list is filled again with the new counts
    assert _focused() is types.values and types.values.currentRow() == 1
    for key in (Key.Key_Down, Key.Key_Space):
        qtbot.keyClick(_focused(), key)
    wait_for_results(qtbot, window)
    assert window.controller.query.selected("type") == {values[1], values[2]}  # the 2nd and 3rd values
    assert _focused() is types.values and types.values.currentRow() == 2


def test_tab_walks_the_window_in_reading_order(qtbot, keyboard_window) -> None:
    window = keyboard_window
    window.sidebar.groups["type"].check_value("report")
    wait_for_results(qtbot, window)
    assert window.chips.chips
    assert window.pdf_pane.open_file(PDF, "test", "IRS instructions")
    regions = [
        ("search", window.search_box),
        ("sort", window.sort_combo),
        ("collections", window.collections_panel),  # above the filters
        ("filters", window.sidebar),
        ("chips", window.chips),
        ("table", pane_container(window, "results")),
        ("tabs", window.right_tabs.tabBar()),
        ("details", window.details),
        ("document", window.pdf_pane),
        ("status bar", window.statusBar()),
    ]

    def region() -> str:
        focus = _focused()
        for name, container in regions:
            if focus is container or container.isAncestorOf(focus):
                return name
        return f"elsewhere: {type(focus).__name__}"

    def walk(modifier: Qt.KeyboardModifier = Mod.NoModifier) -> list[str]:
        """The regions Tab (or Shift+Tab) passes through from the search box until it is back there."""
        _focus(qtbot, window.search_box.edit)
        seen = [region()]
        for _ in range(120):
            qtbot.keyClick(_focused(), Key.Key_Tab, modifier)
            if _focused() is window.search_box.edit:
                break
            seen.append(region())
        else:
            raise AssertionError(f"Tab never came back to the search box: {[k for k, _ in groupby(seen)]}")
        return [name for name, _ in groupby(seen)]  # a region entered twice shows twice

    forward = ["search", "sort", "collections", "filters", "chips", "table", "tabs", "details", "status bar"]
    assert walk() == forward
    assert walk(Mod.ShiftModifier) == ["search", *reversed(forward[1:])]
    window.right_tabs.setCurrentWidget(window.pdf_pane)
    forward[forward.index("details")] = "document"
    assert walk() == forward
    assert walk(Mod.ShiftModifier) == ["search", *reversed(forward[1:])]


def test_everything_wired_together_binds_no_key_twice(qtbot, keyboard_window, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from reslib_desktop.gui.a11y import install_accessibility
    from reslib_desktop.gui.saved_searches import SavedSearchesPanel
    from reslib_desktop.gui.settings_dialog import install_settings
    from reslib_desktop.gui.settings_store import WindowStateStore, install_column_menu
    from reslib_desktop.saved_searches_store import MemoryUserState

    window = keyboard_window
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    install_settings(window, settings, WindowStateStore(settings).attach(window))
    install_column_menu(window.table)
    install_accessibility(window)
    window.sidebar.widget().layout().insertWidget(0, SavedSearchesPanel(window, MemoryUserState()))
    test_no_key_is_bound_twice_where_both_could_fire(window)
    keys = {row[0] for row in shortcut_rows(window)}
    assert {"Ctrl+,", "F2"} <= keys
    _focus(qtbot, window.table)
    qtbot.keyClick(window, Key.Key_1, Mod.ControlModifier)
    assert current_pane(window) == "sidebar"

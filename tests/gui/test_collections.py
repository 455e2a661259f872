"""Collections in the assembled window: the way back to all resources, an empty collection that says
how to fill it, and Delete that takes rows out at once with Ctrl+Z / Undo to put them back."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QApplication

from reslib_desktop.gui.results_model import Column
from reslib_desktop.gui.shortcuts import shortcut_rows
from reslib_desktop.library import Library
from support import WAIT_MS, wait_for_results


@pytest.fixture
def window(qtbot, library: Library, tmp_path: Path) -> Iterator:
    from reslib_desktop.gui.assemble import assemble_window

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assembled = assemble_window(library, library.offline_service(tmp_path / "cache"), settings)
    main_window = assembled.window
    qtbot.addWidget(main_window)
    main_window.resize(1366, 768)
    main_window.show()
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow, timeout=WAIT_MS)
    wait_for_results(qtbot, main_window)
    yield main_window
    main_window.close()


def make_collection(qtbot, window, name: str, resource_ids: list[int]) -> None:
    panel = window.collections_panel
    panel.create_collection(name)
    qtbot.waitUntil(lambda: name in panel.names(), timeout=WAIT_MS)
    if resource_ids:
        panel.add_resources(name, resource_ids)
        qtbot.waitUntil(lambda: panel.info(name).resources == len(resource_ids), timeout=WAIT_MS)


def show_collection_by_keyboard(qtbot, window, name: str) -> None:
    panel = window.collections_panel
    panel.list.setFocus()
    while panel.current_name() != name:
        row = panel.list.currentRow()
        qtbot.keyClick(panel.list, Qt.Key.Key_Down)
        assert panel.list.currentRow() > row, "the collection is not in the list"
    qtbot.waitUntil(lambda: window.controller.query.collection == name, timeout=WAIT_MS)
    wait_for_results(qtbot, window)


def titles(window) -> list[str]:
    return [window.model.index(r, Column.TITLE).data() for r in range(window.model.rowCount())]


def select_row(window, row: int) -> None:
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    window.table.setFocus()
    window.table.selectionModel().setCurrentIndex(window.model.index(row, 0), flags)


def members_in_the_file(path: Path, name: str) -> list[int]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r for (r,) in connection.execute(
            "SELECT i.resource_id FROM collection_items i JOIN collections c ON c.id = i.collection_id "
            "WHERE c.name = ? ORDER BY i.position", (name,))]
    finally:
        connection.close()


def test_an_empty_collection_says_how_to_add_resources_and_all_resources_leads_back(qtbot, window) -> None:
    panel, total = window.collections_panel, window.model.total
    make_collection(qtbot, window, "Training kit", [])
    assert panel.list.item(0).text() == "All resources" and panel.list.currentRow() == 0
    assert panel.names() == ["Training kit"]
    show_collection_by_keyboard(qtbot, window, "Training kit")
    assert window.results_stack.currentWidget() is window.empty_state
    message = window.empty_state.message.text()
    assert "“Training kit” is empty" in message and "drag them onto" in message and "Add to collection" in message
    assert "Try other words" not in message
    assert window.empty_state.show_all_button.isVisible()
    # Up from the collection: "All resources", the whole library again.
    qtbot.keyClick(panel.list, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: window.controller.query.collection is None, timeout=WAIT_MS)
    wait_for_results(qtbot, window)
    assert window.model.total == total and window.results_stack.currentWidget() is window.table
    # The empty state's own button does the same.
    show_collection_by_keyboard(qtbot, window, "Training kit")
    window.empty_state.show_all_button.setFocus()
    qtbot.keyClick(window.empty_state.show_all_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.controller.query.collection is None, timeout=WAIT_MS)
    wait_for_results(qtbot, window)
    assert window.model.total == total and panel.list.currentRow() == 0
    # "All resources" is no collection: not renamed, deleted, nor a drop target.
    panel.show_all()
    assert not panel.rename_action.isEnabled() and not panel.delete_action.isEnabled()
    assert not panel.list.item(0).flags() & Qt.ItemFlag.ItemIsEditable


def test_words_that_match_nothing_in_a_collection_say_so(qtbot, window) -> None:
    make_collection(qtbot, window, "Kit", [window.model.resource_at(0).id])
    show_collection_by_keyboard(qtbot, window, "Kit")
    window.search_box.set_text("zzzqqq")
    wait_for_results(qtbot, window, "zzzqqq")
    message = window.empty_state.message.text()
    assert "No resources of “Kit” match" in message and "is empty" not in message


def test_delete_takes_the_row_out_at_once_and_ctrl_z_puts_it_back_in_its_place(
    qtbot, window, library_copy
) -> None:
    ids = [window.model.resource_at(row).id for row in range(4)]
    make_collection(qtbot, window, "Kit", ids)
    show_collection_by_keyboard(qtbot, window, "Kit")
    before = titles(window)
    assert [window.model.resource_at(r).id for r in range(4)] == ids  # the collection's own order
    select_row(window, 1)
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    # At once, before anything is written: the row is gone and the next one is highlighted.
    assert titles(window) == before[:1] + before[2:]
    assert window.table.currentIndex().row() == 1 and window.model.resource_at(1).id == ids[2]
    undo = window.collection_actions
    qtbot.waitUntil(lambda: undo.undo_button.isVisible(), timeout=WAIT_MS)
    wait_for_results(qtbot, window)
    assert members_in_the_file(library_copy, "Kit") == [ids[0], ids[2], ids[3]]
    assert window.statusBar().currentMessage().startswith("Removed 1 resource from “Kit”.")
    assert titles(window) == before[:1] + before[2:] and window.collections_panel.info("Kit").resources == 3
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: titles(window) == before, timeout=WAIT_MS)
    assert members_in_the_file(library_copy, "Kit") == ids
    assert not undo.undo_button.isVisible() and not undo.undo_action.isEnabled()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Put 1 resource back in “Kit”.", timeout=WAIT_MS)
    # Two rows, and the status bar's Undo button this time.
    select_row(window, 0)
    window.table.selectionModel().select(
        window.model.index(3, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    )
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert titles(window) == before[1:3]
    qtbot.waitUntil(lambda: undo.undo_button.isVisible(), timeout=WAIT_MS)
    qtbot.mouseClick(undo.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: titles(window) == before, timeout=WAIT_MS)
    assert members_in_the_file(library_copy, "Kit") == ids
    assert undo.undo_button.accessibleName() and not undo.undo_action.isEnabled()


def test_new_collection_is_a_tab_stop_a_file_menu_entry_and_a_key(qtbot, window) -> None:
    panel = window.collections_panel
    new_button = next(button for button in panel.buttons if button.defaultAction() is panel.new_action)
    window.sort_combo.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(window.sort_combo.hasFocus, timeout=WAIT_MS)
    qtbot.keyClick(window.sort_combo, Qt.Key.Key_Tab)  # the collections come next, their button first
    assert QApplication.focusWidget() is new_button
    file_menu = next(action.menu() for action in window.menuBar().actions() if action.text() == "&File")
    assert panel.new_action in file_menu.actions()
    assert panel.new_action.shortcut().toString() == "Ctrl+Shift+N"
    assert ("Ctrl+Shift+N", "Create a new collection", "Anywhere") in shortcut_rows(window)  # Help's list
    owners = [a for a in window.findChildren(QAction) if "Ctrl+Shift+N" in [k.toString() for k in a.shortcuts()]]
    assert owners == [panel.new_action]
    window.table.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(window.table.hasFocus, timeout=WAIT_MS)
    qtbot.keyClick(window.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: "New collection" in panel.names(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: panel.list.state() == QAbstractItemView.State.EditingState, timeout=WAIT_MS)
    assert panel.current_name() == "New collection"  # renamed inline by typing, as after a click on the button

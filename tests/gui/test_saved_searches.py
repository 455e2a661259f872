"""Saved searches, recently viewed resources and "new since last visit": the store and the sidebar panel."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from reslib_desktop.gui.saved_searches import SavedSearchesPanel, current_search_state
from reslib_desktop.gui.settings_store import NewSinceLastVisit, begin_session
from reslib_desktop.ingest.apply import apply_records
from reslib_desktop.library import Library, SortKey
from reslib_desktop.saved_searches_store import (
    LibraryUserState,
    MemoryUserState,
    SearchState,
    UserStateError,
)
from reslib_desktop.store import user_state
from support import WAIT_MS, synthetic_records, wait_for_results
from table_clicks import click_row


# --- the store, without Qt ---------------------------------------------------------------------------------
def test_search_state_round_trips_through_json_and_survives_garbage() -> None:
    state = SearchState.build('"peer support" -draft', {"type": {"report", "fact_sheet"}, "topic": []},
                              "2019", "2022-06", "title", False)
    assert state.selections == (("type", ("fact_sheet", "report")),)
    assert SearchState.from_json(state.to_json()) == state
    assert SearchState.from_json("{broken") == SearchState()
    assert SearchState.from_json('{"sort": "nonsense", "selections": {"type": "x"}}') == SearchState()


def test_saved_searches_live_in_the_library_file(library: Library) -> None:
    store = LibraryUserState(library)
    first = SearchState.build("housing", {"type": ["report"]}, None, None, "date", True)
    assert store.save_search("  Housing   reports ", first) == "Housing reports"
    store.save_search("all", SearchState())
    store.save_search("Housing reports", SearchState.build("shelter", {}, None, None, "title", False))  # replaces
    assert [s.name for s in store.saved_searches()] == ["all", "Housing reports"]
    assert LibraryUserState(library).saved_searches()[1].state.text == "shelter"
    assert store.rename_search("all", "Everything") == "Everything"
    with pytest.raises(UserStateError):
        store.rename_search("Everything", "Housing reports")
    with pytest.raises(UserStateError):
        store.rename_search("missing", "x")
    with pytest.raises(UserStateError):
        store.save_search("   ", SearchState())
    store.delete_search("Everything")
    assert [s.name for s in store.saved_searches()] == ["Housing reports"]


def test_recently_viewed_is_newest_first_and_keeps_updated_at(library: Library) -> None:
    store = LibraryUserState(library, clock=iter(datetime(2030, 1, 1, 0, n) for n in range(60)).__next__)
    ids = [row.id for row in library.rows_by_ids(list(range(1, 30)))]
    with library.engine.connect() as connection:
        fingerprint = connection.exec_driver_sql("SELECT max(updated_at) FROM resources").scalar()
    for resource_id in [*ids[:25], ids[3]]:
        store.mark_viewed(resource_id, "")
    recent = store.recently_viewed()
    assert len(recent) == 20
    assert [r.resource_id for r in recent[:3]] == [ids[3], ids[24], ids[23]]
    assert recent[0].title == library.resource(ids[3]).title
    with library.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT max(updated_at) FROM resources").scalar() == fingerprint
    store.clear_recently_viewed()
    assert store.recently_viewed() == []


def test_created_since_finds_what_an_import_added(library: Library) -> None:
    with library.engine.begin() as connection:
        apply_records(connection, synthetic_records(3), now=datetime(2031, 5, 1))
        added = set(user_state.created_since(connection, datetime(2031, 1, 1)))
        assert user_state.newest_created_at(connection) == datetime(2031, 5, 1)
    assert len(added) == 3
    assert LibraryUserState(library).created_since(datetime(2031, 6, 1)) == frozenset()


def test_memory_store_behaves_like_the_library_store() -> None:
    store = MemoryUserState()
    store.save_search("b", SearchState())
    store.save_search("A", SearchState())
    assert [s.name for s in store.saved_searches()] == ["A", "b"]
    with pytest.raises(UserStateError):
        store.rename_search("A", "b")
    for number in range(25):
        store.mark_viewed(number, f"r{number}")
    assert [r.resource_id for r in store.recently_viewed()][:2] == [24, 23] and len(store.recently_viewed()) == 20


# --- new since last visit -------------------------------------------------------------------------------------
def test_new_since_last_visit_marks_what_was_added_after_the_previous_session(
    qtbot, library: Library, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    first = NewSinceLastVisit(library, settings, now=datetime(2031, 1, 1))
    assert first.since is None and first.ids == frozenset()  # a first start: nothing is "new"
    with library.engine.begin() as connection:
        apply_records(connection, synthetic_records(2), now=datetime(2031, 2, 1))
    second = NewSinceLastVisit(library, settings, now=datetime(2031, 3, 1))
    assert second.since == datetime(2031, 1, 1)
    with qtbot.waitSignal(second.ready, timeout=WAIT_MS) as ready:
        pass
    assert ready.args == [second.ids] and len(second.ids) == 2
    new_titles = {row.title for row in library.rows_by_ids(sorted(second.ids))}
    assert new_titles == {"Synthetic resource 0 about housing", "Synthetic resource 1 about employment"}
    third = NewSinceLastVisit(library, settings, now=datetime(2031, 4, 1))
    assert third.since == datetime(2031, 3, 1) and begin_session(settings) == datetime(2031, 4, 1)
    with qtbot.waitSignal(third.ready, timeout=WAIT_MS) as ready:  # its query ran and found nothing new
        pass
    assert ready.args == [frozenset()] and third.ids == frozenset()


# --- the panel -----------------------------------------------------------------------------------------------
@pytest.fixture
def panel(qtbot, window, monkeypatch) -> SavedSearchesPanel:
    monkeypatch.setattr(SavedSearchesPanel, "VIEW_DWELL_MS", 0)  # counts once the event loop runs
    widget = SavedSearchesPanel(window)  # the library-file store, written in a worker
    window.sidebar.widget().layout().insertWidget(0, widget)
    assert widget.wait()
    return widget


def _item_click(qtbot, listing, row: int) -> None:
    rect = listing.visualItemRect(listing.item(row))
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_saved_search_restores_words_filters_dates_and_sort(qtbot, window, panel) -> None:
    assert panel.no_searches.isVisible() and not panel.searches.isVisible()
    qtbot.keyClicks(window.search_box.edit, "trafficking")
    wait_for_results(qtbot, window, "trafficking")
    window.sidebar.groups["type"].check_value("report")
    wait_for_results(qtbot, window)
    window.sidebar.date_range.choose("2010", None)
    window.controller.set_sort(SortKey.TITLE, False)
    wait_for_results(qtbot, window)
    saved = current_search_state(window)
    wanted_total = window.model.total
    assert panel.save_current("Reports on trafficking") == "Reports on trafficking"
    assert panel.wait()
    assert panel.names() == ["Reports on trafficking"] and panel.searches.isVisible()
    assert "Type: Report" in panel.searches.item(0).toolTip()

    window.clear_all_filters()
    window.search_box.set_text("")
    window.controller.set_sort(SortKey.DATE, True)
    wait_for_results(qtbot, window, "")
    assert window.model.total == 57

    with qtbot.waitSignal(panel.restored, timeout=WAIT_MS):
        _item_click(qtbot, panel.searches, 0)
    wait_for_results(qtbot, window, "trafficking")
    query = window.model.query
    assert window.search_box.text() == "trafficking"
    assert query.selected("type") == frozenset({"report"})
    assert (query.date_from, query.date_to) == ("2010", None)
    assert window.sidebar.date_range.date_from.value() == "2010"
    assert (query.sort, query.descending) == (SortKey.TITLE, False)
    assert window.model.total == wanted_total
    assert current_search_state(window) == saved


def test_a_saved_search_with_the_usual_order_does_not_pin_it(qtbot, window, panel) -> None:
    panel.save_current("Everything")
    window.controller.set_sort(SortKey.TITLE, False)
    wait_for_results(qtbot, window)
    panel.restore("Everything")
    wait_for_results(qtbot, window)
    assert window.model.query.sort is SortKey.DATE
    qtbot.keyClicks(window.search_box.edit, "housing")
    wait_for_results(qtbot, window, "housing")
    assert window.model.query.sort is SortKey.RELEVANCE


def test_saved_searches_can_be_renamed_and_deleted_and_are_kept(qtbot, window, panel) -> None:
    panel.save_current("one")
    panel.save_current("two")
    assert panel.rename("one", "First")
    assert not panel.rename("two", "First")  # taken
    assert not panel.rename("two", "  ")
    panel.searches.setCurrentRow(panel.names().index("two"))
    panel.searches.setFocus()
    qtbot.waitUntil(panel.searches.hasFocus, timeout=WAIT_MS)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_Delete)  # the list's own Delete
    assert panel.names() == ["First"]
    assert panel.wait()
    again = SavedSearchesPanel(window)
    qtbot.addWidget(again)
    assert again.wait()
    qtbot.waitUntil(lambda: again.names() == ["First"], timeout=WAIT_MS)


def test_recently_viewed_lists_the_last_twenty_selected(qtbot, window, panel) -> None:
    assert panel.no_recent.isVisible()
    titles = []
    for row in range(22):
        click_row(qtbot, window, row)
        titles.append(window.model.resource_at(row).title)
        qtbot.waitUntil(lambda: panel.recent.count() and panel.recent.item(0).text() == titles[-1], timeout=WAIT_MS)
    click_row(qtbot, window, 5)
    qtbot.waitUntil(lambda: panel.recent.item(0).text() == titles[5], timeout=WAIT_MS)
    shown = [panel.recent.item(n).text() for n in range(panel.recent.count())]
    assert len(shown) == 20
    assert shown[:3] == [titles[5], titles[21], titles[20]]
    assert panel.wait()
    kept = [r.title for r in LibraryUserState(window.library).recently_viewed()]
    assert kept == shown


def test_a_recent_resource_is_shown_again_even_when_filtered_out(qtbot, window, panel) -> None:
    qtbot.keyClicks(window.search_box.edit, "HTLA Class 7")
    wait_for_results(qtbot, window, "HTLA Class 7")
    click_row(qtbot, window, 0)
    qtbot.waitUntil(lambda: panel.recent.count() == 1, timeout=WAIT_MS)
    wanted = window.details.detail.id
    window.search_box.set_text("housing")
    window.sidebar.groups["type"].check_value(next(v.value for v in window.sidebar.groups["type"]._facet_values))
    wait_for_results(qtbot, window)
    assert window.model.row_of(wanted) is None
    _item_click(qtbot, panel.recent, 0)
    qtbot.waitUntil(lambda: window.details.detail is not None and window.details.detail.id == wanted, timeout=WAIT_MS)
    assert window.table.hasFocus() or window.table.isVisible()
    assert window.model.resource_at(window.table.currentIndex().row()).id == wanted


def test_the_history_can_be_cleared(qtbot, window, panel) -> None:
    click_row(qtbot, window, 0)
    qtbot.waitUntil(lambda: panel.recent.count() == 1, timeout=WAIT_MS)
    panel.clear_recent()
    assert panel.recent.count() == 0 and panel.no_recent.isVisible()
    assert panel.wait()
    assert LibraryUserState(window.library).recently_viewed() == []


def _recent_ids(panel) -> list[int]:
    return [entry.resource_id for entry in panel.recent_items()]


def test_rows_arrowed_past_or_highlighted_by_the_window_are_not_recently_viewed(qtbot, window, panel) -> None:
    ids = [window.model.resource_at(row).id for row in range(6)]
    click_row(qtbot, window, 0)
    qtbot.waitUntil(lambda: _recent_ids(panel) == [ids[0]], timeout=WAIT_MS)
    for _ in range(3):
        qtbot.keyClick(window.table, Qt.Key.Key_Down)  # rows 1 and 2 are passed over
    qtbot.waitUntil(lambda: _recent_ids(panel)[:1] == [ids[3]], timeout=WAIT_MS)  # row 3 is where the user stayed
    window.table.selectRow(1)  # the window highlights a row by itself (as "Recently viewed" does)…
    window.controller.set_sort(SortKey.TITLE, False)  # …and keeps it highlighted after a new search
    wait_for_results(qtbot, window)
    assert window.details.detail.id == ids[1]
    click_row(qtbot, window, window.model.row_of(ids[5]))
    qtbot.waitUntil(lambda: _recent_ids(panel)[:1] == [ids[5]], timeout=WAIT_MS)
    assert _recent_ids(panel) == [ids[5], ids[3], ids[0]]


def test_opening_an_attachment_counts_as_viewed_at_once(qtbot, window, panel, monkeypatch) -> None:
    monkeypatch.setattr(SavedSearchesPanel, "VIEW_DWELL_MS", 3_600_000)  # only the opening can count
    row = next(n for n in range(window.model.rowCount()) if window.model.resource_at(n).attachment_count)
    click_row(qtbot, window, row)
    assert panel.recent_items() == []
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert window.right_tabs.currentWidget() is window.pdf_pane
    assert _recent_ids(panel) == [window.model.resource_at(row).id]



def test_the_layers_stay_apart() -> None:
    """No SQL in gui/ (the gui modules added here), no Qt in the core modules added here."""
    import ast

    root = Path(__file__).resolve().parents[2] / "reslib_desktop"
    gui = ["a11y", "error_dialog", "saved_searches", "settings_dialog", "settings_store", "shortcuts", "theme"]

    def imports(path: Path) -> set[str]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        return found | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}

    for name in gui:
        modules = imports(root / "gui" / f"{name}.py")
        assert not any(m.startswith(("sqlalchemy", "sqlite3", "reslib_desktop.store")) for m in modules), name
    for core in (root / "saved_searches_store.py", root / "store" / "user_state.py"):
        assert not any(m.startswith("PySide6") for m in imports(core)), core.name

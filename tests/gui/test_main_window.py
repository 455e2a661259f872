"""The main window driven as a user would: typing, checking facets, sorting, selecting."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from reslib_desktop.gui.results_model import Column
from reslib_desktop.library import SortKey
from support import WAIT_MS, load_every_row, wait_for_results
from table_clicks import agree, click_row, highlight_and_details


def _titles(window) -> list[str]:
    model = window.model
    return [model.index(row, Column.TITLE).data() for row in range(model.rowCount())]


def _settled(window):
    return lambda: not window.controller.busy


def test_opens_on_the_whole_library_with_a_count(window) -> None:
    assert window.model.total == 57
    assert window.count_label.text() == "57 of 57 resources"
    type_values = {v.value for v in window.sidebar.groups["type"]._facet_values}
    assert {"report", "fact_sheet"} <= type_values


def test_typing_in_the_box_narrows_the_table(qtbot, window) -> None:
    qtbot.keyClicks(window.search_box.edit, "housing")
    wait_for_results(qtbot, window, "housing")
    assert set(_titles(window)) == {
        "Housing Programs Environmental Scan",
        "Housing Resources During COVID-19 for Human Trafficking Survivors",
    }
    assert window.count_label.text() == "2 of 57 resources"


def test_escape_clears_the_box_and_shows_everything_again(qtbot, window) -> None:
    qtbot.keyClicks(window.search_box.edit, "housing")
    wait_for_results(qtbot, window, "housing")
    assert window.model.total == 2
    qtbot.keyClick(window.search_box.edit, Qt.Key.Key_Escape)
    wait_for_results(qtbot, window, "")
    assert window.search_box.text() == ""
    assert window.model.total == 57


def test_checking_a_facet_narrows_and_updates_the_other_counts(qtbot, window) -> None:
    types = window.sidebar.groups["type"]
    years = window.sidebar.groups["year"]
    fact_sheets = types.count_of("fact_sheet")
    reports_before = types.count_of("report")
    undated_before = years.count_of("")
    assert fact_sheets and undated_before
    types.check_value("fact_sheet")
    wait_for_results(qtbot, window)
    assert window.model.total == fact_sheets
    # Other facets now count only fact sheets; the type facet keeps its own counts.
    assert years.count_of("") < undated_before
    assert sum(v.count for v in years._facet_values) == fact_sheets
    assert types.count_of("report") == reports_before
    assert window.count_label.text() == f"{fact_sheets} of 57 resources"


def test_a_header_click_sorts_and_a_second_click_reverses(qtbot, window) -> None:
    header = window.table.horizontalHeader()
    title_x = header.sectionViewportPosition(Column.TITLE) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(title_x, 5))
    wait_for_results(qtbot, window)
    query = window.model.query
    assert query.sort is SortKey.TITLE
    first_order = _titles(window)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(title_x, 5))
    qtbot.waitUntil(lambda: window.model.query is not query, timeout=WAIT_MS)
    wait_for_results(qtbot, window)
    assert window.model.query.sort is SortKey.TITLE
    assert window.model.query.descending != query.descending
    assert _titles(window) == list(reversed(first_order))
    ascending = first_order if not query.descending else list(reversed(first_order))
    assert ascending[0].casefold() < ascending[-1].casefold()


def test_selecting_a_row_fills_the_details_pane(qtbot, window) -> None:
    qtbot.keyClicks(window.search_box.edit, "HTLA Class 7")
    wait_for_results(qtbot, window, "HTLA Class 7")
    assert window.model.total == 1
    window.table.setFocus()
    window.table.selectRow(0)
    detail = window.details.detail
    assert detail is not None and detail.title == "HTLA Class 7 Recommendations Report"
    labels = [window.details.attachments.item(i).text() for i in range(window.details.attachments.count())]
    assert labels == [
        "HTLA Class 7 Recommendations Report — no download address",
        "HTLA Class 7 Recommendations Checklist — no download address",
    ]
    assert "Human Trafficking Leadership Academy" in window.details.browser.toPlainText()


def test_a_search_with_no_match_shows_what_to_do(qtbot, window) -> None:
    qtbot.keyClicks(window.search_box.edit, "zzzqqq")
    wait_for_results(qtbot, window, "zzzqqq")
    assert window.model.total == 0
    assert window.results_stack.currentWidget() is window.empty_state
    assert "Try other words" in window.empty_state.message.text()
    assert not window.empty_state.clear_button.isVisible()


def test_broken_query_syntax_still_searches_and_says_so(qtbot, window) -> None:
    qtbot.keyClicks(window.search_box.edit, '"peer support')
    wait_for_results(qtbot, window, '"peer support')
    assert window.model.total > 0
    assert window.search_box.hint.isVisible()
    assert "quote" in window.search_box.hint.text()


# --- the highlighted row and the details pane agree ------------------------------------------------------
def test_unselecting_the_row_empties_the_details(qtbot, window) -> None:
    click_row(qtbot, window, 2)
    assert agree(window) and window.details.detail is not None
    click_row(qtbot, window, 2, Qt.KeyboardModifier.ControlModifier)  # Ctrl+click takes it out of the selection
    assert window.table.selectionModel().selectedRows() == []
    assert agree(window), highlight_and_details(window)


def test_focusing_the_table_after_a_search_does_not_show_a_row_that_is_not_highlighted(qtbot, window) -> None:
    click_row(qtbot, window, 0)
    qtbot.keyClicks(window.search_box.edit, "housing")
    wait_for_results(qtbot, window, "housing")
    assert agree(window), highlight_and_details(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    window.table.setFocus(Qt.FocusReason.TabFocusReason)  # Qt makes a row current (not selected) on focus
    qtbot.waitUntil(window.table.hasFocus, timeout=WAIT_MS)
    assert agree(window), highlight_and_details(window)


def test_the_highlighted_row_keeps_its_details_across_re_sorts_and_new_results(qtbot, window) -> None:
    click_row(qtbot, window, 3)
    chosen = window.details.detail.id
    for sort, descending in ((SortKey.TITLE, False), (SortKey.TITLE, True), (SortKey.TYPE, False)):
        window.controller.set_sort(sort, descending)
        wait_for_results(qtbot, window)
        assert highlight_and_details(window) == ([chosen], chosen)
    window.controller.refresh()  # results arriving while the row is selected
    wait_for_results(qtbot, window)
    assert highlight_and_details(window) == ([chosen], chosen)
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    assert agree(window) and window.details.detail.id != chosen


def test_a_row_beyond_the_first_page_stays_highlighted_after_a_re_sort(qtbot, big_library) -> None:
    from reslib_desktop.gui.main_window import MainWindow

    window = MainWindow(big_library)
    qtbot.addWidget(window)
    window.show()
    wait_for_results(qtbot, window)
    window.controller.set_sort(SortKey.TITLE, False)
    wait_for_results(qtbot, window)
    last = window.model.total - 1
    load_every_row(qtbot, window.model)  # as scrolling to the end does
    click_row(qtbot, window, last)
    chosen = window.details.detail.id
    window.controller.set_sort(SortKey.TITLE, True)  # now among the first rows… and back to the last
    wait_for_results(qtbot, window)
    window.controller.set_sort(SortKey.TITLE, False)
    wait_for_results(qtbot, window)
    assert highlight_and_details(window) == ([chosen], chosen)
    assert window.table.visualRect(window.model.index(window.model.row_of(chosen), 0)).intersects(
        window.table.viewport().rect()
    )


# --- sizes: the window fits the screen, Title keeps its room ---------------------------------------------
def _title_chars(window) -> float:
    """How many average characters the Title column shows."""
    return window.table.columnWidth(Column.TITLE) / window.table.fontMetrics().averageCharWidth()


def _eventually(qtbot, condition) -> bool:
    """True once `condition` holds (the layout settles after a resize), False if it never does."""
    try:
        qtbot.waitUntil(condition, timeout=2000)
    except Exception:  # noqa: BLE001 - pytest-qt's TimeoutError: the caller's assert says what is wrong
        return False
    return True


def test_a_new_window_fits_the_screen_it_opens_on(qtbot, library) -> None:
    from reslib_desktop.gui.main_window import MainWindow

    window = MainWindow(library)
    qtbot.addWidget(window)
    available = window.screen().availableGeometry()
    assert window.width() <= available.width() and window.height() <= available.height(), (window.size(), available)


def test_title_keeps_its_room_at_1024_pixels_and_beside_a_wide_document_pane(qtbot, window) -> None:
    window.resize(1024, 600)
    _eventually(qtbot, lambda: _title_chars(window) >= 20)
    others = [window.table.columnWidth(c) for c in (Column.TYPE, Column.DATE, Column.ATTACHMENTS, Column.OFFLINE)]
    assert _title_chars(window) >= 20, (window.table.columnWidth(Column.TITLE), others)
    assert window.table.columnWidth(Column.TITLE) >= max(others)
    # The user drags the document pane as wide as it goes: Title still shows a dozen characters.
    handle = window.splitter.handle(2)
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=handle.rect().center())
    qtbot.mouseMove(handle, QPoint(-1000, handle.height() // 2))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=QPoint(-1000, handle.height() // 2))
    qtbot.waitUntil(lambda: window.splitter.sizes()[2] > 400, timeout=WAIT_MS)
    _eventually(qtbot, lambda: _title_chars(window) >= 12)
    assert _title_chars(window) >= 12, (window.splitter.sizes(), window.table.columnWidth(Column.TITLE))


def test_type_and_files_columns_show_their_widest_text_whole_when_there_is_room(qtbot, window) -> None:
    """Fitted from the rows shown: every type and file count of the first rows fits its column uncut (the
    widths are measured from the texts `data()` gives, at every search)."""
    window.resize(1600, 900)
    for typed in ("", "housing"):
        window.search_box.set_text(typed)
        wait_for_results(qtbot, window, typed)
        model, metrics = window.model, window.table.fontMetrics()
        for column in (Column.TYPE, Column.ATTACHMENTS):
            texts = {model.index(row, column).data() for row in range(model.rowCount())} - {None, ""}
            assert texts, (typed, column)
            widest = max(metrics.horizontalAdvance(text) for text in texts)
            assert _eventually(qtbot, lambda c=column, w=widest: window.table.columnWidth(c) > w), (
                typed, column, window.table.columnWidth(column), widest)


# --- the sidebar stays put while counts change ----------------------------------------------------------
def _sidebar_rows(window) -> dict[tuple[str, str], int]:
    """Where each group header and each value row is (y in the window), by facet and value."""
    where = {}
    for facet, group in window.sidebar.groups.items():
        if not group.isVisible():
            continue
        where[facet, "(header)"] = group.header.mapTo(window, QPoint(0, 0)).y()
        listing = group.values
        for row in range(listing.count()):
            item = listing.item(row)
            where[facet, item.data(Qt.ItemDataRole.UserRole)] = listing.viewport().mapTo(
                window, listing.visualItemRect(item).topLeft()).y()
    return where


def _click_value(qtbot, window, facet: str, value: str) -> None:
    listing = window.sidebar.groups[facet].values
    item = next(
        listing.item(n) for n in range(listing.count()) if listing.item(n).data(Qt.ItemDataRole.UserRole) == value
    )
    rect = listing.visualItemRect(item)
    window.sidebar.ensureWidgetVisible(listing)
    qtbot.mouseClick(
        listing.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(rect.left() + rect.height() // 2 + 2, rect.center().y()),
    )


def test_filter_groups_keep_their_place_while_counts_change(qtbot, window) -> None:
    window.resize(1366, 1000)  # every group on screen
    qtbot.waitUntil(lambda: window.height() == 1000, timeout=WAIT_MS)
    wait_for_results(qtbot, window)
    before = _sidebar_rows(window)
    topics = window.sidebar.groups["topic"]
    first_topic = topics.values.item(0).data(Qt.ItemDataRole.UserRole)
    _click_value(qtbot, window, "topic", first_topic)
    wait_for_results(qtbot, window)
    assert window.model.query.selected("topic") == {first_topic}
    assert _sidebar_rows(window) == before  # no row moved: the next click lands where the user aims
    years = window.sidebar.groups["year"]
    year = next(years.values.item(n).data(Qt.ItemDataRole.UserRole) for n in range(years.values.count())
                if years.values.item(n).flags() & Qt.ItemFlag.ItemIsEnabled)  # a year with matches left
    _click_value(qtbot, window, "year", year)
    wait_for_results(qtbot, window)
    assert window.model.query.selected("year") == {year}
    assert _sidebar_rows(window) == before


def test_show_more_shows_only_under_groups_with_more_to_show(qtbot, window) -> None:
    # The window fixture starts as the app does: rows at once, then the counts once the search index is built.
    def buttons() -> dict[str, tuple[bool, bool]]:
        """Facet -> (its "Show more" is visible, it has values it does not list)."""
        return {facet: (group.more.isVisible(), len(group._facet_values) > group.values.count())
                for facet, group in window.sidebar.groups.items()}

    assert buttons()["type"] == (False, False) and buttons()["year"] == (True, True)  # 6 types, 11 years
    assert all(visible == more for visible, more in buttons().values()), buttons()
    assert all(group.more.isEnabled() for group in window.sidebar.groups.values() if group.more.isVisible())


def test_the_details_show_an_attachment_as_offline_as_soon_as_it_is(qtbot, tmp_path, pdf_server) -> None:
    from reslib_desktop.gui.main_window import MainWindow
    from unit.offline.conftest import TRIVIAL, build_library

    library = build_library(
        tmp_path / "library.db", [("Smallest document", [("Trivial (PDF)", pdf_server.url(TRIVIAL))])]
    )
    window = MainWindow(library, library.offline_service(tmp_path / "cache"))
    qtbot.addWidget(window)
    window.show()
    wait_for_results(qtbot, window)
    click_row(qtbot, window, 0)
    assert window.details.attachments.item(0).text() == "Trivial — not downloaded"
    shown = window.details.detail.id
    with qtbot.waitSignal(window.offline_controller.resourcesChanged, timeout=30_000,
                          check_params_cb=lambda ids: shown in ids and window.model.resource_at(0).offline):
        window.make_selection_available_offline()
    assert window.details.attachments.item(0).text() == "Trivial — available offline"
    window.close()
    library.close()

"""Search as a case worker uses it: phrases, exclusions, chips, date range, 'did you mean', sorting, stale results."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from reslib_desktop.gui.results_model import Column
from reslib_desktop.gui.search_controller import run_search
from reslib_desktop.library import SearchQuery, SortKey, parse_query
from support import WAIT_MS, load_every_row, wait_for_results


def _titles(window) -> list[str]:
    return [window.model.index(row, Column.TITLE).data() for row in range(window.model.rowCount())]


def _type(qtbot, window, text: str) -> None:
    window.search_box.edit.clear()
    qtbot.keyClicks(window.search_box.edit, text)
    wait_for_results(qtbot, window, text)


def test_a_phrase_finds_the_words_together_only(qtbot, window) -> None:
    _type(qtbot, window, '"peer support"')
    assert sorted(_titles(window)) == ["Peer-to-Peer Brief", "Peer-to-Peer Updated Brief"]
    _type(qtbot, window, '"support peer"')
    assert window.model.total == 0


def test_an_excluded_word_removes_its_resources(qtbot, window) -> None:
    _type(qtbot, window, "peer")
    assert "Peer-to-Peer Updated Brief" in _titles(window)
    _type(qtbot, window, "peer -updated")
    assert _titles(window) == ["Peer-to-Peer Brief"]


def test_the_details_pane_shows_why_a_resource_matched(qtbot, window) -> None:
    _type(qtbot, window, "substance")
    window.table.selectRow(0)
    html = window.details.browser.toHtml()
    assert "Matched:" in window.details.browser.toPlainText()
    assert "font-weight:700" in html or "<b>" in html  # the matched word is bold
    tooltip = window.model.index(0, Column.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert "<b>substance</b>" in tooltip.lower()


def test_removing_a_chip_removes_its_filter(qtbot, window) -> None:
    window.sidebar.groups["type"].check_value("fact_sheet")
    wait_for_results(qtbot, window)
    narrowed = window.model.total
    assert narrowed < 57
    assert window.chips.isVisible() and len(window.chips.chips) == 1
    assert "Fact sheet" in window.chips.chips[0].text()
    qtbot.mouseClick(window.chips.chips[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.controller.query.selections, timeout=WAIT_MS)
    wait_for_results(qtbot, window)
    assert window.model.total == 57
    assert not window.chips.isVisible()
    assert window.sidebar.groups["type"].selected() == frozenset()


def test_clear_all_removes_every_filter(qtbot, window) -> None:
    window.sidebar.groups["type"].check_value("fact_sheet")
    wait_for_results(qtbot, window)
    window.sidebar.groups["year"].check_value("2022")
    wait_for_results(qtbot, window)
    assert len(window.chips.chips) == 2
    qtbot.mouseClick(window.chips.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.controller.query.selections, timeout=WAIT_MS)
    wait_for_results(qtbot, window)
    assert window.model.total == 57


def test_the_date_range_keeps_resources_published_within_it(qtbot, window) -> None:
    years = {v.value: v.count for v in window.sidebar.groups["year"]._facet_values}
    expected = sum(count for year, count in years.items() if year and 2016 <= int(year) <= 2018)
    assert expected > 0
    window.sidebar.date_range.choose("2016", "2018")
    qtbot.waitUntil(lambda: window.controller.query.date_to == "2018", timeout=WAIT_MS)
    wait_for_results(qtbot, window)
    assert window.model.total == expected
    dates = [window.model.index(row, Column.DATE).data() for row in range(window.model.rowCount())]
    assert all(any(str(year) in d for year in (2016, 2017, 2018)) for d in dates)
    assert any("Published" in chip.text() for chip in window.chips.chips)
    # Month precision: from August 2016 leaves out May 2016.
    window.sidebar.date_range.choose("2016-08", "2018")
    qtbot.waitUntil(lambda: window.controller.query.date_from == "2016-08", timeout=WAIT_MS)
    wait_for_results(qtbot, window)
    dates = [window.model.index(row, Column.DATE).data() for row in range(window.model.rowCount())]
    assert dates and not any(d.startswith("May") for d in dates)


def test_did_you_mean_offers_the_library_s_own_word_and_searches_it(qtbot, window) -> None:
    _type(qtbot, window, "housng")
    assert window.model.total == 0
    buttons = window.empty_state.suggestion_buttons
    assert [b.text() for b in buttons][:1] == ["housing"]
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    wait_for_results(qtbot, window, "housing")
    assert window.search_box.text() == "housing"
    assert set(_titles(window)) == {
        "Housing Programs Environmental Scan",
        "Housing Resources During COVID-19 for Human Trafficking Survivors",
    }


@pytest.fixture
def big_window(qtbot, big_library):
    from reslib_desktop.gui.main_window import MainWindow

    main_window = MainWindow(big_library)
    qtbot.addWidget(main_window)
    main_window.show()
    wait_for_results(qtbot, main_window)
    return main_window


def test_sorting_by_date_keeps_year_only_dates_in_their_year(qtbot, big_window) -> None:
    window = big_window
    window.sort_combo.setCurrentIndex(2)  # Oldest first
    window.sort_combo.activated.emit(2)
    qtbot.waitUntil(
        lambda: window.controller.query.sort is SortKey.DATE and not window.controller.query.descending, timeout=WAIT_MS
    )
    wait_for_results(qtbot, window)
    dates = [window.model.index(row, Column.DATE).data() for row in range(60)]
    # The oldest year is 1995: its year-only entry reads "1995" and sits with 1995, before 1996.
    assert dates[0] == "1995"
    years = [int(d[-4:]) for d in dates if d]
    assert years == sorted(years)
    assert "1995" in dates and dates.index("1995") < min(i for i, d in enumerate(dates) if d.endswith("1996"))
    # Newest first: undated resources are still last.
    window.sort_combo.activated.emit(1)
    qtbot.waitUntil(lambda: window.controller.query.descending, timeout=WAIT_MS)
    wait_for_results(qtbot, window)
    assert window.model.index(0, Column.DATE).data().endswith("2024")
    load_every_row(qtbot, window.model)  # as scrolling to the end does
    assert window.model.index(window.model.rowCount() - 1, Column.DATE).data() == ""


def test_a_stale_result_arriving_after_a_newer_one_does_not_win(qtbot, window) -> None:
    library = window.library
    controller = window.controller
    slow_query = SearchQuery(text=parse_query("housing"))
    started, release = threading.Event(), threading.Event()

    def slow_search():
        started.set()
        release.wait(WAIT_MS / 1000)  # an old, slow search (e.g. a heavy query typed first)
        return run_search(library, slow_query, controller.facets)

    controller._runner.run(slow_search, controller._show, key="search")
    assert started.wait(WAIT_MS / 1000)
    _type(qtbot, window, "peer")
    shown = _titles(window)
    release.set()
    assert controller._runner.wait(WAIT_MS)
    QCoreApplication.processEvents()  # the slow result, posted before its worker finished, is dropped here
    assert _titles(window) == shown
    assert "Housing Programs Environmental Scan" not in _titles(window)
    assert window.model.query.text == parse_query("peer")

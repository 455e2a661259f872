"""A library whose search index folder is gone: the window shows rows at once and builds the index in
the background (progress in the status bar); words are searched once the build is done."""

from __future__ import annotations

import shutil
from pathlib import Path

from reslib_desktop.gui.search_controller import SearchOutcome
from reslib_desktop.library import Library, SearchQuery, SortKey, parse_query
from support import WAIT_MS, wait_for_results


def _without_index(library_copy: Path) -> Library:
    with Library.open(library_copy) as library:
        library.refresh_search_index()  # the index exists, then is lost (deleted, or a new app version)
        folder = library.search_index_dir
    assert folder is not None and folder.is_dir()
    shutil.rmtree(folder)
    return Library.open(library_copy)


def test_rows_are_drawn_before_the_index_is_built_and_words_are_searched_after(qtbot, library_copy: Path) -> None:
    from reslib_desktop.gui.main_window import MainWindow

    with Library.open(library_copy) as reference:
        newest = [row.id for row in reference.search(SearchQuery(sort=SortKey.DATE), limit=200).rows]
    library = _without_index(library_copy)
    # Hold the index as a concurrent build would, so this build cannot finish before we have looked.
    gate = library._search_index._lock
    gate.acquire()
    outcomes: list[SearchOutcome] = []
    progress: list[tuple[int, int]] = []
    try:
        window = MainWindow(library)
        qtbot.addWidget(window)
        window.controller.resultsReady.connect(outcomes.append)
        window.controller.indexProgress.connect(lambda done, total: progress.append((done, total)))
        window.resize(1366, 768)
        window.show()
        qtbot.waitUntil(lambda: bool(outcomes), timeout=WAIT_MS)

        first = outcomes[0]
        assert first.index_pending and window.controller.index_building
        assert window.results_stack.currentWidget() is window.table
        shown = [window.model.resource_at(row).id for row in range(window.model.rowCount())]
        assert shown == newest[: len(shown)] and len(shown) == min(200, len(newest))  # newest first, at once
        assert window.index_status.isVisible() and "search index" in window.index_status.text()

        window.search_box.set_text("housing")  # words wait for the index, and say so
        qtbot.waitUntil(lambda: window.model.query is not None and window.model.query.text.match is not None,
                        timeout=WAIT_MS)
        assert window.results_stack.currentWidget() is window.empty_state
        assert "being built" in window.empty_state.message.text()
    finally:
        gate.release()

    with qtbot.waitSignal(window.controller.indexReady, timeout=30_000):
        pass
    wait_for_results(qtbot, window, "housing")
    assert not window.index_status.isVisible()
    assert progress and progress[-1][0] == progress[-1][1] == len(newest)  # counted up to every resource
    with Library.open(library_copy) as reference:
        expected = list(reference.search_full(window.controller.query, ()).ids)
    assert expected and window.model.all_ids() == expected
    assert window.results_stack.currentWidget() is window.table
    library.close()


def test_a_current_index_is_opened_without_a_build(qtbot, library_copy: Path) -> None:
    from reslib_desktop.gui.main_window import MainWindow

    with Library.open(library_copy) as library:
        library.refresh_search_index()
    library = Library.open(library_copy)
    window = MainWindow(library)
    qtbot.addWidget(window)
    outcomes: list[SearchOutcome] = []
    window.controller.resultsReady.connect(outcomes.append)
    window.show()
    wait_for_results(qtbot, window)
    assert outcomes and not any(outcome.index_pending for outcome in outcomes)
    assert not window.index_status.isVisible() and window.model.rowCount() > 0
    window.search_box.set_text("housing")
    wait_for_results(qtbot, window, "housing")
    assert window.model.all_ids() == list(library.search_full(window.controller.query, ()).ids)
    library.close()


def test_a_query_only_the_index_answers_gets_no_stand_in_rows(library_copy: Path) -> None:
    library = _without_index(library_copy)
    try:
        assert library.first_rows_without_index(SearchQuery(text=parse_query("housing")), 200) is None
        assert library.first_rows_without_index(SearchQuery().with_selection("type", {"report"}), 200) is None
        for sort, descending in ((SortKey.TITLE, False), (SortKey.TITLE, True), (SortKey.DATE, False)):
            query = SearchQuery(sort=sort, descending=descending)
            stand_in = library.first_rows_without_index(query, 50)
            assert stand_in is not None
            rows, size = stand_in
            library.build_search_index()
            assert [row.id for row in rows] == list(library.search_full(query, ()).ids[:50])
            assert size == library.resource_count()
    finally:
        library.close()

"""The results model obeys Qt's model rules on a library of more than 1,000 rows."""

from __future__ import annotations

from dataclasses import replace

from reslib_desktop.gui.results_model import PAGE_SIZE, Column, ResourceIdRole, ResultsModel
from reslib_desktop.library import SearchQuery, SortKey, parse_query
from support import WAIT_MS, fetch_next_page, load_every_row


def _filled(big_library, query: SearchQuery) -> ResultsModel:
    model = ResultsModel(big_library.rows_by_ids)
    result = big_library.search_full(query)
    model.set_results(query, result.ids, big_library.rows_by_ids(result.ids[:PAGE_SIZE]))
    return model


def test_model_pages_rows_in_as_the_view_asks(qtbot, big_library) -> None:
    model = _filled(big_library, SearchQuery())
    assert model.rowCount() == PAGE_SIZE and model.total == 1500
    load_every_row(qtbot, model)
    assert model.rowCount() == 1500
    ids = [model.index(row, 0).data(ResourceIdRole) for row in range(model.rowCount())]
    assert len(set(ids)) == 1500


def test_qt_model_rules_hold(qtbot, qtmodeltester, big_library) -> None:
    model = _filled(big_library, SearchQuery())
    load_every_row(qtbot, model)
    qtmodeltester.check(model)


def test_qt_model_rules_hold_after_a_sort_and_a_filter(qtbot, qtmodeltester, big_library) -> None:
    by_title = _filled(big_library, SearchQuery(sort=SortKey.TITLE, descending=False))
    qtmodeltester.check(by_title)
    titles = [by_title.index(row, Column.TITLE).data() for row in range(5)]
    assert titles == sorted(titles, key=str.casefold)

    filtered_query = replace(SearchQuery(text=parse_query("housing")), sort=SortKey.DATE)
    filtered = _filled(big_library, filtered_query)
    assert filtered.total == 600  # topic "Housing" on every 5th record, mentioned in two of five descriptions
    load_every_row(qtbot, filtered)
    qtmodeltester.check(filtered)


def test_rows_deleted_after_the_search_are_skipped_not_shown_blank(qtbot, big_library) -> None:
    from sqlalchemy import text

    model = _filled(big_library, SearchQuery(sort=SortKey.TITLE, descending=False))
    doomed = model.index(PAGE_SIZE + 5, 0)  # not loaded yet
    assert not doomed.isValid()
    with big_library.engine.begin() as connection:
        all_ids = [row[0] for row in connection.execute(text("SELECT id FROM resources ORDER BY title_sort, id"))]
        connection.execute(text("DELETE FROM resources WHERE id = :id"), {"id": all_ids[PAGE_SIZE + 5]})
    fetch_next_page(qtbot, model)
    assert model.rowCount() == 2 * PAGE_SIZE - 1
    assert all(model.index(row, Column.TITLE).data() for row in range(model.rowCount()))


def test_pages_are_read_off_the_gui_thread_and_read_ahead(qtbot, big_library) -> None:
    import threading

    readers: list[threading.Thread] = []

    def rows_by_ids(ids):
        readers.append(threading.current_thread())
        return big_library.rows_by_ids(ids)

    query = SearchQuery(sort=SortKey.TITLE, descending=False)
    result = big_library.search_full(query)
    model = ResultsModel(rows_by_ids)
    model.set_results(query, result.ids, big_library.rows_by_ids(result.ids[:PAGE_SIZE]))
    fetch_next_page(qtbot, model)  # read in a worker, then shown
    assert model.rowCount() == 2 * PAGE_SIZE
    qtbot.waitUntil(lambda: model.next_page_ready, timeout=WAIT_MS)  # the page after it, read ahead
    assert len(readers) == 2
    model.fetchMore()  # already read: shown at once, with no wait
    assert model.rowCount() == 3 * PAGE_SIZE
    assert readers and threading.main_thread() not in readers
    assert [model.index(row, 0).data(ResourceIdRole) for row in range(model.rowCount())] == list(
        result.ids[: 3 * PAGE_SIZE]
    )


def test_loaded_rows_add_nothing_for_full_garbage_collections_to_rescan(qtbot, big_library) -> None:
    """Scrolling a long list must not make every full collection (on the GUI thread) slower: the loaded
    rows are plain values the collector stops tracking, not one tracked object per row."""
    import gc

    model = _filled(big_library, SearchQuery())
    gc.collect()
    tracked_with_one_page = len(gc.get_objects())
    load_every_row(qtbot, model)
    gc.collect()
    grown = len(gc.get_objects()) - tracked_with_one_page
    assert model.rowCount() == 1500
    assert grown < (1500 - PAGE_SIZE) // 4, f"{grown} more tracked objects after loading {1500 - PAGE_SIZE} rows"
    row = model.resource_at(1499)
    assert row is not None and model.index(1499, Column.TITLE).data() == row.title
    assert model.row_of(row.id) == 1499

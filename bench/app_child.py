"""Child process for cold start, scroll and memory: `python -m bench.app_child MODE DB LAUNCH_TIME`.

MODE is `ours` (the real MainWindow) or `stock` (all rows in a QStandardItemModel
behind a proxy in a QTableView). LAUNCH_TIME is the parent's `time.time()` just
before it started this process, so every milestone is measured from launch
(interpreter start included). Prints one JSON object on stdout.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time

SCROLL_ROWS = 10_000
SCROLL_SEED = 7
SCROLL_BUDGET_S = 20.0
WATCHDOG_MS = 90_000


class _Milestones:
    def __init__(self, launch: float) -> None:
        self.launch = launch
        self.marks: dict[str, float] = {}

    def mark(self, name: str) -> None:
        self.marks.setdefault(name, (time.time() - self.launch) * 1000.0)


def _process_cpu_ms() -> float:
    """CPU time of this process so far, start-up included (user + system, every thread)."""
    times = os.times()
    return (times.user + times.system) * 1000.0


def _watch_paints(viewport, has_rows, milestones: _Milestones, then) -> object:
    """An event filter: first paint, first paint showing rows, then `then()` once."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Watcher(QObject):
        done = False

        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                milestones.mark("first_paint_ms")
                if has_rows() and not self.done:
                    self.done = True
                    milestones.mark("results_painted_ms")
                    milestones.marks["results_painted_cpu_ms"] = _process_cpu_ms()
                    QTimer.singleShot(0, then)
            return False

    watcher = Watcher()
    viewport.installEventFilter(watcher)
    return watcher


def _scroll(app, model, fetch) -> dict[str, float]:
    """data() of 4 columns for SCROLL_ROWS random rows, fetching pages as a view would, for at most
    SCROLL_BUDGET_S (deep pages of a million results can cost much more than shallow ones).

    `fetchMore` may only start reading a page (ours reads pages in a worker): the events are then
    processed until the rows arrive, as the view's event loop would. Besides the wall time a page
    takes to appear, the longest GUI-thread step (one fetchMore call or one pass of event processing,
    in thread CPU time) shows whether scrolling ever blocks the GUI thread."""
    from PySide6.QtCore import QEventLoop, QModelIndex

    total = fetch.total()
    rng = random.Random(SCROLL_SEED)
    rows = [rng.randrange(total) for _ in range(SCROLL_ROWS)] if total else []
    fetch_s = slowest_fetch = gui_cpu = slowest_gui = 0.0
    pages = done = 0
    started = time.perf_counter()

    def on_gui_thread(step) -> None:
        nonlocal gui_cpu, slowest_gui
        cpu = time.thread_time()
        step()
        took = time.thread_time() - cpu
        gui_cpu += took
        slowest_gui = max(slowest_gui, took)

    for row in rows:
        if time.perf_counter() - started > SCROLL_BUDGET_S:
            break
        while row >= model.rowCount() and model.canFetchMore(QModelIndex()):
            if time.perf_counter() - started > SCROLL_BUDGET_S:
                break  # a deep first row can take the whole budget: stop within it
            mark = time.perf_counter()
            before = model.rowCount()
            on_gui_thread(lambda: model.fetchMore(QModelIndex()))
            while model.rowCount() == before and model.canFetchMore(QModelIndex()):
                on_gui_thread(lambda: app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents))
            took = time.perf_counter() - mark
            fetch_s += took
            slowest_fetch = max(slowest_fetch, took)
            pages += 1
        if row >= model.rowCount():
            break
        for column in range(4):
            model.data(model.index(row, column))
        done += 1
    elapsed = time.perf_counter() - started
    return {
        "scroll_ms": elapsed * 1000.0,
        "scroll_fetch_ms": fetch_s * 1000.0,
        "scroll_data_ms": (elapsed - fetch_s) * 1000.0,
        "scroll_pages_fetched": pages,
        "scroll_slowest_fetch_ms": slowest_fetch * 1000.0,
        "scroll_gui_cpu_ms": gui_cpu * 1000.0,
        "scroll_slowest_gui_step_ms": slowest_gui * 1000.0,
        "scroll_rows": len(rows),
        "scroll_rows_done": done,
        "scroll_loaded_rows": model.rowCount(),
        "scroll_max_row": max(rows) if rows else 0,
    }


class _Total:
    def __init__(self, function) -> None:
        self.total = function


def main(argv: list[str]) -> int:
    mode, db, launch = argv[0], argv[1], float(argv[2])
    milestones = _Milestones(launch)
    milestones.mark("interpreter_ms")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from bench.timing import rss_mib

    app = QApplication([sys.argv[0]])
    milestones.mark("qt_ready_ms")
    result: dict[str, object] = {"mode": mode}

    if mode == "ours":
        from reslib_desktop.gui.library_upgrade import open_library
        from reslib_desktop.gui.main_window import MainWindow

        milestones.mark("imported_ms")
        library = open_library(db)  # as gui/app.py opens it (an upgrade, if one were due, with its window)
        milestones.mark("library_open_ms")
        window = MainWindow(library)
        model, view = window.model, window.table
        fetch = _Total(lambda: window.model.total)
    else:
        from PySide6.QtWidgets import QTableView

        from bench import qt_stock

        stock = qt_stock.load(db)
        milestones.mark("model_loaded_ms")
        view = QTableView()
        view.setModel(stock.proxy)
        view.setSortingEnabled(True)
        view.resize(1280, 760)
        window, model = view, stock.proxy
        fetch = _Total(stock.proxy.rowCount)

    def after_results() -> None:
        result.update(milestones.marks)
        result.update(_scroll(app, model, fetch))
        app.processEvents()
        result.update(rss_mib())
        print(json.dumps(result), flush=True)
        os._exit(0)  # skip teardown: it is not part of any figure

    def give_up(reason: str) -> None:
        print(f"app_child {mode}: {reason}", file=sys.stderr, flush=True)
        os._exit(3)

    if mode == "ours":
        window.controller.searchFailed.connect(lambda message: give_up(f"search failed: {message}"))
    QTimer.singleShot(WATCHDOG_MS, lambda: give_up(f"no results painted after {WATCHDOG_MS / 1000:.0f} s"))
    watcher = _watch_paints(view.viewport(), lambda: model.rowCount() > 0, milestones, after_results)
    window.show()
    if mode == "ours":  # as reslib-desktop's main() does once its window is up
        from reslib_desktop.gui.app import keep_start_up_out_of_collections

        keep_start_up_out_of_collections()
    milestones.mark("window_shown_ms")
    app.exec()
    del watcher
    return 1  # only reached if results never arrived


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

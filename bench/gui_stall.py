"""The longest GUI-thread stall while typing: `python -m bench.gui_stall DB TEXT SEED LAUNCH`.

The real MainWindow is shown (offscreen) on a library; once its first results
are in, a 5 ms precise QTimer records how late each tick fires while TEXT is
typed into the keyword box with QTest.keyClick, with human delays (mostly
~120 ms, sometimes a pause longer than the debounce, so searches run and their
results arrive while typing goes on). Everything runs inside `app.exec()` (no
QTest.qWait, whose 10 ms sleeps would add lateness of their own). The run ends
when the results of the final text are shown. Prints one JSON object.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

TICK_MS = 5
STALL_LIMIT_MS = 50.0


def key_delays(count: int, seed: int) -> list[int]:
    """Milliseconds after each keystroke: 90-160 ms, with a 250-400 ms pause every 3-4 keys."""
    rng = random.Random(seed)
    delays: list[int] = []
    next_pause = rng.randint(3, 4)
    for number in range(1, count + 1):
        if number == next_pause:
            delays.append(rng.randint(250, 400))
            next_pause += rng.randint(3, 4)
        else:
            delays.append(rng.randint(90, 160))
    return delays


def _child(db: str, text: str, seed: int) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from bench.timing import percentile
    from reslib_desktop.gui.main_window import MainWindow
    from reslib_desktop.library import Library, parse_query

    app = QApplication([sys.argv[0]])
    window = MainWindow(Library.open(db))
    window.show()
    edit = window.search_box.edit
    wanted = parse_query(text)
    delays = key_delays(len(text) - 1, seed)  # the pause after each key but the last
    lateness: list[float] = []
    state: dict[str, Any] = {"phase": "loading", "last": 0.0, "typed": 0, "searches_before": 0, "searches_started": 0}

    def shown(expected) -> bool:
        query = window.model.query
        return query is not None and query is window.controller.query and not window.controller.busy and (
            expected is None or query.text == expected
        )

    def type_next() -> None:
        index = state["typed"]
        QTest.keyClick(edit, text[index])
        state["typed"] = index + 1
        if state["typed"] < len(text):
            QTimer.singleShot(delays[index], type_next)
        else:
            state["last_key"] = time.perf_counter()
            state["phase"] = "waiting"

    def tick() -> None:
        now = time.perf_counter()
        if state["phase"] in ("typing", "waiting", "settling"):
            lateness.append(max(0.0, (now - state["last"]) * 1000.0 - TICK_MS))
        state["last"] = now
        if state["phase"] == "loading" and shown(None):
            state["phase"] = "idle"
            QTimer.singleShot(300, start_typing)
        elif state["phase"] == "waiting" and shown(wanted):
            state["results_after_last_key_ms"] = (now - state["last_key"]) * 1000.0
            state["phase"] = "settling"
            QTimer.singleShot(200, app.quit)

    def start_typing() -> None:
        edit.setFocus()
        state["phase"] = "typing"
        state["searches_before"] = state["searches_started"]
        state["started"] = time.perf_counter()
        type_next()

    def count_search() -> None:
        state["searches_started"] += 1

    window.controller.searchStarted.connect(count_search)
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    state["last"] = time.perf_counter()
    timer.start()
    QTimer.singleShot(60_000, app.quit)
    app.exec()
    timer.stop()
    if "results_after_last_key_ms" not in state:
        raise SystemExit(f"results for {text!r} never arrived (phase {state['phase']})")
    return {
        "text": text,
        "delays_ms": delays,
        "ticks": len(lateness),
        "max_lateness_ms": max(lateness) if lateness else 0.0,
        "p99_lateness_ms": percentile(lateness, 0.99),
        "stalls_over_limit": sum(1 for value in lateness if value > STALL_LIMIT_MS),
        "searches": state["searches_started"] - state["searches_before"],
        "results_after_last_key_ms": state["results_after_last_key_ms"],
        "typing_ms": (state["last_key"] - state["started"]) * 1000.0,
        "total": window.model.total,
    }


def typing_stall(db: Path, texts: tuple[str, ...], repeat: int, timeout: float = 120.0) -> dict[str, Any]:
    """Each text typed `repeat` times in fresh processes; the worst and the typical stall."""
    from bench.startup import run_json_child

    runs = [
        run_json_child(["bench.gui_stall", str(db), text, str(seed)], timeout)
        for seed in range(repeat)
        for text in texts
    ]
    maxima = sorted(run["max_lateness_ms"] for run in runs)
    return {
        "runs": runs,
        "max_lateness_ms": maxima[-1],
        "median_max_lateness_ms": maxima[len(maxima) // 2],
        "p99_lateness_ms": max(run["p99_lateness_ms"] for run in runs),
        "stalls_over_limit": sum(run["stalls_over_limit"] for run in runs),
        "results_after_last_key_ms": sorted(run["results_after_last_key_ms"] for run in runs)[len(runs) // 2],
    }


def main(argv: list[str]) -> int:
    db, text, seed = argv[0], argv[1], int(argv[2])
    print(json.dumps(_child(db, text, seed)), flush=True)
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

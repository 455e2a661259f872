"""`python -m bench.run --sizes 1000,10000,100000 --json PATH [--repeat R]`: every figure, one process.

Writes the JSON document after each size (a crash keeps what was measured) and
bench/RESULTS.md at the end (`--no-write-results` to skip).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from bench import report

_STARTED = time.perf_counter()


def log(message: str) -> None:
    print(f"[{time.perf_counter() - _STARTED:6.1f} s] {message}", file=sys.stderr, flush=True)


def machine() -> dict[str, Any]:
    import sqlite3

    import PySide6
    import sqlalchemy
    from PySide6.QtCore import qVersion

    cpu = "unknown"
    memory_kib = 0
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("MemTotal"):
                memory_kib = int(line.split()[1])
    root = Path(__file__).resolve().parent.parent
    git = subprocess.run(["git", "log", "-1", "--format=%h %s"], cwd=root, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "reslib_desktop"], cwd=root, capture_output=True, text=True).stdout
    return {
        "date": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "cores": os.cpu_count(),
        "cpu_model": cpu,
        "memory_gib": memory_kib / 2**20,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "pyside6": PySide6.__version__,
        "qt": qVersion(),
        "sqlite": sqlite3.sqlite_version,
        "sqlalchemy": sqlalchemy.__version__,
        "git": f"{git[:80]}" + (" (+ uncommitted changes in reslib_desktop/)" if dirty.strip() else ""),
    }


def _repeats(size: int, requested: int | None) -> tuple[int, int, int, int]:
    """(search/sort runs, stock runs, cold-start processes, typing runs per text) for a size."""
    small = size <= 10_000
    repeat = requested or (30 if small else 15)
    return repeat, min(repeat, 10 if small else 3), 5, 2 if small else 1


def _guarded(data: dict[str, Any], key: str, work) -> Any:
    """data[key] = work(); a failure is recorded (and reported) instead of ending the run."""
    try:
        data[key] = work()
    except Exception as error:  # noqa: BLE001 - one broken section must not lose the others
        data[key] = {"error": f"{type(error).__name__}: {error}"[-800:]}
        log(f"  {key} failed: {data[key]['error'][:300]}")
    return data[key]


def _library_figures(data: dict[str, Any], path: Path, repeat: int) -> None:
    """Search, sort and the slowest search's statement breakdown, in this process."""
    from bench import plans, search_bench
    from bench.cases import CASES, search_query
    from reslib_desktop.library import FACETS, Library

    library = Library.open(path)
    try:
        log(f"  search, floor, LIKE ({repeat} runs each)")
        search = _guarded(data, "search", lambda: search_bench.search_latency(library, path, repeat))
        log("  sort")
        _guarded(data, "sort", lambda: search_bench.sort_latency(library, repeat))
        if "error" not in search:
            slowest = max(search, key=lambda key: search[key]["ours"]["run_search"]["median_ms"])
            case = next(case for case in CASES if case.key == slowest)
            _guarded(data, "breakdown", lambda: {
                "case": f"{case.label} ({search[slowest]['ours']['match']})",
                "run_search_ms": search[slowest]["ours"]["run_search"]["median_ms"],
                "statements": plans.breakdown(library, path, search_query(case), FACETS),
            })
    finally:
        library.close()
    _guarded(data, "first_search", lambda: search_bench.first_search(path))


def _stock_figures(data: dict[str, Any], path: Path, repeat: int) -> dict[str, float]:
    """The stock model, built once, filtered and sorted; merged into the search and sort entries."""
    from bench import qt_stock

    stock = qt_stock.load(path)
    data["stock_load_ms"] = stock.load_ms
    for section, measured in (("search", qt_stock.filter_latency(stock, repeat)), ("sort", qt_stock.sort_latency(stock, repeat))):
        for key, entry in measured.items():
            if key in data.get(section, {}):
                data[section][key]["stock"] = entry
    load_ms = stock.load_ms
    del stock
    gc.collect()
    return {"load_ms": load_ms}


def measure_size(size: int, seed: int, requested_repeat: int | None) -> dict[str, Any]:
    """Every per-size figure for one library size."""
    from bench import gui_stall, startup
    from bench.cases import TYPED_QUERIES
    from bench.generate import cached_library
    from bench.timing import load_average
    from reslib_desktop.library import FACETS

    repeat, stock_repeat, cold_runs, typing_runs = _repeats(size, requested_repeat)
    log(f"{size:,}: library")
    path, generated = cached_library(size, seed)
    data: dict[str, Any] = {
        "library": {"path": str(path), "generated": generated, "file_mib": path.stat().st_size / 2**20},
        "repeat": repeat, "stock_repeat": stock_repeat, "cold_runs": cold_runs, "facets": list(FACETS),
        "load_average": [load_average()],
    }
    _library_figures(data, path, repeat)
    log(f"{size:,}: stock Qt model ({stock_repeat} runs)")
    _guarded(data, "stock", lambda: _stock_figures(data, path, stock_repeat))
    log(f"{size:,}: cold start, scroll, memory ({cold_runs} processes each)")
    _guarded(data, "cold_start", lambda: {
        "bare_interpreter": startup.bare_interpreter_ms(),
        "ours": startup.cold_start(path, "ours", cold_runs),
        "stock": startup.cold_start(path, "stock", cold_runs),
    })
    log(f"{size:,}: typing stall")
    _guarded(data, "typing", lambda: gui_stall.typing_stall(path, TYPED_QUERIES, typing_runs))
    data["load_average"].append(load_average())
    return data


def measure_extras(largest: int, largest_db: Path, seed: int) -> dict[str, Any]:
    from bench import cli_bench, extras

    results: dict[str, Any] = {}
    for name, work in (
        ("qtpdf_first_page", extras.qtpdf_first_page),
        ("text_extraction", extras.text_extraction),
        ("download", extras.download_throughput),
        ("import", lambda: cli_bench.import_throughput(largest, seed)),
        ("bundle", lambda: cli_bench.bundle_round_trip(largest_db)),
    ):
        log(f"extras: {name}")
        try:
            results[name] = work()
        except Exception as error:  # noqa: BLE001 - one broken extra must not lose the rest
            results[name] = {"error": f"{type(error).__name__}: {error}"[:600]}
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated library sizes")
    parser.add_argument("--json", type=Path, help="write the results document here")
    parser.add_argument("--repeat", type=int, help="timed runs per figure (default 30 up to 10k, 15 above)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--write-results", action=argparse.BooleanOptionalAction, default=None,
                        help="write bench/RESULTS.md (default: on when --json is given)")
    parser.add_argument("--results", type=Path, default=report.RESULTS, help="where RESULTS.md goes")
    parser.add_argument("--no-extras", action="store_true", help="skip the size-independent figures")
    args = parser.parse_args(argv)
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",") if size.strip()]
    write_results = args.json is not None if args.write_results is None else args.write_results

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])  # noqa: F841 - the stock model needs one
    document: dict[str, Any] = {
        "command": "python -m bench.run " + " ".join(argv if argv is not None else sys.argv[1:]),
        "machine": machine(),
        "sizes": {},
        "extras": {},
        "elapsed_s": 0.0,
    }

    def save() -> None:
        document["elapsed_s"] = time.perf_counter() - _STARTED
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(document, indent=1, default=str), encoding="utf-8")

    for size in sizes:
        document["sizes"][str(size)] = measure_size(size, args.seed, args.repeat)
        save()
    if not args.no_extras:
        largest = max(sizes)  # the library measured above (the cache key may move if the code changes meanwhile)
        largest_db = Path(document["sizes"][str(largest)]["library"]["path"])
        document["extras"] = measure_extras(largest, largest_db, args.seed)
    save()
    if write_results:
        log(f"wrote {report.write(document, args.results)}")
    log(f"done in {time.perf_counter() - _STARTED:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

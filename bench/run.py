"""`python -m bench.run --sizes 1000,10000,100000,1000000 --json PATH [--repeat R]`: every figure, one process.

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
    from importlib.metadata import version

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
    git = subprocess.run(
        ["git", "log", "-1", "--format=%h %s"], cwd=root, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "reslib_desktop"], cwd=root, capture_output=True, text=True
    ).stdout
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
        "tantivy": version("tantivy"),
        "git": f"{git[:80]}" + (" (+ uncommitted changes in reslib_desktop/)" if dirty.strip() else ""),
    }


def _repeats(size: int, requested: int | None) -> dict[str, int]:
    """Timed runs per figure at a size (fewer where one run takes seconds)."""
    if size <= 10_000:
        counts = {"search": 30, "stock": 10, "cold": 5, "typing": 2, "cli": 5, "first": 3}
    elif size <= 100_000:
        counts = {"search": 15, "stock": 3, "cold": 5, "typing": 1, "cli": 5, "first": 3}
    else:
        counts = {"search": 7, "stock": 1, "cold": 3, "typing": 1, "cli": 3, "first": 3}
    if requested:
        counts["search"] = requested
        counts["stock"] = min(counts["stock"], requested)
    return counts


def _guarded(data: dict[str, Any], key: str, work) -> Any:
    """data[key] = work(); a failure is recorded (and reported) instead of ending the run."""
    try:
        data[key] = work()
    except Exception as error:  # noqa: BLE001 - one broken section must not lose the others
        data[key] = {"error": f"{type(error).__name__}: {error}"[-800:]}
        log(f"  {key} failed: {data[key]['error'][:300]}")
    return data[key]


def _has_fts5(path: Path) -> bool:
    """The FTS5 table that day's search path reads, in its side file beside the library (made once: the
    library no longer holds it)."""
    from bench.fts5_path import ensure_index

    started = time.perf_counter()
    ensure_index(path)
    log(f"  FTS5 side file ready ({time.perf_counter() - started:.1f} s)")
    return True


def _library_figures(data: dict[str, Any], path: Path, repeats: dict[str, int]) -> None:
    """Search, re-sort and first search: ours, the FTS5 path of today and raw tantivy, in this process."""
    from bench import raw_tantivy, search_bench
    from bench.fts5_path import Fts5Path
    from reslib_desktop.library import Library

    with_fts5 = _has_fts5(path)
    data["fts5_available"] = with_fts5
    library = Library.open(path)
    fts5 = Fts5Path(library.engine) if with_fts5 else None
    raw = raw_tantivy.RawSearch.open(path)
    try:
        log(f"  search: ours, FTS5 path, raw tantivy ({repeats['search']} runs each)")
        _guarded(data, "search", lambda: search_bench.search_latency(library, fts5, raw, repeats["search"]))
        log("  re-sort")
        _guarded(data, "sort", lambda: search_bench.sort_latency(library, fts5, raw, repeats["search"]))
    finally:
        library.close()
        gc.collect()
    log("  first search after opening")
    _guarded(data, "first_search", lambda: search_bench.first_search(path, with_fts5, repeats["first"]))
    log("  first search after opening a fully cached copy (made once)")
    _guarded(data, "first_search_cached", lambda: search_bench.first_search_fully_cached(path, repeats["first"]))


# At 1M stock filters take minutes under load (the chained facet proxies re-filter a million rows per
# change): the common word only.
STOCK_AT_1M: dict[str, tuple[str, ...]] = {"search": ("word",), "sort": ()}


def _stock_figures(data: dict[str, Any], path: Path, repeat: int, size: int) -> dict[str, float]:
    """The stock model, built once, filtered and sorted; merged into the search and sort entries."""
    from bench import qt_stock

    stock = qt_stock.load(path)
    data["stock_load_ms"] = stock.load_ms
    search_keys = STOCK_AT_1M["search"] if size > 100_000 else None
    sort_keys = STOCK_AT_1M["sort"] if size > 100_000 else None
    for section, measured in (("search", qt_stock.filter_latency(stock, repeat, search_keys)),
                              ("sort", qt_stock.sort_latency(stock, repeat, sort_keys))):
        for key, entry in measured.items():
            if key in data.get(section, {}):
                data[section][key]["stock"] = entry
    load_ms = stock.load_ms
    del stock
    gc.collect()
    return {"load_ms": load_ms}


SECTIONS = ("search", "cli", "stock", "cold", "typing", "import")


def measure_size(
    size: int, seed: int, requested_repeat: int | None, skip: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """Every per-size figure for one library size (but the sections in `skip`)."""
    from bench import cli_bench, gui_stall, raw_tantivy, startup
    from bench.cases import TYPED_QUERIES
    from bench.generate import cached_library, prepare_search_index
    from bench.timing import load_average

    repeats = _repeats(size, requested_repeat)
    log(f"{size:,}: library (generated under nice -n 19 when not cached)")
    path, generated = cached_library(size, seed)
    log(f"{size:,}: our search index (built or caught up), raw tantivy index")
    prepared = prepare_search_index(path)
    raw_index = raw_tantivy.cached_index(path)
    data: dict[str, Any] = {
        "library": {"path": str(path), "generated": generated, "file_mib": path.stat().st_size / 2**20,
                    "prepare": prepared, "raw_index": raw_index},
        "repeat": repeats["search"], "stock_repeat": repeats["stock"], "cold_runs": repeats["cold"],
        "repeats": repeats, "load_average": [load_average()],
    }
    if "search" not in skip:
        _library_figures(data, path, repeats)
    if "cli" not in skip:
        log(f"{size:,}: `reslib search` end to end ({repeats['cli']} runs)")
        _guarded(data, "cli_search", lambda: cli_bench.cli_search(path, repeats["cli"], _has_fts5(path)))
    if "stock" not in skip:
        log(f"{size:,}: stock Qt model ({repeats['stock']} runs)")
        _guarded(data, "stock", lambda: _stock_figures(data, path, repeats["stock"], size))
    if "cold" not in skip:
        log(f"{size:,}: cold start, scroll, memory ({repeats['cold']} processes each)")
        _guarded(data, "cold_start", lambda: {
            "bare_interpreter": startup.bare_interpreter_ms(),
            "ours": startup.cold_start(path, "ours", repeats["cold"]),
            "stock": startup.cold_start(path, "stock", 1 if size > 100_000 else repeats["cold"], timeout=900.0),
        })
    if "typing" not in skip:
        log(f"{size:,}: typing stall")
        _guarded(data, "typing", lambda: gui_stall.typing_stall(path, TYPED_QUERIES, repeats["typing"]))
    if size == 100_000 and "import" not in skip:
        log(f"{size:,}: import throughput (`reslib import`, raw tantivy index build)")
        _guarded(data, "import", lambda: {
            "ours": cli_bench.import_throughput(size, seed),
            "raw": raw_tantivy.build_rate(path),
        })
    data["load_average"].append(load_average())
    return data


def measure_extras(bundle_size: int, bundle_db: Path) -> dict[str, Any]:
    from bench import cli_bench, extras

    results: dict[str, Any] = {}
    for name, work in (
        ("qtpdf_first_page", extras.qtpdf_first_page),
        ("text_extraction", extras.text_extraction),
        ("download", extras.download_throughput),
        ("bundle", lambda: {**cli_bench.bundle_round_trip(bundle_db), "library_size": bundle_size}),
    ):
        log(f"extras: {name}")
        try:
            results[name] = work()
        except Exception as error:  # noqa: BLE001 - one broken extra must not lose the rest
            results[name] = {"error": f"{type(error).__name__}: {error}"[:600]}
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000", help="comma-separated library sizes")
    parser.add_argument("--json", type=Path, help="write the results document here")
    parser.add_argument(
        "--repeat", type=int, help="timed search runs per figure (default 30 up to 10k, 15 at 100k, 7 at 1M)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--write-results", action=argparse.BooleanOptionalAction, default=None,
                        help="write bench/RESULTS.md (default: on when --json is given)")
    parser.add_argument("--results", type=Path, default=report.RESULTS, help="where RESULTS.md goes")
    parser.add_argument("--no-extras", action="store_true", help="skip the size-independent figures")
    parser.add_argument("--skip", default="", help=f"comma-separated sections to leave out: {','.join(SECTIONS)}")
    args = parser.parse_args(argv)
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",") if size.strip()]
    skip = frozenset(name.strip() for name in args.skip.split(",") if name.strip())
    if skip - set(SECTIONS):
        parser.error(f"--skip: unknown sections {', '.join(sorted(skip - set(SECTIONS)))}")
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
        document["sizes"][str(size)] = measure_size(size, args.seed, args.repeat, skip)
        save()
    if not args.no_extras:
        # A bundle of the largest library up to 100k (a 1M bundle takes many minutes and measures nothing new).
        bundle_size = max([size for size in sizes if size <= 100_000] or [min(sizes)])
        bundle_db = Path(document["sizes"][str(bundle_size)]["library"]["path"])
        document["extras"] = measure_extras(bundle_size, bundle_db)
    save()
    if write_results:
        log(f"wrote {report.write(document, args.results)}")
    log(f"done in {time.perf_counter() - _STARTED:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

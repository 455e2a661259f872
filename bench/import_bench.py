"""`python -m bench.import_bench [--sizes 10000,100000] [--repeat 3]`: the import figure of bench.run alone.

What `bench.cli_bench.import_throughput` times (`reslib import` of N generated JSON records into a new
library, then a second process bringing its search index up to date), repeated, with each process's CPU
time (user + system, all threads) beside its wall time. Records/s are over the p50 of import + index.
Run it under `nice -n 19`: CPU time is what the code costs on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.cli_bench import _RESLIB, _timed_process
from bench.generate import OUT, write_json_records

_REFRESH = ("import sys; from reslib_desktop.library import Library; library = Library.open(sys.argv[1]); "
            "library.refresh_search_index(); library.close()")


def measure(size: int, repeat: int, seed: int = 1, timeout: float = 900.0) -> dict[str, Any]:
    """p50 wall and CPU (ms) of the import, the index update and both, over `repeat` fresh libraries."""
    records = write_json_records(size, seed, OUT / f"records-n{size}-s{seed}.json")
    runs: dict[str, list[tuple[float, float]]] = {"import": [], "index": [], "total": []}
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="reslib-import-bench-") as folder:
            db = Path(folder) / "new.db"
            imported = _timed_process([*_RESLIB, "--db", str(db), "import", str(records)], timeout)
            indexed = _timed_process([sys.executable, "-c", _REFRESH, str(db)], timeout)
        runs["import"].append(imported)
        runs["index"].append(indexed)
        runs["total"].append((imported[0] + indexed[0], imported[1] + indexed[1]))
    result: dict[str, Any] = {"records": size, "runs": repeat}
    for name, pairs in runs.items():
        result[name] = {"wall_ms": statistics.median(w for w, _ in pairs),
                        "cpu_ms": statistics.median(c for _, c in pairs)}
    result["records_per_s"] = size / (result["total"]["wall_ms"] / 1000.0)
    result["records_per_cpu_s"] = size / (result["total"]["cpu_ms"] / 1000.0)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.import_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    for size in (int(s) for s in args.sizes.split(",")):
        result = measure(size, args.repeat)
        print(json.dumps(result), flush=True)
        print(f"{size:,}: import {result['import']['wall_ms'] / 1000:.2f} s wall / "
              f"{result['import']['cpu_ms'] / 1000:.2f} s CPU, index {result['index']['wall_ms'] / 1000:.2f} / "
              f"{result['index']['cpu_ms'] / 1000:.2f}, total {result['total']['wall_ms'] / 1000:.2f} / "
              f"{result['total']['cpu_ms'] / 1000:.2f}: {result['records_per_s']:,.0f} records/s "
              f"({result['records_per_cpu_s']:,.0f} per CPU second)", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

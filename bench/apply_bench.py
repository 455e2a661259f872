"""`python -m bench.apply_bench [--size 100000] [--repeat 3]`: the APPLY step of an import alone.

Previews the generated JSON records into an empty library once (kept as a pickle in the temp folder, so
later runs start at once; `--fresh` previews again), then applies that preview into new libraries
(`ImportService.apply`: what `reslib import` does after its preview), printing each run's wall and CPU time
(time.process_time) and the p50 of both. Run it under `nice -n 19`: CPU time is what the code costs on a
shared machine.
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import OUT, write_json_records
from reslib_desktop.ingest.service import ImportService
from reslib_desktop.library import Library


def _preview(size: int, seed: int, fresh: bool):
    cached = Path(tempfile.gettempdir()) / f"reslib-apply-bench-preview-n{size}-s{seed}.pickle"
    if cached.exists() and not fresh:
        return pickle.loads(cached.read_bytes())
    records = write_json_records(size, seed, OUT / f"records-n{size}-s{seed}.json")
    with tempfile.TemporaryDirectory(prefix="reslib-apply-bench-") as folder, Library.open(
        Path(folder) / "empty.db", create=True
    ) as library:
        preview = ImportService(library).preview([records])
    cached.write_bytes(pickle.dumps(preview, protocol=pickle.HIGHEST_PROTOCOL))
    return preview


def measure(size: int, repeat: int, seed: int = 1, fresh: bool = False) -> list[tuple[float, float]]:
    """(wall s, CPU s) of each apply of the preview into a new library."""
    preview = _preview(size, seed, fresh)
    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="reslib-apply-bench-") as folder, Library.open(
            Path(folder) / "new.db", create=True
        ) as library:
            wall, cpu = time.perf_counter(), time.process_time()
            result = ImportService(library).apply(preview)
            runs.append((time.perf_counter() - wall, time.process_time() - cpu))
        assert result.added == size, result
        print(f"apply {size:,}: {runs[-1][0]:.2f} s wall, {runs[-1][1]:.2f} s CPU", file=sys.stderr, flush=True)
    return runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.apply_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--fresh", action="store_true", help="preview again instead of the cached pickle")
    args = parser.parse_args(argv)
    runs = measure(args.size, args.repeat, fresh=args.fresh)
    print(f"apply {args.size:,} p50: {statistics.median(w for w, _ in runs):.2f} s wall, "
          f"{statistics.median(c for _, c in runs):.2f} s CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

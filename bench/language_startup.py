"""Start-up cost of the window's language: compiling a stale .qm (first start after a change of
the .ts) and loading the translators (every start).

    python bench/language_startup.py [--runs 5]

Each run is a fresh process with an empty cache folder (cold: lrelease runs) and then again
with the compiled file in place (warm). Prints the median wall time of `install_language`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile

PROBE = """
import sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from reslib_desktop.gui.i18n import install_language
app = QApplication([])
start = time.perf_counter()
install_language(app, "es", cache=Path(sys.argv[1]))
print(time.perf_counter() - start)
"""


def run(cache: str) -> float:
    done = subprocess.run([sys.executable, "-c", PROBE, cache], capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cold, warm = [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as cache:
            cold.append(run(cache))
            warm.append(run(cache))
    print(f"install_language('es'): cold (compiles the .qm) {statistics.median(cold) * 1000:.1f} ms, "
          f"warm {statistics.median(warm) * 1000:.1f} ms (median of {args.runs})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

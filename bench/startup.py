"""Cold start, scroll and memory, ours vs stock, each run in a fresh process (see app_child)."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.timing import summary

ROOT = Path(__file__).resolve().parent.parent
_compiled = False


def _compile_package_once() -> None:
    # Without bytecode every measured process compiled reslib_desktop's sources again (~80 ms here).
    global _compiled
    if not _compiled:
        import compileall

        compileall.compile_dir(ROOT / "reslib_desktop", quiet=1)
        _compiled = True


def child_env() -> dict[str, str]:
    """The environment of a measured process: offscreen Qt, this checkout first on the path, and the
    package's bytecode compiled (as an installed app has it), even where PYTHONDONTWRITEBYTECODE is set."""
    _compile_package_once()
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def run_json_child(args: list[str], timeout: float) -> dict[str, Any]:
    """Run `python -m ...args` with the launch time appended; its last stdout line as JSON."""
    launch = time.time()
    process = subprocess.run(
        [sys.executable, "-m", *args, repr(launch)],
        cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=timeout,
    )
    lines = [line for line in process.stdout.splitlines() if line.startswith("{")]
    if process.returncode != 0 or not lines:
        raise RuntimeError(f"{' '.join(args[:2])} failed ({process.returncode}): {process.stderr.strip()[-800:]}")
    return json.loads(lines[-1])


def bare_interpreter_ms(repeat: int = 5) -> dict[str, Any]:
    """Launch to the first line of a bare `python -c`: the floor under every cold start."""
    samples: list[float] = []
    for _ in range(repeat):
        launch = time.time()
        output = subprocess.run(
            [sys.executable, "-c", "import time; print(time.time())"], capture_output=True, text=True, check=True
        ).stdout
        samples.append((float(output) - launch) * 1000.0)
    return summary(samples)


_KEYS = (
    "results_painted_ms",
    "results_painted_cpu_ms",
    "first_paint_ms",
    "scroll_ms",
    "scroll_fetch_ms",
    "scroll_data_ms",
)


def cold_start(db: Path, mode: str, repeat: int, timeout: float = 150.0) -> dict[str, Any]:
    """`repeat` fresh processes of one mode: medians of every milestone, samples of the main ones."""
    runs = [run_json_child(["bench.app_child", mode, str(db)], timeout) for _ in range(repeat)]
    keys = sorted({key for run in runs for key, value in run.items() if isinstance(value, (int, float))})
    medians = {key: statistics.median(run[key] for run in runs if key in run) for key in keys}
    result: dict[str, Any] = {"runs": len(runs), "median": medians}
    for key in _KEYS:
        values = [run[key] for run in runs if key in run]
        if values:
            result[key] = summary(values)
    return result


def main(argv: list[str] | None = None) -> int:
    """`python -m bench.startup LIBRARY [--repeat N] [--mode ours|stock]`: the cold-start child alone
    (launch to drawn results, then the scroll and memory figures), medians as JSON."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("library", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--mode", choices=("ours", "stock"), default="ours")
    parser.add_argument("--timeout", type=float, default=300.0)
    options = parser.parse_args(argv)
    result = cold_start(options.library, options.mode, options.repeat, options.timeout)
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

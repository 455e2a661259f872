"""`reslib search`, `reslib import` and bundle export/import timed as subprocesses (launch to exit)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.generate import OUT, write_json_records
from bench.startup import ROOT, child_env

COMMANDS = ROOT / "reslib_desktop" / "commands"
# What the `reslib` console script runs (pyproject.toml [project.scripts]).
_RESLIB = [sys.executable, "-c", "from reslib_desktop.cli import run_and_exit; run_and_exit()"]


def _run(args: list[str], timeout: float) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    process = subprocess.run(
        [*_RESLIB, *args], cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=timeout
    )
    return time.perf_counter() - started, process


def _first_success(forms: list[list[str]], timeout: float) -> dict[str, Any]:
    """Try the command forms in order (the CLI's exact shape may still change); first exit 0 wins."""
    tried: list[str] = []
    for form in forms:
        seconds, process = _run(form, timeout)
        if process.returncode == 0:
            return {"command": "reslib " + " ".join(form), "seconds": seconds, "output": process.stdout.strip()[-300:]}
        tried.append(f"reslib {' '.join(form)} -> exit {process.returncode}: {process.stderr.strip()[-200:]}")
    return {"failed": tried}


CLI_WORDS = ("housing",)


def _timed_process(command: list[str], timeout: float) -> tuple[float, float]:
    """Wall time and CPU time (user + system, every thread) of a child process, in ms."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.run(command, cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=timeout)
    wall = (time.perf_counter() - started) * 1000.0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command[-4:])} exited {process.returncode}: {process.stderr.strip()[-300:]}")
    cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000.0
    return wall, cpu


def cli_search(db: Path, repeat: int, with_fts5: bool, timeout: float = 300.0, with_raw: bool = True) -> dict[str, Any]:
    """`reslib --db DB search housing` end to end (interpreter start to exit, 20 results printed with their
    attachments); the same through that day's FTS5/SQL path (bench/fts5_path.py) and the raw tantivy floor."""
    from bench.timing import summary, with_cpu

    commands = {"ours": [*_RESLIB, "--db", str(db), "search", *CLI_WORDS]}
    if with_raw:
        commands["raw"] = [sys.executable, "-m", "bench.raw_tantivy", str(db), *CLI_WORDS]
    if with_fts5:
        commands["fts5"] = [sys.executable, "-m", "bench.fts5_path", str(db), *CLI_WORDS]
    _timed_process(commands["ours"], timeout)  # warm-up: the index exists and the OS cache holds the files
    samples: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            wall, cpu_ms = _timed_process(command, timeout)
            samples[name].append(wall)
            cpu[name].append(cpu_ms)
    return {"words": " ".join(CLI_WORDS),
            **{name: with_cpu(summary(values), cpu[name]) for name, values in samples.items()}}


def import_throughput(size: int, seed: int = 1, timeout: float = 300.0) -> dict[str, Any]:
    """`reslib import` of `size` generated JSON records into a new library, then bringing its search index
    up to date (a separate process); records/s over both."""
    if not (COMMANDS / "imports.py").exists():
        return {"skipped": "reslib_desktop/commands/imports.py does not exist yet"}
    records = write_json_records(size, seed, OUT / f"records-n{size}-s{seed}.json")
    with tempfile.TemporaryDirectory(prefix="reslib-bench-") as folder:
        db = Path(folder) / "new.db"
        forms = [
            ["--db", str(db), "import", str(records)],
            ["import", "--db", str(db), str(records)],
            ["--db", str(db), "import", "--yes", str(records)],
        ]
        result = _first_success(forms, timeout)
        if "seconds" in result:
            # The search index must hold the records too: whatever the import left for later (the outbox
            # drained, or a bulk rebuild) runs at the next search; timed here as its own process.
            refresh = [sys.executable, "-c", "import sys; from reslib_desktop.library import Library; "
                       "library = Library.open(sys.argv[1]); getattr(library, 'refresh_search_index', lambda: None)(); "
                       "library.close()", str(db)]
            index_ms, _cpu = _timed_process(refresh, timeout)
            result["index_seconds"] = index_ms / 1000.0
    if "seconds" in result:
        result["records"] = size
        result["import_only_records_per_s"] = size / result["seconds"]
        result["records_per_s"] = size / (result["seconds"] + result["index_seconds"])
    return result


def bundle_round_trip(db: Path, timeout: float = 300.0) -> dict[str, Any]:
    """Bundle export of a library, then import of that bundle into a new library."""
    if not (COMMANDS / "bundle.py").exists():
        return {"skipped": "reslib_desktop/commands/bundle.py does not exist yet"}
    with tempfile.TemporaryDirectory(prefix="reslib-bench-") as folder:
        bundle = Path(folder) / "library.reslib-bundle"
        new_db = Path(folder) / "new.db"
        export = _first_success(
            [
                ["--db", str(db), "bundle", "export", str(bundle)],
                ["--db", str(db), "bundle", "export", "--out", str(bundle)],
            ],
            timeout,
        )
        imported = (
            _first_success([["--db", str(new_db), "bundle", "import", str(bundle)]], timeout)
            if "seconds" in export
            else {"skipped": "export failed"}
        )
        size = bundle.stat().st_size if bundle.exists() else None
    return {"export": export, "import": imported, "bundle_bytes": size}


def main(argv: list[str] | None = None) -> int:
    """`python -m bench.cli_bench [--repeat N] [--fts5] [LIBRARY ...]`: `reslib search` end to end (p50 wall and
    CPU per command) on the named libraries, else on every cached bench library in bench/out/."""
    import argparse
    import json

    parser = argparse.ArgumentParser(prog="python -m bench.cli_bench")
    parser.add_argument("libraries", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--fts5", action="store_true", help="also time that day's FTS5/SQL path")
    args = parser.parse_args(argv)
    libraries = args.libraries or sorted(
        (p for p in OUT.glob("library-n*.db") if not p.name.endswith(".partial")),
        key=lambda p: int(p.name.split("-n")[1].split("-")[0]),
    )
    for library in libraries:
        from bench.raw_tantivy import index_dir

        # The raw floor needs bench.run's raw index (built there once); left out until it exists.
        result = cli_search(library, args.repeat, args.fts5, with_raw=index_dir(library).exists())
        line = {name: {"p50_ms": round(stats["median_ms"], 1), "cpu_p50_ms": round(stats.get("cpu_median_ms", 0), 1)}
                for name, stats in result.items() if isinstance(stats, dict)}
        print(library.name, json.dumps(line))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Timing helpers: repeated measurement, medians, p90 and p95 (nearest rank), process facts."""

from __future__ import annotations

import gc
import math
import statistics
import time
from collections.abc import Callable
from typing import Any


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p95 of 15 samples is the 15th smallest)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def summary(samples_ms: list[float]) -> dict[str, Any]:
    """median, p90, p95, min, max and n of samples in milliseconds."""
    if not samples_ms:
        return {"n": 0}
    return {
        "median_ms": statistics.median(samples_ms),
        "p90_ms": percentile(samples_ms, 0.90),
        "p95_ms": percentile(samples_ms, 0.95),
        "min_ms": min(samples_ms),
        "max_ms": max(samples_ms),
        "n": len(samples_ms),
    }


def with_cpu(stats: dict[str, Any], cpu_ms: list[float]) -> dict[str, Any]:
    """A wall-time summary plus the CPU time of the same runs (this process, every thread): on a shared
    machine CPU time shows what the work costs while wall time also holds waiting for a core."""
    if cpu_ms:
        stats.update(cpu_median_ms=statistics.median(cpu_ms), cpu_p90_ms=percentile(cpu_ms, 0.90))
    return stats


def measure(
    work: Callable[[], Any],
    repeat: int,
    warmup: int = 1,
    before: Callable[[], Any] | None = None,
) -> tuple[dict[str, Any], Any]:
    """Run `work` warmup + repeat times (`before` untimed each time); summary and last result."""
    result = None
    samples: list[float] = []
    cpu: list[float] = []
    gc.collect()  # start clean; collections during the runs count, as they would in the app
    for run in range(warmup + repeat):
        if before is not None:
            before()
        started, cpu_started = time.perf_counter(), time.process_time()
        result = work()
        elapsed = (time.perf_counter() - started) * 1000.0
        if run >= warmup:
            samples.append(elapsed)
            cpu.append((time.process_time() - cpu_started) * 1000.0)
    return with_cpu(summary(samples), cpu), result


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if not numerator or not denominator:
        return None
    return numerator / denominator


def rss_mib() -> dict[str, float]:
    """This process's resident memory now and at its peak (VmRSS, VmHWM) in MiB."""
    values: dict[str, float] = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) / 1024.0
    return {"rss_mib": values.get("VmRSS", math.nan), "peak_rss_mib": values.get("VmHWM", math.nan)}


def measure_interleaved(
    works: dict[str, Callable[[], Any]], repeat: int, warmup: int = 1
) -> dict[str, tuple[dict[str, Any], Any]]:
    """Like `measure` for several works, run round-robin so background load hits them alike."""
    samples: dict[str, list[float]] = {name: [] for name in works}
    cpu: dict[str, list[float]] = {name: [] for name in works}
    results: dict[str, Any] = {}
    gc.collect()
    for run in range(warmup + repeat):
        for name, work in works.items():
            started, cpu_started = time.perf_counter(), time.process_time()
            results[name] = work()
            elapsed = (time.perf_counter() - started) * 1000.0
            if run >= warmup:
                samples[name].append(elapsed)
                cpu[name].append((time.process_time() - cpu_started) * 1000.0)
    return {name: (with_cpu(summary(samples[name]), cpu[name]), results[name]) for name in works}


def load_average() -> float:
    """The 1-minute load average (other processes compete for the same cores)."""
    with open("/proc/loadavg", encoding="ascii") as loadavg:
        return float(loadavg.read().split()[0])

"""Timing helpers: repeated measurement, medians and p95 (nearest rank), process facts."""

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
    """median, p95, min, max and n of samples in milliseconds."""
    if not samples_ms:
        return {"n": 0}
    return {
        "median_ms": statistics.median(samples_ms),
        "p95_ms": percentile(samples_ms, 0.95),
        "min_ms": min(samples_ms),
        "max_ms": max(samples_ms),
        "n": len(samples_ms),
    }


def measure(
    work: Callable[[], Any],
    repeat: int,
    warmup: int = 1,
    before: Callable[[], Any] | None = None,
) -> tuple[dict[str, Any], Any]:
    """Run `work` warmup + repeat times (`before` untimed each time); summary and last result."""
    result = None
    samples: list[float] = []
    gc.collect()  # start clean; collections during the runs count, as they would in the app
    for run in range(warmup + repeat):
        if before is not None:
            before()
        started = time.perf_counter()
        result = work()
        elapsed = (time.perf_counter() - started) * 1000.0
        if run >= warmup:
            samples.append(elapsed)
    return summary(samples), result


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
    results: dict[str, Any] = {}
    gc.collect()
    for run in range(warmup + repeat):
        for name, work in works.items():
            started = time.perf_counter()
            results[name] = work()
            elapsed = (time.perf_counter() - started) * 1000.0
            if run >= warmup:
                samples[name].append(elapsed)
    return {name: (summary(samples[name]), results[name]) for name in works}


def load_average() -> float:
    """The 1-minute load average (other processes compete for the same cores)."""
    with open("/proc/loadavg", encoding="ascii") as loadavg:
        return float(loadavg.read().split()[0])

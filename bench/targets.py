"""The targets (issue 3, at 100,000 resources) and the peer figures (shared/ANCHORS.md §0)."""

from __future__ import annotations

SEARCH_P50_MS = 20.0
SEARCH_FLOOR_RATIO = 3.0
STOCK_SPEEDUP = 20.0
SORT_P50_MS = 30.0
COLD_START_MS = 1500.0
RSS_MB = 300.0  # megabytes (10^6 bytes); RSS is reported in MiB
RSS_MIB = RSS_MB * 1e6 / 2**20
STALL_MS = 50.0

# Peer figures measured on a 2-core machine like this one (ANCHORS.md §0), by library size.
CALIBRE = {
    10_000: {"search_word_ms": 567, "search_facet_ms": 53, "start_ms": 1800, "type_enter_idle_ms": 1500, "rss_mib": 287},
    100_000: {"search_word_ms": 6052, "search_facet_ms": 673, "start_ms": 7200, "type_enter_idle_ms": 7100, "rss_mib": 786},
}
STOCK_QT_100K = {"load_ms": 2700, "filter_ms": 212}
FTS5_100K = {"first_page_ms": 2.0, "facet_counts_ms": 0.4, "like_ms": "20–45"}


def calibre(size: int, key: str) -> str:
    figure = CALIBRE.get(size, {}).get(key)
    if figure is None:
        return "—"
    if key.endswith("_mib"):
        return f"Calibre {figure:,} MiB"
    return f"Calibre {figure / 1000:.1f} s" if figure >= 1000 else f"Calibre {figure:,} ms"

"""`python -m bench.engine_quick LIBRARY.db`: p50 of the engine's search cases on one library, in one process
(a quick check while changing search/; the full comparison is bench/run.py)."""

from __future__ import annotations

import statistics
import sys
import time

from reslib_desktop.library import Library, SearchQuery, SortKey, parse_query

CASES = ["housing ", "hous", "housing employment ", '"fact sheet" ', "housing -health ",
         "(housing OR youth) -report ", "h", ""]


def _p50(action, runs: int = 9) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main(path: str) -> None:
    started = time.perf_counter()
    library = Library.open(path, read_only=True)
    library.search_full(SearchQuery(text=parse_query("housing ")))
    print(f"open + index ready + first search: {(time.perf_counter() - started) * 1000:.1f} ms")
    for typed in CASES:
        query = SearchQuery(text=parse_query(typed))
        total = library.search_full(query).total
        print(f"{typed!r:32} {total:>8} matches  {_p50(lambda query=query: library.search_full(query)):6.1f} ms")
    for sort in (SortKey.TITLE, SortKey.DATE, SortKey.TYPE):
        query = SearchQuery(text=parse_query("housing "), sort=sort)
        library.search_full(query, ())
        print(
            f"re-sort by {sort.value:8} {_p50(lambda query=query: library.search_full(query, ())):6.1f} ms;  "
            f"rows 20,000-20,200 "
            f"{_p50(lambda query=query: library.search_full(query, ()).ids[20_000:20_200]):6.1f} ms"
        )
    query = (
        SearchQuery(text=parse_query("housing "))
        .with_selection("type", {"report"})
        .with_selection("topic", {"Housing"})
    )
    print(f"housing + type + topic selected  {_p50(lambda: library.search_full(query)):6.1f} ms")
    first = library.search_full(SearchQuery(text=parse_query("housing "))).ids[0]
    print(f"snippet {_p50(lambda: library.snippet(first, parse_query('housing '))):6.1f} ms; did-you-mean "
          f"{_p50(lambda: library.suggestions(parse_query('housng ')), 3):6.1f} ms")


if __name__ == "__main__":
    main(sys.argv[1])

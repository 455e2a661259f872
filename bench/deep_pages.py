"""Cost of reading one more page of ids deep in a big result: `python -m bench.deep_pages LIBRARY`.

For each order, reads the pages just before a depth (so the page at that depth follows one already
read, as when scrolling) and times the read of the next page: CPU ms (this thread) per block, then
the same page read by tantivy's offset for comparison. Prints one JSON object.
"""

from __future__ import annotations

import json
import sys
import time

from reslib_desktop.library import Library, SearchQuery, SortKey, parse_query
from reslib_desktop.search.results import BLOCK_CHUNKS, CHUNK

DEPTHS = (0.1, 0.5, 0.99)


def _cpu_ms(work) -> float:
    started = time.thread_time()
    work()
    return (time.thread_time() - started) * 1000.0


def main(argv: list[str]) -> int:
    library = Library.open(argv[0], read_only=True)
    library.refresh_search_index()
    cases = {
        "date newest first, everything": SearchQuery(sort=SortKey.DATE),
        "title A-Z, everything": SearchQuery(sort=SortKey.TITLE, descending=False),
        "relevance, housing": SearchQuery(text=parse_query("housing"), sort=SortKey.RELEVANCE),
    }
    report: dict[str, object] = {}
    for name, query in cases.items():
        ids = library.search_full(query, ()).ids
        total = len(ids)
        rows = {}
        for depth in DEPTHS:
            page = int(total * depth) // CHUNK
            block = page - page % BLOCK_CHUNKS
            fresh = library.search_full(query, ()).ids
            if block:
                fresh[(block - BLOCK_CHUNKS) * CHUNK]  # the block before, read (by offset) as scrolling would have
            keyset = _cpu_ms(lambda: fresh[block * CHUNK])  # noqa: B023
            other = library.search_full(query, ()).ids
            offset = _cpu_ms(lambda: other[block * CHUNK])  # noqa: B023 - no block before: by offset
            rows[f"{depth:.0%}"] = {"position": block * CHUNK, "next_block_ms": round(keyset, 2),
                                    "by_offset_ms": round(offset, 2)}
        report[name] = {"total": total, **rows}
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

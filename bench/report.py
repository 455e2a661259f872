"""RESULTS.md from a bench.run JSON document: `python -m bench.report RESULTS.json [--out PATH]`.

Sections of an existing RESULTS.md that this module does not write (written by other benches, e.g. sync)
are kept, after the figures it writes.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from bench import targets as T
from bench.app_child import SCROLL_BUDGET_S

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
PATHS = ("ours", "fts5", "stock", "raw")
HEADER = ["Figure", "Target (p50)", "Ours p50 / p90", "FTS5 path of today p50 / p90", "Stock Qt p50 / p90",
          "Raw tantivy p50 / p90", "Pass?"]


def _ms(value: float | None) -> str:
    if value is None:
        return "—"
    if value >= 1000:
        return f"{value / 1000:.2f} s"
    return f"{value:.1f} ms" if value >= 10 else f"{value:.2f} ms"


def _stats(stats: Any) -> str:
    """'p50 / p90' of a timing summary (one figure when it was run once), and the CPU p50 when known."""
    if not isinstance(stats, dict) or "median_ms" not in stats:
        return "—"
    if stats.get("n", 0) <= 1 or "p90_ms" not in stats:
        text = _ms(stats["median_ms"]) + (" (1 run)" if stats.get("n") == 1 else "")
    else:
        text = f"{_ms(stats['median_ms'])} / {_ms(stats['p90_ms'])}"
    if "cpu_median_ms" in stats:
        text += f" · CPU {_ms(stats['cpu_median_ms'])}"
    return text


def _broken(section: Any) -> bool:
    return not isinstance(section, dict) or "error" in section


def _verdict(figure: str, size: int, value: float | None, cpu: float | None = None) -> str:
    """PASS/FAIL on the wall-clock p50; a failure whose CPU p50 is within the target says so (the time
    went to waiting for a core on the shared machine)."""
    target = T.target(figure, size)
    if target is None:
        return "info"
    if value is None:
        return "**FAIL** (not measured)"
    if target.passes(value):
        return "**pass**"
    verdict = f"**FAIL**: {target.miss(value)}"
    if cpu is not None and target.passes(cpu):
        verdict += f"; CPU p50 {_ms(cpu)} is within it"
    return verdict


def _target_text(figure: str, size: int) -> str:
    target = T.target(figure, size)
    return (
        "(no target)"
        if target is None
        else target.text() + (f" ({target.source})" if target.source != "issue 10" else "")
    )


def _failed_row(name: str, figure: str, size: int, section: Any) -> list[str]:
    error = section.get("error", "not measured") if isinstance(section, dict) else "not measured"
    error = " / ".join(line.strip() for line in error.splitlines() if "propagateSizeHints" not in line)
    return [name, _target_text(figure, size), f"not measured: {error[-300:]}", "—", "—", "—",
            "**FAIL** (not measured)" if T.target(figure, size) else "info"]


def _timed_row(name: str, figure: str, size: int, entry: dict[str, Any]) -> list[str]:
    ours = entry.get("ours") if isinstance(entry.get("ours"), dict) else {}
    return [name, _target_text(figure, size), *(_stats(entry.get(path)) for path in PATHS),
            _verdict(figure, size, ours.get("median_ms"), ours.get("cpu_median_ms"))]


def _search_rows(size: int, data: dict[str, Any]) -> list[list[str]]:
    search = data.get("search")
    if search is None:
        return []
    if _broken(search):
        return [_failed_row("Search (the five query kinds)", "search", size, search)]
    rows = []
    for entry in search.values():
        selections = "".join(f" + {facet}:{value}" for facet, value in entry["selections"])
        totals = {path: entry[path].get("total") for path in PATHS if isinstance(entry.get(path), dict)}
        hits = f"{totals.get('ours', 0):,} hits"
        others = [
            f"{path} {total:,}" for path, total in totals.items() if path != "ours" and total != totals.get("ours")
        ]
        if others:
            hits += " (" + ", ".join(others) + ")"
        rows.append(
            _timed_row(f"Search: {entry['label']} — `{entry['text']}`{selections}, {hits}", "search", size, entry)
        )
    return rows


def _sort_rows(size: int, data: dict[str, Any]) -> list[list[str]]:
    sort = data.get("sort")
    if sort is None:
        return []
    if _broken(sort):
        return [_failed_row("Re-sort", "resort", size, sort)]
    rows = []
    for entry in sort.values():
        scope = f"“{entry['text']}”" if entry["text"] else "everything"
        order = {"title": "title A–Z", "type": "type A–Z (then title; no type last)"}.get(entry["sort"],
                                                                                          "date, newest first")
        rows.append(_timed_row(f"Re-sort by {order}: first 200 of {scope} ({entry['total']:,})", "resort", size, entry))
    return rows


def _first_search_row(size: int, data: dict[str, Any]) -> list[list[str]]:
    rows = []
    for key, name in (
        ("first_search", "First search after opening (everything, newest first, facet counts; one-off work included)"),
        ("first_search_cached", "The same in a fully cached copy (a trainer's: every attachment offline, {yes:,} "
                                "resources counted as available offline)"),
    ):
        first = data.get(key)
        if first is None:
            continue
        if _broken(first):
            rows.append(_failed_row(name.format(yes=0), "first_search", size, first))
        else:
            rows.append(_timed_row(name.format(yes=first.get("offline_yes", 0)), "first_search", size, first))
    return rows


def _cli_row(size: int, data: dict[str, Any]) -> list[list[str]]:
    cli = data.get("cli_search")
    name = "`reslib search housing` end to end (launch → exit, 20 results printed)"
    if cli is None:
        return []
    if _broken(cli):
        return [_failed_row(name, "cli_search", size, cli)]
    return [_timed_row(name, "cli_search", size, cli)]


_MILESTONES = (
    ("interpreter_ms", "interpreter"),
    ("qt_ready_ms", "QApplication"),
    ("imported_ms", "imports"),
    ("library_open_ms", "library open"),
    ("window_shown_ms", "window shown"),
    ("first_paint_ms", "first paint"),
)


def _milestones(median: dict[str, float]) -> str:
    return ", ".join(f"{label} {_ms(median[key])}" for key, label in _MILESTONES if key in median)


def _app_rows(size: int, data: dict[str, Any]) -> list[list[str]]:
    cold = data.get("cold_start")
    if cold is None:  # left out of this run (--skip)
        return []
    if _broken(cold):
        return [_failed_row("Cold start, scroll and memory", "cold_start", size, cold)]
    rows: list[list[str]] = []
    ours, stock = cold.get("ours", {}), cold.get("stock", {})
    start = ours.get("results_painted_ms", {})
    stock_start = stock.get("results_painted_ms", {})
    rows.append(
        [
            (
                f"Cold start: launch → results drawn in the window (offscreen; bare interpreter "
                f"{_ms(cold['bare_interpreter']['median_ms'])}; ours: {_milestones(ours.get('median', {}))})"
            ),
            _target_text("cold_start", size),
            _stats(start)
            + f" ({ours.get('runs', '?')} processes)"
            + (
                f" · CPU {_ms(ours['results_painted_cpu_ms']['median_ms'])}" if "results_painted_cpu_ms" in ours else ""
            ),
            "—",
            _stats(stock_start)
            + f" ({stock.get('runs', '?')} processes; model load {_ms(stock.get('median', {}).get('model_loaded_ms'))})"
            if stock_start
            else "—",
            "—",
            _verdict(
                "cold_start", size, start.get("median_ms"), ours.get("results_painted_cpu_ms", {}).get("median_ms")
            ),
        ]
    )
    rss = ours.get("median", {}).get("rss_mib")
    stock_rss = stock.get("median", {}).get("rss_mib")
    rows.append([
        "Resident memory after the first results and scrolling 10,000 rows (VmRSS)",
        _target_text("rss", size),
        f"{rss:,.0f} MiB (peak {ours['median']['peak_rss_mib']:,.0f})" if rss else "—", "—",
        f"{stock_rss:,.0f} MiB (peak {stock['median']['peak_rss_mib']:,.0f})" if stock_rss else "—", "—",
        _verdict("rss", size, rss),
    ])
    scroll = ours.get("scroll_ms", {}).get("median_ms")
    median = ours.get("median", {})
    done, wanted = median.get("scroll_rows_done", median.get("scroll_rows", 0)), median.get("scroll_rows", 0)
    loaded = median.get("scroll_loaded_rows")
    reached = (f"; {done:,.0f} of the random rows read within the {SCROLL_BUDGET_S:.0f} s budget"
               + (f", {loaded:,.0f} rows loaded by then" if loaded is not None else "")) if done < wanted else ""
    rows.append([
        (f"Scroll: data() of 4 columns for {wanted:,.0f} random rows, pages fetched as a view would "
         "(ours reads them in a worker; longest GUI-thread step = one fetchMore call or one pass of events)"),
        "(no target)",
        (f"{_ms(scroll)} (fetching {median.get('scroll_pages_fetched', 0):,.0f} pages "
         f"{_ms(ours.get('scroll_fetch_ms', {}).get('median_ms'))}, slowest page "
         f"{_ms(median.get('scroll_slowest_fetch_ms'))}"
         + (f"; longest GUI-thread step {_ms(median['scroll_slowest_gui_step_ms'])}"
            if "scroll_slowest_gui_step_ms" in median else "")
         + f"{reached})"), "—",
        _ms(stock.get("scroll_ms", {}).get("median_ms")) + " (all rows in memory)" if stock else "—", "—", "info",
    ])
    return rows


def _typing_rows(size: int, data: dict[str, Any]) -> list[list[str]]:
    typing = data.get("typing")
    name = "Longest GUI-thread stall while typing 10 characters (5 ms timer)"
    if typing is None:
        return []
    if _broken(typing):
        return [_failed_row(name, "stall", size, typing)]
    worst = typing["max_lateness_ms"]
    return [[
        (f"{name}, {len(typing['runs'])} runs; results of the final text {_ms(typing['results_after_last_key_ms'])} "
        "after the last key (debounce included)"),
        _target_text("stall", size),
        f"max {_ms(worst)}, p99 {_ms(typing['p99_lateness_ms'])}", "—", "—", "—",
        _verdict("stall", size, worst),
    ]]


def _import_rows(size: int, data: dict[str, Any]) -> list[list[str]]:
    entry = data.get("import")
    if entry is None:
        return []
    name = f"Import: `reslib import` of {size:,} JSON records into a new library"
    if _broken(entry):
        return [_failed_row(name, "import", size, entry)]
    ours, raw = entry.get("ours", {}), entry.get("raw", {})
    rate = ours.get("records_per_s")
    ours_text = (f"{rate:,.0f} records/s ({ours['seconds'] + ours.get('index_seconds', 0):.1f} s: import "
                 f"{ours['seconds']:.1f} s, {ours.get('import_only_records_per_s', 0):,.0f} records/s; then the search "
                 f"index brought up to date {ours.get('index_seconds', 0):.1f} s)" if rate
                 else f"not measured: {json.dumps(ours)[:300]}")
    raw_text = (f"{raw['records_per_s']:,.0f} records/s (index build from SQLite, 1 writer thread)"
                if raw.get("records_per_s") else "—")
    return [[name, _target_text("import", size), ours_text, "—", "—", raw_text, _verdict("import", size, rate)]]


def _stock_load_row(data: dict[str, Any]) -> list[list[str]]:
    load = data.get("stock_load_ms")
    if not load:
        return []
    return [["Stock model: load every row into a QStandardItemModel (in-process)", "(reference)", "—", "—",
             _ms(load), "—", "info"]]


def size_rows(size: int, data: dict[str, Any]) -> list[list[str]]:
    return (_search_rows(size, data) + _sort_rows(size, data) + _first_search_row(size, data) + _cli_row(size, data)
            + _app_rows(size, data) + _typing_rows(size, data) + _import_rows(size, data) + _stock_load_row(data))


def _table(rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return lines


def _short_name(row: list[str]) -> str:
    name = row[0]
    if name.startswith("Search: "):
        return name.split(",")[0].replace("Search: ", "search: ")
    return name.split(" (")[0]


def _summary(document: dict[str, Any]) -> list[str]:
    lines = ["## Targets", "",
             ("PASS/FAIL is decided on the wall-clock p50. The machine is shared (the load average is given per "
             "size) and the bench normally runs under `nice -n 19`, so a wall time can hold time spent waiting "
             "for a core; "
             "the CPU time of the same runs (process CPU, every thread) is shown beside it, and a failure whose "
             "CPU p50 is within the target says so."), ""]
    for size, data in sorted(document["sizes"].items(), key=lambda item: int(item[0])):
        if int(size) < 100_000:
            continue
        checks = [row for row in size_rows(int(size), data) if row[-1] != "info"]
        failed = [row for row in checks if row[-1].startswith("**FAIL")]
        waiting = [row for row in failed if "CPU p50" in row[-1]]
        text = f"- **{int(size):,} resources**: {len(checks) - len(failed)} of {len(checks)} target rows pass"
        text += f" ({len(checks) - len(failed) + len(waiting)} of {len(checks)} on CPU time)." if waiting else "."
        if failed:
            text += " Failing: " + "; ".join(
                f"{_short_name(row)} ({row[-1].removeprefix('**FAIL**').lstrip(': ')})" for row in failed) + "."
        lines.append(text)
    return [*lines, ""]


def _library_line(size: int, data: dict[str, Any], cores: Any) -> str:
    library = data["library"]
    generated = library.get("generated")
    made = (f"generated in {generated['total_s']:.0f} s" if generated and "total_s" in generated else "cached")
    prepare = library.get("prepare", {})
    raw = library.get("raw_index", {})
    repeats = data.get("repeats", {})
    return (
        f"Library: `{Path(library['path']).name}` ({library['file_mib']:,.0f} MiB; {made}; our search index opened "
        f"or caught up in {prepare.get('index_s', 0):.1f} s; "
        f"raw tantivy index {'cached' if raw.get('cached') else 'built'}, "
        f"{raw.get('build_s', 0):.1f} s to build). Runs: {repeats.get('search', data.get('repeat'))} per search and "
        f"re-sort (after 1 warm-up; ours, FTS5 and raw interleaved), {repeats.get('stock', data.get('stock_repeat'))} "
        f"for stock Qt, {repeats.get('first', 3)} first searches, {repeats.get('cli', '?')} `reslib search` processes. "
        f"FTS5 path {'measured' if data.get('fts5_available', True) else 'not available (no resource_fts table)'}. "
        f"1-minute load average at start / end: " + " / ".join(f"{v:.1f}" for v in data.get("load_average", []))
        + f" on {cores} cores (other helpers' work shares them)."
    )


def _extras(extras: dict[str, Any]) -> list[str]:
    lines = ["## Size-independent figures", ""]
    pdf = extras.get("qtpdf_first_page", {})
    if "median_ms" in pdf:
        lines.append(
            f"- QtPdf time to first rendered page ({pdf['pdf']}, {pdf['pages']} pages, page 0 at "
            f"{pdf['width_px']} px wide, load + render): p50 {_ms(pdf['median_ms'])}, p95 {_ms(pdf['p95_ms'])}"
        )
    for key, title in (("text_extraction", "Text extraction"), ("download", "Download over loopback"),
                       ("bundle", "Bundle export/import")):
        entry = extras.get(key)
        if entry is None:
            continue
        if key == "text_extraction" and "pages" in entry:
            ours = (
                f"ours {entry['ours_pages_per_s']:.0f} pages/s"
                if "ours_pages_per_s" in entry
                else entry.get("skipped", "")
            )
            lines.append(f"- {title} ({entry['pdf']}, {entry['pages']} pages): {ours}; plain pypdfium2 "
                         f"{entry['pypdfium2_pages_per_s']:.0f} pages/s")
        elif key == "download" and "ours_mb_per_s" in entry:
            lines.append(f"- {title} ({entry['bytes'] / 1e6:.0f} MB, fsync'd, sha256'd): ours "
                         f"{entry['ours_mb_per_s']:.0f} MB/s; plain urllib {entry['urllib_mb_per_s']:.0f} MB/s; "
                         f"file copy + fsync {entry['file_copy_mb_per_s']:.0f} MB/s")
        elif key == "bundle" and "seconds" in entry.get("export", {}):
            export, imported = entry["export"], entry["import"]
            size = f"{entry['bundle_bytes'] / 1e6:.0f} MB" if entry.get("bundle_bytes") else "?"
            done = (
                f"import into a new library {imported['seconds']:.1f} s"
                if "seconds" in imported
                else f"import: {imported}"
            )
            lines.append(f"- {title} of the {entry.get('library_size', 0):,}-resource library: export "
                         f"{export['seconds']:.1f} s ({size}), {done} — `{export['command']}`")
        elif "skipped" in entry:
            lines.append(f"- {title}: skipped — {entry['skipped']}")
        else:
            lines.append(f"- {title}: `{json.dumps(entry)[:600]}`")
    return [*lines, ""]


_OWN_SECTIONS = re.compile(r"^(Targets|Targets at .*|[\d,]+ resources|Size-independent figures|Method|Search.*)$")


def kept_sections(existing: str) -> list[str]:
    """`## ` sections of an existing RESULTS.md that report.py does not write (e.g. sync), verbatim."""
    kept: list[str] = []
    keeping = False
    for line in existing.splitlines():
        if line.startswith("## "):
            keeping = not _OWN_SECTIONS.match(line[3:].strip())
        if keeping:
            kept.append(line.rstrip())
    return kept + ([""] if kept and kept[-1] else [])


def render(document: dict[str, Any], keep: list[str] | None = None) -> str:
    machine = document["machine"]
    lines = [
        "# Benchmark results",
        "",
        "Search figures written by `python -m bench.run` (method at the end); do not edit them by hand.",
        "",
        f"- Date: {machine['date']}; code: {machine.get('git', '?')}",
        f"- Machine: {machine['cpu_model']}, {machine['cores']} cores (os.cpu_count), "
        f"{machine['memory_gib']:.0f} GiB RAM, {machine['platform']}",
        (f"- Python {machine['python']}, PySide6 {machine['pyside6']} (Qt {machine['qt']}), "
         f"SQLite {machine['sqlite']}, "
        f"SQLAlchemy {machine['sqlalchemy']}, tantivy {machine.get('tantivy', '?')}"),
        f"- Command: `{document.get('command_prefix', 'nice -n 19 ')}{document['command']}` "
        f"({document['elapsed_s'] / 60:.0f} min)",
        "",
    ]
    lines += _summary(document)
    for size, data in sorted(document["sizes"].items(), key=lambda item: int(item[0])):
        lines += [f"## {int(size):,} resources", "", _library_line(int(size), data, machine["cores"]), ""]
        lines += _table(size_rows(int(size), data))
        lines.append("")
    lines += _extras(document.get("extras", {}))
    lines += keep or []
    lines += [line.rstrip() for line in METHOD.splitlines()]
    return "\n".join(lines) + "\n"


METHOD = """## Method

- **Library**: `python -m bench.generate` writes N synthetic resources through `Library.open(create=True)` and
  `ingest.apply.apply_records` (chunks of 2,000, a commit every 50,000), so schema, sort keys and the outbox are the
  app's own. Vocabulary: the shipped library's words by frequency, ~500 field words and
  generated rare words (4,000 in all), Zipf-sampled and mixed with real phrases of the shipped text; titles 5–15
  words, descriptions 50–300; 8 types, 40 topics (1–3 each), 5 audiences (0–2), dates 1995–2026 at
  day/month/year/unknown precision, 1–3 attachments. Each chunk has its own seeded random stream, so record i is
  the same at every size: a smaller cached library is copied and continued, and a killed generation resumes from
  its last commit. Cached in `bench/out/` by size, seed, generator version and a digest of the value-deciding code
  (dates, sort keys); the app's migrations bring an older cached file up to date on open. Generation runs in a
  child process under `nice -n 19`. Then the library is opened once so our search index exists (built or caught
  up; the time is shown) before anything is timed.
- **Ours**: `run_search(library, query, FACETS)` from `gui/search_controller.py`, exactly what the window's
  worker runs through `Library`: total, the first 200 rows read from SQLite, counts of every facet group (type,
  topic, audience, year, offline; the sidebar opens all of them) and the library total. The query is what
  `SearchController.set_text` builds from the typed text (the last word is a prefix) plus sidebar selections.
  Words are new each run (nothing the app remembers between searches is reused). Warm OS cache.
- **FTS5 path of today** (`bench/fts5_path.py`): a frozen copy of `store/fast_search.py` as it was on main at
  96b6e19 (before the tantivy engine): BM25 scores of every match from an FTS5 table (the one libraries held
  then, kept by the bench in a side file beside the library since they no longer hold it), then filters,
  facet counts and order as numpy over that day's `FacetIndex` (now `bench/facet_index.py`), then the same
  200 rows. Its `reslib search` is that day's CLI: SQL count + page of 20 (`store/search.py`) + details.
- **Stock Qt** (`bench/qt_stock.py`): every row (title, type, date, topics, description) in a
  `QStandardItemModel`; type and topic selections are two chained `QSortFilterProxyModel`s, the text a third with
  `setFilterKeyColumn(-1)`, case-insensitive; timed: setting the filters + `rowCount()` from an unfiltered model.
  It computes no facet counts and no ranking, so the comparison flatters it. Re-sort: `proxy.sort` + reading the
  first 200 rows. Cold start: all rows loaded into the model + proxy in a `QTableView`. At 1M only the common
  word is filtered (once) and one cold-start process runs: the chained facet proxies re-filter a million rows at
  each change, minutes per case on this shared machine (the 100k rows show how the other cases scale).
- **Raw tantivy** (`bench/raw_tantivy.py`): the floor with no app code. Its own index of the same resources
  (title, subtitle, description, topics and attachment labels with the FTS5 weights; type, topic, audience and
  year as raw fast fields; date and title sort keys as fast fields), cached beside the library. A search is
  `searcher.search(query, 200, count=True)` + the 200 ids from a fast field + terms aggregations of the four facet
  groups (one more aggregation per selected facet, each without its own selection). The last word is a
  `phrase_prefix_query` on every field, as ours. Re-sort: `order_by_field` on the sort key, no facets. First
  search: opening the index included. Its `reslib search` floor: interpreter + `import tantivy` + open + top 20 +
  titles from SQLite. Import: building its index from the SQLite library (1 writer thread).
- **Re-sort (ours)**: `run_search` with the new order, passing the facet counts already shown as
  `known_facets` (sorting does not change them), as the window does when a header is clicked.
- **First search after opening**: a fresh `Library.open` (untimed), then the window's first search (everything,
  newest first, every facet group), one-off work (opening the index) included.
- **First search in a fully cached library**: the same on a copy of the library whose attachments are all
  cached (`UPDATE attachments SET cache_state = 'cached'`: a trainer's library before a trip; no files are
  written), made once beside it with its search index built; every resource counts as available offline.
- **`reslib search`**: wall time of the whole process (`--db LIBRARY search housing`), launch to exit, after a
  warm-up process; the three paths interleaved.
- **Cold start**: the parent takes `time.time()` just before `subprocess.run([python, -m, bench.app_child, …])`
  and passes it in argv; the child reports `time.time()` at the first paint of the results table's viewport that
  shows rows (the real `MainWindow`, `QT_QPA_PLATFORM=offscreen`). Interpreter start-up and every import count.
- **Memory and scroll**: in the same child, after the first results: `data()` of 4 columns for 10,000 random rows
  (seeded), `fetchMore` as a scrolling view would, events processed until each page's rows arrive (ours reads
  pages in a worker; the longest GUI-thread step is timed in thread CPU) (at most 20 s of it); then VmRSS / VmHWM
  from `/proc/self/status`. `python -m bench.startup LIBRARY --repeat 3` runs this child alone.
- **Typing stall**: `python -m bench.gui_stall`: a 5 ms precise `QTimer` records how late each tick fires while 10
  characters are typed into the real window's keyword box (90–160 ms apart, with longer pauses so debounced
  searches run mid-typing), until the final text's results are shown.
- **Import**: `reslib --db NEW import records.json` of the same records as JSON (100k only), wall time, plus a
  second process that opens the new library and brings its search index up to date
  (`Library.refresh_search_index`: what the first search would otherwise do); records/s over both.
- **Percentiles**: p50 is the median; p90 is nearest rank (the 7th of 7 runs at 1M, so read it as the max there).
- Re-render this file from the JSON with `python -m bench.report bench/out/results.json`.
"""


def write(document: dict[str, Any], path: Path = RESULTS) -> Path:
    keep = kept_sections(path.read_text(encoding="utf-8")) if path.exists() else []
    path.write_text(render(document, keep), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.report", description=__doc__.splitlines()[0])
    parser.add_argument("json", type=Path)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    print(write(json.loads(args.json.read_text(encoding="utf-8")), args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

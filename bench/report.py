"""RESULTS.md from a bench.run JSON document: `python -m bench.report RESULTS.json [--out PATH]`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from bench import targets as T

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def _ms(value: float | None) -> str:
    if value is None:
        return "—"
    if value >= 1000:
        return f"{value / 1000:.2f} s"
    return f"{value:.1f} ms" if value >= 10 else f"{value:.2f} ms"


def _x(value: float | None) -> str:
    return "—" if not value else (f"{value:.1f}×" if value >= 1 else f"{value:.2f}×")


def _verdict(failures: list[str]) -> str:
    return "**pass**" if not failures else "**FAIL**: " + "; ".join(failures)


def _p50(stats: dict[str, Any] | None) -> float | None:
    return stats.get("median_ms") if stats else None


def _failed(name: str, target: str, section: Any) -> list[str]:
    """A row for a section that could not be measured."""
    error = section.get("error", "not measured") if isinstance(section, dict) else "not measured"
    return [name, target, f"not measured: {error[-300:]}", "—", "—", "—", "—", "**FAIL** (not measured)"]


def _broken(section: Any) -> bool:
    return not isinstance(section, dict) or "error" in section


def _search_rows(size: int, data: dict[str, Any]) -> list[list[str]]:
    if _broken(data.get("search")):
        return [_failed("Search (all five query kinds)", f"p50 ≤ {T.SEARCH_P50_MS:.0f} ms", data.get("search"))]
    rows = []
    for key, entry in data["search"].items():
        ours = entry["ours"]
        p50, p95 = ours["run_search"]["median_ms"], ours["run_search"]["p95_ms"]
        floor = _p50(entry["floor"])
        stock = _p50(entry.get("stock"))
        over_floor = p50 / floor if floor else None
        speedup = stock / p50 if stock else None
        failures = []
        if p50 > T.SEARCH_P50_MS:
            failures.append(f"p50 {p50:.0f} ms > {T.SEARCH_P50_MS:.0f} ms")
        if over_floor and over_floor > T.SEARCH_FLOOR_RATIO:
            failures.append(f"{over_floor:.1f}× floor > {T.SEARCH_FLOOR_RATIO:.0f}×")
        if speedup is not None and speedup < T.STOCK_SPEEDUP:
            failures.append(f"stock/ours {speedup:.1f}× < {T.STOCK_SPEEDUP:.0f}×")
        peer = T.calibre(size, "search_facet_ms" if key == "facets" else "search_word_ms") if key in ("word", "facets") else "—"
        selections = "".join(f" + {facet}:{value}" for facet, value in ours["selections"])
        rows.append([
            f"Search: {entry['label']} — `{ours['match']}`{selections} ({ours['total']:,} hits)",
            f"p50 ≤ {T.SEARCH_P50_MS:.0f} ms, ≤ {T.SEARCH_FLOOR_RATIO:.0f}× floor, stock ≥ {T.STOCK_SPEEDUP:.0f}× ours",
            f"{_ms(p50)} / {_ms(p95)} (SQL path of `reslib search`: {_ms(_p50(ours.get('sql_path')))})",
            f"{_ms(floor)} (ours {_x(over_floor)})",
            _ms(_p50(entry["like"])),
            f"{_ms(stock)} ({_x(speedup)} ours)" if stock else "—",
            peer,
            _verdict(failures),
        ])
    return rows


def _sort_rows(data: dict[str, Any]) -> list[list[str]]:
    if _broken(data.get("sort")):
        return [_failed("Sort by title / date", f"p50 ≤ {T.SORT_P50_MS:.0f} ms", data.get("sort"))]
    rows = []
    for key, entry in data["sort"].items():
        p50, p95 = entry["ours"]["median_ms"], entry["ours"]["p95_ms"]
        stock = _p50(entry.get("stock"))
        scope = f"“{entry['text']}”" if entry["text"] else "everything"
        failures = [f"p50 {p50:.0f} ms > {T.SORT_P50_MS:.0f} ms"] if p50 > T.SORT_P50_MS else []
        rows.append([
            f"Sort by {entry['sort']}: the GUI's re-sort, first 200 of {scope} ({entry['total']:,})",
            f"p50 ≤ {T.SORT_P50_MS:.0f} ms",
            f"{_ms(p50)} / {_ms(p95)} (SQL page alone: {_ms(_p50(entry.get('sql_page')))})",
            "—", "—",
            f"{_ms(stock)} ({_x(stock / p50 if stock else None)} ours)" if stock else "—",
            "—",
            _verdict(failures),
        ])
    return rows


_MILESTONES = (
    ("interpreter_ms", "interpreter"),
    ("qt_ready_ms", "QApplication"),
    ("imported_ms", "imports"),
    ("library_open_ms", "library open"),
    ("window_shown_ms", "window shown"),
    ("first_paint_ms", "first paint"),
)


def _milestones(median: dict[str, float]) -> str:
    """Medians of the child's milestones, each from launch."""
    return ", ".join(f"{label} {_ms(median[key])}" for key, label in _MILESTONES if key in median)


def _app_rows(size: int, data: dict[str, Any]) -> list[list[str]]:
    cold = data.get("cold_start")
    rows: list[list[str]] = []
    if _broken(cold):
        rows.append(_failed("Cold start, scroll and memory", f"≤ {T.COLD_START_MS / 1000:.1f} s; ≤ {T.RSS_MB:.0f} MB", cold))
    else:
        ours, stock = cold["ours"], cold["stock"]
        start = ours["results_painted_ms"]["median_ms"]
        rows.append([
            "Cold start: launch → first paint of the window with results (offscreen)",
            f"≤ {T.COLD_START_MS / 1000:.1f} s",
            f"{_ms(start)} / max {_ms(ours['results_painted_ms']['max_ms'])} ({_milestones(ours['median'])})",
            f"bare interpreter {_ms(cold['bare_interpreter']['median_ms'])}", "—",
            f"{_ms(stock['results_painted_ms']['median_ms'])} (model load {_ms(stock['median'].get('model_loaded_ms'))})",
            T.calibre(size, "start_ms"),
            _verdict([f"{start / 1000:.2f} s > {T.COLD_START_MS / 1000:.1f} s"] if start > T.COLD_START_MS else []),
        ])
        scroll = ours["scroll_ms"]["median_ms"]
        first = data.get("first_search")
        if not _broken(first):
            rows.append([
                "First search after opening the library (the window's initial query; one-off work included)",
                "(no target)", f"{_ms(first['median_ms'])} / max {_ms(first['max_ms'])}", "—", "—", "—", "—", "info",
            ])
        rows.append([
            f"Scroll: data() of 4 columns for {ours['median'].get('scroll_rows', 0):,.0f} random rows, pages fetched as needed",
            "(no target)",
            f"{_ms(scroll)} (fetching {ours['median'].get('scroll_pages_fetched', 0):,.0f} pages {_ms(ours['scroll_fetch_ms']['median_ms'])}, data() {_ms(ours['scroll_data_ms']['median_ms'])})",
            "—", "—",
            _ms(stock["scroll_ms"]["median_ms"]) + " (all rows in memory)",
            "—", "info",
        ])
        rss = ours["median"]["rss_mib"]
        rows.append([
            "Resident memory after opening and scrolling (VmRSS)",
            f"≤ {T.RSS_MB:.0f} MB ({T.RSS_MIB:.0f} MiB)",
            f"{rss:.0f} MiB (peak {ours['median']['peak_rss_mib']:.0f} MiB)",
            "—", "—",
            f"{stock['median']['rss_mib']:.0f} MiB (peak {stock['median']['peak_rss_mib']:.0f} MiB)",
            T.calibre(size, "rss_mib"),
            _verdict([f"{rss:.0f} MiB > {T.RSS_MIB:.0f} MiB"] if rss > T.RSS_MIB else []),
        ])
    typing = data.get("typing")
    if _broken(typing):
        rows.append(_failed("Longest GUI-thread stall while typing", f"≤ {T.STALL_MS:.0f} ms", typing))
    else:
        worst = typing["max_lateness_ms"]
        rows.append([
            f"Longest GUI-thread stall while typing 10 characters ({len(typing['runs'])} runs, 5 ms timer)",
            f"≤ {T.STALL_MS:.0f} ms",
            f"max {_ms(worst)}, p99 {_ms(typing['p99_lateness_ms'])}, median of run maxima {_ms(typing['median_max_lateness_ms'])}",
            "—", "—", "—",
            f"{T.calibre(size, 'type_enter_idle_ms')} (type + Enter until idle)" if size in T.CALIBRE else "—",
            _verdict([f"{worst:.0f} ms > {T.STALL_MS:.0f} ms"] if worst > T.STALL_MS else []),
        ])
        rows.append([
            "Results of the final text shown, after the last key (debounce included)",
            "(no target)", _ms(typing["results_after_last_key_ms"]), "—", "—", "—", "—", "info",
        ])
    stock_load = data.get("stock_load_ms")
    if stock_load:
        peer = f"stock PySide6 {T.STOCK_QT_100K['load_ms'] / 1000:.1f} s" if size == 100_000 else "—"
        rows.append(["Stock model: load all rows into QStandardItemModel (in-process)", "(reference)", "—", "—", "—",
                     _ms(stock_load), peer, "info"])
    return rows


def _table(rows: list[list[str]]) -> list[str]:
    header = ["Figure", "Target (at 100k)", "Ours p50 / p95", "FTS5 floor", "LIKE scan", "Stock Qt", "Peer (ANCHORS §0)", "Pass?"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return lines


def _breakdown(data: dict[str, Any]) -> list[str]:
    breakdown = data.get("breakdown")
    if _broken(breakdown):
        return []
    sql_ms = sum(statement["median_ms"] for statement in breakdown["statements"])
    lines = [f"Where the slowest search goes: the SQL statements of one `run_search` for *{breakdown['case']}* "
             f"(p50 {_ms(breakdown.get('run_search_ms'))}), each timed alone on a raw sqlite3 connection (p50; "
             f"{_ms(sql_ms)} in SQL, the rest is Python/numpy), with `EXPLAIN QUERY PLAN`:", ""]
    for statement in breakdown["statements"]:
        lines.append(f"- **{_ms(statement['median_ms'])}** `{statement['sql']}`  ")
        lines.append(f"  plan: {' → '.join(statement['plan'])}")
    return lines + [""]


def _extras(extras: dict[str, Any]) -> list[str]:
    lines = ["## Size-independent figures", ""]
    pdf = extras.get("qtpdf_first_page", {})
    if "median_ms" in pdf:
        lines.append(f"- QtPdf time to first rendered page ({pdf['pdf']}, {pdf['pages']} pages, page 0 at "
                     f"{pdf['width_px']} px wide, load + render): p50 {_ms(pdf['median_ms'])}, p95 {_ms(pdf['p95_ms'])}")
    for key, title in (("text_extraction", "Text extraction"), ("download", "Download over loopback"),
                       ("import", "`reslib import` of generated JSON records"), ("bundle", "Bundle export/import")):
        entry = extras.get(key)
        if entry is None:
            continue
        if key == "text_extraction" and "pages" in entry:
            ours = f"ours {entry['ours_pages_per_s']:.0f} pages/s" if "ours_pages_per_s" in entry else entry.get("skipped", "")
            lines.append(f"- {title} ({entry['pdf']}, {entry['pages']} pages): {ours}; plain pypdfium2 "
                         f"{entry['pypdfium2_pages_per_s']:.0f} pages/s")
        elif key == "download" and "ours_mb_per_s" in entry:
            lines.append(f"- {title} ({entry['bytes'] / 1e6:.0f} MB, fsync'd, sha256'd): ours "
                         f"{entry['ours_mb_per_s']:.0f} MB/s; plain urllib {entry['urllib_mb_per_s']:.0f} MB/s; "
                         f"file copy + fsync {entry['file_copy_mb_per_s']:.0f} MB/s")
        elif key == "import" and "records_per_s" in entry:
            lines.append(f"- {title}: {entry['records']:,} records in {entry['seconds']:.1f} s "
                         f"({entry['records_per_s']:,.0f} records/s) — `{entry['command']}`")
        elif key == "bundle" and "seconds" in entry.get("export", {}):
            export, imported = entry["export"], entry["import"]
            size = f"{entry['bundle_bytes'] / 1e6:.0f} MB" if entry.get("bundle_bytes") else "?"
            done = f"import into a new library {imported['seconds']:.1f} s" if "seconds" in imported else f"import: {imported}"
            lines.append(f"- {title} of the largest library: export {export['seconds']:.1f} s ({size}), {done} — "
                         f"`{export['command']}`")
        elif "skipped" in entry:
            lines.append(f"- {title}: skipped — {entry['skipped']}")
        else:
            lines.append(f"- {title}: `{json.dumps(entry)[:600]}`")
    return lines + [""]


def _summary(document: dict[str, Any]) -> list[str]:
    sizes = sorted(document["sizes"], key=int)
    size = sizes[-1]
    data = document["sizes"][size]
    lines = [f"## Targets at {int(size):,} resources", ""]
    checks: list[tuple[str, str]] = []
    for row in _search_rows(int(size), data) + _sort_rows(data) + _app_rows(int(size), data):
        if row[-1] != "info":
            checks.append((row[0].split(" — ")[0].split(" (")[0], row[-1]))
    failed = [name for name, verdict in checks if verdict.startswith("**FAIL")]
    lines.append(f"{len(checks) - len(failed)} of {len(checks)} target rows pass. "
                 + ("Failing: " + "; ".join(failed) + "." if failed else ""))
    return lines + [""]


def render(document: dict[str, Any]) -> str:
    machine = document["machine"]
    lines = [
        "# Benchmark results",
        "",
        "Written by `python -m bench.run` (method at the end); do not edit by hand.",
        "",
        f"- Date: {machine['date']}; code: {machine.get('git', '?')}",
        f"- Machine: {machine['cpu_model']}, {machine['cores']} cores (os.cpu_count), {machine['memory_gib']:.0f} GiB RAM, {machine['platform']}",
        f"- Python {machine['python']}, PySide6 {machine['pyside6']} (Qt {machine['qt']}), SQLite {machine['sqlite']}, SQLAlchemy {machine['sqlalchemy']}",
        f"- Command: `{document['command']}` ({document['elapsed_s']:.0f} s)",
        "",
    ]
    lines += _summary(document)
    for size, data in sorted(document["sizes"].items(), key=lambda item: int(item[0])):
        library = data["library"]
        lines += [
            f"## {int(size):,} resources",
            "",
            f"Library: `{Path(library['path']).name}` ({library['file_mib']:.0f} MiB; "
            f"{'generated in ' + format(library['generated']['total_s'], '.0f') + ' s' if library.get('generated') else 'cached'}); "
            f"{data['repeat']} timed runs per search/sort figure (after 1 warm-up), {data['stock_repeat']} for stock Qt, "
            f"{data.get('cold_runs', '?')} processes per cold start. 1-minute load average at start / end: "
            + " / ".join(f"{value:.1f}" for value in data.get("load_average", [])) + " on "
            + f"{document['machine']['cores']} cores (other work on the machine shares them; figures are noisier "
            "when it is high).",
            "",
        ]
        lines += _table(_search_rows(int(size), data) + _sort_rows(data) + _app_rows(int(size), data))
        lines.append("")
        lines += _breakdown(data)
    lines += _extras(document.get("extras", {}))
    lines += [line.rstrip() for line in METHOD.splitlines()]
    return "\n".join(lines) + "\n"


METHOD = """## Method

- **Library**: `python -m bench.generate` writes N synthetic resources through `Library.open(create=True)` and
  `ingest.apply.apply_records` (chunks of 2,000, one transaction), so schema, sort keys and the FTS index are the
  app's own. Vocabulary: the shipped library's words by frequency, ~500 field words and generated rare words
  (4,000 in all), Zipf-sampled and mixed with real phrases of the shipped text; titles 5–15 words, descriptions
  50–300; 8 types, 40 topics (1–3 each), 5 audiences (0–2), dates 1995–2026 at day/month/year/unknown
  precision, 1–3 attachments. Cached in `bench/out/` by size, seed, schema revision and a digest of the code
  that writes libraries (ingest/apply.py, dates, fts, schema, sort keys), so a change there regenerates it.
- **Ours**: `run_search(library, query, FACETS)` from `gui/search_controller.py`, exactly what the GUI's worker
  runs: total, the first 200 rows, counts of every facet group (the sidebar opens all of them by default) and the
  library total. The query is what `SearchController.set_text` builds from the typed text (so a last word is a
  prefix) plus sidebar selections. Single-threaded, warm OS cache, median and p95 (nearest rank).
- **FTS5 floor**: `SELECT rowid FROM resource_fts WHERE resource_fts MATCH ? ORDER BY rank LIMIT 200` plus
  `SELECT count(*) … MATCH ?` with the same MATCH expression, on a plain sqlite3 connection; no facets or filters.
- **LIKE scan**: `(title LIKE '%w%' OR description LIKE '%w%')` for each word (plus `resource_type = ?` and a topic
  subquery for the facet case): count plus the first 200 ids.
- **Stock Qt**: every row (title, type, date, topics, description) in a `QStandardItemModel`; type and topic
  selections are two chained `QSortFilterProxyModel`s, the text a third with `setFilterKeyColumn(-1)`,
  case-insensitive. Timed: setting the filters (fixed string; a look-ahead regular expression for two words,
  which can only match within one column) + `rowCount()`, from an unfiltered model each run. Sort: `proxy.sort`
  (title case-insensitive; date by a sort-key role) + reading the first 200 rows. It computes no facet counts,
  so the comparison flatters it.
- **Sort (ours)**: what the window runs when a header is clicked: `run_search` with the new order, passing the
  facet counts already shown as `known_facets` (sorting does not change them) when `run_search` accepts them;
  “SQL page alone” is `library.search(query, 0, 200)`, the SQL path's count + ordered page.
- **Cold start**: the parent takes `time.time()` just before `subprocess.run([python, -m, bench.app_child, …])`
  and passes it in argv; the child reports `time.time()` at the first paint event of the results table's
  viewport that shows rows (the real `MainWindow`, `QT_QPA_PLATFORM=offscreen`; the stock program: all rows
  loaded into a `QStandardItemModel` + proxy in a `QTableView`). So the figure includes interpreter start-up and
  every import; `python -c` with no imports is shown as the floor.
- **Scroll and memory**: in the same child, after the first results: `data()` of 4 columns for 10,000 random rows
  (seeded), calling `fetchMore` until the row is loaded as a scrolling view would; then VmRSS / VmHWM from
  `/proc/self/status`. Each program in its own process.
- **Typing stall**: `python -m bench.gui_stall`: the real `MainWindow` on the library, a 5 ms precise `QTimer`
  records how late each tick fires while 10 characters are typed with `QTest.keyClick` into
  `window.search_box.edit` (90–160 ms apart, with a 250–400 ms pause every 3–4 keys so debounced searches run and
  their results arrive mid-typing), all inside `app.exec()`; it ends when the final text's results are shown.
- **Peers**: ANCHORS.md §0 (Calibre 6.13 and stock PySide6 measured on a 2-core machine like this one).
- Re-render this file from the JSON with `python -m bench.report bench/out/results.json`.
"""


def write(document: dict[str, Any], path: Path = RESULTS) -> Path:
    path.write_text(render(document), encoding="utf-8")
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

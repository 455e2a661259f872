"""Raw tantivy: the bare query floor under our engine, with no app code in the timed path.

A tantivy index of the bench library's resources (built once from its SQLite file and cached beside it
in bench/out/, `<library>.raw-tantivy/`), then each search case as the fewest tantivy calls that give
what the window shows: the first 200 ids (by score, or by a date / title fast field), the total, and
facet counts by terms aggregations (one per selected facet, each without its own selection).
Fields follow what the app indexes (title, subtitle, description, topics, attachment labels) with the
FTS5 weights; facets are raw-tokenized text fast fields, as the engine does.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tantivy

from bench.cases import CASES, QueryCase

FORMAT = 1  # bump when the schema or the documents change: a cached index of another format is rebuilt
TOKENIZER = "bench_fold"
TEXT_FIELDS = {"title": 10.0, "subtitle": 6.0, "description": 1.0, "topics": 3.0, "attachments": 4.0}
FACETS = ("type", "topic", "audience", "year")
PAGE = 200
NONE = "\u0000"
_STATE = "bench-raw.json"
_AGGREGATION_SIZE = {"type": 50, "topic": 500, "audience": 500, "year": 200}


def _analyzer() -> tantivy.TextAnalyzer:
    return (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.ascii_fold()).build())


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("rid", stored=False, indexed=True, fast=True)
    for name in TEXT_FIELDS:
        builder.add_text_field(name, stored=False, tokenizer_name=TOKENIZER, index_option="position")
    for name in FACETS:
        builder.add_text_field(name, stored=False, fast=True, tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("date_desc", stored=False, indexed=False, fast=True)  # date << 32 | id
    builder.add_text_field("title_key", stored=False, fast=True, tokenizer_name="raw", index_option="basic")
    return builder.build()


def _open(directory: Path) -> tantivy.Index:
    index = tantivy.Index.open(str(directory))
    index.register_tokenizer(TOKENIZER, _analyzer())
    return index


def index_dir(db: Path) -> Path:
    return db.with_name(db.name + ".raw-tantivy")


_RESOURCES = """
SELECT r.id, r.title, COALESCE(r.subtitle, ''), r.description, COALESCE(r.resource_type, ''),
       COALESCE(r.published_sort, ''), r.title_sort
FROM resources r ORDER BY r.id
"""
_NAMES = {
    "topics": "SELECT rt.resource_id, t.name FROM resource_topics rt JOIN topics t ON t.id = rt.topic_id ORDER BY 1",
    "audiences": "SELECT ra.resource_id, a.name FROM resource_audiences ra "
    "JOIN audiences a ON a.id = ra.audience_id ORDER BY 1",
    "attachments": "SELECT resource_id, label FROM attachments ORDER BY resource_id, position",
}


def _grouped(connection: sqlite3.Connection, sql: str) -> Iterator[tuple[int, list[str]]]:
    """(resource id, its names) in id order, from rows ordered by id."""
    current, names = None, []
    for resource_id, name in connection.execute(sql):
        if resource_id != current:
            if current is not None:
                yield current, names
            current, names = resource_id, []
        names.append(name)
    if current is not None:
        yield current, names


def _documents(db: Path) -> Iterator[tantivy.Document]:
    connections = [sqlite3.connect(f"file:{db}?mode=ro", uri=True) for _ in range(4)]
    try:
        groups = {key: _grouped(connection, sql) for (key, sql), connection in zip(_NAMES.items(), connections[1:])}
        pending = {key: next(group, None) for key, group in groups.items()}

        def names_of(key: str, resource_id: int) -> list[str]:
            found = pending[key]
            while found is not None and found[0] < resource_id:
                found = pending[key] = next(groups[key], None)
            return found[1] if found is not None and found[0] == resource_id else []

        for rid, title, subtitle, description, kind, published, title_sort in connections[0].execute(_RESOURCES):
            topics, audiences = names_of("topics", rid), names_of("audiences", rid)
            date = int(published.replace("-", "")) if published else 0
            yield tantivy.Document(
                rid=rid, title=title, subtitle=subtitle, description=description, topics=" ; ".join(topics),
                attachments=" ; ".join(names_of("attachments", rid)), type=kind or NONE,
                topic=topics, audience=audiences, year=published[:4] or NONE,
                date_desc=(date << 32) | rid, title_key=f"{title_sort}\u0000{rid:012d}",
            )
    finally:
        for connection in connections:
            connection.close()


def build(db: Path, directory: Path | None = None) -> dict[str, Any]:
    """Index every resource of the library (1 writer thread, one commit); seconds and documents."""
    directory = directory or index_dir(db)
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    started = time.perf_counter()
    index = tantivy.Index(_schema(), path=str(directory))
    index.register_tokenizer(TOKENIZER, _analyzer())
    writer = index.writer(200_000_000, 1)
    count = 0
    for document in _documents(db):
        writer.add_document(document)
        count += 1
    writer.commit()
    writer.wait_merging_threads()
    seconds = time.perf_counter() - started
    facts = {"format": FORMAT, "documents": count, "build_s": seconds, "records_per_s": count / seconds}
    (directory / _STATE).write_text(json.dumps(facts), encoding="utf-8")
    return facts


def build_rate(db: Path) -> dict[str, Any]:
    """Records/s of building a raw index of the library into a temporary folder (the floor under import)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="reslib-bench-raw-", dir=db.parent) as folder:
        return build(db, Path(folder) / "index")


def cached_index(db: Path) -> dict[str, Any]:
    """The cached raw index of a library (built first when missing or of another format): its build facts."""
    directory = index_dir(db)
    try:
        facts = json.loads((directory / _STATE).read_text(encoding="utf-8"))
        if facts.get("format") == FORMAT:
            return {**facts, "cached": True}
    except (OSError, ValueError):
        pass
    return {**build(db, directory), "cached": False}


@dataclass
class RawSearch:
    """An open raw index: a searcher and the parsed queries of the cases."""

    index: tantivy.Index
    searcher: tantivy.Searcher
    schema: tantivy.Schema

    @classmethod
    def open(cls, db: Path) -> RawSearch:
        index = _open(index_dir(db))
        return cls(index, index.searcher(), index.schema)

    # --- queries -------------------------------------------------------------------------------
    def text_query(self, case: QueryCase) -> tantivy.Query:
        """The case's words as tantivy queries; the last word of a plain query is a prefix (as typed)."""
        words = case.text.split()
        if case.text.startswith('"'):
            return self.index.parse_query(case.text, default_field_names=list(TEXT_FIELDS), field_boosts=TEXT_FIELDS)
        clauses = [(tantivy.Occur.Must, self._word(word)) for word in words[:-1]]
        clauses.append((tantivy.Occur.Must, self._prefix(words[-1])))
        return clauses[0][1] if len(clauses) == 1 else tantivy.Query.boolean_query(clauses)

    def _word(self, word: str) -> tantivy.Query:
        return self.index.parse_query(word, default_field_names=list(TEXT_FIELDS), field_boosts=TEXT_FIELDS)

    def _prefix(self, stem: str) -> tantivy.Query:
        return tantivy.Query.boolean_query([
            (tantivy.Occur.Should,
             tantivy.Query.boost_query(tantivy.Query.phrase_prefix_query(self.schema, field, [stem]), boost))
            for field, boost in TEXT_FIELDS.items()
        ])

    def _filtered(self, text: tantivy.Query | None, selections: tuple[tuple[str, str], ...],
                  skip: str | None = None) -> tantivy.Query:
        clauses = [(tantivy.Occur.Must, text)] if text is not None else []
        for facet, value in selections:
            if facet != skip:
                clauses.append((tantivy.Occur.Must, tantivy.Query.term_query(self.schema, facet, value)))
        if not clauses:
            return tantivy.Query.all_query()
        return clauses[0][1] if len(clauses) == 1 else tantivy.Query.boolean_query(clauses)

    # --- what the window needs -----------------------------------------------------------------
    def _page(self, query: tantivy.Query, order: str | None) -> tuple[int, list[int]]:
        if order is None:
            result = self.searcher.search(query, PAGE, count=True)
        elif order == "title":
            result = self.searcher.search(query, PAGE, count=True, order_by_field="title_key", order=tantivy.Order.Asc)
        else:
            result = self.searcher.search(query, PAGE, count=True, order_by_field="date_desc")
        ids = self.searcher.fast_field_values("rid", [address for _key, address in result.hits])
        return result.count, ids

    def _facets(self, text: tantivy.Query | None, selections: tuple[tuple[str, str], ...]) -> dict[str, Any]:
        aggregations = {facet: {"terms": {"field": facet, "size": _AGGREGATION_SIZE[facet]}} for facet in FACETS}
        selected = {facet for facet, _value in selections}
        counts = self.searcher.aggregate(self._filtered(text, selections), {
            facet: aggregations[facet] for facet in FACETS if facet not in selected
        }) if len(selected) < len(FACETS) else {}
        for facet in selected:  # each selected facet counted without its own selection
            counts.update(self.searcher.aggregate(self._filtered(text, selections, skip=facet),
                                                  {facet: aggregations[facet]}))
        return counts

    def search(self, case: QueryCase, order: str | None = None, facets: bool = True) -> dict[str, Any]:
        """Total, first 200 ids and (with `facets`) the facet counts of a case."""
        text = self.text_query(case) if case.text else None
        total, ids = self._page(self._filtered(text, case.selections), order if text is not None else (order or "date"))
        counted = self._facets(text, case.selections) if facets else {}
        return {"total": total, "ids": ids, "facet_groups": len(counted)}


def first_search(db: Path) -> dict[str, Any]:
    """Open the index and run the window's first search (everything, newest first, with facet counts)."""
    raw = RawSearch.open(db)
    return raw.search(QueryCase("all", "everything", ""), order="date")


def case_by_key(key: str) -> QueryCase:
    return next(case for case in CASES if case.key == key)


def _cli(argv: list[str]) -> int:
    """`python -m bench.raw_tantivy DB WORDS...`: the floor under `reslib search` — open the raw index,
    the total and the best 20, their titles read from SQLite, printed."""
    db, words = Path(argv[0]), " ".join(argv[1:])
    raw = RawSearch.open(db)
    query = raw.index.parse_query(words, default_field_names=list(TEXT_FIELDS), field_boosts=TEXT_FIELDS,
                                  conjunction_by_default=True)
    result = raw.searcher.search(query, 20, count=True)
    ids = raw.searcher.fast_field_values("rid", [address for _score, address in result.hits])
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    titles = dict(connection.execute(f"SELECT id, title FROM resources WHERE id IN ({','.join(map(str, ids)) or 0})"))
    print(f"{result.count} resources")
    for rid in ids:
        print(f"- {titles.get(rid, '?')}")
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(_cli(sys.argv[1:]))

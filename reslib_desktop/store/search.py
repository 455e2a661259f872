"""A `SearchQuery` as SQL: total, one page of rows, and facet counts (SQLite FTS5): the reference the
search engine is tested against (and the bench's FTS5 comparison), not the app's search path.

The words are matched in an FTS5 index built on demand in the connection's TEMP schema (store/fts.py),
never in the library file; an index the caller attached (a side file of the same library) is used as is.
Also the row and facet types the app's search returns. Every value reaches SQL as a bound parameter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, text

from reslib_desktop.store.database import sqlite_connection
from reslib_desktop.store.fts import RESOURCE_TABLE, bm25_expression, build_resource_index
from reslib_desktop.store.query import FACETS, FacetValue, SearchQuery, SortKey
from reslib_desktop.store.querylang import year_span
from reslib_desktop.store.resource_reads import OFFLINE_IDS
from reslib_desktop.textnorm import fold


@dataclass(frozen=True)
class ResourceRow:
    """One row of the results table."""

    id: int
    uid: str
    title: str
    subtitle: str | None
    resource_type: str | None
    published: date | None
    published_precision: str
    attachment_count: int
    cached_count: int = 0  # attachments available offline

    @property
    def offline(self) -> bool:
        """Every attachment is in the offline cache."""
        return self.attachment_count > 0 and self.cached_count == self.attachment_count


class _Sql:
    """WHERE clauses and their parameters, built up for one statement."""

    def __init__(self) -> None:
        self.where: list[str] = []
        self.params: dict[str, object] = {}

    def param(self, value: object) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def values(self, values: frozenset[str]) -> str:
        return ", ".join(self.param(v) for v in sorted(values))


# Resources whose attachments are all cached (and that have at least one): "available offline".
# Driven by the (small) set of cached attachments, so it costs little in a big library.
COLLECTION_MEMBERS = (
    "SELECT ci.resource_id FROM collection_items ci JOIN collections c ON c.id = ci.collection_id WHERE c.name = :name"
)
_POSITION = (
    "(SELECT ci.position FROM collection_items ci JOIN collections c ON c.id = ci.collection_id "
    "WHERE c.name = {name} AND ci.resource_id = r.id)"
)

_FACET_IN = {
    "topic": "r.id IN (SELECT rt.resource_id FROM resource_topics rt JOIN topics t ON t.id = rt.topic_id "
    "WHERE t.name IN ({values}))",
    "audience": "r.id IN (SELECT ra.resource_id FROM resource_audiences ra JOIN audiences a ON a.id = ra.audience_id "
    "WHERE a.name IN ({values}))",
    "type": "COALESCE(r.resource_type, '') IN ({values})",
    "year": "substr(COALESCE(r.published_sort, ''), 1, 4) IN ({values})",
    "offline": f"(CASE WHEN r.id IN ({OFFLINE_IDS}) THEN 'yes' ELSE 'no' END) IN ({{values}})",
}


def _year_bound(value: str, upper: bool) -> str:
    """'YYYY' or 'YYYY-MM' as a bound on published_sort ('YYYY-MM-DD' with '00' parts)."""
    if len(value) == 4:
        return f"{int(value) + 1:04d}" if upper else value
    year, month = int(value[:4]), int(value[5:7])
    if upper:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}"


_MARKS_KEY = "reslib.reference_index_marks"


def _attached_index(raw) -> bool:
    for _seq, schema, _file in raw.execute("PRAGMA database_list").fetchall():
        if schema not in ("main", "temp") and raw.execute(
            f"SELECT 1 FROM {schema}.sqlite_master WHERE name = ?", (RESOURCE_TABLE,)
        ).fetchone():
            return True
    return False


def _prepare_index(connection: Connection, query: SearchQuery) -> None:
    """Make `resource_fts` answer for the library as this connection sees it, when the query has words:
    built in TEMP, and built again only when the library changed since (`PRAGMA data_version`: another
    connection's commits; `total_changes`: this one's writes)."""
    # Typed topic:/audience: filters compare names as textnorm.fold does (_folded_names).
    sqlite_connection(connection).create_function("reslib_fold", 1, fold, deterministic=True)
    if not (query.text.match or query.text.exclude):
        return
    raw = sqlite_connection(connection)
    info = connection.connection.info
    if info.get(_MARKS_KEY) == "attached" or (_MARKS_KEY not in info and _attached_index(raw)):
        info[_MARKS_KEY] = "attached"
        return
    if info.get(_MARKS_KEY) == (raw.execute("PRAGMA data_version").fetchone()[0], raw.total_changes):
        return
    own_transaction = not raw.in_transaction
    build_resource_index(raw, "temp")
    if own_transaction:  # committed now, so the caller's rollback keeps it; otherwise built per call
        raw.commit()
        info[_MARKS_KEY] = (raw.execute("PRAGMA data_version").fetchone()[0], raw.total_changes)
    else:
        info.pop(_MARKS_KEY, None)


def _build(query: SearchQuery, skip_facet: str | None = None, with_match: bool = True) -> _Sql:
    sql = _Sql()
    text_query = query.text
    if with_match and text_query.match:
        sql.where.append(
            f"r.id IN (SELECT rowid FROM resource_fts WHERE resource_fts MATCH {sql.param(text_query.match)})"
        )
    for expression in text_query.exclude:
        sql.where.append(
            f"r.id NOT IN (SELECT rowid FROM resource_fts WHERE resource_fts MATCH {sql.param(expression)})"
        )
    for name, values in text_query.filters:
        negative = name.startswith("-")
        facet = name.lstrip("-")
        if facet not in _FACET_IN:
            continue
        if facet == "year":
            clause = _year_spans(sql, values)
        elif facet in ("topic", "audience"):
            clause = _FACET_IN[facet].format(values=_folded_names(sql, facet, values))
        else:
            clause = _FACET_IN[facet].format(values=sql.values(values))
        sql.where.append(f"NOT ({clause})" if negative else clause)
    if text_query.year_from is not None:
        sql.where.append(f"r.published_sort >= {sql.param(f'{text_query.year_from:04d}')}")
    if text_query.year_to is not None:
        sql.where.append(f"r.published_sort < {sql.param(f'{text_query.year_to + 1:04d}')}")
    if query.collection is not None:
        sql.where.append(f"r.id IN ({COLLECTION_MEMBERS.replace(':name', sql.param(query.collection))})")
    if query.date_from:
        sql.where.append(f"r.published_sort >= {sql.param(_year_bound(query.date_from, upper=False))}")
    if query.date_to:
        sql.where.append(f"r.published_sort < {sql.param(_year_bound(query.date_to, upper=True))}")
    for facet, values in query.selections:
        if facet == skip_facet or facet not in _FACET_IN or not values:
            continue
        sql.where.append(_FACET_IN[facet].format(values=sql.values(values)))
    return sql


def _year_spans(sql: _Sql, values: frozenset[str]) -> str:
    """Dated resources in any of these year spans (querylang's year filter values); never NULL, so that
    excluding years keeps the undated resources."""
    spans = []
    for low, high in filter(None, map(year_span, sorted(values))):
        bounds = ([f"r.published_sort >= {sql.param(f'{low:04d}')}"] if low is not None else []) + (
            [f"r.published_sort < {sql.param(f'{high + 1:04d}')}"] if high is not None else [])
        spans.append("(" + " AND ".join(bounds) + ")")
    return f"(r.published_sort IS NOT NULL AND ({' OR '.join(spans)}))" if spans else "0"


def _folded_names(sql: _Sql, facet: str, values: frozenset[str]) -> str:
    """The names of a facet's values equal to one of `values` but for case, accents and punctuation."""
    table = {"topic": "topics", "audience": "audiences"}[facet]
    return f"SELECT name FROM {table} WHERE reslib_fold(name) IN ({sql.values(frozenset(map(fold, values)) - {''})})"


def _where(sql: _Sql) -> str:
    return ("WHERE " + " AND ".join(sql.where)) if sql.where else ""


def count(connection: Connection, query: SearchQuery) -> int:
    """How many resources match."""
    _prepare_index(connection, query)
    sql = _build(query)
    return connection.execute(text(f"SELECT count(*) FROM resources r {_where(sql)}"), sql.params).scalar_one()


_DIRECTION = {True: "DESC", False: "ASC"}


def _order_by(query: SearchQuery, scored: bool, sql: _Sql) -> str:
    descending = query.descending
    direction = _DIRECTION[descending]
    if query.sort is SortKey.POSITION and query.collection is not None:
        # A collection's order; "descending" is its natural order (first member first).
        position = _POSITION.format(name=sql.param(query.collection))
        return f"{position} {_DIRECTION[not descending]}, r.id {_DIRECTION[not descending]}"
    if query.sort is SortKey.RELEVANCE and scored:
        # bm25 is lower-is-better: "descending" relevance means best first.
        return f"m.score {_DIRECTION[not descending]}, r.published_sort DESC NULLS LAST, r.id DESC"
    if query.sort is SortKey.TITLE:
        return f"r.title_sort {direction}, r.id {direction}"
    if query.sort is SortKey.TYPE:
        return f"r.resource_type {direction} NULLS LAST, r.title_sort ASC, r.id ASC"
    # DATE, and RELEVANCE without words: newest first, undated last either way.
    return f"r.published_sort {direction} NULLS LAST, r.id {direction}"


_ROW_COLUMNS = (
    "r.id, r.uid, r.title, r.subtitle, r.resource_type, r.published, r.published_precision, "
    "(SELECT count(*) FROM attachments a WHERE a.resource_id = r.id), "
    # Counted over the resource's own attachments: with `a.cache_state = 'cached'` in the WHERE, SQLite (no
    # statistics) looked up every cached attachment of the library for each row, 5.8 s a page when all are.
    "(SELECT coalesce(sum(a.cache_state = 'cached'), 0) FROM attachments a WHERE a.resource_id = r.id)"
)


def _row(values) -> ResourceRow:
    return ResourceRow(
        id=values[0],
        uid=values[1],
        title=values[2],
        subtitle=values[3],
        resource_type=values[4],
        published=date.fromisoformat(values[5]) if isinstance(values[5], str) else values[5],
        published_precision=values[6],
        attachment_count=values[7],
        cached_count=values[8],
    )


def rows_by_ids(connection: Connection, ids: Sequence[int]) -> list[ResourceRow]:
    """Rows for ids, in the order given."""
    found: dict[int, ResourceRow] = {}
    # Straight to sqlite3: each page's statement is new, so SQLAlchemy's compiled cache would only fill up
    # with one-off entries (~10 objects each, kept until 500 push them out).
    raw = sqlite_connection(connection)
    for start in range(0, len(ids), 500):
        chunk = ", ".join(str(int(i)) for i in ids[start : start + 500])
        for values in raw.execute(f"SELECT {_ROW_COLUMNS} FROM resources r WHERE r.id IN ({chunk})"):
            found[values[0]] = _row(values)
    return [found[i] for i in ids if i in found]


def page(connection: Connection, query: SearchQuery, offset: int, limit: int) -> list[ResourceRow]:
    """One page of matching rows in the query's order."""
    _prepare_index(connection, query)
    scored = bool(query.text.match) and query.sort is SortKey.RELEVANCE
    sql = _build(query, with_match=not scored)
    join = ""
    if scored:
        join = (
            f"JOIN (SELECT rowid AS id, {bm25_expression()} AS score FROM resource_fts "
            f"WHERE resource_fts MATCH {sql.param(query.text.match)}) m ON m.id = r.id"
        )
    statement = text(
        f"SELECT {_ROW_COLUMNS} FROM resources r {join} {_where(sql)} ORDER BY {_order_by(query, scored, sql)} "
        f"LIMIT {sql.param(int(limit))} OFFSET {sql.param(int(offset))}"
    )
    return [_row(values) for values in connection.execute(statement, sql.params)]


_FACET_COUNT_SQL = {
    "type": "SELECT COALESCE(r.resource_type, '') AS v, count(*) FROM resources r {where} GROUP BY v",
    "year": "SELECT substr(COALESCE(r.published_sort, ''), 1, 4) AS v, count(*) FROM resources r {where} GROUP BY v",
    "topic": "SELECT t.name, count(*) FROM resource_topics rt JOIN topics t ON t.id = rt.topic_id "
    "JOIN resources r ON r.id = rt.resource_id {where} GROUP BY t.name",
    "audience": "SELECT a.name, count(*) FROM resource_audiences ra JOIN audiences a ON a.id = ra.audience_id "
    "JOIN resources r ON r.id = ra.resource_id {where} GROUP BY a.name",
    "offline": f"SELECT CASE WHEN r.id IN ({OFFLINE_IDS}) THEN 'yes' ELSE 'no' END AS v, count(*) "
    "FROM resources r {where} GROUP BY v",
}


def facet_counts(
    connection: Connection, query: SearchQuery, facets: tuple[str, ...] = FACETS
) -> dict[str, list[FacetValue]]:
    """Counts per facet value over the query with that facet's own selection left out.

    Values are sorted by count (then by value); selected values always appear,
    with a count of 0 if nothing matches them any more.
    """
    _prepare_index(connection, query)
    result: dict[str, list[FacetValue]] = {}
    for facet in facets:
        sql = _build(query, skip_facet=facet)
        rows = connection.execute(text(_FACET_COUNT_SQL[facet].format(where=_where(sql))), sql.params).all()
        counts = {value: number for value, number in rows}
        for selected in query.selected(facet):
            counts.setdefault(selected, 0)
        if facet == "offline":
            ordered = sorted(counts.items(), key=lambda item: item[0] != "yes")
        elif facet == "year":
            # Newest year first; "no date" ('') last.
            ordered = sorted(counts.items(), key=lambda item: item[0] or "0000", reverse=True)
        else:
            ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))
        result[facet] = [FacetValue(value, number) for value, number in ordered]
    return result


# Markers around matched words in snippets (private-use characters: never in real text).
MARK_START, MARK_END = "\ue000", "\ue001"

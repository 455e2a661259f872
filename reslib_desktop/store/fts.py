"""SQLite FTS5 beside the search engine: the page index of attachment text, and a resource-level index
built on demand outside the library file.

- `page_fts` lives in the library (external content on `attachment_pages`, kept by triggers made in the
  migrations): it says which page of an attachment matched (pdf/matches.py).
- The resource-level index (`resource_fts`) is no longer part of a library (search reads the tantivy
  index; migration 0006 dropped it). `build_resource_index` makes one in another schema of a
  connection (a TEMP table, or an attached side file) for the SQL reference (store/search.py) and the
  bench's frozen FTS5 comparison; it is never written into the user's file.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import Connection, text

# Column -> BM25 weight: title and subtitle rank above body text (the engine's fields keep these weights).
FTS_COLUMNS: dict[str, float] = {
    "title": 10.0,
    "subtitle": 6.0,
    "description": 1.0,
    "topics": 3.0,
    "attachments": 4.0,
    "body": 0.5,  # the text inside cached attachments
}
RESOURCE_TABLE = "resource_fts"

# What the resource-level index holds of each resource, read from the library's tables (schema `main`).
_SOURCE = """
SELECT r.id,
       r.title,
       COALESCE(r.subtitle, ''),
       r.description,
       COALESCE((SELECT group_concat(t.name, ' ; ') FROM main.resource_topics rt
                 JOIN main.topics t ON t.id = rt.topic_id WHERE rt.resource_id = r.id), ''),
       COALESCE((SELECT group_concat(a.label, ' ; ') FROM main.attachments a
                 WHERE a.resource_id = r.id), ''),
       COALESCE((SELECT group_concat(p.text, ' ') FROM main.attachments a
                 JOIN main.attachment_pages p ON p.attachment_id = a.id
                 WHERE a.resource_id = r.id), '')
FROM main.resources r
"""


def bm25_expression() -> str:
    """`bm25(resource_fts, w1, w2, ...)` with the weights above (lower is better)."""
    return f"bm25({RESOURCE_TABLE}, " + ", ".join(str(w) for w in FTS_COLUMNS.values()) + ")"


def build_resource_index(connection: sqlite3.Connection, schema: str) -> None:
    """(Re)make `<schema>.resource_fts` from the library in `main`: contentless (MATCH, rowid and bm25
    only), the tokenizer and prefixes the library's index had. `schema` is 'temp' or an attached file."""
    connection.execute(f"DROP TABLE IF EXISTS {schema}.{RESOURCE_TABLE}")
    connection.execute(
        f"CREATE VIRTUAL TABLE {schema}.{RESOURCE_TABLE} USING fts5({', '.join(FTS_COLUMNS)}, content='', "
        "tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')"
    )
    connection.execute(f"INSERT INTO {schema}.{RESOURCE_TABLE}(rowid, {', '.join(FTS_COLUMNS)}) {_SOURCE}")


def rebuild_page_index(connection: Connection) -> None:
    """Rebuild the page index from `attachment_pages` (repairs a damaged one): FTS5's 'rebuild' discards
    the index's own data and reads everything again from the table it indexes."""
    if connection.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'page_fts'")).first():
        connection.execute(text("INSERT INTO page_fts(page_fts) VALUES ('rebuild')"))


def check_page_index(connection: Connection) -> None:
    """Raise if the page index disagrees with its content (FTS5 integrity-check)."""
    connection.execute(text("INSERT INTO page_fts(page_fts, rank) VALUES ('integrity-check', 1)"))

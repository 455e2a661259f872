"""The full-text index: an FTS5 table with external content from a view over the library.

The store keeps it in step: `remove_from_index` before a resource changes and
`add_to_index` after, in the same transaction. Columns and their BM25 weights
are defined here once.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, text

# Column -> BM25 weight: title and subtitle rank above body text.
FTS_COLUMNS: dict[str, float] = {
    "title": 10.0,
    "subtitle": 6.0,
    "description": 1.0,
    "topics": 3.0,
    "attachments": 4.0,
    "body": 0.5,  # the text inside cached attachments
}

CREATE_SOURCE_VIEW = """
CREATE VIEW resource_fts_source AS
SELECT r.id AS id,
       r.title AS title,
       COALESCE(r.subtitle, '') AS subtitle,
       r.description AS description,
       COALESCE((SELECT group_concat(t.name, ' ; ') FROM resource_topics rt
                 JOIN topics t ON t.id = rt.topic_id WHERE rt.resource_id = r.id), '') AS topics,
       COALESCE((SELECT group_concat(a.label, ' ; ') FROM attachments a
                 WHERE a.resource_id = r.id), '') AS attachments,
       COALESCE((SELECT group_concat(p.text, ' ') FROM attachments a
                 JOIN attachment_pages p ON p.attachment_id = a.id
                 WHERE a.resource_id = r.id), '') AS body
FROM resources r
"""

CREATE_FTS_TABLE = f"""
CREATE VIRTUAL TABLE resource_fts USING fts5(
    {", ".join(FTS_COLUMNS)},
    content='resource_fts_source',
    content_rowid='id',
    tokenize='unicode61 remove_diacritics 2',
    prefix='2 3 4'
)
"""

CREATE_VOCABULARY = "CREATE VIRTUAL TABLE resource_fts_vocab USING fts5vocab(resource_fts, 'row')"

# Page-level index of attachment text: says which attachment and page matched.
CREATE_PAGE_FTS = """
CREATE VIRTUAL TABLE page_fts USING fts5(
    text,
    content='attachment_pages',
    content_rowid='id',
    tokenize='unicode61 remove_diacritics 2',
    prefix='2 3 4'
)
"""
PAGE_FTS_TRIGGERS = [
    """CREATE TRIGGER attachment_pages_ai AFTER INSERT ON attachment_pages BEGIN
        INSERT INTO page_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER attachment_pages_ad AFTER DELETE ON attachment_pages BEGIN
        INSERT INTO page_fts(page_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER attachment_pages_au AFTER UPDATE ON attachment_pages BEGIN
        INSERT INTO page_fts(page_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO page_fts(rowid, text) VALUES (new.id, new.text);
    END""",
]

DROP_ALL = [
    "DROP TABLE IF EXISTS resource_fts_vocab",
    "DROP TABLE IF EXISTS resource_fts",
    "DROP VIEW IF EXISTS resource_fts_source",
]

_COLUMN_LIST = ", ".join(FTS_COLUMNS)


def bm25_expression() -> str:
    """`bm25(resource_fts, w1, w2, ...)` with the weights above (lower is better)."""
    return "bm25(resource_fts, " + ", ".join(str(w) for w in FTS_COLUMNS.values()) + ")"


def _chunks(ids: list[int], size: int = 500) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def remove_from_index(connection: Connection, resource_ids: Iterable[int]) -> None:
    """Remove resources from the index, reading the values it indexed from the view."""
    for chunk in _chunks(sorted(set(resource_ids))):
        marks = ", ".join(str(int(i)) for i in chunk)
        connection.execute(
            text(
                f"INSERT INTO resource_fts(resource_fts, rowid, {_COLUMN_LIST}) "
                f"SELECT 'delete', id, {_COLUMN_LIST} FROM resource_fts_source WHERE id IN ({marks})"
            )
        )


def add_to_index(connection: Connection, resource_ids: Iterable[int]) -> None:
    """Index resources as they are now."""
    for chunk in _chunks(sorted(set(resource_ids))):
        marks = ", ".join(str(int(i)) for i in chunk)
        connection.execute(
            text(
                f"INSERT INTO resource_fts(rowid, {_COLUMN_LIST}) "
                f"SELECT id, {_COLUMN_LIST} FROM resource_fts_source WHERE id IN ({marks})"
            )
        )


def rebuild_index(connection: Connection) -> None:
    """Rebuild the whole index from the view (after bulk loads)."""
    connection.execute(text("INSERT INTO resource_fts(resource_fts) VALUES ('rebuild')"))


def check_index(connection: Connection) -> None:
    """Raise if the index disagrees with its content (FTS5 integrity-check)."""
    connection.execute(text("INSERT INTO resource_fts(resource_fts, rank) VALUES ('integrity-check', 1)"))


def rebuild_all_indexes(connection: Connection) -> None:
    """Rebuild every full-text index (resources, and attachment pages where present) from the library.

    Repairs a damaged index: FTS5's 'rebuild' discards the index's own data and
    reads everything again from the tables it indexes.
    """
    rebuild_index(connection)
    if connection.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'page_fts'")).first():
        connection.execute(text("INSERT INTO page_fts(page_fts) VALUES ('rebuild')"))

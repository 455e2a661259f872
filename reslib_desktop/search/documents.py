"""Resources read from SQLite as search documents (the text of every indexed field), a chunk at a time."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from reslib_desktop.textnorm import nfc

_RESOURCES = (
    "SELECT id, title, COALESCE(subtitle, ''), COALESCE(description, ''), COALESCE(resource_type, ''), "
    "COALESCE(published_sort, ''), title_sort FROM resources WHERE {where} ORDER BY id"
)
_SEPARATOR = "\x1f"  # joins names in SQL; never inside a name
_TOPICS = (
    "SELECT rt.resource_id, group_concat(t.name, char(31)) FROM resource_topics rt JOIN topics t ON t.id = rt.topic_id "
    "WHERE {where} GROUP BY rt.resource_id"
)
_AUDIENCES = (
    "SELECT ra.resource_id, group_concat(a.name, char(31)) FROM resource_audiences ra "
    "JOIN audiences a ON a.id = ra.audience_id WHERE {where} GROUP BY ra.resource_id"
)
_LABELS = "SELECT resource_id, group_concat(label, char(31)) FROM attachments WHERE {where} GROUP BY resource_id"
_BODY = (
    "SELECT a.resource_id, group_concat(p.text, ' ') FROM attachments a "
    "JOIN attachment_pages p ON p.attachment_id = a.id WHERE {where} GROUP BY a.resource_id"
)
# Available offline: at least one attachment, and every one of them in the offline cache.
_OFFLINE = (
    "SELECT resource_id FROM attachments WHERE {where} GROUP BY resource_id HAVING min(cache_state = 'cached') = 1"
)
_CHUNK = 2000


@dataclass(frozen=True)
class SearchDocument:
    resource_id: int
    title: str
    subtitle: str
    description: str
    attachment_labels: tuple[str, ...]  # in their order
    body: str
    resource_type: str  # '' when not given
    published_sort: str  # 'YYYY-MM-DD' with '00' for unknown parts; '' when undated
    title_sort: str
    topic_names: tuple[str, ...]
    audience_names: tuple[str, ...]
    offline: bool  # every attachment (at least one) is in the offline cache

    def values(self) -> dict[str, tuple[str, ...]]:
        """The searchable text by field, in NFC (as queries are: E + U+0301 and É are one letter), each topic
        and attachment label a value of its own."""
        return {
            "title": (nfc(self.title),),
            "subtitle": (nfc(self.subtitle),),
            "description": (nfc(self.description),),
            "topics": tuple(map(nfc, self.topic_names)),
            "attachments": tuple(map(nfc, self.attachment_labels)),
            "body": (nfc(self.body),),
        }

    def text(self) -> dict[str, str]:
        """The searchable text, by field (values joined by ' ; ')."""
        return {field: " ; ".join(values) for field, values in self.values().items()}


def _chunk_documents(connection: sqlite3.Connection, where: str, column: str, params: tuple) -> list[SearchDocument]:
    def grouped(sql: str, column_name: str) -> dict[int, str]:
        return dict(connection.execute(sql.format(where=where.format(column=column_name)), params).fetchall())

    topics = grouped(_TOPICS, "rt.resource_id")
    audiences = grouped(_AUDIENCES, "ra.resource_id")
    labels = grouped(_LABELS, "resource_id")
    body = grouped(_BODY, "a.resource_id")
    offline = {row[0] for row in connection.execute(_OFFLINE.format(where=where.format(column="resource_id")), params)}
    rows = connection.execute(_RESOURCES.format(where=where.format(column="id")), params).fetchall()
    return [
        SearchDocument(
            rid, title, subtitle, description, _labels(labels.get(rid)), body.get(rid, ""), kind, published, title_sort,
            _names(topics.get(rid)), _names(audiences.get(rid)), rid in offline,
        )
        for rid, title, subtitle, description, kind, published, title_sort in rows
    ]


def _names(joined: str | None) -> tuple[str, ...]:
    return tuple(sorted(joined.split(_SEPARATOR))) if joined else ()


def _labels(joined: str | None) -> tuple[str, ...]:
    return tuple(joined.split(_SEPARATOR)) if joined else ()


def all_documents(connection: sqlite3.Connection) -> Iterator[SearchDocument]:
    """Every resource, in id order, read in id ranges (memory stays flat at any library size)."""
    low = -(2**63)
    while True:
        ids = [
            row[0]
            for row in connection.execute("SELECT id FROM resources WHERE id > ? ORDER BY id LIMIT ?", (low, _CHUNK))
        ]
        if not ids:
            return
        yield from _chunk_documents(connection, "{column} BETWEEN ? AND ?", "", (ids[0], ids[-1]))
        low = ids[-1]


def documents_of(connection: sqlite3.Connection, resource_ids: Iterable[int]) -> Iterator[SearchDocument]:
    """The resources among `resource_ids` that exist (deleted ones are simply absent)."""
    ordered = sorted({int(i) for i in resource_ids})
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        marks = ",".join(str(i) for i in chunk)
        yield from _chunk_documents(connection, "{column} IN (" + marks + ")", "", ())

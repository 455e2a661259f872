"""After a pull: which attachments of the changed resources this laptop keeps offline and lacks.

Those of resources in a pinned ("keep offline") collection, those whose file is
pinned, and those already queued; the offline service downloads them
(`Library.sync` does, with the same checks as any download).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine, text

CHUNK = 500

_WANTED = """
SELECT a.id FROM attachments a JOIN resources r ON r.id = a.resource_id
WHERE r.uid IN ({uids}) AND a.url IS NOT NULL AND a.cache_state != 'cached' AND (
    a.cache_state = 'queued'
    OR r.id IN (SELECT ci.resource_id FROM collection_items ci
                JOIN collections c ON c.id = ci.collection_id WHERE c.pinned)
    OR a.sha256 IN (SELECT sha256 FROM cached_files WHERE pinned)
)
"""


def offline_attachments(engine: Engine, uids: Sequence[str]) -> list[int]:
    """Attachment ids of these resources that should be offline and are not."""
    found: list[int] = []
    uids = list(dict.fromkeys(uids))
    with engine.connect() as connection:
        for start in range(0, len(uids), CHUNK):
            chunk = uids[start : start + CHUNK]
            names = ", ".join(f":u{i}" for i in range(len(chunk)))
            found.extend(
                connection.execute(
                    text(_WANTED.format(uids=names)), {f"u{i}": u for i, u in enumerate(chunk)}
                ).scalars()
            )
    return found

"""The search documents of records as `apply.py` stores them, without reading them back from SQLite.

They must equal what `search.documents` reads back after the write (a test holds them equal): the
stored title, subtitle, description, type, date and title key, the attachment labels in their order,
the distinct topic and audience names sorted, and no PDF text (an import extracts none).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

from reslib_desktop.ingest.record import ResourceRecord
from reslib_desktop.ingest.rows import resource_values, stored_label
from reslib_desktop.search.documents import SearchDocument


def documents_of_records(resources: Sequence[tuple[int, ResourceRecord]], now: datetime) -> Iterator[SearchDocument]:
    """The index document of each (resource id, record) once written with that id, in the given order."""
    for resource_id, record in resources:
        values = resource_values(record, now)
        labels = " ; ".join(stored_label(attachment) for attachment in record.attachments)
        yield SearchDocument(
            resource_id=resource_id,
            title=values["title"],
            subtitle=values["subtitle"] or "",
            description=values["description"],
            attachments=labels,
            body="",
            resource_type=values["resource_type"] or "",
            published_sort=values["published_sort"] or "",
            title_sort=values["title_sort"],
            topic_names=tuple(sorted(set(record.topics))),
            audience_names=tuple(sorted(set(record.audiences))),
        )

"""The search documents of records as `apply.py` stores them, without reading them back from SQLite.

They must equal what `search.documents` reads back after the write (a test holds them equal): the
stored title, subtitle, description, type, date and title key, the attachment labels in their order,
the distinct topic and audience names sorted, no PDF text (an import extracts none), and available offline
when every attachment (at least one) is a file the cache holds (the apply stores those as cached).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence

from reslib_desktop.ingest.record import ResourceRecord
from reslib_desktop.ingest.rows import resource_fields, stored_label
from reslib_desktop.search.documents import SearchDocument


def documents_of_records(
    resources: Sequence[tuple[int, ResourceRecord]], cached: Collection[str]
) -> Iterator[SearchDocument]:
    """The index document of each (resource id, record) once written with that id, in the given order;
    `cached`: the sha256 of every file in the offline cache (as the apply reads them)."""
    for resource_id, record in resources:
        (_uid, title, title_sort, _derived, subtitle, description, _published, _precision, _text, published_sort,
         resource_type, _source, _language) = resource_fields(record)
        yield SearchDocument(
            resource_id, title, subtitle or "", description, tuple(map(stored_label, record.attachments)), "",
            resource_type or "", published_sort or "", title_sort, tuple(sorted(set(record.topics))),
            tuple(sorted(set(record.audiences))),
            bool(cached) and bool(record.attachments)
            and all(bool(a.sha256) and a.sha256 in cached for a in record.attachments),
        )

"""The drag-and-drop payload for resources: MIME type `application/x-reslib-resource-ids`, a JSON list of ints."""

from __future__ import annotations

import json
from collections.abc import Iterable

from PySide6.QtCore import QMimeData

RESOURCE_IDS_MIME = "application/x-reslib-resource-ids"


def resource_ids_mime(resource_ids: Iterable[int]) -> QMimeData:
    """Mime data carrying these resource ids (for a results model's mimeData())."""
    mime = QMimeData()
    mime.setData(RESOURCE_IDS_MIME, json.dumps([int(i) for i in resource_ids]).encode("utf-8"))
    return mime


def resource_ids_from(mime: QMimeData | None) -> list[int]:
    """The resource ids a payload carries; [] if it has none or is malformed."""
    if mime is None or not mime.hasFormat(RESOURCE_IDS_MIME):
        return []
    try:
        values = json.loads(bytes(mime.data(RESOURCE_IDS_MIME).data()).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return []
    if not isinstance(values, list):
        return []
    return [v for v in values if isinstance(v, int) and not isinstance(v, bool)]

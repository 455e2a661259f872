"""The text-indexing queue: cached PDFs whose text_state is 'pending' get their pages indexed.

The queue is the database itself (attachments.text_state), so a run that is
stopped or crashes resumes with what is left. Extraction happens outside any
transaction; each attachment's pages are then written in one transaction (the
page index `page_fts` and the search index's outbox follow by triggers).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, delete, insert, select, update

from reslib_desktop.pdf.text import ExtractionCancelled, PdfTextError, extract_text
from reslib_desktop.store.schema import Attachment, AttachmentPage, CachedFile, CacheState, TextState

ConnectionFactory = Callable[[], AbstractContextManager[Connection]]
_A = Attachment.__table__
_P = AttachmentPage.__table__
_F = CachedFile.__table__


@dataclass(frozen=True)
class PendingText:
    attachment_id: int
    resource_id: int
    label: str
    sha256: str
    relative_path: str


@dataclass(frozen=True)
class IndexProgress:
    attachment_id: int
    label: str
    done: int  # attachments finished in this run
    total: int  # attachments to do in this run


@dataclass(frozen=True)
class TextFailure:
    attachment_id: int
    label: str
    reason: str


@dataclass
class IndexReport:
    indexed: list[int] = field(default_factory=list)
    no_text: list[int] = field(default_factory=list)  # scanned, image-only
    failed: list[TextFailure] = field(default_factory=list)
    pages: int = 0  # pages with text written
    cancelled: bool = False
    remaining: int = 0  # still pending when the run ended


def pending(connection: Connection, limit: int | None = None) -> list[PendingText]:
    """Cached attachments waiting for text extraction, oldest id first."""
    statement = (
        select(_A.c.id, _A.c.resource_id, _A.c.label, _A.c.sha256, _F.c.path)
        .join(_F, _F.c.sha256 == _A.c.sha256)
        .where(_A.c.cache_state == CacheState.CACHED, _A.c.text_state == TextState.PENDING)
        .order_by(_A.c.id)
    )
    if limit is not None:
        statement = statement.limit(limit)
    return [PendingText(*values) for values in connection.execute(statement)]


def write_text(
    connection: Connection,
    item: PendingText,
    pages: list[str],
    state: TextState,
    error: str | None,
    page_count: int | None,
) -> None:
    """Replace an attachment's page text and state (the page index and the outbox follow by triggers)."""
    connection.execute(delete(AttachmentPage).where(_P.c.attachment_id == item.attachment_id))
    rows = [
        {"attachment_id": item.attachment_id, "page": number, "text": text}
        for number, text in enumerate(pages, 1)
        if text
    ]
    if rows:
        connection.execute(insert(AttachmentPage), rows)
    connection.execute(
        update(Attachment)
        .where(_A.c.id == item.attachment_id)
        .values(text_state=state, text_error=error, page_count=page_count, text_indexed=state == TextState.INDEXED)
    )


def _same_content_done(connection: Connection, item: PendingText) -> tuple[int, str, str | None, int | None] | None:
    """Another attachment with the same file whose text is already extracted."""
    return connection.execute(
        select(_A.c.id, _A.c.text_state, _A.c.text_error, _A.c.page_count)
        .where(
            _A.c.sha256 == item.sha256,
            _A.c.id != item.attachment_id,
            _A.c.text_state.in_([TextState.INDEXED, TextState.NO_TEXT]),
        )
        .limit(1)
    ).first()


def _pages_of(connection: Connection, attachment_id: int, page_count: int | None) -> list[str]:
    texts = dict(connection.execute(select(_P.c.page, _P.c.text).where(_P.c.attachment_id == attachment_id)).all())
    return [texts.get(number, "") for number in range(1, (page_count or max(texts, default=0)) + 1)]


def _extract(path: Path | None, cancel: threading.Event | None) -> tuple[list[str], TextState, str | None, int | None]:
    if path is None or not path.is_file():
        return [], TextState.FAILED, "the file is missing from the cache", None
    with path.open("rb") as stream:
        if b"%PDF-" not in stream.read(1024):
            return [], TextState.FAILED, "not a PDF", None
    try:
        text = extract_text(path, should_stop=(cancel.is_set if cancel is not None else None))
    except PdfTextError as error:
        return [], TextState.FAILED, error.reason, None
    if not text.has_text:
        return [], TextState.NO_TEXT, None, text.page_count
    return text.pages, TextState.INDEXED, None, text.page_count


def index_pending(
    read: ConnectionFactory,
    write: ConnectionFactory,
    locate: Callable[[str], Path | None],
    progress: Callable[[IndexProgress], None] | None = None,
    cancel: threading.Event | None = None,
    limit: int | None = None,
) -> IndexReport:
    """Extract and index the text of pending cached PDFs; `locate` maps a stored path to a file."""
    report = IndexReport()
    with read() as connection:
        queue = pending(connection, limit)
    for done, item in enumerate(queue):
        if cancel is not None and cancel.is_set():
            report.cancelled = True
            break
        with read() as connection:
            twin = _same_content_done(connection, item)
            copied = _pages_of(connection, twin[0], twin[3]) if twin is not None else None
        if twin is not None and copied is not None:
            pages, state, error, page_count = copied, TextState(twin[1]), twin[2], twin[3]
        else:
            try:
                pages, state, error, page_count = _extract(locate(item.relative_path), cancel)
            except ExtractionCancelled:
                report.cancelled = True
                break
        with write() as connection:
            still_pending = connection.scalar(
                select(_A.c.id).where(
                    _A.c.id == item.attachment_id, _A.c.text_state == TextState.PENDING, _A.c.sha256 == item.sha256
                )
            )
            if still_pending is None:
                continue  # changed meanwhile (re-downloaded, deleted): leave it to the next run
            write_text(connection, item, pages, state, error, page_count)
        if state == TextState.INDEXED:
            report.indexed.append(item.attachment_id)
            report.pages += sum(1 for page in pages if page)
        elif state == TextState.NO_TEXT:
            report.no_text.append(item.attachment_id)
        else:
            report.failed.append(TextFailure(item.attachment_id, item.label, error or "unknown error"))
        if progress is not None:
            progress(IndexProgress(item.attachment_id, item.label, done + 1, len(queue)))
    with read() as connection:
        report.remaining = len(pending(connection))
    return report

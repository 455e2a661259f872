"""PDF text into the full-text index: extraction, scanned and damaged files, the resumable queue."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from reslib_desktop.library import Library, SearchQuery, parse_query
from reslib_desktop.offline.service import OfflineService
from reslib_desktop.pdf.indexer import IndexProgress
from reslib_desktop.pdf.text import PdfTextError, clean_page_text, extract_text
from reslib_desktop.store import fts
from reslib_desktop.store.schema import AttachmentPage, TextState

from .conftest import INVALID, IRS, PDFS, SCANNED, TRIVIAL, WORD_IN_PDF, WORD_PAGE, attachment_id


def test_extract_text_of_the_50_page_report() -> None:
    text = extract_text(PDFS / IRS)
    assert text.page_count == 50 and text.has_text
    assert WORD_IN_PDF in text.pages[WORD_PAGE - 1]
    assert all("\r" not in page and "\ufffe" not in page for page in text.pages)
    assert "charitable" in " ".join(text.pages)  # 'chari-' + 'table' across a line end, joined


def test_scanned_and_damaged_pdfs() -> None:
    scanned = extract_text(PDFS / SCANNED)
    assert scanned.page_count == 1 and not scanned.has_text
    with pytest.raises(PdfTextError, match=r"damaged PDF \(data format error\)"):
        extract_text(PDFS / INVALID)


def test_encrypted_pdf_says_it_needs_a_password(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=str(PDFS / TRIVIAL))
    writer.encrypt("secret")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as stream:
        writer.write(stream)
    with pytest.raises(PdfTextError, match="encrypted PDF"):
        extract_text(locked)


def test_clean_page_text() -> None:
    assert clean_page_text("instruc\ufffe\r\ntions  \r\nline two\x04") == "instructions\nline two"


def _pages(library: Library, ident: int) -> int:
    with library.engine.connect() as connection:
        return connection.scalar(select(func.count()).where(AttachmentPage.attachment_id == ident))


def test_index_pending_records_state_per_kind(service: OfflineService, library: Library) -> None:
    service.fetch(service.all_attachments())
    updates: list[IndexProgress] = []
    report = service.index_pending(progress=updates.append)
    irs, scanned, invalid, trivial = (attachment_id(service, p) for p in ("1040NR", "Scanned", "Broken", "Trivial"))
    assert report.indexed == [irs] and sorted(report.no_text) == sorted([scanned, trivial])
    assert [(f.attachment_id, f.reason) for f in report.failed] == [(invalid, "damaged PDF (data format error)")]
    assert [u.done for u in updates] == [1, 2, 3, 4] and all(u.total == 4 for u in updates)
    states = service.state_of(service.all_attachments())
    assert (states[irs].text_state, states[irs].page_count) == (TextState.INDEXED, 50)
    assert (states[scanned].text_state, states[scanned].page_count) == (TextState.NO_TEXT, 1)
    assert states[invalid].text_state == TextState.FAILED
    assert _pages(library, irs) == 50 and _pages(library, scanned) == 0
    assert library.check() == []  # both FTS indexes agree with their content
    assert service.index_pending().indexed == []  # nothing left to do


def test_indexing_is_resumable(service: OfflineService, library: Library) -> None:
    service.fetch(service.all_attachments())
    first = service.index_pending(limit=1)
    assert len(first.indexed + first.no_text + first.failed) == 1 and first.remaining == 3
    assert service.indexing_status() == (1, 4)
    cancel = threading.Event()
    cancel.set()
    stopped = service.index_pending(cancel=cancel)
    assert stopped.cancelled and stopped.remaining == 3
    restarted = OfflineService(service.library, service.cache_dir, service.settings)
    rest = restarted.index_pending()
    assert len(rest.indexed + rest.no_text + rest.failed) == 3 and rest.remaining == 0
    assert restarted.indexing_status() == (4, 4)


def test_search_finds_words_inside_pdfs_only_once_indexed(service: OfflineService, library: Library) -> None:
    query = SearchQuery(text=parse_query(WORD_IN_PDF.lower()))
    assert library.search(query).total == 0
    service.fetch(service.all_attachments())
    assert library.search(query).total == 0
    service.index_pending()
    page = library.search(query)
    assert [row.title for row in page.rows] == ["Tax instructions for nonresidents"]
    matches = service.page_matches(page.rows[0].id, parse_query(WORD_IN_PDF.lower()).match)
    assert [(m.attachment_id, m.page) for m in matches] == [(attachment_id(service, "1040NR"), WORD_PAGE)]
    assert service.page_matches(page.rows[0].id, 'bad "syntax') == []


def test_a_changed_file_is_indexed_again_and_the_index_stays_consistent(
    service: OfflineService, library: Library, server
) -> None:
    ident = attachment_id(service, "1040NR")
    service.fetch([ident])
    service.index_pending()
    service.clear()
    server.files[IRS] = (PDFS / TRIVIAL).read_bytes()  # the publisher replaced the file
    assert [f.reason for f in service.fetch([ident]).failed] == ["size mismatch: expected 553306 bytes, got 515"]
    assert service.accept_new_versions([ident]) == 1
    assert service.fetch([ident]).cached == [ident]
    assert service.state_of([ident])[ident].text_state == TextState.PENDING
    service.index_pending()
    assert library.search(SearchQuery(text=parse_query(WORD_IN_PDF))).total == 0
    assert _pages(library, ident) == 0
    with library.engine.connect() as connection:
        fts.check_page_index(connection)

"""Fixtures for the offline cache tests: a real HTTP server, a small library whose attachments point at it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from reslib_desktop.ingest.apply import apply_records
from reslib_desktop.ingest.record import AttachmentRecord, ResourceRecord
from reslib_desktop.library import Library
from reslib_desktop.offline.download import DownloadSettings
from reslib_desktop.offline.service import OfflineService
from reslib_desktop.offline.state import set_local_server

from .http_fixture import FileServer

PDFS = Path(__file__).resolve().parents[2] / "data" / "pdfs"
IRS = "irs-i1040nr-instructions.pdf"
SCANNED = "c02-22.pdf"
TRIVIAL = "trivial.pdf"
INVALID = "invalid.pdf"
# A word that appears only inside the IRS PDF (on page 4), nowhere in the library's records.
WORD_IN_PDF = "Cincinnati"
WORD_PAGE = 4
NOW = datetime(2026, 1, 1)


@pytest.fixture(scope="session")
def pdf_bytes() -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in PDFS.glob("*.pdf")}


@pytest.fixture
def server(pdf_bytes: dict[str, bytes]) -> Iterator[FileServer]:
    running = FileServer(pdf_bytes).start()
    yield running
    running.stop()


@pytest.fixture
def settings(tmp_path: Path) -> DownloadSettings:
    """Small timeouts and backoff so fault tests stay fast."""
    return DownloadSettings(connect_timeout=1.0, read_timeout=0.5, retries=2, backoff=0.01, backoff_max=0.05)


def build_library(
    path: Path, resources: list[tuple[str, list[tuple[str, str | None]]]], local_server: bool = True
) -> Library:
    """A new library file with these (title, [(attachment label, url)]) resources.

    `local_server`: the library's server is on this computer (the tests' server on 127.0.0.1), so
    downloads may reach it; off, as in a new library, local addresses are refused.
    """
    library = Library.open(path, create=True)
    records = [
        ResourceRecord(
            title=title,
            description=f"A resource called {title}.",
            resource_type="report",
            attachments=[AttachmentRecord(label, url) for label, url in attachments],
            uid=f"test-{number}",
        )
        for number, (title, attachments) in enumerate(resources)
    ]
    with library.engine.begin() as connection:
        apply_records(connection, records, NOW)
        set_local_server(connection, local_server)
    return library


@pytest.fixture
def library(tmp_path: Path, server: FileServer) -> Iterator[Library]:
    """Four resources: the IRS instructions, a scanned page, a trivial PDF, a damaged PDF."""
    opened = build_library(
        tmp_path / "library.db",
        [
            ("Tax instructions for nonresidents", [("Form 1040NR instructions (PDF)", server.url(IRS))]),
            ("A scanned page", [("Scanned page (PDF)", server.url(SCANNED))]),
            ("Smallest document", [("Trivial (PDF)", server.url(TRIVIAL))]),
            ("Damaged document", [("Broken (PDF)", server.url(INVALID))]),
        ],
    )
    yield opened
    opened.close()


@pytest.fixture
def service(library: Library, tmp_path: Path, settings: DownloadSettings) -> OfflineService:
    return OfflineService(library, tmp_path / "cache", settings)


def attachment_id(service: OfflineService, label_part: str) -> int:
    for info in service.state_of(service.all_attachments()).values():
        if label_part in info.label:
            return info.attachment_id
    raise KeyError(label_part)


def files_in_cache(cache_dir: Path) -> list[Path]:
    folder = cache_dir / "files"
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []

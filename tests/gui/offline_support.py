"""Helpers for the offline GUI tests: a small library whose attachments point at the offline tests' real HTTP server."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from reslib_desktop.ingest.apply import apply_records
from reslib_desktop.ingest.record import AttachmentRecord, ResourceRecord
from reslib_desktop.library import Library
from reslib_desktop.offline.service import OfflineService
from reslib_desktop.offline.state import set_local_server
from unit.offline.http_fixture import FileServer  # the offline core's real threaded server with faults

__all__ = ["PDFS", "FileServer", "build_library", "drop_on", "files_in_cache", "ids_by_label"]

PDFS = Path(__file__).resolve().parent.parent / "data" / "pdfs"
IRS = "irs-i1040nr-instructions.pdf"  # 50 pages of text
SCANNED = "c02-22.pdf"  # one scanned page
TRIVIAL = "trivial.pdf"
WORD_IN_PDF = "Cincinnati"  # only inside the IRS PDF, nowhere in the records


def build_library(path: Path, server: FileServer) -> Library:
    """Four resources: three real PDFs on the server and one without a download address."""
    resources = [
        ("Tax instructions for nonresidents", "Form 1040NR instructions", server.url(IRS)),
        ("A scanned page", "Scanned page", server.url(SCANNED)),
        ("Smallest document", "Trivial", server.url(TRIVIAL)),
        ("Paper only", "Printed copy", None),
    ]
    records = [
        ResourceRecord(
            title=title,
            description=f"A resource called {title}.",
            resource_type="report",
            attachments=[AttachmentRecord(label, url)],
            uid=f"gui-offline-{number}",
        )
        for number, (title, label, url) in enumerate(resources)
    ]
    library = Library.open(path, create=True)
    with library.engine.begin() as connection:
        apply_records(connection, records, datetime(2026, 1, 1))
        set_local_server(connection, True)  # the test server is on 127.0.0.1
    return library


def ids_by_label(service: OfflineService) -> dict[str, tuple[int, int]]:
    """Attachment label -> (attachment id, resource id)."""
    infos = service.state_of(service.all_attachments()).values()
    return {info.label: (info.attachment_id, info.resource_id) for info in infos}


def files_in_cache(cache_dir: Path) -> list[Path]:
    folder = cache_dir / "files"
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def is_whole_file(path: Path, originals: dict[str, bytes]) -> bool:
    """A cached file is complete: named by its sha256 and equal to one of the served PDFs."""
    content = path.read_bytes()
    return hashlib.sha256(content).hexdigest() == path.name and content in originals.values()


def drop_on(widget: QWidget, position: QPoint, mime: QMimeData) -> bool:
    """Drag `mime` over `widget` (a viewport) and drop it at `position`; returns whether the drop was accepted."""
    actions = Qt.DropAction.CopyAction
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(position, actions, mime, buttons, modifiers)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    move = QDragMoveEvent(position, actions, mime, buttons, modifiers)
    QApplication.sendEvent(widget, move)
    if not move.isAccepted():
        return False
    drop = QDropEvent(QPointF(position), actions, mime, buttons, modifiers)
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()

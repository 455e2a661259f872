"""Merging a possible duplicate keeps every file: attachments are one only when their file or URL is."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pypdf
import pytest

from reslib_desktop.ingest.dedupe import merge_records
from reslib_desktop.ingest.record import AttachmentRecord, ResourceRecord
from reslib_desktop.ingest.service import DuplicatePolicy, ImportOptions, ImportResult, ImportService
from reslib_desktop.offline.service import OfflineService
from unit.ingest.helpers import PDFS

TITLE = "Annual Report of the Coalition"


def titled_pdf(path: Path, subject: str, title: str = TITLE) -> Path:
    """A real one-page PDF (trivial.pdf) titled `title` in its metadata; the subject makes its bytes differ."""
    writer = pypdf.PdfWriter(clone_from=PDFS / "trivial.pdf")
    writer.add_metadata({"/Title": title, "/Subject": subject})
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        writer.write(out)
    return path


def import_folder(service: ImportService, folder: Path, policy: DuplicatePolicy = DuplicatePolicy.KEEP) -> ImportResult:
    return service.apply(service.preview([folder], ImportOptions(on_duplicate=policy)))


def opened_files(service: ImportService, cache_dir: Path) -> list[tuple[str, bytes]]:
    """(label, bytes) of every attachment as the user opens it from the cache, sorted."""
    offline = OfflineService(service.library, cache_dir)
    files = []
    for attachment_id, info in offline.state_of(offline.all_attachments()).items():
        path = offline.local_path(attachment_id)
        assert path is not None, f"{info.label} is not in the cache"
        files.append((info.label, path.read_bytes()))
    return sorted(files)


def test_merge_keeps_an_incoming_pdf_with_the_same_file_name_as_a_second_attachment(
    service: ImportService, tmp_path: Path, cache_dir: Path
) -> None:
    first = titled_pdf(tmp_path / "m1" / "report.pdf", "first edition")
    second = titled_pdf(tmp_path / "m2" / "report.pdf", "second edition")
    import_folder(service, first.parent)
    result = import_folder(service, second.parent, DuplicatePolicy.MERGE)
    assert (result.added, result.updated, result.merged) == (0, 1, 1)
    assert opened_files(service, cache_dir) == sorted(
        [("report.pdf", first.read_bytes()), ("report.pdf", second.read_bytes())]
    )
    assert OfflineService(service.library, cache_dir).status().files == 2


def test_merging_the_same_pdf_again_adds_no_attachment(service: ImportService, tmp_path: Path, cache_dir: Path) -> None:
    first = titled_pdf(tmp_path / "m1" / "report.pdf", "first edition")
    second = titled_pdf(tmp_path / "m2" / "report.pdf", "second edition")
    import_folder(service, first.parent)
    import_folder(service, second.parent, DuplicatePolicy.MERGE)
    import_folder(service, second.parent, DuplicatePolicy.MERGE)
    assert len(opened_files(service, cache_dir)) == 2


def _pdf(label: str, content: bytes | None = None, url: str | None = None) -> AttachmentRecord:
    sha256 = hashlib.sha256(content).hexdigest() if content is not None else None
    return AttachmentRecord(label, url=url, sha256=sha256, size=len(content) if content is not None else None)


@pytest.mark.parametrize(
    ("mine", "theirs", "expected"),
    [
        (_pdf("report.pdf", b"one"), _pdf("report.pdf", b"two"), 2),  # a different file of the same name
        (_pdf("report.pdf", url="https://a.example/r.pdf"), _pdf("report.pdf", url="https://b.example/r.pdf"), 2),
        (_pdf("report.pdf", url="https://a.example/r.pdf"), _pdf("report.pdf", b"one"), 2),  # nothing says same
        (_pdf("report.pdf", b"one"), _pdf("report-v2.pdf", b"one"), 1),  # the same file under another name
        (_pdf("Report (PDF)", url="https://a.example/r.pdf"), _pdf("Other", url="https://A.example/r.pdf"), 1),
        (_pdf("Report (PDF)"), _pdf("Report", url="https://a.example/r.pdf"), 1),  # a bare label gains its URL
    ],
    ids=["same-name-other-file", "same-name-other-url", "url-and-file", "same-file", "same-url", "label-only"],
)
def test_merge_attachment_identity(mine: AttachmentRecord, theirs: AttachmentRecord, expected: int) -> None:
    merged = merge_records(
        ResourceRecord(title=TITLE, attachments=[mine]), ResourceRecord(title=TITLE, attachments=[theirs])
    )
    assert len(merged.attachments) == expected
    if expected == 1:
        [attachment] = merged.attachments
        assert attachment.url == (mine.url or theirs.url) and attachment.sha256 == (mine.sha256 or theirs.sha256)

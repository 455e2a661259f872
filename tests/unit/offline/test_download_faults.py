"""Downloads against a real HTTP server with injected faults.

After each fault: nothing partial or wrong under files/, the database says what
failed, and a retry succeeds once the fault is gone.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import update

from reslib_desktop.offline.service import OfflineService
from reslib_desktop.store.schema import Attachment, CacheState

from .conftest import IRS, TRIVIAL, attachment_id, build_library, files_in_cache
from .http_fixture import FileServer


def _set_known(service: OfflineService, ident: int, **values: object) -> None:
    with service.library.engine.begin() as connection:
        connection.execute(update(Attachment).where(Attachment.id == ident).values(**values))


def _assert_failed_cleanly(service: OfflineService, ident: int, reason: str) -> None:
    info = service.state_of([ident])[ident]
    assert info.state == CacheState.FAILED
    assert info.error == reason
    assert files_in_cache(service.cache_dir) == []
    assert service.local_path(ident) is None


def _assert_retry_succeeds(service: OfflineService, server: FileServer, ident: int, content: bytes) -> None:
    server.clear_faults()
    report = service.fetch([ident])
    assert report.cached == [ident] and not report.failed
    path = service.local_path(ident)
    assert path is not None and path.read_bytes() == content
    assert path.name == hashlib.sha256(content).hexdigest()
    assert files_in_cache(service.cache_dir) == [path]
    assert not service.cache.partial_path(ident).exists()


@pytest.mark.parametrize(
    ("fault", "options", "reason"),
    [
        ("status", {"status": 404}, "HTTP 404 Not Found"),
        ("status", {"status": 500}, "HTTP 500 Internal Server Error"),
        ("drop", {"after": 4096}, "connection dropped after 12288 bytes"),  # 3 attempts, each resumed
        ("stall", {"after": 1024}, "timed out after 0.5 s"),
        ("html", {}, "not a PDF (got text/html)"),
        ("truncated", {}, "incomplete PDF (no %%EOF at the end)"),
    ],
)
def test_fault_fails_cleanly_then_retry_succeeds(
    service: OfflineService, server: FileServer, pdf_bytes: dict[str, bytes], fault: str, options: dict, reason: str
) -> None:
    ident = attachment_id(service, "1040NR")
    server.fault(IRS, fault, **options)
    report = service.fetch([ident])
    assert [(f.attachment_id, f.reason) for f in report.failed] == [(ident, reason)]
    _assert_failed_cleanly(service, ident, reason)
    _assert_retry_succeeds(service, server, ident, pdf_bytes[IRS])


def test_retryable_faults_are_retried_a_bounded_number_of_times(service: OfflineService, server: FileServer) -> None:
    ident = attachment_id(service, "1040NR")
    server.fault(IRS, "status", status=503)
    service.fetch([ident])
    assert len(server.ranges_for(IRS)) == 1 + service.settings.retries
    server.requests.clear()
    server.fault(IRS, "status", status=404)
    service.fetch([ident])
    assert len(server.ranges_for(IRS)) == 1  # a 404 is not retried


def test_a_retry_waits_as_long_as_the_server_asks(
    service: OfflineService, server: FileServer, pdf_bytes: dict[str, bytes]
) -> None:
    ident = attachment_id(service, "1040NR")
    service.settings = replace(service.settings, retries=1, retry_after_max=5)
    server.fault(IRS, "status", status=503, retry_after="1", times=1)
    started = time.monotonic()
    assert service.fetch([ident]).cached == [ident]
    assert time.monotonic() - started >= 1.0  # not the test settings' 0.01 s backoff
    assert service.local_path(ident).read_bytes() == pdf_bytes[IRS]


def test_a_server_asking_for_a_longer_wait_than_we_grant_fails_at_once_saying_so(
    service: OfflineService, server: FileServer
) -> None:
    ident = attachment_id(service, "1040NR")
    service.settings = replace(service.settings, retries=3, retry_after_max=5)
    server.fault(IRS, "status", status=503, retry_after="120")
    report = service.fetch([ident])
    assert [f.reason for f in report.failed] == ["HTTP 503 Service Unavailable: the server asks to try again in 120 s"]
    assert len(server.ranges_for(IRS)) == 1  # no retries hammering a server that asked us to wait


def test_size_mismatch_with_the_known_size(
    service: OfflineService, server: FileServer, pdf_bytes: dict[str, bytes]
) -> None:
    ident = attachment_id(service, "1040NR")
    _set_known(service, ident, size=1234)
    service.fetch([ident])
    _assert_failed_cleanly(service, ident, f"size mismatch: expected 1234 bytes, got {len(pdf_bytes[IRS])}")
    _set_known(service, ident, size=len(pdf_bytes[IRS]))
    _assert_retry_succeeds(service, server, ident, pdf_bytes[IRS])


def test_sha256_mismatch(service: OfflineService, server: FileServer, pdf_bytes: dict[str, bytes]) -> None:
    ident = attachment_id(service, "1040NR")
    _set_known(service, ident, sha256=hashlib.sha256(pdf_bytes[IRS]).hexdigest())
    server.fault(IRS, "body", body=pdf_bytes[TRIVIAL])  # a valid PDF, but not this one
    service.fetch([ident])
    _assert_failed_cleanly(service, ident, "sha256 mismatch")
    _assert_retry_succeeds(service, server, ident, pdf_bytes[IRS])


def test_over_size_body_is_refused(service: OfflineService, server: FileServer, pdf_bytes: dict[str, bytes]) -> None:
    ident = attachment_id(service, "1040NR")
    service.settings = replace(service.settings, max_bytes=100_000)
    service.fetch([ident])
    _assert_failed_cleanly(service, ident, "larger than the 100 KB limit")
    assert not service.cache.partial_path(ident).exists()
    server.fault(IRS, "no_length")  # no Content-Length: the cap applies while streaming
    service.fetch([ident])
    _assert_failed_cleanly(service, ident, "larger than the 100 KB limit")
    assert not service.cache.partial_path(ident).exists()


def test_a_dropped_download_resumes_with_a_range_request(
    service: OfflineService, server: FileServer, pdf_bytes: dict[str, bytes]
) -> None:
    ident = attachment_id(service, "1040NR")
    server.fault(IRS, "drop", after=100_000, times=1)
    report = service.fetch([ident])
    assert report.cached == [ident]
    assert server.ranges_for(IRS) == [None, "bytes=100000-"]
    assert service.local_path(ident).read_bytes() == pdf_bytes[IRS]


def test_resume_survives_a_restart(
    tmp_path: Path, service: OfflineService, server: FileServer, pdf_bytes: dict[str, bytes]
) -> None:
    ident = attachment_id(service, "1040NR")
    service.settings = replace(service.settings, retries=0)
    server.fault(IRS, "drop", after=200_000)
    service.fetch([ident])
    assert service.cache.partial_size(ident) == 200_000
    server.clear_faults()
    restarted = OfflineService(service.library, service.cache_dir, service.settings)
    assert restarted.fetch([ident]).cached == [ident]
    assert server.ranges_for(IRS)[-1] == "bytes=200000-"
    assert restarted.local_path(ident).read_bytes() == pdf_bytes[IRS]


def _new_version(content: bytes) -> bytes:
    """The same file changed near its start (same size, still a PDF from head to tail)."""
    return content[:1000] + bytes(255 - b for b in content[1000:2000]) + content[2000:]


@pytest.mark.parametrize("server_honours_if_range", [True, False])
def test_a_file_changed_on_the_server_is_not_joined_to_the_start_of_its_old_version(
    service: OfflineService, server: FileServer, pdf_bytes: dict[str, bytes], server_honours_if_range: bool
) -> None:
    ident = attachment_id(service, "1040NR")
    service.settings = replace(service.settings, retries=0)
    server.fault(IRS, "drop", after=100_000, times=1)
    service.fetch([ident])
    assert service.cache.partial_size(ident) == 100_000
    server.files[IRS] = changed = _new_version(pdf_bytes[IRS])
    if not server_honours_if_range:
        server.fault(IRS, "ignore_if_range", times=1)  # a 206 of the new version: its ETag gives it away
    service.settings = replace(service.settings, retries=1)
    assert service.fetch([ident]).cached == [ident]
    assert server.ranges_for(IRS)[1] == "bytes=100000-"  # resuming was tried, with If-Range
    assert service.local_path(ident).read_bytes() == changed
    assert list(service.cache.root.joinpath("partial").iterdir()) == []  # no part, no version file left


def test_a_part_from_a_server_that_names_no_version_is_not_resumed(
    service: OfflineService, server: FileServer, pdf_bytes: dict[str, bytes]
) -> None:
    ident = attachment_id(service, "1040NR")
    service.settings = replace(service.settings, retries=0)
    server.fault(IRS, "drop", after=100_000, validators=False, times=1)
    service.fetch([ident])
    assert service.cache.partial_size(ident) == 100_000
    server.files[IRS] = changed = _new_version(pdf_bytes[IRS])
    assert service.fetch([ident]).cached == [ident]
    assert server.ranges_for(IRS) == [None, None]  # nothing said the part was of the file served now
    assert service.local_path(ident).read_bytes() == changed


def test_a_server_that_sent_less_than_its_length_said_and_has_no_more_gives_the_file_it_has(
    service: OfflineService, server: FileServer, pdf_bytes: dict[str, bytes]
) -> None:
    ident = attachment_id(service, "1040NR")
    whole = pdf_bytes[IRS]
    part = service.cache.partial_path(ident)
    part.parent.mkdir(parents=True)
    part.write_bytes(whole)  # all of it arrived, but the connection ended short of a longer Content-Length
    part.with_name(part.name + ".version").write_text(f'"{hashlib.sha256(whole).hexdigest()[:16]}"')
    report = service.fetch([ident])
    assert report.cached == [ident], report.failed
    assert server.ranges_for(IRS) == [f"bytes={len(whole)}-"]  # answered 416: nothing after that
    assert service.local_path(ident).read_bytes() == whole


def test_a_sign_in_page_in_place_of_a_document_is_not_cached(tmp_path: Path, server: FileServer, settings) -> None:
    document = b"PK\x03\x04" + bytes(range(256)) * 40  # a .docx is a zip
    page = b"<!DOCTYPE html><html><body>Please sign in</body></html>"
    server.files.update({"handout.docx": document, "notes.html": page})
    library = build_library(
        tmp_path / "documents.db",
        [("Handout", [("Handout (Word)", server.url("handout.docx"))]),
         ("Notes", [("Notes (web page)", server.url("notes.html"))])],
    )
    service = OfflineService(library, tmp_path / "cache", settings)
    handout, notes = service.all_attachments()
    server.fault("handout.docx", "html")
    report = service.fetch([handout, notes])
    assert [(f.attachment_id, f.reason) for f in report.failed] == [
        (handout, "not the file: the server sent a web page (a sign-in or error page?)")
    ]
    assert report.cached == [notes]  # an attachment that is a web page is kept as one
    assert service.local_path(notes).read_bytes() == page
    server.clear_faults()
    assert service.fetch([handout]).cached == [handout]
    assert service.local_path(handout).read_bytes() == document
    library.close()


def test_range_ignored_restarts_cleanly(
    service: OfflineService, server: FileServer, pdf_bytes: dict[str, bytes]
) -> None:
    ident = attachment_id(service, "1040NR")
    server.fault(IRS, "drop", after=4096)
    service.fetch([ident])
    assert service.cache.partial_size(ident) > 0
    server.fault(IRS, "ignore_range")
    report = service.fetch([ident])
    assert report.cached == [ident]
    assert server.ranges_for(IRS)[-1] is not None  # asked for a range, got the whole file (200)
    assert service.local_path(ident).read_bytes() == pdf_bytes[IRS]


def test_a_resumed_file_that_fails_verification_is_fetched_again_from_scratch(
    service: OfflineService, server: FileServer, pdf_bytes: dict[str, bytes]
) -> None:
    ident = attachment_id(service, "1040NR")
    _set_known(service, ident, sha256=hashlib.sha256(pdf_bytes[IRS]).hexdigest())
    part = service.cache.partial_path(ident)
    part.parent.mkdir(parents=True)
    part.write_bytes(b"%PDF-1.7 an older version of the file" + b"x" * 5000)
    assert service.fetch([ident]).cached == [ident]
    assert server.ranges_for(IRS) == ["bytes=5037-", None]
    assert service.local_path(ident).read_bytes() == pdf_bytes[IRS]


def test_cancel_keeps_the_part_and_leaves_the_attachment_queued(
    service: OfflineService, server: FileServer, pdf_bytes: dict[str, bytes]
) -> None:
    ident = attachment_id(service, "1040NR")
    service.settings = replace(service.settings, read_timeout=60)  # cancel must not wait for the timeout
    server.fault(IRS, "stall", after=300_000)
    cancel = threading.Event()
    result: list = []
    worker = threading.Thread(target=lambda: result.append(service.fetch([ident], cancel=cancel)))
    worker.start()
    deadline = time.monotonic() + 5
    while service.cache.partial_size(ident) < 300_000 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert service.state_of([ident])[ident].state == CacheState.DOWNLOADING
    cancel.set()
    worker.join(5)
    assert result and result[0].cancelled and not result[0].failed
    info = service.state_of([ident])[ident]
    assert info.state == CacheState.QUEUED and info.bytes_done == 300_000
    server.clear_faults()
    assert service.fetch(service.attachments_in_state(CacheState.QUEUED)).cached == [ident]
    assert server.ranges_for(IRS)[-1] == "bytes=300000-"
    assert service.local_path(ident).read_bytes() == pdf_bytes[IRS]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("{base}/files/\x07trivial.pdf", "the URL contains control characters"),
        ("http://user:pw@127.0.0.1/files/trivial.pdf", "URLs with a user name or password are refused"),
        ("ftp://127.0.0.1/files/trivial.pdf", "only http, https and file URLs are allowed (got ftp:)"),
        ("file:///etc/passwd", "file: URLs are not allowed (no allowed folders are set)"),
    ],
)
def test_refused_urls_make_no_request(tmp_path: Path, server: FileServer, settings, url: str, reason: str) -> None:
    library = build_library(tmp_path / "odd.db", [("Odd", [("Odd (PDF)", url.format(base=server.base_url))])])
    service = OfflineService(library, tmp_path / "cache", settings)
    report = service.fetch(service.all_attachments())
    assert [f.reason for f in report.failed] == [reason]
    assert server.requests == []
    assert files_in_cache(service.cache_dir) == []
    library.close()


def test_dot_segments_are_normalised_before_the_request(tmp_path: Path, server: FileServer, settings) -> None:
    url = f"{server.base_url}/files/../secret/../files/./{TRIVIAL}"
    library = build_library(tmp_path / "dots.db", [("Dots", [("Dots (PDF)", url)])])
    service = OfflineService(library, tmp_path / "cache", settings)
    assert len(service.fetch(service.all_attachments()).cached) == 1
    assert [r.path for r in server.requests] == [f"/files/{TRIVIAL}"]
    library.close()


def test_file_urls_inside_an_allowed_folder(tmp_path: Path, server: FileServer, settings, pdf_bytes) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "kit.pdf").write_bytes(pdf_bytes[TRIVIAL])
    (tmp_path / "private.pdf").write_bytes(pdf_bytes[TRIVIAL])
    library = build_library(
        tmp_path / "files.db",
        [
            ("Inside", [("Inside (PDF)", (folder / "kit.pdf").as_uri())]),
            ("Outside", [("Outside (PDF)", folder.as_uri() + "/../private.pdf")]),
        ],
    )
    service = OfflineService(library, tmp_path / "cache", replace(settings, allowed_folders=(folder,)))
    report = service.fetch(service.all_attachments())
    assert len(report.cached) == 1
    assert [f.reason for f in report.failed] == ["file: URL outside the allowed folders"]
    library.close()


def test_a_redirect_to_a_file_url_is_refused(service: OfflineService, server: FileServer) -> None:
    ident = attachment_id(service, "Trivial")
    server.fault(TRIVIAL, "redirect", location="file:///etc/passwd")
    service.fetch([ident])
    _assert_failed_cleanly(
        service, ident, "redirected to a refused URL: file: URLs are not allowed (no allowed folders are set)"
    )
    server.fault(TRIVIAL, "redirect", location=f"/files/{IRS}", times=1)
    assert service.fetch([ident]).cached == [ident]


def test_two_fetches_of_one_attachment_download_it_once(service: OfflineService, server: FileServer) -> None:
    ident = attachment_id(service, "1040NR")
    service.settings = replace(service.settings, read_timeout=60)
    server.fault(IRS, "stall", after=100_000)
    cancel = threading.Event()
    first = threading.Thread(target=service.fetch, args=([ident],), kwargs={"cancel": cancel})
    first.start()
    deadline = time.monotonic() + 5
    while service.cache.partial_size(ident) < 100_000 and time.monotonic() < deadline:
        time.sleep(0.01)
    second = service.fetch([ident])  # e.g. the viewer asks while a kit download has it
    assert [f.reason for f in second.skipped] == ["another download has it"] and second.ok
    assert len(server.ranges_for(IRS)) == 1
    cancel.set()
    first.join(5)
    assert not first.is_alive()

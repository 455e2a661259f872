"""Downloads never reach this computer or the local network, unless the library's own server is there."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest

from reslib_desktop.offline.addresses import address_problem
from reslib_desktop.offline.download import DownloadSettings, Expected, download
from reslib_desktop.offline.errors import DownloadError
from reslib_desktop.offline.service import OfflineService

from .conftest import TRIVIAL, build_library, files_in_cache
from .http_fixture import FileServer

REFUSED = "refused unless the library's own server is there"


@pytest.fixture
def through_proxy(server: FileServer, monkeypatch: pytest.MonkeyPatch) -> FileServer:
    """The test server is also the HTTP proxy, so a public-looking URL reaches it (names need not resolve)."""
    for name in ("http_proxy", "HTTP_PROXY", "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", server.base_url)
    return server


def test_a_public_url_redirected_to_this_computer_is_refused_until_the_library_server_is_said_to_be_here(
    tmp_path: Path, through_proxy: FileServer, settings: DownloadSettings, pdf_bytes: dict[str, bytes]
) -> None:
    server = through_proxy
    public = "http://reports.example/files/trivial.pdf"
    library = build_library(tmp_path / "library.db", [("A report", [("Report (PDF)", public)])], local_server=False)
    service = OfflineService(library, tmp_path / "cache", settings)
    ident = service.all_attachments()[0]
    server.fault(TRIVIAL, "redirect", location=server.url(TRIVIAL), times=1)
    report = service.fetch([ident])
    assert [failure.reason for failure in report.failed] == [f"redirected to 127.0.0.1, on this computer: {REFUSED}"]
    assert [(r.proxied_host, r.path) for r in server.requests] == [("reports.example", "/files/trivial.pdf")]
    assert files_in_cache(service.cache_dir) == []

    service.set_local_server(True)  # the library's own server lives here after all
    assert OfflineService(library, tmp_path / "cache", settings).local_server()
    server.fault(TRIVIAL, "redirect", location=server.url(TRIVIAL), times=1)
    assert service.fetch([ident]).cached == [ident]
    assert service.local_path(ident).read_bytes() == pdf_bytes[TRIVIAL]
    assert server.requests[-1].proxied_host is None  # fetched from 127.0.0.1 directly
    library.close()


def test_this_computer_by_address_or_by_name_is_refused_without_a_request_or_a_retry(
    tmp_path: Path, server: FileServer, settings: DownloadSettings
) -> None:
    port = server.base_url.rsplit(":", 1)[1]
    library = build_library(
        tmp_path / "library.db",
        [("By address", [("By address (PDF)", server.url(TRIVIAL))]),
         ("By name", [("By name (PDF)", f"http://localhost:{port}/files/{TRIVIAL}")])],
        local_server=False,
    )
    service = OfflineService(library, tmp_path / "cache", settings)
    report = service.fetch(service.all_attachments())
    assert sorted(failure.reason for failure in report.failed) == [
        f"127.0.0.1 is on this computer: {REFUSED}",
        f"localhost (127.0.0.1) is on this computer: {REFUSED}",
    ]
    assert server.requests == [] and files_in_cache(service.cache_dir) == []
    library.close()


@pytest.mark.parametrize(
    ("host", "kind"),
    [
        ("127.0.0.1", "on this computer"),
        ("127.45.6.7", "on this computer"),
        ("[::1]", "on this computer"),
        ("[::ffff:127.0.0.1]", "on this computer"),
        ("0.0.0.0", "on this computer"),
        ("169.254.169.254", "a link-local address"),
        ("[fe80::1]", "a link-local address"),
        ("10.20.30.40", "on the local network"),
        ("172.16.0.1", "on the local network"),
        ("172.31.255.254", "on the local network"),
        ("192.168.1.10", "on the local network"),
        ("[fc00::1]", "on the local network"),
        ("[fd12:3456::1]", "on the local network"),
        ("100.64.0.1", "not a public address"),
    ],
)
def test_local_addresses_are_refused_before_connecting(tmp_path: Path, host: str, kind: str) -> None:
    settings = DownloadSettings(connect_timeout=0.2, retries=0)
    with pytest.raises(DownloadError) as refused:
        download(f"http://{host}:9/report.pdf", tmp_path / "x.part", Expected(), settings)
    written = str(ipaddress.ip_address(host.strip("[]")))  # as Python writes it (3.13: ::ffff:127.0.0.1)
    where = f"{written} (127.0.0.1)" if host == "[::ffff:127.0.0.1]" else host.strip("[]")
    assert refused.value.reason == f"{where} is {kind}: {REFUSED}"
    assert not refused.value.retryable and not (tmp_path / "x.part").exists()


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "172.32.0.1", "192.169.0.1", "2606:4700:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert address_problem(ipaddress.ip_address(address)) is None

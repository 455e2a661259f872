"""The server's file folder: an admin's cached files published by sha256 and served read-only over HTTP."""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from reslib_desktop.library import SearchQuery
from sync.laptops import shipped_copy

PDF = Path(__file__).resolve().parents[1] / "data" / "pdfs" / "trivial.pdf"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_published_files_are_served_by_hash_and_the_folder_is_not_listed(tmp_path) -> None:
    library = shipped_copy(tmp_path, "admin")
    offline = library.offline_service(tmp_path / "cache")
    attachment = next(
        a.id for i in library.all_resource_ids(SearchQuery()) for a in library.resource(i).attachments
    )
    offline.add_local_file(attachment, PDF)
    folder = tmp_path / "files"
    assert library.publish_files(folder, tmp_path / "cache") == (1, 0)
    assert library.publish_files(folder, tmp_path / "cache") == (0, 1)
    library.close()
    sha = hashlib.sha256(PDF.read_bytes()).hexdigest()
    assert (folder / sha).read_bytes() == PDF.read_bytes()

    port = free_port()
    with subprocess.Popen(
        [sys.executable, "-m", "reslib_desktop.cli", "server", "files", str(folder), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
    ) as process:
        try:
            assert process.stderr.readline().startswith(f"serving {folder} at http://127.0.0.1:{port}/")
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{sha}", timeout=10) as response:
                assert response.read() == PDF.read_bytes()
            with pytest.raises(urllib.error.HTTPError) as listing:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10)
            assert listing.value.code == 404
            listing.value.close()
        finally:
            os.kill(process.pid, signal.SIGTERM)
            process.wait(timeout=30)

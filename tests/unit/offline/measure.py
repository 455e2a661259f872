"""Measure the offline core: download throughput over loopback against a plain file copy of the same
bytes, and PDF text extraction pages per second on the 50-page IRS instructions.

    cd tests && ../../venv/bin/python -m unit.offline.measure      (or any python with the project installed)
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reslib_desktop.offline.download import DownloadSettings, Expected, download
from reslib_desktop.pdf.text import extract_text

from .conftest import IRS, PDFS

SIZE = 64_000_000
ROUNDS = 5


def _payload() -> bytes:
    return b"%PDF-1.7\n" + os.urandom(SIZE - 16) + b"\n%%EOF\n"


def _best(seconds: list[float]) -> tuple[float, float]:
    return min(seconds), statistics.median(seconds)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("the measuring server did not start")


def measure_download(folder: Path, settings: DownloadSettings) -> None:
    payload = _payload()
    source = folder / "source.pdf"
    source.write_bytes(payload)
    digest = hashlib.sha256(payload).hexdigest()
    copies, synced, downloads = [], [], []
    port = _free_port()
    # The server runs in its own process (python -m http.server), so it does not share our GIL.
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/source.pdf"
    _wait_for(port)
    try:
        for round_ in range(ROUNDS):
            target = folder / f"copy-{round_}"
            start = time.perf_counter()
            shutil.copyfile(source, target)
            copies.append(time.perf_counter() - start)
            target.unlink()
            start = time.perf_counter()
            with source.open("rb") as reading, target.open("wb") as writing:
                shutil.copyfileobj(reading, writing, 1 << 20)
                writing.flush()
                os.fsync(writing.fileno())
            synced.append(time.perf_counter() - start)
            target.unlink()
            part = folder / f"download-{round_}.part"
            start = time.perf_counter()
            result = download(url, part, Expected(SIZE, digest, True), settings)
            downloads.append(time.perf_counter() - start)
            assert result.sha256 == digest
            part.unlink()
    finally:
        server.terminate()
        server.wait()
    mb = SIZE / 1e6
    copy_best, copy_median = _best(copies)
    down_best, down_median = _best(downloads)
    sync_best, sync_median = _best(synced)
    print(
        f"file copy (shutil.copyfile), {mb:.0f} MB: best {mb / copy_best:,.0f} MB/s, "
        f"median {mb / copy_median:,.0f} MB/s"
    )
    print(
        f"file copy + fsync (what a download must at least do), {mb:.0f} MB: best {mb / sync_best:,.0f} MB/s, "
        f"median {mb / sync_median:,.0f} MB/s"
    )
    print(
        f"download over loopback (stream + sha256 + fsync + verify), {mb:.0f} MB: "
        f"best {mb / down_best:,.0f} MB/s, median {mb / down_median:,.0f} MB/s "
        f"({copy_median / down_median:.0%} of the plain copy, {sync_median / down_median:.0%} of copy + fsync)"
    )


def measure_extraction() -> None:
    times = []
    pages = 0
    for _ in range(ROUNDS):
        start = time.perf_counter()
        pages = extract_text(PDFS / IRS).page_count
        times.append(time.perf_counter() - start)
    best, median = _best(times)
    print(
        f"text extraction (pypdfium2), {IRS} ({pages} pages): best {pages / best:,.0f} pages/s, "
        f"median {pages / median:,.0f} pages/s"
    )


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as scratch:
        measure_download(Path(scratch), DownloadSettings(allow_local_network=True))  # a server on 127.0.0.1
    measure_extraction()

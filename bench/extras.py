"""Size-independent figures: QtPdf first page, text extraction, downloads; each skipped with a
note when the code it measures does not exist yet."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import tempfile
import threading
import urllib.request
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bench.timing import measure

PDF = Path("/work/shared/data/pdfs/irs-i1040nr-instructions.pdf")
DOWNLOAD_MB = 64


def has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def qtpdf_first_page(repeat: int = 10) -> dict[str, Any]:
    """QPdfDocument.load + render of page 0 at 1.5x its point size (fresh document each run)."""
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    if not PDF.exists():
        return {"skipped": f"{PDF} is missing"}

    def work() -> tuple[int, int]:
        document = QPdfDocument()
        document.load(str(PDF))
        points = document.pagePointSize(0)
        image = document.render(0, QSize(int(points.width() * 1.5), int(points.height() * 1.5)))
        pages = document.pageCount()
        document.close()
        return pages, image.width()

    stats, (pages, width) = measure(work, repeat)
    return {"pdf": PDF.name, "pages": pages, "width_px": width, **stats}


def text_extraction(repeat: int = 3) -> dict[str, Any]:
    """Pages per second of our extractor (reslib_desktop.pdf.text) and of plain pypdfium2."""
    import pypdfium2 as pdfium

    if not PDF.exists():
        return {"skipped": f"{PDF} is missing"}

    def raw() -> int:
        document = pdfium.PdfDocument(str(PDF))
        count = len(document)
        for index in range(count):
            document[index].get_textpage().get_text_range()
        document.close()
        return count

    raw_stats, pages = measure(raw, repeat)
    result: dict[str, Any] = {
        "pdf": PDF.name,
        "pages": pages,
        "pypdfium2_pages_per_s": pages / raw_stats["median_ms"] * 1000,
    }
    if not has_module("reslib_desktop.pdf.text"):
        result["skipped"] = "reslib_desktop/pdf/text.py does not exist yet"
        return result
    from reslib_desktop.pdf.text import extract_text

    ours, text = measure(lambda: extract_text(PDF), repeat)
    result.update(ours_ms=ours, ours_pages_per_s=text.page_count / ours["median_ms"] * 1000)
    return result


def _fake_pdf(path: Path, megabytes: int) -> None:
    """A file our downloader accepts as a PDF: %PDF- header, %%EOF tail, random body."""
    chunk = os.urandom(1 << 20)
    with path.open("wb") as stream:
        stream.write(b"%PDF-1.7\n")
        for _ in range(megabytes):
            stream.write(chunk)
        stream.write(b"\n%%EOF\n")


def _copy_fsync(source: Path, target: Path) -> None:
    with source.open("rb") as reader, target.open("wb") as writer:
        shutil.copyfileobj(reader, writer, 1 << 20)
        writer.flush()
        os.fsync(writer.fileno())


def _urllib(url: str, target: Path) -> None:
    with urllib.request.urlopen(url) as response, target.open("wb") as writer:
        digest = hashlib.sha256()
        while chunk := response.read(64 * 1024):
            digest.update(chunk)
            writer.write(chunk)


def download_throughput(repeat: int = 3) -> dict[str, Any]:
    """MB/s: our downloader over loopback HTTP vs urllib vs a plain file copy (all fsync'd or hashed)."""
    if not has_module("reslib_desktop.offline.download"):
        return {"skipped": "reslib_desktop/offline/download.py does not exist yet"}
    from reslib_desktop.offline.download import DownloadSettings, Expected, download

    with tempfile.TemporaryDirectory(prefix="reslib-bench-") as folder:
        root = Path(folder)
        served = root / "served"
        served.mkdir()
        source = served / "big.pdf"
        _fake_pdf(source, DOWNLOAD_MB)
        size = source.stat().st_size
        handler = partial(_QuietHandler, directory=str(served))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        url = f"http://127.0.0.1:{server.server_address[1]}/big.pdf"
        settings = DownloadSettings(max_bytes=size * 2, retries=0, allow_local_network=True)  # 127.0.0.1
        target = root / "out.part"

        def ours() -> None:
            target.unlink(missing_ok=True)
            download(url, target, Expected(size=size), settings)

        try:
            timings = {
                "ours": measure(ours, repeat)[0],
                "urllib": measure(lambda: _urllib(url, target), repeat)[0],
                "file_copy": measure(lambda: _copy_fsync(source, target), repeat)[0],
            }
        finally:
            server.shutdown()
            server.server_close()
    megabytes = size / 1e6
    return {
        "bytes": size,
        **{f"{name}_mb_per_s": megabytes / stats["median_ms"] * 1000 for name, stats in timings.items()},
        "timings": timings,
    }


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

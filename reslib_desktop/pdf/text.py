"""The text of a PDF, page by page (pypdfium2: PDFium, the engine Chrome uses).

PDFium is not thread-safe, so every call into it holds one process-wide lock.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PDFIUM_LOCK = threading.Lock()

# PDFium marks a hyphen that split a word at a line end with U+FFFE (or U+0002).
_SPLIT_WORD = re.compile("[\ufffe\x02]\\s*(?=[a-z])")
_SOFT_HYPHEN = re.compile("[\ufffe\x02]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_TRAILING_SPACE = re.compile("[ \t]+\n")
_HAS_WORD = re.compile(r"\w", re.UNICODE)


class PdfTextError(Exception):
    """The PDF could not be read; `reason` is short ("damaged PDF (data format error)")."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ExtractionCancelled(Exception):
    pass


@dataclass(frozen=True)
class PdfText:
    pages: list[str]  # one string per page, in order; '' for pages without text

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def has_text(self) -> bool:
        """False for scanned, image-only PDFs (nothing that looks like a word)."""
        return any(_HAS_WORD.search(page) for page in self.pages)


def clean_page_text(text: str) -> str:
    """PDFium's page text made plain: '\\n' line ends, split words joined, no control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPLIT_WORD.sub("", text)
    text = _SOFT_HYPHEN.sub("-", text)
    text = _CONTROL.sub(" ", text)
    text = _TRAILING_SPACE.sub("\n", text)
    return text.strip()


def _reason(error: Exception) -> str:
    message = str(error)
    if "password" in message.lower():
        return "encrypted PDF (needs a password)"
    detail = re.search(r"\(PDFium: ([^)]*)\)", message)
    return f"damaged PDF ({detail.group(1).lower()})" if detail else f"damaged PDF ({message})"


def extract_text(
    path: Path,
    should_stop: Callable[[], bool] | None = None,
    on_page: Callable[[int, int], None] | None = None,
) -> PdfText:
    """The text of every page; PdfTextError if the file cannot be read, ExtractionCancelled if stopped."""
    import pypdfium2 as pdfium

    pages: list[str] = []
    with PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as error:
            raise PdfTextError(_reason(error)) from None
        except FileNotFoundError:
            raise PdfTextError("the file is missing from the cache") from None
        try:
            count = len(document)
            for index in range(count):
                if should_stop is not None and should_stop():
                    raise ExtractionCancelled()
                page = document[index]
                try:
                    textpage = page.get_textpage()
                    try:
                        pages.append(clean_page_text(textpage.get_text_range()))
                    finally:
                        textpage.close()
                except pdfium.PdfiumError as error:
                    raise PdfTextError(_reason(error)) from None
                finally:
                    page.close()
                if on_page is not None:
                    on_page(index + 1, count)
        finally:
            document.close()
    return PdfText(pages)

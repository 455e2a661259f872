"""A folder of PDFs: one resource per file, the file itself its cached attachment.

The title comes from the PDF's metadata when it is a real title (not a
generator's name or a file name), else from the largest text on the first
page, else from the file name; the date from the metadata's creation date.
Damaged files are errors naming the file; password-protected ones are read
by their file name, with a warning.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from reslib_desktop.ingest.dates import UNKNOWN_DATE, parse_date
from reslib_desktop.ingest.limits import (
    MAX_PDF_FILE_BYTES,
    MAX_RECORDS,
    MAX_TITLE,
    count,
)
from reslib_desktop.ingest.problems import (
    ImportFormatError,
    ParseResult,
    Problem,
    Severity,
)
from reslib_desktop.ingest.record import (
    AttachmentRecord,
    ResourceRecord,
    SourceLocation,
    normalise_space,
)
from reslib_desktop.pdf.text import PDFIUM_LOCK
from reslib_desktop.textnorm import fold

PDF_MAGIC = b"%PDF-"
HEAD_BYTES = 1024
MAX_FIRST_PAGE_CHARS = 5_000
MIN_TITLE_LETTERS = 4
_JUNK_TITLES = ("untitled", "microsoft word", "microsoft powerpoint", "adobe photoshop", "powerpoint presentation",
                "document", "title", "slide 1")
_FILE_SUFFIXES = (".doc", ".docx", ".pdf", ".indd", ".ppt", ".pptx", ".xls", ".xlsx", ".rtf", ".txt", ".qxp")


def _digest(path: Path) -> tuple[str, int, bytes]:
    """sha256, size and the first bytes of a file."""
    digest = hashlib.sha256()
    size = 0
    head = b""
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            if not head:
                head = chunk[:HEAD_BYTES]
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size, head


def _real_title(title: str | None) -> str | None:
    title = normalise_space(title)
    folded = fold(title)
    if len(folded) < MIN_TITLE_LETTERS or any(folded.startswith(j) for j in _JUNK_TITLES):
        return None
    if title.casefold().endswith(_FILE_SUFFIXES):
        return None
    return title[:MAX_TITLE]


def _metadata_date(value: str | None) -> str | None:
    """'D:20071206080123-05'00'' -> '2007-12-06' (or '2007-12', '2007' when shorter)."""
    digits = (value or "").strip().removeprefix("D:")
    for length, form in ((8, "{}-{}-{}"), (6, "{}-{}"), (4, "{}")):
        if len(digits) >= length and digits[:length].isdigit():
            parts = [digits[0:4], digits[4:6], digits[6:8]][: form.count("{}")]
            text = form.format(*parts)
            return text if parse_date(text).value is not None else None
    return None


def _largest_text(document) -> str | None:
    """The text set in the largest size on the first page (a title, usually)."""
    import pypdfium2.raw as pdfium_c

    if len(document) == 0:
        return None
    textpage = document[0].get_textpage()
    total = min(textpage.count_chars(), MAX_FIRST_PAGE_CHARS)
    box = pdfium_c.FS_RECTF()
    chars: list[tuple[str, float]] = []
    for index in range(total):
        char = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, index) or 32)
        height = 0.0
        if pdfium_c.FPDFText_GetLooseCharBox(textpage.raw, index, box):
            height = round(box.top - box.bottom)
        chars.append((char, height))
    letters: dict[float, int] = {}
    for char, height in chars:
        if char.isalnum():
            letters[height] = letters.get(height, 0) + 1
    sizes = [height for height, number in letters.items() if number >= MIN_TITLE_LETTERS and height > 0]
    if not sizes:
        return None
    largest = max(sizes)
    picked: list[str] = []
    previous = -2
    for index, (char, height) in enumerate(chars):
        if abs(height - largest) <= 1 and not char.isspace():
            if picked and index != previous + 1:
                picked.append(" ")
            picked.append(char)
            previous = index
        elif char.isspace() and previous == index - 1:
            picked.append(" ")
            previous = index
    return _real_title("".join(picked))


def _file_title(path: Path) -> str:
    return normalise_space(path.stem.replace("_", " ").replace("-", " ")) or path.name


def read_pdf(path: Path, location: SourceLocation, result: ParseResult) -> ResourceRecord | None:
    """One PDF as a resource; problems go to `result`."""
    import pypdfium2 as pdfium

    size = path.stat().st_size
    if size > MAX_PDF_FILE_BYTES:
        result.problems.append(Problem(location, f"the file is larger than {count(MAX_PDF_FILE_BYTES)} bytes"))
        return None
    sha256, size, head = _digest(path)
    if PDF_MAGIC not in head:
        result.problems.append(Problem(location, "not a PDF (no %PDF- header)"))
        return None
    title = derived_title = date_text = None
    page_count = None
    with PDFIUM_LOCK:  # PDFium is not thread-safe: one call at a time in the whole process
        try:
            document = pdfium.PdfDocument(path)
        except pdfium.PdfiumError as error:
            if "password" not in str(error).casefold():
                result.problems.append(Problem(location, f"a damaged PDF that cannot be read ({error})"))
                return None
            result.problems.append(Problem(location, "password-protected: titled by its file name", Severity.WARNING))
        else:
            try:
                page_count = len(document)
                metadata = document.get_metadata_dict()
                title = _real_title(metadata.get("Title"))
                date_text = _metadata_date(metadata.get("CreationDate"))
                if title is None:
                    derived_title = _largest_text(document)
            except pdfium.PdfiumError as error:
                result.problems.append(Problem(location, f"cannot read the first page ({error})", Severity.WARNING))
            finally:
                document.close()
    return ResourceRecord(
        title=title or derived_title or _file_title(path),
        title_derived=title is None,
        published=parse_date(date_text) if date_text else UNKNOWN_DATE,
        attachments=[
            AttachmentRecord(
                label=path.name, local_path=path.resolve(), sha256=sha256, size=size,
                mime="application/pdf", page_count=page_count,
            )
        ],
        location=location,
    )


def read_pdf_folder(path: Path, *, name: str | None = None) -> ParseResult:
    """Every PDF directly in a folder (or one PDF file), in name order.

    `name`: what locations call the file (its name unless the import says more, for two inputs of one name).
    """
    name = name or path.name
    if path.is_dir():
        files = sorted((p for p in path.iterdir() if not p.name.startswith(".")), key=lambda p: p.name.casefold())
        prefix = f"{name}/"
    else:
        files, prefix = [path], ""
    result = ParseResult()
    pdfs = [p for p in files if p.is_file() and p.suffix.casefold() == ".pdf"]
    skipped = [p.name for p in files if p not in pdfs]
    if skipped:
        shown = ", ".join(skipped[:5]) + (" ..." if len(skipped) > 5 else "")
        result.problems.append(
            Problem(
                SourceLocation(name),
                f"{len(skipped)} entries that are not PDF files skipped: {shown}",
                Severity.WARNING,
            )
        )
    if not pdfs:
        raise ImportFormatError(SourceLocation(name), "no PDF files found")
    if len(pdfs) > MAX_RECORDS:
        raise ImportFormatError(
            SourceLocation(name), f"more than {count(MAX_RECORDS)} PDF files: split the folder"
        )
    for number, pdf in enumerate(pdfs, start=1):
        location = SourceLocation(prefix + pdf.name, item=number)
        try:
            record = read_pdf(pdf, location, result)
        except OSError as error:
            result.problems.append(Problem(location, f"cannot read the file ({error.strerror or error})"))
            continue
        if record is not None:
            result.records.append(record)
    return result

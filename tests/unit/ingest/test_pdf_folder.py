"""A folder of PDFs: a resource per file, titled from metadata, the first page's largest text, or the name."""

from __future__ import annotations

import hashlib
import io
import shutil
from pathlib import Path

import pypdf
import pytest

from reslib_desktop.ingest.dates import Precision
from reslib_desktop.ingest.formats.pdf_folder import read_pdf_folder
from reslib_desktop.ingest.problems import ImportFormatError, Severity
from unit.ingest.helpers import IRS_PDF, PDFS


def _without_metadata(source: Path, target: Path, pages: int = 2) -> Path:
    reader = pypdf.PdfReader(source)
    writer = pypdf.PdfWriter()
    for page in reader.pages[:pages]:
        writer.add_page(page)
    with target.open("wb") as out:
        writer.write(out)
    return target


def _encrypted(target: Path) -> Path:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Title": "Secret Plans For Everyone"})
    writer.encrypt("a password")
    buffer = io.BytesIO()
    writer.write(buffer)
    target.write_bytes(buffer.getvalue())
    return target


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "pdfs"
    folder.mkdir()
    shutil.copy(IRS_PDF, folder / "irs.pdf")
    _without_metadata(IRS_PDF, folder / "no-metadata.pdf")
    shutil.copy(PDFS / "trivial.pdf", folder / "Annual_Report-2019.PDF")
    (folder / "notes.txt").write_text("not a pdf")
    return folder


def test_one_resource_per_pdf_in_name_order(folder: Path) -> None:
    result = read_pdf_folder(folder)
    assert [r.attachments[0].label for r in result.records] == ["Annual_Report-2019.PDF", "irs.pdf", "no-metadata.pdf"]
    [warning] = result.problems
    assert warning.severity is Severity.WARNING and "notes.txt" in warning.message


def test_titles_from_metadata_then_largest_text_then_file_name(folder: Path) -> None:
    by_file = {r.attachments[0].label: r for r in read_pdf_folder(folder).records}
    assert (by_file["irs.pdf"].title, by_file["irs.pdf"].title_derived) == ("2007 Instruction 1040-NR", False)
    assert (by_file["no-metadata.pdf"].title, by_file["no-metadata.pdf"].title_derived) == (
        "Instructions for Form 1040NR",
        True,
    )
    assert by_file["Annual_Report-2019.PDF"].title == "Annual Report 2019"


def test_date_from_the_creation_date(folder: Path) -> None:
    irs = next(r for r in read_pdf_folder(folder).records if r.attachments[0].label == "irs.pdf")
    assert irs.published.text == "2007-12-06" and irs.published.precision is Precision.DAY


def test_the_file_itself_is_the_attachment(folder: Path) -> None:
    irs = next(r for r in read_pdf_folder(folder).records if r.attachments[0].label == "irs.pdf")
    [attachment] = irs.attachments
    assert attachment.local_path == (folder / "irs.pdf").resolve()
    assert attachment.sha256 == hashlib.sha256(IRS_PDF.read_bytes()).hexdigest()
    assert attachment.size == IRS_PDF.stat().st_size and attachment.page_count == 50
    assert attachment.mime == "application/pdf" and attachment.url is None


def test_damaged_and_fake_pdfs_are_errors_naming_the_file(tmp_path: Path) -> None:
    shutil.copy(PDFS / "invalid.pdf", tmp_path / "broken.pdf")
    (tmp_path / "fake.pdf").write_text("hello")
    result = read_pdf_folder(tmp_path)
    assert result.records == []
    messages = {str(p.location): p.message for p in result.problems}
    assert "damaged" in messages[f"{tmp_path.name}/broken.pdf (item 1)"]
    assert "not a PDF" in messages[f"{tmp_path.name}/fake.pdf (item 2)"]


def test_a_password_protected_pdf_is_imported_by_its_name_with_a_warning(tmp_path: Path) -> None:
    _encrypted(tmp_path / "locked_plan.pdf")
    result = read_pdf_folder(tmp_path)
    [record] = result.records
    assert record.title == "locked plan" and record.title_derived
    assert "password" in result.problems[0].message and result.problems[0].severity is Severity.WARNING


def test_a_single_pdf_file_reads_as_a_folder_of_one() -> None:
    [record] = read_pdf_folder(IRS_PDF).records
    assert record.title == "2007 Instruction 1040-NR"


def test_a_folder_without_pdfs_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(ImportFormatError, match="no PDF files"):
        read_pdf_folder(tmp_path)

"""Import validation: what is not a web address, not a date, not text, or not the library's spelling."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from reslib_desktop.ingest.pipeline import Action
from reslib_desktop.ingest.problems import Severity
from reslib_desktop.ingest.service import ImportService
from unit.ingest.helpers import write


def _csv(tmp_path: Path, rows: list[dict], name: str = "in.csv") -> Path:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return write(tmp_path / name, out.getvalue())


def _json(tmp_path: Path, records: list[dict], name: str = "in.json") -> Path:
    return write(tmp_path / name, "[\n" + ",\n".join(json.dumps(r) for r in records) + "\n]\n")


NOT_URLS = [
    ("C:\\docs\\x.pdf", "a file on a computer"),
    ('=HYPERLINK("http://a")', "a spreadsheet formula"),
    ("&#106;avascript:alert(1)", "HTML character reference"),
    ("javascript:alert(1)", "uses javascript:"),
    ("data:text/html;base64,PHNjcmlwdD4=", "uses data:"),
    ("http:///x.pdf", "names no host"),
    ("files\\x.pdf", "which no web address does"),
]


@pytest.mark.parametrize(("url", "why"), NOT_URLS)
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_value_that_is_no_web_address_is_a_located_error(
    service: ImportService, tmp_path: Path, url: str, why: str, fmt: str
) -> None:
    records = [{"title": "Fine", "attachment_labels": "F", "attachment_urls": "https://ngo.example/f.pdf"},
               {"title": "Bad", "attachment_labels": "B", "attachment_urls": url}]
    if fmt == "csv":
        records[1]["attachment_urls"] = url.replace(";", "\\;")  # a ';' inside a CSV value is written '\;'
        path = _csv(tmp_path, records)
    else:
        path = _json(tmp_path, [{"title": r["title"], "attachments": [{"label": r["attachment_labels"],
                                                                         "url": r["attachment_urls"]}]} for r in records])
    preview = service.preview([path])
    [error] = preview.errors
    assert str(error.location) == ("in.csv:3" if fmt == "csv" else "in.json:3 (item 2)")
    assert "attachment 1's URL" in error.message and why in error.message
    assert preview.items[1].action is Action.ERROR


@pytest.mark.parametrize("source", ["C:\\docs\\page.html", "=HYPERLINK(\"http://a\")", "&#106;avascript:alert(1)"])
def test_a_source_that_is_no_web_address_is_a_located_error(service: ImportService, tmp_path: Path, source: str) -> None:
    preview = service.preview([_json(tmp_path, [{"title": "Bad", "source": source}])])
    [error] = preview.errors
    assert str(error.location) == "in.json:2 (item 1)" and error.message.startswith("the source URL")


def test_relative_links_resolve_against_a_known_base(service: ImportService, tmp_path: Path) -> None:
    page = write(tmp_path / "page.html", '<h1>Guide</h1><p><a href="../files/guide.pdf">Guide (PDF)</a></p>')
    preview = service.preview([page], service_options(base_url="https://ngo.example/pubs/guide"))
    assert not preview.problems
    assert preview.items[0].record.attachments[0].url == "https://ngo.example/files/guide.pdf"


def service_options(**kwargs):
    from reslib_desktop.ingest.service import ImportOptions

    return ImportOptions(**kwargs)

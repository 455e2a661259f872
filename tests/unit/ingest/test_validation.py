"""Import validation: what is not a web address, not a date, not text, or not the library's spelling."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from reslib_desktop.ingest.pipeline import Action
from reslib_desktop.ingest.service import ImportService
from unit.ingest.helpers import library_dump, write


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
        path = _json(
            tmp_path,
            [
                {"title": r["title"], "attachments": [{"label": r["attachment_labels"], "url": r["attachment_urls"]}]}
                for r in records
            ],
        )
    preview = service.preview([path])
    [error] = preview.errors
    assert str(error.location) == ("in.csv:3" if fmt == "csv" else "in.json:3 (item 2)")
    assert "attachment 1's URL" in error.message and why in error.message
    assert preview.items[1].action is Action.ERROR


@pytest.mark.parametrize("source", ["C:\\docs\\page.html", "=HYPERLINK(\"http://a\")", "&#106;avascript:alert(1)"])
def test_a_source_that_is_no_web_address_is_a_located_error(
    service: ImportService, tmp_path: Path, source: str
) -> None:
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


def test_control_characters_are_never_stored_and_each_field_is_named(service: ImportService, tmp_path: Path) -> None:
    record = {"title": "Safe\u0000 Housing\u0007", "description": "Line one\u001b[31m.\n\nLine two\ud800.",
              "topics": ["Hou\u0000sing"], "attachments": [{"label": "Guide\u0008 (PDF)", "url": "https://ngo.example/g.pdf"}]}
    preview = service.preview([_json(tmp_path, [{"title": "Fine"}, record])])
    assert not preview.has_errors
    assert [(str(p.location), p.message) for p in preview.warnings] == [
        ("in.json:3 (item 2)", "control characters (U+0000, U+0007) removed from the title: stored without them"),
        ("in.json:3 (item 2)", "control characters (U+001B, U+D800) removed from the description: stored without them"),
        ("in.json:3 (item 2)", "control characters (U+0000) removed from the topics: stored without them"),
        ("in.json:3 (item 2)", "control characters (U+0008) removed from attachment 1's label: stored without them"),
    ]
    service.apply(preview)
    dump = [r for r in library_dump(service.library.path) if r["title"] != "Fine"]
    assert [(r["title"], r["description"], r["topics"], r["attachments"][0][1]) for r in dump] == [
        ("Safe Housing", "Line one[31m.\n\nLine two.", ["Housing"], "Guide")
    ]


def test_an_impossible_date_is_a_warning_that_says_so(service: ImportService, tmp_path: Path) -> None:
    rows = [{"title": f"R{n}", "date": "2020"} for n in range(5)] + [{"title": "Bad date", "date": "13/45/2021"},
                                                                   {"title": "Leap", "date": "February 29, 2021"}]
    preview = service.preview([_csv(tmp_path, rows)])
    assert [(str(p.location), p.message) for p in preview.warnings] == [
        ("in.csv:7", "date '13/45/2021' is not a real date; kept as text, undated"),
        ("in.csv:8", "date 'February 29, 2021' is not a real date; kept as text, undated"),
    ]


def test_an_unknown_type_is_a_warning_once_and_known_spellings_map_to_the_library(
    service: ImportService, tmp_path: Path
) -> None:
    first = [{"title": "Lib", "type": "Fact Sheet", "topics": "Housing", "audience": "Service Providers"}]
    service.apply(service.preview([_csv(tmp_path, first, "first.csv")]))
    rows = [
        {"title": "A", "type": "fact_sheet", "topics": "housing", "audience": "service providers"},
        {"title": "B", "type": "Guide", "topics": "HOUSING ", "audience": "Sérvice  Providers"},
        {"title": "C", "type": "guide", "topics": "Housing", "audience": ""},
    ]
    preview = service.preview([_csv(tmp_path, rows, "second.csv")])
    [warning] = preview.warnings
    assert str(warning.location) == "second.csv:3"
    assert warning.message.startswith('type "Guide" is not one of the library\'s types (')
    assert warning.message.endswith('imported as a new type "guide"')
    service.apply(preview)
    dump = library_dump(service.library.path)
    assert sorted({r["type"] for r in dump}) == ["fact_sheet", "guide"]
    assert {t for r in dump for t in r["topics"]} == {"Housing"}
    assert {a for r in dump for a in r["audiences"]} == {"Service Providers"}
    again = service.preview([_csv(tmp_path, [{"title": "D", "type": "GUIDE"}], "third.csv")])
    assert not again.warnings  # the library has the type now

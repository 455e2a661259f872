"""A record's `source` may be the listing page it was found on: shared by many resources, never an identity.

Three made-up libraries with different URL shapes, each importing 42 records in every import format.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reslib_desktop.ingest.pipeline import Action
from reslib_desktop.ingest.service import ImportOptions, ImportService
from reslib_desktop.ingest.sources import DuplicatePolicy
from unit.ingest.other_libraries import (
    FORMATS,
    LIBRARIES,
    OtherLibrary,
    records_of,
    write_library,
)


def _options(library: OtherLibrary, fmt: str) -> ImportOptions:
    return ImportOptions(format=fmt, base_url=library.listing if fmt == "seed" else None)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("other", LIBRARIES, ids=lambda lib: lib.name)
def test_a_whole_listing_of_another_library_imports_as_42_resources(
    service: ImportService, tmp_path: Path, other: OtherLibrary, fmt: str
) -> None:
    path = write_library(tmp_path, other, fmt, records_of(other))
    preview = service.preview([path], _options(other, fmt))
    assert [str(p) for p in preview.errors] == []
    assert preview.counts()["new"] == 42
    service.apply(preview)
    assert service.library.info().counts["resources"] == 42
    again = service.preview([path], _options(other, fmt))
    assert not again.has_errors and again.counts()["unchanged"] == 42


@pytest.mark.parametrize("other", LIBRARIES, ids=lambda lib: lib.name)
def test_more_records_from_the_same_listing_are_new_not_updates(
    service: ImportService, tmp_path: Path, other: OtherLibrary
) -> None:
    service.apply(service.preview([write_library(tmp_path, other, "json", records_of(other))]))
    (tmp_path / "more").mkdir()
    more = write_library(tmp_path / "more", other, "json", records_of(other, count=5, first=42))
    preview = service.preview([more])
    assert [i.action for i in preview.items] == [Action.NEW] * 5
    assert service.library.info().counts["resources"] == 42


@pytest.mark.parametrize(
    ("page", "retitled"),
    [
        ("https://ngo.example/resources/", "Youth Outreach Brief"),  # a listing both were found on
        ("https://freedomnet.example.org/resources/safe-housing-toolkit", "Safe Housing Toolkit for Shelters"),
        ("https://catalogue.example/items/101", "Safe housing: a toolkit"),
    ],
)
def test_one_record_naming_a_page_the_library_has_under_another_title_is_a_possible_duplicate(
    service: ImportService, tmp_path: Path, page: str, retitled: str
) -> None:
    """The resource retitled at its source, or another resource found on the same listing: no update (it
    could overwrite another resource), but not silently a second copy either: the duplicate policy decides."""
    first = tmp_path / "first.json"
    first.write_text(json.dumps([{"title": "Survivor Housing Toolkit", "source": page}]), encoding="utf-8")
    service.apply(service.preview([first]))
    second = tmp_path / "second.json"
    second.write_text(json.dumps([{"title": retitled, "source": page}]), encoding="utf-8")
    preview = service.preview([second])
    assert [(i.action, i.reason) for i in preview.items] == [
        (Action.DUPLICATE, 'the same page as "Survivor Housing Toolkit", under another title')
    ]
    service.apply(preview, DuplicatePolicy.MERGE)
    assert service.library.info().counts["resources"] == 1


def test_a_single_resource_page_is_still_its_identity(service: ImportService, tmp_path: Path) -> None:
    page = "https://ngo.example/publications/survivor-housing-toolkit"
    first = tmp_path / "first.json"
    first.write_text(
        json.dumps([{"title": "Survivor Housing Toolkit", "date": "2020", "source": page}]), encoding="utf-8"
    )
    service.apply(service.preview([first]))
    second = tmp_path / "second.json"
    second.write_text(
        json.dumps([{"title": "Survivor housing toolkit", "date": "May 2021", "source": page + "/"}]), encoding="utf-8"
    )
    preview = service.preview([second])
    assert [(i.action, i.reason.split(" http")[0]) for i in preview.items] == [(Action.UPDATE, "same resource page")]


@pytest.mark.parametrize("detail", [
    "https://koha.example/cgi-bin/koha/opac-detail.pl?biblionumber=",  # a library catalogue
    "https://archive.example/view?id=",
])
def test_records_of_one_title_told_apart_only_by_their_item_pages_are_not_refused(
    service: ImportService, tmp_path: Path, detail: str
) -> None:
    path = tmp_path / "catalogue.json"
    records = [{"title": "Fact sheet", "source": f"{detail}{number}"} for number in (101, 102)]
    path.write_text(json.dumps(records), encoding="utf-8")
    preview = service.preview([path])
    assert [str(p) for p in preview.errors] == []  # not "the same resource (the same title and date)"
    assert [i.action for i in preview.items] == [Action.NEW, Action.DUPLICATE]  # the policy decides
    service.apply(preview)
    assert service.library.info().counts["resources"] == 2
    assert service.preview([path]).counts()["unchanged"] == 2
    same = tmp_path / "same.json"
    same.write_text(json.dumps([records[0], records[0]]), encoding="utf-8")
    assert "(the same title and date)" in service.preview([same]).errors[0].message  # the same page: one resource


@pytest.mark.parametrize("source", [None, "resources/safe-housing.html"])  # none yet, or relative (a saved page)
def test_a_resource_known_by_title_and_date_that_gains_its_page_is_updated_not_copied(
    service: ImportService, tmp_path: Path, source: str | None
) -> None:
    first = tmp_path / "first.json"
    record = {"title": "Safe Housing Toolkit", "date": "2022", **({"source": source} if source else {})}
    first.write_text(json.dumps([record]), encoding="utf-8")
    service.apply(service.preview([first]))
    second = tmp_path / "second.json"
    page = "https://lib.example.org/resources/safe-housing.html"
    second.write_text(json.dumps([{**record, "source": page}]), encoding="utf-8")
    preview = service.preview([second])
    assert [(i.action, i.reason) for i in preview.items] == [(Action.UPDATE, "same title and date")]
    service.apply(preview)
    assert service.library.info().counts["resources"] == 1
    assert service.preview([second]).counts()["unchanged"] == 1


def test_two_records_with_the_title_and_date_of_a_resource_known_by_nothing_else_update_neither(
    service: ImportService, tmp_path: Path
) -> None:
    first = tmp_path / "first.json"
    first.write_text(json.dumps([{"title": "Annual Report", "date": "2020"}]), encoding="utf-8")
    service.apply(service.preview([first]))
    second = tmp_path / "second.json"
    second.write_text(json.dumps([
        {"title": "Annual Report", "date": "2020", "source": "https://one.example/reports/annual-2020"},
        {"title": "Annual Report", "date": "2020", "source": "https://two.example/pubs/annual-report-2020"},
    ]), encoding="utf-8")
    preview = service.preview([second])
    assert not preview.has_errors  # valid records are not refused
    assert {i.action for i in preview.items} == {Action.DUPLICATE}


def test_a_resource_stored_undated_by_an_earlier_version_is_updated_once_its_date_is_read(
    service: ImportService, tmp_path: Path
) -> None:
    """Earlier versions kept dates such as 2021-03-01T12:00:00Z as undated text, and the title-and-date
    identity of such a record was its title alone. Importing it again must update it, not add a copy."""
    record = {"title": "Interpreters in Court", "date": "2021-03-01T12:00:00Z"}
    first = tmp_path / "first.json"
    first.write_text(json.dumps([{"title": record["title"]}]), encoding="utf-8")
    service.apply(service.preview([first]))
    with service.library.engine.begin() as connection:  # as an earlier version stored it
        connection.exec_driver_sql("UPDATE resources SET published_text = ?", (record["date"],))
    second = tmp_path / "second.json"
    second.write_text(json.dumps([record]), encoding="utf-8")
    preview = service.preview([second])
    assert [(i.action, i.reason) for i in preview.items] == [(Action.UPDATE, "same title and date")]
    service.apply(preview)
    assert service.library.info().counts["resources"] == 1

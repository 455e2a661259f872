"""The preview: normalise, validate and match every record before anything is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reslib_desktop.ingest.pipeline import Action
from reslib_desktop.ingest.problems import Severity
from reslib_desktop.ingest.service import DuplicatePolicy, ImportOptions, ImportService
from unit.ingest.helpers import write


def _json(tmp_path: Path, records: list[dict], name: str = "in.json") -> Path:
    return write(tmp_path / name, "[\n" + ",\n".join(json.dumps(r) for r in records) + "\n]\n")


def _actions(preview) -> list[tuple[str, str]]:
    return [(item.action.value, item.title) for item in preview.items]


def test_a_fresh_import_is_all_new_and_nothing_is_written(service: ImportService, tmp_path: Path) -> None:
    path = _json(tmp_path, [{"title": "A", "date": "2020"}, {"title": "B"}])
    preview = service.preview([path])
    assert _actions(preview) == [("new", "A"), ("new", "B")]
    assert service.library.info().counts["resources"] == 0


def test_markup_in_descriptions_is_stored_as_plain_text(service: ImportService, tmp_path: Path) -> None:
    description = (
        '<p onclick="steal()">Safe <b>text</b> <a href="javascript:alert(1)">here</a>.</p>'
        '<script>alert("x")</script><img src="https://tracker.example/p.gif" onerror="x()"><p>Second.</p>'
    )
    preview = service.preview([_json(tmp_path, [{"title": "<i>Guide</i>", "description": description}])])
    [item] = preview.items
    assert item.record.title == "Guide"
    assert item.record.description == "Safe text here.\n\nSecond."
    assert any("markup removed" in p.message and p.severity is Severity.WARNING for p in item.problems)
    for absent in ("<", "script", "onclick", "javascript", "tracker", "alert"):
        assert absent not in item.record.description


def test_text_that_only_looks_like_markup_is_kept() -> None:
    from reslib_desktop.ingest.sanitise import plain_text

    assert plain_text("Children <5 years and x<y & z") == ("Children <5 years and x<y & z", [])


def test_types_topics_and_audiences_map_to_the_library_spelling(service: ImportService, tmp_path: Path) -> None:
    first = service.preview([_json(tmp_path, [{"title": "A", "topics": ["Housing"], "audience": "Youth"}], "a.json")])
    service.apply(first)
    path = _json(
        tmp_path,
        [{"title": "B", "type": "Fact Sheets", "topics": ["housing", "HOUSING"], "audience": ["youth"]}],
        "b.json",
    )
    [item] = service.preview([path]).items
    assert item.record.resource_type == "fact_sheet"
    assert item.record.topics == ["Housing"] and item.record.audiences == ["Youth"]
    assert item.notes == [
        'type "Fact Sheets" → fact_sheet',
        'topic "housing" → "Housing"',
        'topic "HOUSING" → "Housing"',
        'audience "youth" → "Youth"',
    ]


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"title": "x" * 501}, "the title is 501 characters long; at most 500"),
        ({"title": "A", "description": "d" * 100_001}, "the description is 100,001 characters long"),
        ({"title": "A", "attachments": [{"label": "L", "url": "javascript:alert(1)"}]}, "uses javascript:"),
        ({"title": "A", "attachments": [{"label": "L", "url": "file:///etc/passwd"}]}, "uses file:"),
        ({"title": "A", "source": "data:text/html,hi"}, "the source URL uses data:"),
        ({"title": "A", "attachments": [{"label": "L", "url": "https://[broken/a.pdf"}]}, "is not a valid address"),
        ({"title": "A", "uid": "has space"}, "the uid must not contain spaces"),
        ({"title": "A", "topics": [f"t{i}" for i in range(101)]}, "101 topics"),
    ],
)
def test_invalid_records_are_errors_naming_the_record(
    service: ImportService, tmp_path: Path, record: dict, message: str
) -> None:
    preview = service.preview([_json(tmp_path, [{"title": "Fine"}, record])])
    assert preview.has_errors
    [error] = preview.errors
    assert str(error.location) == "in.json:3 (item 2)" and message in error.message
    assert preview.items[1].action is Action.ERROR


def test_relative_attachment_urls_are_kept_with_a_warning(service: ImportService, tmp_path: Path) -> None:
    preview = service.preview([_json(tmp_path, [{"title": "A", "attachments": [{"label": "L", "url": "docs/a.pdf"}]}])])
    assert not preview.has_errors
    assert "'docs/a.pdf' is a relative address: kept as written" in preview.warnings[0].message


def test_duplicate_rows_in_one_file_are_errors_naming_both(service: ImportService, tmp_path: Path) -> None:
    path = write(tmp_path / "dup.csv", "title,date,description\nA,2020,x\nB,2021,y\nA,2020,x\n")
    preview = service.preview([path])
    [error] = preview.errors
    assert str(error.location) == "dup.csv:4" and "the same resource as dup.csv:2" in error.message


def test_same_page_url_twice_is_an_error_but_distinct_explicit_uids_are_not(
    service: ImportService, tmp_path: Path
) -> None:
    page = "https://example.org/resource/one"
    twice = [{"title": "A", "source": page, "date": "2020"}, {"title": "A", "source": page, "date": "2021"}]
    preview = service.preview([_json(tmp_path, twice, "p.json")])
    assert "same resource page" in preview.errors[0].message
    distinct = [{"title": "A", "source": page, "uid": "a"}, {"title": "B", "source": page, "uid": "b"}]
    assert not service.preview([_json(tmp_path, distinct, "u.json")]).has_errors


def test_exact_matches_update_and_unchanged_records_are_said(service: ImportService, tmp_path: Path) -> None:
    records = [{"title": "A", "uid": "a", "description": "one"}, {"title": "B", "source": "https://x.org/resource/b"},
               {"title": "C", "attachments": [{"label": "C (PDF)", "url": "https://x.org/c.pdf"}]}]
    service.apply(service.preview([_json(tmp_path, records, "first.json")]))
    changed = [
        {"title": "A2", "uid": "a", "description": "two"},
        {"title": "B", "source": "https://X.org/resource/b/", "date": "2024"},
        {"title": "C2", "attachments": [{"label": "C", "url": "http://www.x.org/c.pdf"}]},
        records[0] | {"uid": "zz"},
    ]
    preview = service.preview([_json(tmp_path, changed, "second.json")])
    assert [(i.action.value, i.reason.split(" http")[0], i.target.uid if i.target else None) for i in preview.items][
        :3
    ] == [
        ("update", "same uid", "a"),
        ("update", "same resource page", preview.items[1].target.uid),
        ("update", "same attachment URL", preview.items[2].target.uid),
    ]
    again = service.preview([_json(tmp_path, records, "first.json")])
    assert [i.action for i in again.items] == [Action.UNCHANGED] * 3


def test_near_identical_titles_with_the_same_year_are_possible_duplicates(
    service: ImportService, tmp_path: Path
) -> None:
    service.apply(
        service.preview(
            [_json(tmp_path, [{"title": "Human Trafficking Prevention Framework", "date": "2024"}], "a.json")]
        )
    )
    preview = service.preview([_json(tmp_path, [
        {"title": "Human Trafficking Prevention Framwork", "date": "May 2024"},
        {"title": "Human Trafficking Prevention Framework", "date": "2019"},
        {"title": "FY 2015 Annual Report", "date": "2016"},
        {"title": "FY 2013 Annual Report", "date": "2016"},
    ], "b.json")])
    assert [i.action.value for i in preview.items] == ["duplicate", "new", "new", "new"]
    assert 'near-identical title to "Human Trafficking Prevention Framework" (2024)' in preview.items[0].reason


def test_same_title_and_date_twice_is_an_error(service: ImportService, tmp_path: Path) -> None:
    preview = service.preview([_json(tmp_path, [{"title": "Guide to Housing"}, {"title": "Guide to housing!"}])])
    assert "(the same title and date)" in preview.errors[0].message


def test_duplicates_within_one_import_are_found_too(service: ImportService, tmp_path: Path) -> None:
    preview = service.preview([_json(tmp_path, [{"title": "Guide to Housing", "date": "March 2020"},
                                                {"title": "Guide to housing!", "date": "2020"}])])
    assert [i.action for i in preview.items] == [Action.NEW, Action.DUPLICATE]
    assert preview.items[1].target.location is not None


def test_two_records_updating_one_resource_is_an_error(service: ImportService, tmp_path: Path) -> None:
    service.apply(
        service.preview([_json(tmp_path, [{"title": "A", "uid": "a", "source": "https://x.org/resource/a"}], "a.json")])
    )
    preview = service.preview(
        [_json(tmp_path, [{"title": "A", "uid": "a"}, {"title": "A", "source": "https://x.org/resource/a"}], "b.json")]
    )
    assert "updates the same resource" in preview.errors[0].message


def test_every_input_of_one_import_is_previewed_with_file_level_errors(service: ImportService, tmp_path: Path) -> None:
    good = _json(tmp_path, [{"title": "A"}], "good.json")
    bad = write(tmp_path / "bad.json", "[{")
    preview = service.preview([good, bad, tmp_path / "missing.csv"])
    assert [i.title for i in preview.items if i.record] == ["A"]
    assert [str(e.location) for e in preview.errors] == ["bad.json:1", "missing.csv"]


def test_a_bad_option_is_a_value_error(service: ImportService, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        service.preview([tmp_path], ImportOptions(format="xml"))


def test_policy_choice_is_recorded_in_the_preview(service: ImportService, tmp_path: Path) -> None:
    preview = service.preview([_json(tmp_path, [{"title": "A"}])], ImportOptions(on_duplicate=DuplicatePolicy.SKIP))
    assert preview.options.on_duplicate is DuplicatePolicy.SKIP

"""Editing and deleting resources by hand (ingest/editing.py): one transaction, index in step, undoable."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import insert, select, update

from reslib_desktop.ingest.editing import (
    AttachmentEdit,
    EditError,
    EditService,
    ResourceEdit,
    check_edit,
    split_names,
)
from reslib_desktop.ingest.service import ImportService, UndoRefused
from reslib_desktop.library import Library, SearchQuery, parse_query
from reslib_desktop.store.schema import Attachment, AttachmentPage


@pytest.fixture
def library(shipped_copy: Path) -> Iterator[Library]:
    with Library.open(shipped_copy) as opened:
        yield opened


def _dump(path: Path) -> list[tuple]:
    """Resources with their names and attachments, ids left out (what a user sees)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            "SELECT r.uid, r.title, r.title_derived, r.subtitle, r.description, r.published, r.published_precision, "
            "r.published_text, r.published_sort, r.resource_type, r.source_url, r.language, "
            "(SELECT group_concat(t.name, '|') FROM (SELECT t.name FROM resource_topics rt JOIN topics t "
            " ON t.id = rt.topic_id WHERE rt.resource_id = r.id ORDER BY t.name) t), "
            "(SELECT group_concat(a.label || '=' || ifnull(a.url, ''), '|') FROM (SELECT label, url FROM attachments "
            " WHERE resource_id = r.id ORDER BY position, id) a) "
            "FROM resources r ORDER BY r.uid"
        ).fetchall()
        return rows + connection.execute("SELECT name FROM topics ORDER BY name").fetchall()
    finally:
        connection.close()


def _titles(library: Library, text: str) -> list[str]:
    page = library.search(SearchQuery(text=parse_query(text)), 0, 100)
    return [row.title for row in page.rows]


def test_split_names_takes_commas_semicolons_and_drops_repeats() -> None:
    assert split_names("Housing; youth,  Labor ,housing;;") == ("Housing", "youth", "Labor")
    assert split_names(["a", " ", "A", "b"]) == ("a", "b")


def test_check_edit_reports_required_fields_urls_labels_and_dates() -> None:
    assert check_edit(ResourceEdit(title="", description="")).errors == ["a title or a description is needed"]
    assert check_edit(ResourceEdit(title="", description="Only a description.")).ok
    bad = check_edit(
        ResourceEdit(
            title="T",
            source_url="javascript:alert(1)",
            attachments=(AttachmentEdit("Report", "files/report.pdf"), AttachmentEdit("", "https://example.org/a.pdf")),
        )
    )
    assert "the source URL must be a web address starting with http:// or https://" in bad.errors
    assert "attachment 1's URL must be a web address starting with http:// or https://" in bad.errors
    assert "attachment 2 needs a label" in bad.errors
    unreadable = check_edit(ResourceEdit(title="T", date_text="sometime soon"))
    assert unreadable.ok and unreadable.warnings == [
        'the date "sometime soon" is not understood: it is kept as text, undated'
    ]
    month = check_edit(ResourceEdit(title="T", date_text="September 2020"))
    assert month.published.precision.value == "month" and month.published.display() == "September 2020"
    assert check_edit(ResourceEdit(title="x" * 5000)).errors  # the import's length limits apply too


def test_save_writes_every_field_and_search_finds_the_new_title(library: Library) -> None:
    service = EditService(library)
    edit = service.load(1)
    assert edit is not None and edit.title == "National Human Trafficking Prevention Framework"
    changed = replace(
        edit,
        title="Zanzibar prevention plan",
        subtitle="A subtitle",
        date_text="2016",
        resource_type="Fact Sheets",
        topics=("housing", "Brand New Topic"),
        audiences=("Case workers",),
        description="Plain text\n\nwith two paragraphs.",
        source_url="https://example.org/page",
        language="en",
    )
    batch_id = service.save(1, changed)
    detail = library.resource(1)
    assert detail is not None
    assert (detail.title, detail.subtitle, detail.published_text, detail.published_precision) == (
        "Zanzibar prevention plan",
        "A subtitle",
        "2016",
        "year",
    )
    assert detail.resource_type == "fact_sheet"
    assert set(detail.topics) == {"Brand New Topic", "housing"}
    assert detail.audiences == ["Case workers"]
    assert detail.description == "Plain text\n\nwith two paragraphs."
    assert (detail.source_url, detail.language) == ("https://example.org/page", "en")
    assert _titles(library, "zanzibar") == ["Zanzibar prevention plan"]
    assert _titles(library, '"National Human Trafficking Prevention Framework"') == []
    history = ImportService(library).history()
    assert history[0].id == batch_id and history[0].format == "edit" and history[0].updated == 1
    assert library.check() == []


def test_topic_spelling_follows_the_library(library: Library) -> None:
    service = EditService(library)
    edit = service.load(1)
    assert edit is not None
    service.save(1, replace(edit, topics=("victim assistance",)))
    detail = library.resource(1)
    assert detail is not None and detail.topics == ["Victim Assistance"]


def test_attachments_added_removed_and_reordered_keep_their_rows(library: Library) -> None:
    service = EditService(library)
    edit = service.load(4)
    assert edit is not None and len(edit.attachments) == 2
    first, second = edit.attachments
    with library.engine.begin() as connection:  # page text as the offline indexer stores it
        connection.execute(insert(AttachmentPage).values(attachment_id=second.id, page=1, text="quokka page text"))
        connection.execute(update(Attachment).where(Attachment.id == second.id).values(sha256="ab" * 32, size=10))
    added = AttachmentEdit("New annex", "https://example.org/annex.pdf")
    service.save(4, replace(edit, attachments=(replace(second, label="Renamed second"), added)))
    detail = library.resource(4)
    assert detail is not None
    assert [(a.label, a.url) for a in detail.attachments] == [
        ("Renamed second", second.url),
        ("New annex", "https://example.org/annex.pdf"),
    ]
    assert detail.attachments[0].id == second.id  # kept: its page text and file stay
    assert detail.attachments[1].mime == "application/pdf"
    assert all(a.id != first.id for a in detail.attachments)
    assert "HTLA Class 7 Recommendations Report" in _titles(library, "quokka")
    # A changed URL forgets the file the old one gave.
    edit = service.load(4)
    assert edit is not None
    service.save(4, replace(edit, attachments=(replace(edit.attachments[0], url="https://example.org/other.pdf"),)))
    with library.engine.connect() as connection:
        row = connection.execute(
            select(Attachment.sha256, Attachment.cache_state).where(Attachment.id == second.id)
        ).one()
    assert tuple(row) == (None, "not_cached")
    assert _titles(library, "quokka") == []
    assert library.check() == []


def test_undo_of_an_edit_restores_the_resource_exactly(library: Library, shipped_copy: Path) -> None:
    before = _dump(shipped_copy)
    service = EditService(library)
    edit = service.load(4)
    assert edit is not None
    batch_id = service.save(
        4, replace(edit, title="Changed", topics=("Only Here",), attachments=edit.attachments[::-1])
    )
    assert _dump(shipped_copy) != before
    ImportService(library).undo(batch_id)
    assert _dump(shipped_copy) == before
    assert library.check() == []


def test_refused_edits_change_nothing(library: Library, shipped_copy: Path) -> None:
    before = _dump(shipped_copy)
    service = EditService(library)
    edit = service.load(1)
    assert edit is not None
    with pytest.raises(EditError, match="http:// or https://"):
        service.save(1, replace(edit, source_url="ftp://example.org/x"))
    with pytest.raises(EditError, match="no longer exists"):
        service.save(10_000, edit)
    assert _dump(shipped_copy) == before
    assert ImportService(library).history() == []


def test_delete_removes_resources_and_undo_puts_them_back(library: Library, shipped_copy: Path, tmp_path: Path) -> None:
    offline = library.offline_service(tmp_path / "cache")
    offline.create_collection("Kit")
    offline.add_to_collection("Kit", [3, 4])
    before = _dump(shipped_copy)
    count = library.resource_count()
    batch_id = EditService(library).delete([3, 4, 99_999])
    assert library.resource_count() == count - 2
    assert library.resource(3) is None and offline.collection_resource_ids("Kit") == []
    assert _titles(library, '"Peer-to-Peer Updated Brief"') == []
    assert ImportService(library).history()[0].format == "delete"
    with pytest.raises(EditError):
        EditService(library).delete([3, 4])
    ImportService(library).undo(batch_id)
    assert _dump(shipped_copy) == before
    assert offline.collection_resource_ids("Kit") == [3, 4]
    assert _titles(library, '"Peer-to-Peer Updated Brief"') == ["Peer-to-Peer Updated Brief"]
    assert library.check() == []


def test_an_edit_blocks_undoing_the_import_before_it(library: Library, tmp_path: Path) -> None:
    source = tmp_path / "one.csv"
    source.write_text("title,date\nA resource about otters,2020\n", encoding="utf-8")
    service = ImportService(library, tmp_path / "cache")
    result = service.apply(service.preview([source]))
    [resource_id] = [row.id for row in library.search(SearchQuery(text=parse_query("otters")), 0, 10).rows]
    edits = EditService(library)
    edit = edits.load(resource_id)
    assert edit is not None
    edit_batch = edits.save(resource_id, replace(edit, title="A resource about sea otters"))
    blockers = service.undo_blockers(result.batch_id)
    assert blockers and f"undo batch {edit_batch} first" in blockers[0]
    with pytest.raises(UndoRefused):
        service.undo(result.batch_id)
    service.undo(edit_batch)
    service.undo(result.batch_id)
    assert _titles(library, "otters") == []

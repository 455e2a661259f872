"""The metadata editor and deleting resources, on a real copy of the shipped library."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication

from reslib_desktop.gui.a11y import unnamed_widgets
from reslib_desktop.gui.admin.actions import install_admin
from reslib_desktop.gui.admin.delete_action import ResourceDeleter
from reslib_desktop.gui.admin.metadata_editor import MetadataEditor
from reslib_desktop.gui.task_runner import wait_for_all
from reslib_desktop.gui.theme import apply_theme, contrast_ratio
from reslib_desktop.ingest.service import ImportService
from reslib_desktop.library import Library, SearchQuery, parse_query
from support import wait_for_results

WAIT = 10_000
FRAMEWORK = 1  # "National Human Trafficking Prevention Framework", no attachments
HTLA = 4  # "HTLA Class 7 Recommendations Report", two attachments


@pytest.fixture(autouse=True)
def _workers_finish() -> Iterator[None]:
    yield
    wait_for_all(WAIT)


class Answers:
    """A replaceable confirmation that records the questions and gives a set answer."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[tuple[str, str]] = []

    def __call__(self, _parent, title: str, question: str) -> bool:
        self.asked.append((title, question))
        return self.answer


def make_editor(qtbot, library: Library, resource_id: int, answer: bool = True) -> MetadataEditor:
    editor = MetadataEditor(library, resource_id, confirm=Answers(answer))
    qtbot.addWidget(editor)
    editor.show()
    return editor


def titles(library: Library, text: str) -> list[str]:
    return [row.title for row in library.search(SearchQuery(text=parse_query(text)), 0, 50).rows]


def test_the_editor_shows_every_field_of_the_resource(qtbot, library) -> None:
    editor = make_editor(qtbot, library, HTLA)
    detail = library.resource(HTLA)
    assert detail is not None
    assert editor.title.text() == detail.title
    assert editor.type_combo.currentText() == "Report" and editor.type_value() == "report"
    assert editor.description.toPlainText() == detail.description
    assert [a.label for a in editor.attachments.attachments()] == [a.label for a in detail.attachments]
    assert [a.id for a in editor.attachments.attachments()] == [a.id for a in detail.attachments]
    assert editor.save_button.isEnabled() and editor.save_button.isDefault()
    assert unnamed_widgets(editor) == []
    assert editor.width() <= 1366 and editor.height() <= 768


def test_editing_saves_in_one_go_and_search_finds_the_new_title(qtbot, library) -> None:
    editor = make_editor(qtbot, library, HTLA)
    editor.title.setText("Quokka recommendations report")
    editor.date.setText("September 2020")
    assert editor.date_hint.text() == "Read as a month: September 2020"
    editor.type_combo.setEditText("Fact Sheets")
    editor.topics.setText("Victim assistance; Wildlife, wildlife")
    editor.audiences.setText("Case workers")
    editor.source_url.setText("https://example.org/quokka")
    editor.language.setText("en")
    first, second = editor.attachments.attachments()
    editor.attachments.table.setCurrentCell(1, 0)
    qtbot.mouseClick(editor.attachments.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.attachments.add_button, Qt.MouseButton.LeftButton)
    editor.attachments.table.item(2, 0).setText("Annex")
    editor.attachments.table.item(2, 1).setText("https://example.org/annex.pdf")
    editor.attachments.table.setCurrentCell(1, 0)
    qtbot.mouseClick(editor.attachments.remove_button, Qt.MouseButton.LeftButton)
    assert [a.label for a in editor.attachments.attachments()] == [second.label, "Annex"]
    with qtbot.waitSignal(editor.saved, timeout=WAIT) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert saved.args == [HTLA] and not editor.isVisible()
    detail = library.resource(HTLA)
    assert detail is not None
    assert (detail.title, detail.published_text, detail.published_precision) == (
        "Quokka recommendations report",
        "September 2020",
        "month",
    )
    assert detail.resource_type == "fact_sheet"
    assert set(detail.topics) == {"Victim Assistance", "Wildlife"} and detail.audiences == ["Case workers"]
    assert [(a.id, a.label) for a in detail.attachments] == [
        (second.id, second.label),
        (detail.attachments[1].id, "Annex"),
    ]
    assert first.id not in [a.id for a in detail.attachments]
    assert titles(library, "quokka") == ["Quokka recommendations report"]
    assert ImportService(library).history()[0].format == "edit"


def test_validation_is_inline_and_blocks_only_errors(qtbot, library) -> None:
    editor = make_editor(qtbot, library, FRAMEWORK)
    editor.title.clear()
    editor.description.clear()
    assert not editor.save_button.isEnabled()
    assert "a title or a description is needed" in editor.problems.text()
    editor.description.setPlainText("Only a description. It gives the title.")
    assert editor.save_button.isEnabled()
    editor.source_url.setText("javascript:alert(1)")
    assert not editor.save_button.isEnabled()
    assert "the source URL must be a web address starting with http:// or https://" in editor.problems.text()
    editor.source_url.setText("https://example.org/x")
    editor.attachments.add_row("", "ftp://example.org/a.pdf")
    assert "attachment 1 needs a label" in editor.problems.text()
    assert "attachment 1&#x27;s URL must be a web address" in editor.problems.text()
    editor.attachments.remove_current()
    editor.date.setText("sometime soon")
    assert editor.date_hint.text() == "Not understood: kept as text, undated"
    assert "not understood" in editor.problems.text() and editor.save_button.isEnabled()
    with qtbot.waitSignal(editor.saved, timeout=WAIT):
        editor.save()
    detail = library.resource(FRAMEWORK)
    assert detail is not None and detail.title == "Only a description." and detail.title_derived
    assert detail.published is None and detail.published_text == "sometime soon"


def _error_contrast(editor: MetadataEditor) -> float:
    """Contrast of the error text's colour, as the label draws it, against the window behind it."""
    document = QTextDocument()
    document.setHtml(editor.problems.text())
    cursor = QTextCursor(document)
    cursor.setPosition(document.toPlainText().index("✖") + 1)
    shown = cursor.charFormat().foreground().color()
    return contrast_ratio(shown, editor.problems.palette().color(QPalette.ColorRole.Window))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_error_text_reaches_4_5_to_1_in_either_theme(qtbot, library, theme, pristine_appearance) -> None:
    app = QApplication.instance()
    apply_theme(app, theme)
    editor = make_editor(qtbot, library, FRAMEWORK)
    editor.title.clear()
    editor.description.clear()
    assert "a title or a description is needed" in editor.problems.text()
    assert _error_contrast(editor) >= 4.5
    apply_theme(app, "dark" if theme == "light" else "light")  # Settings → Theme while the editor is open
    qtbot.waitUntil(lambda: _error_contrast(editor) >= 4.5, timeout=WAIT)


def test_cancel_changes_nothing(qtbot, library) -> None:
    before = library.resource(FRAMEWORK)
    editor = make_editor(qtbot, library, FRAMEWORK)
    editor.title.setText("Not kept")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible() and library.resource(FRAMEWORK) == before


def test_delete_from_the_editor_asks_and_removes(qtbot, library) -> None:
    count = library.resource_count()
    editor = make_editor(qtbot, library, FRAMEWORK, answer=False)
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible() and library.resource_count() == count
    editor.deleter._confirm = Answers(True)
    with qtbot.waitSignal(editor.deleted, timeout=WAIT) as deleted:
        qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert deleted.args == [[FRAMEWORK]] and not editor.isVisible()
    assert library.resource(FRAMEWORK) is None and library.resource_count() == count - 1
    assert titles(library, '"National Human Trafficking Prevention Framework"') == []


def test_deleting_several_resources_names_them_and_can_be_undone(qtbot, library) -> None:
    answers = Answers(True)
    deleter = ResourceDeleter(library, confirm=answers)
    count = library.resource_count()
    with qtbot.waitSignal(deleter.deleted, timeout=WAIT) as deleted:
        assert deleter.delete([FRAMEWORK, HTLA, 5, 6])
    assert deleted.args == [[FRAMEWORK, HTLA, 5, 6]]
    title, question = answers.asked[0]
    assert title == "Delete resources" and "Delete these 4 resources" in question
    assert "• National Human Trafficking Prevention Framework" in question and "and 1 more" in question
    assert library.resource_count() == count - 4
    service = ImportService(library)
    service.undo(service.history()[0].id)
    assert library.resource_count() == count


def test_an_editor_on_a_deleted_resource_cannot_save(qtbot, library) -> None:
    editor = make_editor(qtbot, library, 10_000)
    assert not editor.save_button.isEnabled() and "no longer exists" in editor.problems.text()
    assert editor.cancel_button.isEnabled()


def _select_row(window, row: int) -> int:
    from PySide6.QtCore import QItemSelectionModel

    from reslib_desktop.gui.results_model import ResourceIdRole

    index = window.model.index(row, 0)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    window.table.selectionModel().setCurrentIndex(index, flags)
    return index.data(ResourceIdRole)


def test_f2_in_the_results_edits_and_shift_delete_deletes(qtbot, window, library, tmp_path) -> None:
    answers = Answers(True)
    admin = install_admin(window, cache_dir=tmp_path / "cache", confirm=answers)
    total = window.model.total
    resource_id = _select_row(window, 0)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    editor = admin.dialog
    assert isinstance(editor, MetadataEditor) and editor.resource_id == resource_id
    editor.title.setText("Zebra crossing handbook")
    with qtbot.waitSignal(admin.libraryChanged, timeout=WAIT):
        editor.save_button.click()
    wait_for_results(qtbot, window)
    window.search_box.set_text("zebra")
    wait_for_results(qtbot, window, "zebra")
    assert window.model.total == 1 and window.model.resource_at(0).title == "Zebra crossing handbook"
    window.search_box.set_text("")
    wait_for_results(qtbot, window, "")
    _select_row(window, 0)
    window.activateWindow()  # the editor has closed: the window is active again
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)
    window.table.setFocus()
    with qtbot.waitSignal(admin.libraryChanged, timeout=WAIT):
        qtbot.keyClick(window.table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    assert answers.asked and answers.asked[0][0] == "Delete resource"
    wait_for_results(qtbot, window)
    assert window.model.total == total - 1
    assert window.statusBar().currentMessage().startswith("Deleted 1 resource ")


def test_the_admin_keys_clash_with_no_other_key_of_the_assembled_window(qtbot, library, tmp_path) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QAction

    from reslib_desktop.gui.assemble import assemble_window

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = assemble_window(library, library.offline_service(tmp_path / "cache"), settings).window
    qtbot.addWidget(window)
    wide = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)
    owners: dict[str, list[QAction]] = {}
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            owners.setdefault(sequence.toString(), []).append(action)
    clashes = [
        (key, [a.text() for a in actions])
        for key, actions in owners.items()
        if len([a for a in actions if a.shortcutContext() in wide]) > 1
        or (any(a.shortcutContext() in wide for a in actions) and len(actions) > 1)
    ]
    assert clashes == []
    assert {"Ctrl+I", "F2", "Shift+Del"} <= set(owners)

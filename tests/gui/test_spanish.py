"""The window in Spanish: every string a user sees is translated, access keys stay unique, dates and
numbers follow the language, the .ts files are complete, and 150% text in Spanish cuts nothing."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, QLocale, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QTabBar,
    QTableWidget,
    QTextBrowser,
    QWidget,
)
from pytestqt.exceptions import TimeoutError
from test_accessibility import (
    _assembled,
    _ini,
    _row_with_attachments,
    _small_screen_problems,
)

from reslib_desktop.gui.i18n import (
    TYPE_TEXTS,
    install_language,
    local_date,
    local_number,
    qm_file,
)
from reslib_desktop.library import Library
from reslib_desktop.vocabulary import TYPE_LABELS
from support import WAIT_MS, wait_for_results
from table_clicks import click_row

REPO = Path(__file__).resolve().parents[2]
TRANSLATIONS = REPO / "reslib_desktop" / "translations"
PDF = REPO / "tests" / "data" / "pdfs" / "irs-i1040nr-instructions.pdf"
# Words that give an English sentence away; a visible text holding two of them is English.
ENGLISH_WORDS = {"the", "and", "of", "to", "with", "your", "this", "is", "are", "for", "from", "in", "no", "not",
                 "be", "it", "or", "on", "at", "by", "an", "all", "any", "none", "yet", "here", "there"}
PROPER_NAMES = {"reslib-desktop", "English", "Español", "OTIP", "PDF", "JSON", "CSV", "URL", "Qt"}


def _translations_tool():
    spec = importlib.util.spec_from_file_location("translations_tool", REPO / "packaging" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _untranslated_sources() -> set[str]:
    """English source texts whose Spanish differs (with and without their access key marks)."""
    found = set()
    for message in ET.parse(TRANSLATIONS / "reslib_es.ts").getroot().iter("message"):
        source = message.findtext("source") or ""
        forms = [f.text or "" for f in message.iter("numerusform")] or [message.findtext("translation") or ""]
        if source not in forms and "%" not in source and not source.startswith(("{", "MMM")):
            found |= {source, source.replace("&", "")}
    return found


@pytest.fixture
def spanish(qapp, tmp_path: Path, pristine_appearance) -> Iterator[None]:
    """The application in Spanish (as after choosing Español in Settings and restarting), English again after."""
    assert install_language(qapp, "es", cache=tmp_path / "qm") == "es"
    yield
    install_language(qapp, "en", cache=tmp_path / "qm")


# --- what a user can see -----------------------------------------------------------------------------
def _widget_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every visible text of `root` and its children: titles, labels, buttons, items,
    headers, tabs, tooltips, placeholders and the names screen readers read."""
    for widget in [root, *root.findChildren(QWidget)]:
        kind = type(widget).__name__
        if widget.isWindow():
            yield kind + " title", widget.windowTitle()
        if isinstance(widget, (QLabel, QAbstractButton)):
            yield kind, widget.text()
        if isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.PlainText:
            yield kind, re.sub(r"<[^>]+>", "", widget.text())
        if isinstance(widget, QGroupBox):
            yield kind, widget.title()
        if isinstance(widget, QLineEdit):
            yield kind + " placeholder", widget.placeholderText()
        if isinstance(widget, QComboBox):
            yield from ((kind + " item", widget.itemText(n)) for n in range(widget.count()))
        if isinstance(widget, QTabBar):
            for n in range(widget.count()):
                yield kind, widget.tabText(n)
                yield kind + " tooltip", widget.tabToolTip(n)
        if isinstance(widget, QTextBrowser):
            yield from ((kind, line) for line in widget.toPlainText().splitlines())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model, top = widget.model(), QModelIndex()
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(top)
            for column in range(columns):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    yield kind + " header", str(model.headerData(column, Qt.Orientation.Horizontal, role) or "")
            if isinstance(widget, (QListWidget, QTableWidget)) or columns > 1:
                for row in range(min(model.rowCount(top), 3)):
                    for column in range(columns):
                        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                            yield kind + " cell", str(model.index(row, column).data(role) or "")
        yield kind + " tooltip", widget.toolTip()
        yield kind + " accessible name", widget.accessibleName()
        yield kind + " accessible description", widget.accessibleDescription()
        yield kind + " status tip", widget.statusTip()
        for action in widget.actions():
            yield from _action_texts(action)


def _action_texts(action: QAction) -> Iterator[tuple[str, str]]:
    if action.isSeparator():
        return
    yield "action", action.text()
    yield "action tooltip", action.toolTip()
    yield "action status tip", action.statusTip()
    menu = action.menu()
    if isinstance(menu, QMenu):
        menu.aboutToShow.emit()  # menus filled on showing (Columns)
        yield "menu", menu.title()
        for inner in menu.actions():
            yield from _action_texts(inner)


def _english_left(texts: list[tuple[str, str]], library_text: list[str]) -> list[str]:
    """Texts a Spanish reader would find in English: an English source the .ts translates, or a
    sentence with English words that is not the library's own data."""
    sources = _untranslated_sources()
    left = []
    for where, text in texts:
        text = text.strip()
        if not text or text in PROPER_NAMES:
            continue
        if text in sources:
            left.append(f"{where}: {text!r}")
            continue
        rest = re.sub(r"\S*[/\\]\S*", " ", text)  # file paths and addresses
        for value in library_text:
            rest = rest.replace(value, " ")
        words = re.findall(r"[A-Za-z]+", rest.lower())
        if sum(word in ENGLISH_WORDS for word in words) >= 2:
            left.append(f"{where}: {text!r} (English words)")
    return sorted(set(left))


def _library_text(library: Library, window) -> list[str]:
    values: list[str] = []
    model = window.model
    for row in range(model.rowCount()):
        detail = library.resource(model.resource_at(row).id)
        assert detail is not None
        values += [detail.title, detail.subtitle or "", detail.description, *detail.topics, *detail.audiences]
        values += [detail.source_url or "", *(a.label for a in detail.attachments)]
    for group in window.sidebar.groups.values():
        values += [group.values.item(n).text().rsplit(" (", 1)[0] for n in range(group.values.count())]
    return sorted({v for v in values if v and len(v) >= 3}, key=len, reverse=True)


def _mnemonic_clashes(owner: str, texts: list[str]) -> list[str]:
    """Access keys (the letter after &) used twice among texts shown together."""
    seen: dict[str, str] = {}
    clashes = []
    for text in texts:
        match = re.search(r"&([^&\s])", text.replace("&&", ""))
        if not match:
            continue
        key = match.group(1).lower()
        if key in seen:
            clashes.append(f"{owner}: {seen[key]!r} and {text!r} both use Alt+{key}")
        seen[key] = text
    return clashes


def _menu_clashes(menu: QMenu) -> list[str]:
    shown = [a for a in menu.actions() if not a.isSeparator() and a.isVisible()]
    clashes = _mnemonic_clashes(menu.title(), [a.text() for a in shown])
    for action in shown:
        if isinstance(action.menu(), QMenu):
            clashes += _menu_clashes(action.menu())
    return clashes


def _dialog_clashes(dialog: QWidget) -> list[str]:
    texts = [w.text() for w in dialog.findChildren(QAbstractButton) if w.isVisible()]
    texts += [w.text() for w in dialog.findChildren(QLabel) if w.isVisible() and w.buddy() is not None]
    for bar in dialog.findChildren(QTabBar):
        texts += [bar.tabText(n) for n in range(bar.count())]
    return _mnemonic_clashes(dialog.windowTitle() or type(dialog).__name__, texts)


# --- the tests -------------------------------------------------------------------------------------
def test_every_entry_of_the_ts_files_is_translated_with_its_placeholders() -> None:
    tool = _translations_tool()
    assert [problem for language in tool.LANGUAGES for problem in tool.problems_in(tool.ts_path(language))] == []


def test_the_translations_are_complete_and_in_step_with_the_code() -> None:
    assert _translations_tool().check() == []


def test_every_canonical_type_has_a_translatable_name() -> None:
    assert set(TYPE_LABELS) | {""} == set(TYPE_TEXTS)
    assert all(TYPE_TEXTS[value] == label for value, label in TYPE_LABELS.items())


def test_a_missing_or_stale_qm_is_compiled_into_the_cache(tmp_path: Path) -> None:
    translations = tmp_path / "translations"
    translations.mkdir()
    ts = translations / "reslib_es.ts"
    ts.write_bytes((TRANSLATIONS / "reslib_es.ts").read_bytes())
    first = qm_file("es", translations, tmp_path / "cache")
    assert first == tmp_path / "cache" / "reslib_es.qm" and first.stat().st_size > 1000
    compiled_at = first.stat().st_mtime_ns
    assert qm_file("es", translations, tmp_path / "cache") == first and first.stat().st_mtime_ns == compiled_at
    earlier = ts.stat().st_mtime - 60
    os.utime(first, (earlier, earlier))  # the .ts changed after the .qm was made
    assert qm_file("es", translations, tmp_path / "cache") == first and first.stat().st_mtime >= ts.stat().st_mtime
    bundled = translations / "reslib_es.qm"
    bundled.write_bytes(first.read_bytes())
    later = ts.stat().st_mtime + 5
    os.utime(bundled, (later, later))
    assert qm_file("es", translations, tmp_path / "cache") == bundled  # a build's own .qm wins when current


def test_spanish_dates_and_numbers_follow_the_language(spanish) -> None:
    assert local_number(1234567) == QLocale("es").toString(1234567)
    assert local_date(date(2022, 11, 11), "day") == "11 de noviembre de 2022"
    assert local_date(date(2020, 9, 1), "month") == "septiembre de 2020"
    assert local_date(date(2016, 1, 1), "year") == "2016"
    assert local_date(date(2022, 11, 11), "day", short=True).startswith("11 nov")
    assert local_date(None, "unknown") == ""
    assert QApplication.translate("QPlatformTheme", "Cancel") == "Cancelar"  # Qt's own standard buttons


def test_english_dates_read_as_before() -> None:
    assert local_date(date(2022, 11, 11), "day") == "November 11, 2022"
    assert local_date(date(2020, 9, 1), "month", short=True) == "Sep 2020"


def test_the_settings_offer_the_language_for_the_next_start(qtbot, library: Library, tmp_path: Path) -> None:
    from reslib_desktop.gui.main_window import MainWindow
    from reslib_desktop.gui.settings_dialog import SettingsDialog
    from reslib_desktop.gui.settings_store import load_preferences

    window = MainWindow(library)
    qtbot.addWidget(window)
    settings = _ini(tmp_path)
    dialog = SettingsDialog(window, settings)
    qtbot.addWidget(dialog)
    assert [dialog.language.itemText(n) for n in range(dialog.language.count())] == [
        "Same as the system",
        "English",
        "Español",
    ]
    assert "next time the app starts" in dialog.language_note.text()
    dialog.language.setCurrentIndex(dialog.language.findData("es"))
    dialog.accept()
    dialog.wait()
    assert load_preferences(settings).language == "es"
    assert QApplication.translate("SettingsDialog", "Settings") == "Settings"  # applies at the next start


def _open_dialogs(qtbot, assembled, tmp_path: Path) -> list[QWidget]:
    """Every dialog a user reaches from the window, open (not modal) and laid out."""
    from reslib_desktop.gui.error_dialog import ErrorDialog
    from reslib_desktop.gui.settings_dialog import AboutDialog, open_settings
    from reslib_desktop.gui.shortcuts import ShortcutsDialog

    window = assembled.window
    dialogs: list[QWidget] = [open_settings(window, _ini(tmp_path))]
    dialogs.append(ShortcutsDialog(window))
    dialogs.append(AboutDialog(window, window.library.path))
    dialogs.append(assembled.admin.open_import())
    dialogs.append(assembled.admin.open_history())
    dialogs.append(assembled.admin.open_duplicates())
    window.search_box.edit.clear()
    wait_for_results(qtbot, window)
    click_row(qtbot, window, 0)
    editor = assembled.admin.edit_current()
    assert editor is not None
    dialogs.append(editor)
    opened = QApplication.translate("App", "The library could not be opened.")
    dialogs.append(ErrorDialog(opened, "", "details", window))
    dialogs.append(window.sync.membership.open_join_dialog())  # Sync → Join a server…
    for dialog in dialogs:
        dialog.show()
        qtbot.waitExposed(dialog)
    return dialogs


def _read_and_close_popup(found: list[tuple[str, str]], tries: int = 200) -> None:
    """Once a popup menu shows (it runs its own event loop), take its texts and close it."""
    popup = QApplication.activePopupWidget()
    if isinstance(popup, QMenu):
        found += [text for action in popup.actions() for text in _action_texts(action)]
        popup.close()
    elif tries:
        QTimer.singleShot(10, lambda: _read_and_close_popup(found, tries - 1))


def test_no_english_is_left_in_the_spanish_window(qtbot, library: Library, tmp_path: Path, spanish) -> None:
    assembled = _assembled(qtbot, library, tmp_path, "light", 100, (1366, 768))
    window = assembled.window
    library_text = _library_text(library, window)
    texts: list[tuple[str, str]] = []

    click_row(qtbot, window, _row_with_attachments(window))
    qtbot.waitUntil(lambda: window.details.attachments.count() >= 2, timeout=WAIT_MS)
    texts += _widget_texts(window)
    texts += [("menu bar", a.text()) for a in window.menuBar().actions()]
    for action in window.menuBar().actions():
        texts += _action_texts(action)
    window.collections_panel.create_collection("Kit")
    qtbot.waitUntil(lambda: "Kit" in window.collections_panel.names(), timeout=WAIT_MS)
    texts += _widget_texts(window.collections_panel)
    menu_texts: list[tuple[str, str]] = []
    _read_and_close_popup(menu_texts)
    window.table.customContextMenuRequested.emit(window.table.visualRect(window.model.index(0, 0)).center())
    assert menu_texts, "the results' context menu did not show"
    texts += menu_texts
    window.collections_panel.select_collection("Kit")  # an empty collection says how to fill it
    qtbot.waitUntil(lambda: window.empty_state.isVisible(), timeout=WAIT_MS)
    texts += _widget_texts(window.empty_state)
    window.collections_panel.show_all()
    wait_for_results(qtbot, window)
    window.downloads_dock.show()
    texts += _widget_texts(window.downloads_dock)
    window.sidebar.groups["type"].check_value("report")  # a filter chip
    wait_for_results(qtbot, window)
    texts += _widget_texts(window.chips)
    qtbot.keyClicks(window.search_box.edit, "trafficing")  # nothing found: the empty state with suggestions
    wait_for_results(qtbot, window, "trafficing")
    window.clear_all_filters()
    wait_for_results(qtbot, window, "trafficing")
    texts += _widget_texts(window.empty_state)
    window.right_tabs.setCurrentWidget(window.pdf_pane)
    assert window.pdf_pane.open_file(PDF, "k", "IRS instructions")
    texts += _widget_texts(window.pdf_pane)
    library_text += ["IRS instructions", "Kit"]
    for dialog in _open_dialogs(qtbot, assembled, tmp_path):
        texts += _widget_texts(dialog)
    assert len(texts) > 500
    left = _english_left(texts, library_text)
    assert not left, "\n".join(left)


def test_access_keys_stay_unique_in_spanish(qtbot, library: Library, tmp_path: Path, spanish) -> None:
    assembled = _assembled(qtbot, library, tmp_path, "light", 100, (1366, 768))
    window = assembled.window
    clashes = _mnemonic_clashes("menu bar", [a.text() for a in window.menuBar().actions()])
    for action in window.menuBar().actions():
        clashes += _menu_clashes(action.menu())
    for dialog in _open_dialogs(qtbot, assembled, tmp_path):
        clashes += _dialog_clashes(dialog)
    assert not clashes, "\n".join(clashes)


def _dialog_cuts(dialog: QWidget, screen: tuple[int, int]) -> list[str]:
    """A dialog wider than the screen, or a button or one-line label whose text does not fit.
    (Heights are held to the test platform's own screen: at 150% some dialogs are taller than 600 px
    in English too, a matter of their layout, not of the language.)"""
    name = dialog.windowTitle() or type(dialog).__name__
    problems = []
    if dialog.width() > screen[0] or dialog.height() > dialog.screen().availableGeometry().height():
        problems.append(f"{name}: {dialog.width()}x{dialog.height()} on a {screen[0]}x{screen[1]} screen")
    for widget in dialog.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, (QAbstractButton, QLabel)) or not widget.text():
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            if widget.heightForWidth(widget.width()) > widget.height():
                problems.append(f"{name}: wrapped text cut: {widget.text()!r}")
        elif widget.sizeHint().width() > widget.width():
            problems.append(f"{name}: {widget.text()!r} needs {widget.sizeHint().width()} px, has {widget.width()}")
    return problems


@pytest.mark.parametrize("size", [(1024, 600), (1366, 768)])
def test_spanish_at_150_percent_text_cuts_nothing(qtbot, library: Library, tmp_path: Path, size, spanish) -> None:
    assembled = _assembled(qtbot, library, tmp_path, "light", 150, size)
    window, saved = assembled.window, assembled.saved_searches
    click_row(qtbot, window, _row_with_attachments(window))
    qtbot.waitUntil(lambda: window.details.attachments.count() >= 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.size().toTuple() == size, timeout=WAIT_MS)
    with contextlib.suppress(TimeoutError):  # the layout settles (lists fit their rows once laid out at their width)
        qtbot.waitUntil(lambda: not _small_screen_problems(window, saved), timeout=2000)
    problems = _small_screen_problems(window, saved)
    for dialog in _open_dialogs(qtbot, assembled, tmp_path):
        problems += _dialog_cuts(dialog, size)
    assert not problems, "\n".join(problems)

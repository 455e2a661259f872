"""The window's keyboard map: one table installs the shortcuts and fills Help → Keyboard shortcuts.

`install_shortcuts(window)` adds an action per row of `SHORTCUTS` (skipping
keys the window already binds to an action, which then does the work), moves
focus between the panes (F6 / Shift+F6, Ctrl+1..4), sets a reading-order Tab
chain, and adds "Keyboard shortcuts" (F1) to the Help menu. The dialog lists
the table and every other action of the window that has a shortcut, so the
list cannot drift from what the keys do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reslib_desktop.gui.a11y import apply_reading_order, first_focusable
from reslib_desktop.gui.collections_panel import NEW_COLLECTION_KEY
from reslib_desktop.gui.dialog_fit import fit_to_screen
from reslib_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate

CONTEXT = "Shortcuts"


ANYWHERE = QT_TRANSLATE_NOOP("Shortcuts", "Anywhere")
IN_SEARCH_BOX = QT_TRANSLATE_NOOP("Shortcuts", "In the search box")
IN_RESULTS = QT_TRANSLATE_NOOP("Shortcuts", "In the results")
IN_DOCUMENT = QT_TRANSLATE_NOOP("Shortcuts", "In the document")
PANES: tuple[str, ...] = ("sidebar", "results", "details", "document")


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


# --- what the keys do -----------------------------------------------------------------------------
def pane_container(window, pane: str) -> QWidget:
    """The widget holding a pane: the sidebar, the results area (chips and table), details, the PDF pane."""
    return {
        "sidebar": lambda: window.left_splitter,  # collections and filters
        "results": lambda: window.chips.parentWidget(),
        "details": lambda: window.details,
        "document": lambda: window.pdf_pane,
    }[pane]()


def current_pane(window) -> str | None:
    """The pane holding keyboard focus, or None (e.g. the search box)."""
    focus = QApplication.focusWidget()
    if focus is None:
        return None
    for pane in PANES:
        container = pane_container(window, pane)
        if container is focus or container.isAncestorOf(focus):
            return pane
    if window.right_tabs.isAncestorOf(focus):  # the tab bar: the pane of the tab shown
        return "document" if window.right_tabs.currentWidget() is window.pdf_pane else "details"
    return None


def focus_pane(window, pane: str) -> QWidget | None:
    """Move keyboard focus into a pane (showing its tab first); returns the widget focused."""
    target: QWidget | None
    if pane == "results":
        target = window.table if window.table.isVisible() else first_focusable(pane_container(window, pane))
    elif pane in ("details", "document"):
        container = pane_container(window, pane)
        window.right_tabs.setCurrentWidget(container)
        proxy = container.focusProxy()
        target = proxy if proxy is not None and proxy.isVisible() else first_focusable(container)
        if target is None:  # e.g. no document open: the tab itself
            target = window.right_tabs.tabBar()
    else:
        target = first_focusable(window.sidebar)
    if target is None:
        return None
    target.setFocus(Qt.FocusReason.ShortcutFocusReason)
    if isinstance(window.sidebar, QScrollArea) and window.sidebar.isAncestorOf(target):
        window.sidebar.ensureWidgetVisible(target)
    return target


def cycle_pane(window, step: int) -> QWidget | None:
    """F6 / Shift+F6: the next or previous pane, wrapping round."""
    pane = current_pane(window)
    if pane is None:
        number = 0 if step > 0 else len(PANES) - 1
    else:
        number = (PANES.index(pane) + step) % len(PANES)
    return focus_pane(window, PANES[number])


def _call_window(name: str, unavailable: str) -> Callable[[Any], None]:
    def run(window) -> None:
        method = getattr(window, name, None)
        if callable(method):
            method()
        else:
            window.statusBar().showMessage(tr(unavailable), 5000)

    return run


def show_shortcuts_dialog(window) -> QDialog:
    """Help → Keyboard shortcuts (one open at a time; listed afresh each time it opens)."""
    dialog = window.findChild(ShortcutsDialog)
    if dialog is None or not dialog.isVisible():
        dialog = ShortcutsDialog(window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()  # a new window comes up on top
    else:
        dialog.raise_()  # the one already open, perhaps behind the main window
    dialog.activateWindow()
    return dialog


@dataclass(frozen=True)
class Shortcut:
    """One row of the keyboard map. `run` is None when a widget handles the key itself."""

    name: str
    keys: tuple[str, ...]  # QKeySequence portable text
    text: str  # untranslated (translated in context "Shortcuts")
    where: str
    run: Callable[[Any], object] | None = None
    table_only: bool = False  # only while the results table has focus (e.g. Delete)

    def sequences(self) -> list[QKeySequence]:
        return [QKeySequence(key) for key in self.keys]

    def key_text(self) -> str:
        return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in self.sequences())


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut(
        "focus-search",
        ("Ctrl+F", "Ctrl+L"),
        QT_TRANSLATE_NOOP("Shortcuts", "Go to the search box"),
        ANYWHERE,
        lambda w: w.search_box.focus(),
    ),
    Shortcut("clear-search", ("Esc",), QT_TRANSLATE_NOOP("Shortcuts", "Clear the search box"), IN_SEARCH_BOX),
    Shortcut(
        "next-pane",
        ("F6",),
        QT_TRANSLATE_NOOP("Shortcuts", "Next pane: filters, results, details, document"),
        ANYWHERE,
        lambda w: cycle_pane(w, +1),
    ),
    Shortcut(
        "previous-pane",
        ("Shift+F6",),
        QT_TRANSLATE_NOOP("Shortcuts", "Previous pane"),
        ANYWHERE,
        lambda w: cycle_pane(w, -1),
    ),
    Shortcut(
        "go-filters",
        ("Ctrl+1",),
        QT_TRANSLATE_NOOP("Shortcuts", "Go to the filters"),
        ANYWHERE,
        lambda w: focus_pane(w, "sidebar"),
    ),
    Shortcut(
        "go-results",
        ("Ctrl+2",),
        QT_TRANSLATE_NOOP("Shortcuts", "Go to the results"),
        ANYWHERE,
        lambda w: focus_pane(w, "results"),
    ),
    Shortcut(
        "go-details",
        ("Ctrl+3",),
        QT_TRANSLATE_NOOP("Shortcuts", "Go to the details"),
        ANYWHERE,
        lambda w: focus_pane(w, "details"),
    ),
    Shortcut(
        "go-document",
        ("Ctrl+4",),
        QT_TRANSLATE_NOOP("Shortcuts", "Go to the document"),
        ANYWHERE,
        lambda w: focus_pane(w, "document"),
    ),
    Shortcut("open-attachment", ("Return",), QT_TRANSLATE_NOOP("Shortcuts", "Open the first attachment"), IN_RESULTS),
    Shortcut(
        "make-offline",
        ("Ctrl+D",),
        QT_TRANSLATE_NOOP("Shortcuts", "Make the selection available offline"),
        ANYWHERE,
        _call_window(
            "make_selection_available_offline",
            QT_TRANSLATE_NOOP("Shortcuts", "Making resources available offline is not possible in this version."),
        ),
    ),
    Shortcut(
        "remove-from-collection",
        ("Del",),
        QT_TRANSLATE_NOOP("Shortcuts", "Remove the selection from the current collection"),
        IN_RESULTS,
        _call_window(
            "remove_selection_from_collection",
            QT_TRANSLATE_NOOP("Shortcuts", "Removing resources from a collection is not possible in this version."),
        ),
        table_only=True,
    ),
    Shortcut(
        "new-collection",
        (NEW_COLLECTION_KEY,),
        QT_TRANSLATE_NOOP("Shortcuts", "Create a new collection"),
        ANYWHERE,
        lambda w: w.collections_panel.new_collection(),
    ),
    Shortcut(
        "shortcuts-help",
        ("F1",),
        QT_TRANSLATE_NOOP("Shortcuts", "Show the keyboard shortcuts"),
        ANYWHERE,
        show_shortcuts_dialog,
    ),
)


# --- installing ------------------------------------------------------------------------------------
def _portable(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.PortableText)


def window_bindings(window, exclude: tuple[QAction, ...] = ()) -> dict[str, QAction]:
    """Keys already bound to a window-wide action of `window` (portable text → action)."""
    bound: dict[str, QAction] = {}
    for action in window.findChildren(QAction):
        if action in exclude or not action.associatedObjects():
            continue
        if action.shortcutContext() not in (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut):
            continue
        for sequence in action.shortcuts():
            bound.setdefault(_portable(sequence), action)
    return bound


class KeyboardMap(QObject):
    """The actions installed on one window, by shortcut name; `help_action` opens the list."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.actions: dict[str, QAction] = {}
        bound = window_bindings(window)
        for shortcut in SHORTCUTS:
            if shortcut.run is None:
                continue
            free = [s for s in shortcut.sequences() if shortcut.table_only or _portable(s) not in bound]
            if not free:
                continue  # the window's own action already does this
            action = QAction(tr(shortcut.text), window)
            action.setObjectName(f"shortcut-{shortcut.name}")
            action.setShortcuts(free)
            action.triggered.connect(lambda _checked=False, run=shortcut.run: run(window))
            if shortcut.table_only:
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                window.table.addAction(action)
            else:
                window.addAction(action)
            self.actions[shortcut.name] = action
        # Tab leaves the results table (arrows move between rows) instead of walking its 5 × N cells.
        window.table.setTabKeyNavigation(False)
        self.help_action = self.actions["shortcuts-help"]
        self.help_action.setText(translate("Shortcuts", "&Keyboard shortcuts"))
        self._add_to_help_menu()
        apply_reading_order(window)
        # Chips and "did you mean" buttons come and go with each search: keep Tab in reading order.
        window.controller.resultsReady.connect(lambda _outcome: apply_reading_order(window))

    def _add_to_help_menu(self) -> None:
        menu = window_menu(self.window, "&Help")
        if menu.actions():
            first = menu.actions()[0]
            menu.insertAction(first, self.help_action)
            menu.insertSeparator(first)
        else:
            menu.addAction(self.help_action)


def window_menu(window, title: str) -> QMenu:
    """The window's menu of that (untranslated, MainWindow-context) title, added if missing."""
    bar = window.menuBar()
    wanted = QCoreApplication.translate("MainWindow", title).replace("&", "")
    for action in bar.actions():
        menu = action.menu()
        if menu is not None and action.text().replace("&", "") == wanted:
            return menu
    return bar.addMenu(QCoreApplication.translate("MainWindow", title))


def install_shortcuts(window) -> KeyboardMap:
    """Install the keyboard map on a MainWindow (once)."""
    return KeyboardMap(window)


# --- listing ----------------------------------------------------------------------------------------
def _clean(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").rstrip(".")


def _where(window, action: QAction) -> str:
    owner = action.parent()
    if isinstance(owner, QWidget) and (owner is window.pdf_pane or window.pdf_pane.isAncestorOf(owner)):
        return tr(IN_DOCUMENT)
    if isinstance(owner, QWidget) and action.shortcutContext() in (
        Qt.ShortcutContext.WidgetShortcut, Qt.ShortcutContext.WidgetWithChildrenShortcut
    ):
        return translate("Shortcuts", "In “%1”").replace(
            "%1", owner.accessibleName() or _clean(owner.windowTitle()) or type(owner).__name__
        )
    return tr(ANYWHERE)


def shortcut_rows(window) -> list[tuple[str, str, str]]:
    """(keys, what they do, where) for the keyboard map and every other action of `window` with a shortcut."""
    rows = [(s.key_text(), tr(s.text), tr(s.where)) for s in SHORTCUTS]
    in_table = {_portable(seq) for s in SHORTCUTS for seq in s.sequences()}
    window_wide = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)
    listed: set[tuple[str, str]] = set()
    for action in window.findChildren(QAction):
        if action.objectName().startswith("shortcut-") or not action.text():
            continue
        sequences = action.shortcuts()
        if action.shortcutContext() in window_wide:
            sequences = [s for s in sequences if _portable(s) not in in_table]  # e.g. the window's own Ctrl+F
        where = _where(window, action)
        sequences = [s for s in sequences if (_portable(s), where) not in listed]
        if not sequences:
            continue
        keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences)
        rows.append((keys, _clean(action.text()), where))
        listed.update((_portable(s), where) for s in sequences)
    return rows


class ShortcutsDialog(QDialog):
    """A window listing every keyboard shortcut (keys, action, where it works)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.setWindowTitle(translate("Shortcuts", "Keyboard shortcuts"))
        self.setAccessibleName(translate("Shortcuts", "Keyboard shortcuts"))
        intro = QLabel(
            translate(
                "Shortcuts", "Tab and Shift+Tab move through the window in reading order; F6 jumps between panes."
            ),
            self,
        )
        intro.setWordWrap(True)
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setAccessibleName(translate("Shortcuts", "Keyboard shortcuts"))
        self.table.setAccessibleDescription(
            translate("Shortcuts", "One row per shortcut: the keys, what they do, and where they work")
        )
        self.table.setHorizontalHeaderLabels(
            [translate("Shortcuts", "Keys"), translate("Shortcuts", "Action"), translate("Shortcuts", "Where")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        for number, row in enumerate(rows):
            for column, text in enumerate(row):
                self.table.setItem(number, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        columns = sum(max(self.table.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(3))
        chrome = 2 * self.table.frameWidth() + self.table.verticalScrollBar().sizeHint().width() + 40  # margins
        wanted = QSize(max(columns + chrome, self.fontMetrics().averageCharWidth() * 90),
                       self.fontMetrics().height() * (len(rows) + 8))
        fit_to_screen(self, wanted)  # 150% text on a small screen: the table scrolls, Close stays on screen

    def rows(self) -> list[tuple[str, str, str]]:
        def text(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return item.text() if item is not None else ""

        return [(text(r, 0), text(r, 1), text(r, 2)) for r in range(self.table.rowCount())]


__all__ = ["SHORTCUTS", "KeyboardMap", "Shortcut", "ShortcutsDialog", "cycle_pane", "focus_pane", "install_shortcuts",
           "shortcut_rows", "show_shortcuts_dialog"]

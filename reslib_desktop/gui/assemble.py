"""The whole window as users get it: the main window plus remembered state, keyboard map,
accessibility, settings, saved searches and 'new since last visit'."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

from reslib_desktop.gui.a11y import install_accessibility
from reslib_desktop.gui.admin.actions import AdminActions, install_admin
from reslib_desktop.gui.main_window import MainWindow
from reslib_desktop.gui.saved_searches import SavedSearchesPanel
from reslib_desktop.gui.settings_dialog import install_settings
from reslib_desktop.gui.settings_store import (
    NewSinceLastVisit,
    WindowStateStore,
    install_column_menu,
)
from reslib_desktop.gui.shortcuts import KeyboardMap, install_shortcuts
from reslib_desktop.library import Library, OfflineService


@dataclass
class AssembledWindow:
    window: MainWindow
    admin: AdminActions
    state: WindowStateStore
    keyboard: KeyboardMap
    saved_searches: SavedSearchesPanel
    new_since: NewSinceLastVisit


def assemble_window(library: Library, offline: OfflineService | None, settings: QSettings) -> AssembledWindow:
    """Build the main window with every piece wired (call before show())."""
    window = MainWindow(library, offline)
    admin = install_admin(window)  # before the keyboard map, which lists every action
    state = WindowStateStore(settings).attach(window)  # restores now, saves on close
    saved = SavedSearchesPanel(window)
    window.sidebar.insert_panel(saved)  # before the keyboard map: joins the Tab order
    keyboard = install_shortcuts(window)
    install_accessibility(window)
    install_column_menu(window.table)
    install_settings(window, settings, state)
    new_since = NewSinceLastVisit(library, settings, window)
    new_since.ready.connect(window.model.set_new_ids)
    return AssembledWindow(window, admin, state, keyboard, saved, new_since)

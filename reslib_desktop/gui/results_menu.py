"""The results table's context menu: open, make available offline, add to or remove from a collection."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtWidgets import QMenu

from reslib_desktop.gui.icons import icon


def show_results_menu(window, where: QPoint) -> None:
    """Show the menu for the selected rows of `window` (a MainWindow) at `where` (global)."""
    menu = QMenu(window)
    ids = window.selected_resource_ids()
    open_action = menu.addAction(
        QCoreApplication.translate("MainWindow", "Open first attachment"), window.open_first_attachment
    )
    open_action.setEnabled(len(ids) == 1)
    menu.addAction(
        icon("download"),
        QCoreApplication.translate("MainWindow", "Make available offline"),
        window.make_selection_available_offline,
    ).setEnabled(bool(ids) and window.offline_selection_action.isEnabled())
    menu.addAction(
        QCoreApplication.translate("MainWindow", "Make all results available offline"),
        window.make_results_available_offline,
    ).setEnabled(window.offline_results_action.isEnabled())
    collections = menu.addMenu(icon("collection"), QCoreApplication.translate("MainWindow", "Add to collection"))
    names = window.collections_panel.names()
    for name in names:
        collections.addAction(name, partial(_add_selection_to, window, name))
    if not names:
        collections.addAction(
            QCoreApplication.translate("MainWindow", "(no collections yet: create one in the sidebar)")
        ).setEnabled(False)
    collections.setEnabled(bool(ids))
    if window.controller.query.collection:
        menu.addAction(
            QCoreApplication.translate("MainWindow", "Remove from this collection"),
            window.remove_selection_from_collection,
        ).setEnabled(bool(ids))
    menu.exec(where)


def _add_selection_to(window, collection: str) -> None:
    window.collections_panel.add_resources(collection, window.selected_resource_ids())

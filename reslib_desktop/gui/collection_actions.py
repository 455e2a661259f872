"""Taking resources out of the collection shown, with undo; "Show all resources" from the empty state.

Delete in the results (or "Remove from this collection") hides the rows at once, then the
removal is written in the background. Ctrl+Z, or the Undo button in the status bar, puts
them back at their places in the collection. `install_collection_actions(window)` wires it.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolButton

from reslib_desktop.gui.a11y import announce

MESSAGE_MS = 8000


class CollectionActions(QObject):
    """Owns the undo of a window's last removal from a collection (one level, like a mail client's)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.panel = window.collections_panel
        self._pending_message = ""
        self._hidden = False  # rows were taken out of the table before the removal was written
        self.undo_action = QAction(self.tr("&Undo remove from collection"), window)
        self.undo_action.setObjectName("undo-collection-removal")
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.undo_action.setEnabled(False)
        self.undo_action.triggered.connect(self.undo)
        window.addAction(self.undo_action)
        self.undo_button = QToolButton(window.statusBar())
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Put the resources back in the collection (Ctrl+Z)"))
        self.undo_button.setAccessibleName(self.tr("Undo remove from collection"))
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.setVisible(False)
        window.statusBar().addPermanentWidget(self.undo_button)
        self.panel.removed.connect(self._removed)
        self.panel.restored.connect(self._restored)
        self.panel.client.errorOccurred.connect(self._refused)
        window.controller.resultsReady.connect(self._results_shown)
        window.empty_state.showAllRequested.connect(self._show_all)

    # --- actions ----------------------------------------------------------------------------------------
    def remove(self, name: str, resource_ids: list[int]) -> None:
        """Take resources out of collection `name`: their rows go at once; Ctrl+Z brings them back."""
        if not name or not resource_ids:
            return
        self._hidden = self._hide_rows(name, set(resource_ids))
        self.panel.remove_resources(name, resource_ids)

    def undo(self) -> bool:
        """Put the resources last taken out back where they were; False when there is nothing to undo."""
        self._set_undoable(False)
        return self.panel.undo_removal()

    # --- reacting ---------------------------------------------------------------------------------------
    def _hide_rows(self, name: str, gone: set[int]) -> bool:
        """Drop the rows from the table now, keeping the highlight on the row that takes their place."""
        model, table = self.window.model, self.window.table
        query = model.query
        if query is None or query.collection != name:
            return False
        loaded = [model.resource_at(n) for n in range(model.rowCount())]
        first = min((n for n, row in enumerate(loaded) if row is not None and row.id in gone), default=None)
        if first is None:
            return False
        model.set_results(query, [i for i in model.all_ids() if i not in gone],
                          [row for row in loaded if row is not None and row.id not in gone])
        if model.rowCount():
            index = model.index(min(first, model.rowCount() - 1), 0)
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            table.selectionModel().setCurrentIndex(index, flags)
        return True

    def _refused(self, _message: str) -> None:
        """The removal was refused (the panel says why): show the rows as they are again."""
        if self._hidden:
            self._hidden = False
            self.window.controller.refresh()

    def _removed(self, name: str, count: int) -> None:
        self._hidden = False
        self._set_undoable(True)
        text = self.tr("Removed %Ln resources from “%1”. Ctrl+Z puts them back.", "", count)
        self._say_after_search(text.replace("%1", name))

    def _restored(self, name: str, count: int) -> None:
        self._say_after_search(self.tr("Put %Ln resources back in “%1”.", "", count).replace("%1", name))

    def _say_after_search(self, text: str) -> None:
        """Search again (the window clears the status bar when results arrive), then say `text`."""
        self._pending_message = text
        self.window.controller.refresh()

    def _results_shown(self, _outcome: object) -> None:
        if self._pending_message:
            bar = self.window.statusBar()
            bar.showMessage(self._pending_message, MESSAGE_MS)
            announce(bar, self._pending_message)
            self._pending_message = ""

    def _set_undoable(self, undoable: bool) -> None:
        self.undo_action.setEnabled(undoable)
        self.undo_button.setVisible(undoable)

    def _show_all(self) -> None:
        self.panel.show_all()
        self.window.table.setFocus(Qt.FocusReason.OtherFocusReason)


def install_collection_actions(window) -> CollectionActions:
    """Wire removal with undo and "Show all resources" into a MainWindow (after its widgets exist)."""
    return CollectionActions(window)

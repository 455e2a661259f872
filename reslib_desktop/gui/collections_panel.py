"""The sidebar's collections (training kits): list, create, rename, delete, keep offline, drop resources on one.

The list starts with "All resources" (the whole library, no collection chosen): the way back
from a collection by mouse or keyboard (Up, Home). Resources taken out of a collection can be
put back: `remove_resources` remembers the removal and `undo_removal` restores it.

Every change goes through `OfflineController.collections` (in the background);
the list redraws when the new list of collections arrives. Dialogs are
attributes (`confirm_delete`) so tests can replace them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QPoint, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reslib_desktop.gui.collection_list import CollectionList, NameRole, _RenameDelegate
from reslib_desktop.gui.dialog_fit import fit_to_screen
from reslib_desktop.gui.i18n import local_number
from reslib_desktop.gui.icons import icon
from reslib_desktop.gui.offline.collection_editor import CollectionEditor
from reslib_desktop.gui.offline.controller import OfflineController
from reslib_desktop.library import CollectionInfo

__all__ = ["NEW_COLLECTION_KEY", "CollectionList", "CollectionsPanel", "NameRole"]

# "New collection" from anywhere in the window (also File → New collection).
NEW_COLLECTION_KEY = "Ctrl+Shift+N"


class CollectionsPanel(QWidget):
    """Signals: collectionActivated(name) ("" when no collection is chosen), message(text) for a status bar,
    removed(name, count) when resources were taken out (undoable), restored(name, count) after an undo."""

    collectionActivated = Signal(str)
    message = Signal(str)
    removed = Signal(str, int)
    restored = Signal(str, int)

    def __init__(self, controller: OfflineController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.client = controller.collections
        self.setAccessibleName(self.tr("Collections"))
        #: Asked before deleting a collection (None: a message box); set it in tests.
        self.confirm_delete: Callable[[str], bool] | None = None
        self._infos: dict[str, CollectionInfo] = {}
        self._selected = ""
        self._renamed: dict[str, str] = {}
        self._edit_when_shown: str | None = None
        self.editor: CollectionEditor | None = None  # the last "Arrange" window's editor
        self._filling = False
        self._last_removal: tuple[str, list[tuple[int, int]]] | None = None  # what undo_removal puts back
        self._build()
        self._connect()
        self._fill(self.client.infos())
        self.client.refresh()

    # --- construction -----------------------------------------------------------------------
    def _build(self) -> None:
        self.heading = QLabel(self.tr("Collections"), self)
        self.heading.setAccessibleName(self.tr("Collections heading"))
        self.new_action = self._action(self.tr("&New collection"), "new", None, self.new_collection)
        self._bind_window_wide(self.new_action, QKeySequence(NEW_COLLECTION_KEY))
        self.rename_action = self._action(self.tr("&Rename"), "rename", QKeySequence(Qt.Key.Key_F2), self.start_rename)
        self.delete_action = self._action(self.tr("&Delete…"), "delete", QKeySequence.StandardKey.Delete,
                                          lambda: self.delete_collection(self.current_name() or ""))
        self.keep_action = self._action(self.tr("&Keep offline"), "pinned", None,
                                        lambda checked: self.set_keep_offline(self.current_name() or "", checked))
        self.keep_action.setCheckable(True)
        self.download_action = self._action(self.tr("Download &now"), "download", None,
                                            lambda: self.download_now(self.current_name() or ""))
        self.arrange_action = self._action(self.tr("&Arrange resources…"), "up", None,
                                           lambda: self.open_editor(self.current_name() or ""))
        self.show_all_action = self._action(self.tr("Show &all resources"), "collection", None, self.clear_selection)
        self.buttons: list[QToolButton] = []
        bar = QHBoxLayout()
        bar.addWidget(self.heading, 1)
        for action in (self.new_action, self.rename_action, self.delete_action, self.keep_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
            bar.addWidget(button)
            self.buttons.append(button)
        self.list = CollectionList(self)
        self.list.setAccessibleName(self.tr("Collections list"))
        self.list.setAccessibleDescription(self.tr("Drop resources on a collection to add them; F2 renames"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.setItemDelegate(_RenameDelegate(self.rename_collection, self.list))
        self.error = QLabel(self)
        self.error.setAccessibleName(self.tr("Collections message"))
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.error)
        self.setFocusProxy(self.list)

    def _action(self, text: str, glyph_name: str, shortcut, slot) -> QAction:
        """An action for the buttons and the menu; its shortcut is shown there but handled by the list
        (CollectionList), so it never competes with the window's own shortcuts."""
        action = QAction(icon(glyph_name), text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        return action

    @staticmethod
    def _bind_window_wide(action: QAction, key: QKeySequence) -> None:
        """A shortcut that works anywhere in the window (the action is also in the window's menu), shown in
        the button's tooltip."""
        action.setShortcut(key)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{action.toolTip()} ({key.toString(QKeySequence.SequenceFormat.NativeText)})")

    def _connect(self) -> None:
        self.client.collectionsChanged.connect(self._fill)
        self.client.created.connect(self._on_created)
        self.client.errorOccurred.connect(self._show_error)
        self.list.itemSelectionChanged.connect(self._on_selection)
        self.list.resourcesDropped.connect(self.add_resources)
        self.list.deleteRequested.connect(self.delete_action.trigger)
        self.list.customContextMenuRequested.connect(self._show_context_menu)

    # --- public API -------------------------------------------------------------------------
    def names(self) -> list[str]:
        return [name for n in range(self.list.count()) if (name := self.list.item(n).data(NameRole))]

    def item_of(self, name: str) -> QListWidgetItem | None:
        """The list entry of a collection ("": the "All resources" entry)."""
        return next(
            (self.list.item(n) for n in range(self.list.count()) if self.list.item(n).data(NameRole) == name), None
        )

    def info(self, name: str) -> CollectionInfo | None:
        return self._infos.get(name)

    def current_name(self) -> str | None:
        item = self.list.currentItem()
        return (item.data(NameRole) or None) if item is not None and item.isSelected() else None

    @Slot(str)
    def create_collection(self, name: str) -> None:
        self._clear_error()
        self.client.create(name)

    @Slot()
    def new_collection(self) -> None:
        """Create "New collection" (numbered if taken) and start renaming it inline."""
        base = self.tr("New collection")
        taken = set(self._infos)
        name = next(c for c in (base, *(f"{base} {n}" for n in range(2, 10_000))) if c not in taken)
        self._edit_when_shown = name
        self.create_collection(name)

    @Slot()
    def start_rename(self) -> None:
        """Inline rename of the selected collection (as F2 does)."""
        item = self.list.currentItem()
        if item is not None:
            self.list.editItem(item)

    @Slot(str, str)
    def rename_collection(self, old: str, new: str) -> None:
        self._clear_error()
        if old == self._selected:
            self._renamed[old] = new.strip()
        self.client.rename(old, new)

    @Slot(str)
    def delete_collection(self, name: str, ask: bool = True) -> bool:
        """Delete after `confirm_delete(name)` agrees (resources stay in the library); False if not asked to."""
        if not name or (ask and not (self.confirm_delete or self._ask_delete)(name)):
            return False
        self._clear_error()
        self.client.delete(name)
        return True

    @Slot(str, bool)
    def set_keep_offline(self, name: str, keep: bool) -> None:
        """Pin the collection ("keep offline") and fetch its missing files, or unpin it."""
        if name:
            self.client.set_pinned(name, keep)

    @Slot(str)
    def download_now(self, name: str) -> None:
        if name:
            self.client.download(name)

    @Slot(str, list)
    def add_resources(self, name: str, resource_ids: Iterable[int]) -> None:
        """Append resources to a collection (drops and the table's "Add to collection" menu call this)."""
        ids = list(resource_ids)
        if name and ids:
            self.client.add(name, ids)
            self.message.emit(self.tr("Added %1 to “%2”").replace("%1", str(len(ids))).replace("%2", name))

    @Slot(str, list)
    def remove_resources(self, name: str, resource_ids: Iterable[int]) -> None:
        """Take resources out of a collection; `removed(name, count)` when done, then `undo_removal` puts them back."""
        ids = list(resource_ids)
        if name and ids:
            self.client.remove(name, ids, lambda removed: self._on_removed(name, removed))

    def can_undo_removal(self) -> bool:
        return self._last_removal is not None

    @Slot()
    def undo_removal(self) -> bool:
        """Put the resources last taken out back where they were; False when there is nothing to undo."""
        if self._last_removal is None:
            return False
        name, removed = self._last_removal
        self._last_removal = None
        self.client.restore(name, removed, lambda _queued: self.restored.emit(name, len(removed)))
        return True

    @Slot(str)
    def select_collection(self, name: str) -> None:
        for number in range(self.list.count()):
            if self.list.item(number).data(NameRole) == name:
                self.list.setCurrentRow(number)
                return

    @Slot()
    def clear_selection(self) -> None:
        """Show all resources (no collection chosen)."""
        self.show_all()

    @Slot()
    def show_all(self) -> None:
        """Choose the "All resources" entry: the whole library, no collection."""
        self.list.setCurrentRow(0)

    def open_editor(self, name: str) -> QDialog | None:
        """A non-modal window to reorder (Move up / Move down) or remove the collection's resources."""
        if not name:
            return None
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Arrange “%1”").replace("%1", name))
        dialog.setAccessibleName(self.tr("Arrange collection"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editor = CollectionEditor(self.client, dialog)
        self.editor.set_collection(name)
        layout = QVBoxLayout(dialog)
        layout.addWidget(self.editor)
        fit_to_screen(dialog, QSize(420, 360))
        dialog.show()
        return dialog

    def context_menu(self) -> QMenu:
        """The actions for the selected collection (also on right-click)."""
        name = self.current_name()
        info = self._infos.get(name or "")
        self._sync_actions(info)
        menu = QMenu(self)
        menu.setAccessibleName(self.tr("Collection actions"))
        menu.addAction(self.new_action)
        menu.addAction(self.rename_action)
        menu.addAction(self.delete_action)
        menu.addSeparator()
        menu.addAction(self.keep_action)
        menu.addAction(self.download_action)
        menu.addAction(self.arrange_action)
        menu.addSeparator()
        menu.addAction(self.show_all_action)
        return menu

    # --- reacting ---------------------------------------------------------------------------
    def _fill(self, infos: list[CollectionInfo]) -> None:
        self._filling = True
        self._infos = {info.name: info for info in infos}
        renamed = self._renamed.pop(self._selected, None)
        self._renamed.clear()
        wanted = next((name for name in (renamed, self._selected) if name and name in self._infos), None)
        self.list.clear()
        self.list.addItem(self._all_item())
        for info in infos:
            self.list.addItem(self._item(info))
            if info.name == wanted:
                self.list.setCurrentRow(self.list.count() - 1)
        if wanted is None:
            self.list.setCurrentRow(0)
        self._filling = False
        self._on_selection()
        if self._edit_when_shown in self._infos:
            self._on_created(self._edit_when_shown)

    def _all_item(self) -> QListWidgetItem:
        item = QListWidgetItem(icon("app"), self.tr("All resources"))
        item.setData(NameRole, "")
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        item.setToolTip(self.tr("The whole library, no collection"))
        item.setData(Qt.ItemDataRole.AccessibleTextRole, self.tr("All resources: the whole library, no collection"))
        return item

    def _on_removed(self, name: str, removed: list[tuple[int, int]]) -> None:
        if removed:
            self._last_removal = (name, removed)
            self.removed.emit(name, len(removed))

    def _item(self, info: CollectionInfo) -> QListWidgetItem:
        item = QListWidgetItem(icon("pinned" if info.pinned else "collection"),
                               self.tr("%1 (%2)").replace("%1", info.name).replace("%2", local_number(info.resources)))
        item.setData(NameRole, info.name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        details = self.tr("%Ln resources, %1 of %2 attachments offline", "", info.resources)
        details = details.replace("%1", local_number(info.attachments_cached)).replace(
            "%2", local_number(info.attachments)
        )
        if info.pinned:
            details += ", " + self.tr("kept offline")
        if info.local_only:
            details += ", " + self.tr("only on this laptop (not shared)")
            font = item.font()
            font.setItalic(True)  # seen at a glance, not only in the tooltip
            item.setFont(font)
        item.setToolTip(details)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{info.name}, {details}")
        return item

    def _on_selection(self) -> None:
        if self._filling:
            return
        name = self.current_name() or ""
        self._sync_actions(self._infos.get(name))
        if name != self._selected:
            self._selected = name
            self.collectionActivated.emit(name)

    def _sync_actions(self, info: CollectionInfo | None) -> None:
        for action in (self.rename_action, self.delete_action, self.keep_action, self.download_action,
                       self.arrange_action):
            action.setEnabled(info is not None)
        self.keep_action.setChecked(bool(info and info.pinned))

    def _on_created(self, name: str) -> None:
        if self._edit_when_shown != name or name not in self._infos:
            return
        self._edit_when_shown = None
        self.select_collection(name)
        self.list.setFocus()
        self.start_rename()

    def _show_context_menu(self, position: QPoint) -> None:
        item = self.list.itemAt(position)
        if item is not None:
            self.list.setCurrentItem(item)
        self.context_menu().exec(self.list.viewport().mapToGlobal(position))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)
        self.message.emit(text)

    def _clear_error(self) -> None:
        self.error.clear()
        self.error.setVisible(False)

    def _ask_delete(self, name: str) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Delete collection"),
            self.tr("Delete the collection “%1”? Its resources stay in the library.").replace("%1", name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

"""A collection's resources in order, with Move up / Move down / Remove (for a dialog or a pane)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reslib_desktop.gui.icons import icon
from reslib_desktop.gui.offline.collections_client import CollectionsClient, Members

ResourceIdRole = Qt.ItemDataRole.UserRole + 1


class CollectionEditor(QWidget):
    """Signal `resourceActivated(resource_id)` when a member is double-clicked or Enter is pressed."""

    resourceActivated = Signal(int)

    def __init__(self, client: CollectionsClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.name = ""
        self._keep: int | None = None
        self.setAccessibleName(self.tr("Collection order"))
        self.heading = QLabel(self)
        self.heading.setAccessibleName(self.tr("Collection name"))
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Resources in the collection, in order"))
        self.list.setAccessibleDescription(self.tr("Ctrl+Up and Ctrl+Down move the selected resource"))
        self.up_button = self._button(
            self.tr("Move &up"), "up", self.tr("Move the resource up"), "Ctrl+Up", self.move_up
        )
        self.down_button = self._button(self.tr("Move &down"), "down", self.tr("Move the resource down"), "Ctrl+Down",
                                        self.move_down)
        self.remove_button = self._button(
            self.tr("&Remove"), "remove", self.tr("Remove the resource from the collection"), None, self.remove_current
        )
        buttons = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.list)
        client.membersChanged.connect(self._on_members)
        self.list.currentRowChanged.connect(lambda _row: self._sync_buttons())
        self.list.itemActivated.connect(lambda item: self.resourceActivated.emit(int(item.data(ResourceIdRole))))
        self._sync_buttons()

    def _button(self, text: str, glyph_name: str, accessible: str, shortcut: str | None, slot) -> QPushButton:
        button = QPushButton(icon(glyph_name), text, self)
        button.setAccessibleName(accessible)
        button.clicked.connect(slot)
        if shortcut:
            action = QAction(accessible, self)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            button.setToolTip(
                f"{accessible} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
            )
        return button

    # --- public API -------------------------------------------------------------------------
    @Slot(str)
    def set_collection(self, name: str) -> None:
        """Show this collection's members (read in the background)."""
        self.name = name
        self.heading.setText(name)
        self.list.clear()
        if name:
            self.client.load_members(name)
        self._sync_buttons()

    def resource_ids(self) -> list[int]:
        return [int(self.list.item(n).data(ResourceIdRole)) for n in range(self.list.count())]

    @Slot()
    def move_up(self) -> None:
        self._move(-1)

    @Slot()
    def move_down(self) -> None:
        self._move(+1)

    @Slot()
    def remove_current(self) -> None:
        item = self.list.currentItem()
        if item is not None and self.name:
            self.client.remove(self.name, [int(item.data(ResourceIdRole))])

    # --- reacting ---------------------------------------------------------------------------
    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if not self.name or row < 0 or not 0 <= target < self.list.count():
            return
        resource_id = int(self.list.item(row).data(ResourceIdRole))
        self._keep = resource_id
        self.client.move(self.name, resource_id, target)

    def _on_members(self, name: str, members: Members) -> None:
        if name != self.name:
            return
        current = self.list.currentItem()
        keep = self._keep if self._keep is not None else (int(current.data(ResourceIdRole)) if current else None)
        self._keep = None
        self.list.clear()
        for resource_id, title in members:
            item = QListWidgetItem(title)
            item.setData(ResourceIdRole, resource_id)
            self.list.addItem(item)
            if resource_id == keep:
                self.list.setCurrentItem(item)
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        row = self.list.currentRow()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.list.count() - 1)
        self.remove_button.setEnabled(row >= 0)

"""The collections list widget: inline rename (F2), Delete, and drops of resources onto a collection."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from reslib_desktop.gui.offline.mime import RESOURCE_IDS_MIME, resource_ids_from

NameRole = Qt.ItemDataRole.UserRole + 1  # the collection's name; "" on the "All resources" entry
_Index = QModelIndex | QPersistentModelIndex


class _RenameDelegate(QStyledItemDelegate):
    """Inline rename (F2): edits the bare name and asks for a rename instead of writing the item."""

    def __init__(self, rename: Callable[[str, str], None], parent: QWidget) -> None:
        super().__init__(parent)
        self._rename = rename

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAccessibleName(self.tr("Collection name"))
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(index.data(NameRole) or "")
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        assert isinstance(editor, QLineEdit)
        old, new = index.data(NameRole), editor.text().strip()
        if old and new and new != old:
            self._rename(old, new)


class CollectionList(QListWidget):
    """The list of collections; accepts drops of resource ids onto a collection."""

    resourcesDropped = Signal(str, list)  # collection name, resource ids
    deleteRequested = Signal()
    _OWN_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_F2)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(True)

    def event(self, event: QEvent) -> bool:
        """Delete and F2 belong to the list while it has focus, whatever the window's shortcuts are."""
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and event.key() in self._OWN_KEYS and event.modifiers() == Qt.KeyboardModifier.NoModifier
                and self.state() != QAbstractItemView.State.EditingState):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() == Qt.KeyboardModifier.NoModifier and event.key() == Qt.Key.Key_Delete:
            self.deleteRequested.emit()
        elif event.modifiers() == Qt.KeyboardModifier.NoModifier and event.key() == Qt.Key.Key_F2:
            if self.currentIndex().isValid():
                self.edit(self.currentIndex())
        else:
            super().keyPressEvent(event)

    def _target(self, event: QDragMoveEvent | QDropEvent) -> QListWidgetItem | None:
        if not event.mimeData().hasFormat(RESOURCE_IDS_MIME):
            return None
        item = self.itemAt(event.position().toPoint())
        return item if item is not None and item.data(NameRole) else None  # not "All resources"

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(RESOURCE_IDS_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._target(event) is not None:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        item = self._target(event)
        ids = resource_ids_from(event.mimeData())
        if item is None or not ids:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.resourcesDropped.emit(item.data(NameRole), ids)

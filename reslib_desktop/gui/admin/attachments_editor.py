"""Attachment rows of the metadata editor: label + URL, added, removed and moved up or down."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reslib_desktop.library import AttachmentEdit

IdRole = Qt.ItemDataRole.UserRole + 1
LABEL, URL = 0, 1


class AttachmentsEditor(QWidget):
    """An ordered list of attachments; `changed()` after any edit, addition, removal or move."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Label"), self.tr("URL")])
        self.table.setAccessibleName(self.tr("Attachments"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(URL, QHeaderView.ResizeMode.Stretch)
        self.table.setTabKeyNavigation(False)
        self.add_button = QPushButton(self.tr("Add attachme&nt"), self)
        self.add_button.setAccessibleName(self.tr("Add an attachment"))
        self.remove_button = QPushButton(self.tr("Remo&ve"), self)
        self.remove_button.setAccessibleName(self.tr("Remove the selected attachment"))
        self.up_button = QPushButton(self.tr("Move &up"), self)
        self.up_button.setAccessibleName(self.tr("Move the selected attachment up"))
        self.down_button = QPushButton(self.tr("Move do&wn"), self)
        self.down_button.setAccessibleName(self.tr("Move the selected attachment down"))
        buttons = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.currentCellChanged.connect(lambda *_cells: self._update_buttons())
        self._update_buttons()

    def set_attachments(self, attachments: tuple[AttachmentEdit, ...] | list[AttachmentEdit]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for attachment in attachments:
            self._insert(self.table.rowCount(), attachment.label, attachment.url or "", attachment.id)
        self.table.blockSignals(False)
        self._update_buttons()

    def attachments(self) -> tuple[AttachmentEdit, ...]:
        rows = []
        for row in range(self.table.rowCount()):
            label, url = self.table.item(row, LABEL), self.table.item(row, URL)
            if label is None or url is None:
                continue  # a row being inserted or moved
            rows.append(AttachmentEdit(label.text(), url.text() or None, label.data(IdRole)))
        return tuple(rows)

    def add_row(self, label: str = "", url: str = "") -> None:
        """A new attachment at the end, its label ready for typing."""
        row = self.table.rowCount()
        self._insert(row, label, url, None)
        self.table.setCurrentCell(row, LABEL)
        item = self.table.item(row, LABEL)
        if not label and item is not None:
            self.table.editItem(item)
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        if self.table.rowCount():
            self.table.setCurrentCell(min(row, self.table.rowCount() - 1), LABEL)
        self._update_buttons()
        self.changed.emit()

    def move_current(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        self.table.blockSignals(True)
        items = [self.table.takeItem(row, column) for column in (LABEL, URL)]
        others = [self.table.takeItem(target, column) for column in (LABEL, URL)]
        for column in (LABEL, URL):
            self.table.setItem(target, column, items[column])
            self.table.setItem(row, column, others[column])
        self.table.blockSignals(False)
        self.table.setCurrentCell(target, self.table.currentColumn() if self.table.currentColumn() >= 0 else LABEL)
        self._update_buttons()
        self.changed.emit()

    def _insert(self, row: int, label: str, url: str, attachment_id: int | None) -> None:
        blocked = self.table.blockSignals(True)
        self.table.insertRow(row)
        label_item = QTableWidgetItem(label)
        label_item.setData(IdRole, attachment_id)
        self.table.setItem(row, LABEL, label_item)
        self.table.setItem(row, URL, QTableWidgetItem(url))
        self.table.blockSignals(blocked)

    def _update_buttons(self) -> None:
        row = self.table.currentRow()
        selected = 0 <= row < self.table.rowCount()
        self.remove_button.setEnabled(selected)
        self.up_button.setEnabled(selected and row > 0)
        self.down_button.setEnabled(selected and row < self.table.rowCount() - 1)

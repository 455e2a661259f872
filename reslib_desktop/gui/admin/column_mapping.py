"""The CSV column-mapping step: one combo per column the importer does not know -> a field, or ignore."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QWidget

from reslib_desktop.gui.i18n import QT_TRANSLATE_NOOP
from reslib_desktop.library import MAPPABLE_FIELDS, header_key

IGNORE = ""
FIELD_LABELS = {
    "title": QT_TRANSLATE_NOOP("ColumnMapping", "Title"),
    "subtitle": QT_TRANSLATE_NOOP("ColumnMapping", "Subtitle"),
    "date": QT_TRANSLATE_NOOP("ColumnMapping", "Date"),
    "description": QT_TRANSLATE_NOOP("ColumnMapping", "Description"),
    "type": QT_TRANSLATE_NOOP("ColumnMapping", "Type"),
    "topics": QT_TRANSLATE_NOOP("ColumnMapping", "Topics"),
    "audience": QT_TRANSLATE_NOOP("ColumnMapping", "Audience"),
    "attachment_labels": QT_TRANSLATE_NOOP("ColumnMapping", "Attachment labels"),
    "attachment_urls": QT_TRANSLATE_NOOP("ColumnMapping", "Attachment URLs"),
    "source": QT_TRANSLATE_NOOP("ColumnMapping", "Source URL"),
    "uid": QT_TRANSLATE_NOOP("ColumnMapping", "Identifier (uid)"),
    "language": QT_TRANSLATE_NOOP("ColumnMapping", "Language"),
    "title_derived": QT_TRANSLATE_NOOP("ColumnMapping", "Title derived (true/false)"),
}


class ColumnMapping(QGroupBox):
    """Shown when CSV inputs have columns the importer does not know; `mappingChanged()` when one is chosen."""

    mappingChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("CSV columns"), parent)
        self.setAccessibleName(self.tr("CSV column mapping"))
        self._form = QFormLayout(self)
        self._hint = QLabel(
            self.tr("These columns are not ones the importer knows. Choose the field each one holds, or ignore it."),
            self,
        )
        self._hint.setWordWrap(True)
        self._form.addRow(self._hint)
        self.combos: dict[str, QComboBox] = {}
        self.setVisible(False)

    def set_columns(self, headers: list[str]) -> None:
        """Offer a combo for each of these headers (choices made for headers still listed are kept)."""
        first: dict[str, str] = {}
        for header in headers:
            first.setdefault(header_key(header), header)
        names = list(first.values())
        if names == list(self.combos):
            return
        chosen = self.mapping()
        while self._form.rowCount() > 1:
            self._form.removeRow(1)
        self.combos = {}
        for name in names:
            combo = QComboBox(self)
            combo.addItem(self.tr("Ignore this column"), IGNORE)
            for field in MAPPABLE_FIELDS:
                combo.addItem(self.tr(FIELD_LABELS.get(field, field)), field)
            combo.setAccessibleName(self.tr("Field for the column %1").replace("%1", name))
            target = chosen.get(name, IGNORE)
            combo.setCurrentIndex(max(0, combo.findData(target)))
            combo.currentIndexChanged.connect(lambda _index: self.mappingChanged.emit())
            label = QLabel(f"“{name}”", self)
            label.setBuddy(combo)
            self._form.addRow(label, combo)
            self.combos[name] = combo
        self.setVisible(bool(names))

    def mapping(self) -> dict[str, str]:
        """Header -> field for every column given a field (ignored ones are left out)."""
        return {header: combo.currentData() for header, combo in self.combos.items() if combo.currentData()}

    def choose(self, header: str, field: str) -> None:
        """Pick a field for a header (as a user would)."""
        combo = self.combos[header]
        combo.setCurrentIndex(combo.findData(field))

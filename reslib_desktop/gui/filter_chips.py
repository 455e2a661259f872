"""Active filters shown as removable chips, with one 'Clear all'."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from reslib_desktop.gui.sidebar import facet_title, facet_value_label
from reslib_desktop.library import SearchQuery


def date_range_label(date_from: str | None, date_to: str | None) -> str | None:
    if not (date_from or date_to):
        return None
    if date_from and date_to:
        return f"{date_from} – {date_to}"
    if date_from:
        return QCoreApplication.translate("FilterChips", "from %1").replace("%1", date_from)
    return QCoreApplication.translate("FilterChips", "until %1").replace("%1", date_to or "")


class FilterChips(QWidget):
    """One button per active sidebar selection; clicking a chip removes that filter."""

    removeValue = Signal(str, str)  # facet, value
    removeDateRange = Signal()
    clearAll = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Active filters"))
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(4, 2, 4, 2)
        self._label = QLabel(self.tr("Filters:"), self)
        self._layout.addWidget(self._label)
        self._layout.addStretch(1)
        self.chips: list[QPushButton] = []
        self.clear_button = QPushButton(self.tr("Clear all"), self)
        self.clear_button.setAccessibleName(self.tr("Clear all filters"))
        self.clear_button.clicked.connect(self.clearAll)
        self._layout.addWidget(self.clear_button)
        self.setVisible(False)

    def show_query(self, query: SearchQuery) -> None:
        for chip in self.chips:
            self._layout.removeWidget(chip)
            chip.deleteLater()
        self.chips = []
        position = 1
        for facet, values in query.selections:
            for value in sorted(values):
                text = f"{facet_title(facet)}: {facet_value_label(facet, value)}"
                chip = self._chip(text)
                chip.clicked.connect(lambda _checked=False, f=facet, v=value: self.removeValue.emit(f, v))
                self._layout.insertWidget(position, chip)
                position += 1
        dates = date_range_label(query.date_from, query.date_to)
        if dates:
            chip = self._chip(self.tr("Published: %1").replace("%1", dates))
            chip.clicked.connect(self.removeDateRange)
            self._layout.insertWidget(position, chip)
        self.setVisible(bool(self.chips))

    def _chip(self, text: str) -> QPushButton:
        chip = QPushButton(f"{text}  ✕", self)
        chip.setAccessibleName(self.tr("Remove filter %1").replace("%1", text))
        chip.setToolTip(self.tr("Remove this filter"))
        self.chips.append(chip)
        return chip

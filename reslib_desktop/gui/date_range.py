"""Publication-date range: month/year from and to, as the real library offers."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QWidget,
)

NO_YEAR = 1899  # the spin box's "Any" value


class _MonthYear(QWidget):
    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.month = QComboBox(self)
        self.month.addItem(self.tr("Any month"))
        locale = QLocale()
        for month in range(1, 13):  # the window's language: "enero", "January"
            self.month.addItem(locale.standaloneMonthName(month, QLocale.FormatType.LongFormat))
        self.month.setAccessibleName(self.tr("%1 month").replace("%1", name))
        self.year = QSpinBox(self)
        self.year.setRange(NO_YEAR, QDate.currentDate().year() + 1)
        self.year.setSpecialValueText(self.tr("Any year"))
        self.year.setValue(NO_YEAR)
        self.year.setAccessibleName(self.tr("%1 year").replace("%1", name))
        self.year.lineEdit().setAccessibleName(self.tr("%1 year").replace("%1", name))
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.month, 0, 0)
        layout.addWidget(self.year, 1, 0)
        self.month.activated.connect(lambda _i: self.changed.emit())
        self.year.editingFinished.connect(self.changed)
        self.year.valueChanged.connect(lambda _v: self.changed.emit() if not self.year.hasFocus() else None)

    def value(self) -> str | None:
        """'YYYY' or 'YYYY-MM', or None when no year is chosen."""
        year = self.year.value()
        if year == NO_YEAR:
            return None
        month = self.month.currentIndex()
        return f"{year:04d}-{month:02d}" if month else f"{year:04d}"

    def set_value(self, value: str | None) -> None:
        self.blockSignals(True)
        self.year.blockSignals(True)
        self.month.blockSignals(True)
        if not value:
            self.year.setValue(NO_YEAR)
            self.month.setCurrentIndex(0)
        else:
            self.year.setValue(int(value[:4]))
            self.month.setCurrentIndex(int(value[5:7]) if len(value) >= 7 else 0)
        self.month.blockSignals(False)
        self.year.blockSignals(False)
        self.blockSignals(False)


class DateRangeFilter(QWidget):
    """Emits rangeChanged(from, to) with 'YYYY' / 'YYYY-MM' bounds (inclusive) or None."""

    rangeChanged = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Publication date range"))
        self.header = QToolButton(self)
        self.header.setText(self.tr("Published"))
        self.header.setCheckable(True)
        self.header.setChecked(True)
        self.header.setAutoRaise(True)
        self.header.setAccessibleName(self.tr("Publication date filter, expand or collapse"))
        self.date_from = _MonthYear(self.tr("From"), self)
        self.date_to = _MonthYear(self.tr("To"), self)
        from_label, to_label = QLabel(self.tr("From"), self), QLabel(self.tr("To"), self)
        from_label.setBuddy(self.date_from.month)
        to_label.setBuddy(self.date_to.month)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(self.header, 0, 0, 1, 2)
        layout.addWidget(from_label, 1, 0)
        layout.addWidget(self.date_from, 1, 1)
        layout.addWidget(to_label, 2, 0)
        layout.addWidget(self.date_to, 2, 1)
        self._rows = [from_label, self.date_from, to_label, self.date_to]
        self.header.toggled.connect(self._show_rows)
        self.date_from.changed.connect(self._emit)
        self.date_to.changed.connect(self._emit)
        self._last: tuple[str | None, str | None] = (None, None)

    def _show_rows(self, shown: bool) -> None:
        for row in self._rows:
            row.setVisible(shown)

    def _emit(self) -> None:
        current = (self.date_from.value(), self.date_to.value())
        if current != self._last:
            self._last = current
            self.rangeChanged.emit(*current)

    def set_range(self, date_from: str | None, date_to: str | None) -> None:
        """Show a range without emitting (e.g. after a chip removed it)."""
        self.date_from.set_value(date_from)
        self.date_to.set_value(date_to)
        self._last = (date_from, date_to)

    def choose(self, date_from: str | None, date_to: str | None) -> None:
        """Set a range as the user would (emits rangeChanged)."""
        self.set_range(date_from, date_to)
        self._last = (None, None) if (date_from, date_to) != (None, None) else ("", "")
        self._emit()

"""The filter sidebar: one collapsible group per facet, values with counts, checkable."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reslib_desktop.gui.date_range import DateRangeFilter
from reslib_desktop.library import FacetValue, type_label

FACET_TITLES = {"type": "Type", "topic": "Topic", "audience": "Audience", "year": "Year", "offline": "Available offline"}
SHOWN_BEFORE_MORE = 8
_NO_VALUE = {"type": "Unspecified", "year": "No date", "topic": "", "audience": ""}


def facet_value_label(facet: str, value: str) -> str:
    if facet == "offline":
        return "Yes" if value == "yes" else "No"
    if not value:
        return _NO_VALUE.get(facet, "") or "—"
    return type_label(value) if facet == "type" else value


class FacetGroup(QWidget):
    """A facet's header (expands/collapses) and its checkable values with counts."""

    selectionChanged = Signal(str, frozenset)
    expandedChanged = Signal(str, bool)

    def __init__(self, facet: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facet = facet
        title = self.tr(FACET_TITLES[facet])
        self.header = QToolButton(self)
        self.header.setText(title)
        self.header.setCheckable(True)
        self.header.setChecked(True)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setArrowType(Qt.ArrowType.DownArrow)
        self.header.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.header.setAutoRaise(True)
        self.header.setAccessibleName(self.tr("%1 filter, expand or collapse").replace("%1", title))
        self.header.toggled.connect(self._on_toggled)
        self.values = QListWidget(self)
        self.values.setAccessibleName(self.tr("%1 values").replace("%1", title))
        self.values.setAccessibleDescription(self.tr("Check values to narrow the results; Space toggles"))
        self.values.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.values.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.values.itemChanged.connect(self._on_item_changed)
        self.more = QPushButton(self.tr("Show more"), self)
        self.more.setFlat(True)
        self.more.setAccessibleName(self.tr("Show more %1 values").replace("%1", title))
        self.more.clicked.connect(self._toggle_more)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.values)
        layout.addWidget(self.more)
        self._show_all = False
        self._facet_values: list[FacetValue] = []
        self._selected: frozenset[str] = frozenset()
        self._updating = False

    @property
    def expanded(self) -> bool:
        return self.header.isChecked()

    def selected(self) -> frozenset[str]:
        return self._selected

    def set_values(self, values: list[FacetValue], selected: frozenset[str]) -> None:
        """Show a facet's values and counts; selected values stay checked and listed."""
        self._facet_values = values
        self._selected = frozenset(selected)
        self._refill()

    def _refill(self) -> None:
        self._updating = True
        self.values.clear()
        shown = self._facet_values
        if not self._show_all:
            top = shown[:SHOWN_BEFORE_MORE]
            shown = top + [v for v in shown[SHOWN_BEFORE_MORE:] if v.value in self._selected]
        for facet_value in shown:
            label = f"{facet_value_label(self.facet, facet_value.value)} ({facet_value.count})"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, facet_value.value)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            checked = facet_value.value in self._selected
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.values.addItem(item)
        hidden = len(self._facet_values) - len(shown)
        self.more.setVisible(self.expanded and (hidden > 0 or self._show_all) and len(self._facet_values) > SHOWN_BEFORE_MORE)
        self.more.setText(self.tr("Show fewer") if self._show_all else self.tr("Show %n more", "", hidden).replace("%n", str(hidden)))
        self.values.setVisible(self.expanded and self.values.count() > 0)
        # A facet with no values for this library (e.g. no audiences recorded) is not shown.
        self.setVisible(bool(self._facet_values))
        rows = self.values.count()
        self.values.setFixedHeight(self.values.sizeHintForRow(0) * rows + 2 * self.values.frameWidth() if rows else 0)
        self._updating = False

    def _toggle_more(self) -> None:
        self._show_all = not self._show_all
        self._refill()

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if self._updating:
            return
        value = item.data(Qt.ItemDataRole.UserRole)
        selected = set(self._selected)
        if item.checkState() == Qt.CheckState.Checked:
            selected.add(value)
        else:
            selected.discard(value)
        self._selected = frozenset(selected)
        self.selectionChanged.emit(self.facet, self._selected)

    def _on_toggled(self, expanded: bool) -> None:
        self.header.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.values.setVisible(expanded and self.values.count() > 0)
        self.more.setVisible(expanded and len(self._facet_values) > SHOWN_BEFORE_MORE)
        self.expandedChanged.emit(self.facet, expanded)

    def check_value(self, value: str, checked: bool = True) -> None:
        """Check or uncheck a value as the user would (emits selectionChanged)."""
        for number in range(self.values.count()):
            item = self.values.item(number)
            if item.data(Qt.ItemDataRole.UserRole) == value:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                return
        raise KeyError(value)

    def count_of(self, value: str) -> int | None:
        for facet_value in self._facet_values:
            if facet_value.value == value:
                return facet_value.count
        return None


class FacetSidebar(QScrollArea):
    """All facet groups in a scrollable column."""

    selectionChanged = Signal(str, frozenset)
    expandedChanged = Signal(str, bool)

    def __init__(self, facets: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName(self.tr("Filters"))
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.groups: dict[str, FacetGroup] = {}
        for facet in facets:
            group = FacetGroup(facet, body)
            group.selectionChanged.connect(self.selectionChanged)
            group.expandedChanged.connect(self.expandedChanged)
            layout.addWidget(group)
            self.groups[facet] = group
            if facet == "year":
                self.date_range = DateRangeFilter(body)
                layout.addWidget(self.date_range)
        layout.addStretch(1)
        self.setWidget(body)

    def expanded_facets(self) -> tuple[str, ...]:
        return tuple(facet for facet, group in self.groups.items() if group.expanded)

    def set_counts(self, counts: dict[str, list[FacetValue]], selections: dict[str, frozenset[str]]) -> None:
        for facet, values in counts.items():
            if facet in self.groups:
                self.groups[facet].set_values(values, selections.get(facet, frozenset()))

"""The filter sidebar: one collapsible group per facet, values with counts, checkable."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reslib_desktop.gui.date_range import DateRangeFilter
from reslib_desktop.gui.fitted_list import FittedList
from reslib_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate, type_text
from reslib_desktop.library import FacetValue

FACET_TITLES = {
    "type": QT_TRANSLATE_NOOP("Facets", "Type"),
    "topic": QT_TRANSLATE_NOOP("Facets", "Topic"),
    "audience": QT_TRANSLATE_NOOP("Facets", "Audience"),
    "year": QT_TRANSLATE_NOOP("Facets", "Year"),
    "offline": QT_TRANSLATE_NOOP("Facets", "Available offline"),
}
SHOWN_BEFORE_MORE = 8
_NO_VALUE = {"type": QT_TRANSLATE_NOOP("Facets", "Unspecified"), "year": QT_TRANSLATE_NOOP("Facets", "No date")}


def facet_title(facet: str) -> str:
    """A facet's name in the window's language ("Topic")."""
    return translate("Facets", FACET_TITLES[facet]) if facet in FACET_TITLES else facet


def facet_value_label(facet: str, value: str) -> str:
    """A facet value as shown: types and yes/no in the window's language, topics and audiences as
    the library has them."""
    if facet == "offline":
        return translate("Facets", "Yes") if value == "yes" else translate("Facets", "No")
    if not value:
        return translate("Facets", _NO_VALUE[facet]) if facet in _NO_VALUE else "—"
    return type_text(value) if facet == "type" else value


class FacetGroup(QWidget):
    """A facet's header (expands/collapses) and its checkable values with counts."""

    selectionChanged = Signal(str, frozenset)
    expandedChanged = Signal(str, bool)

    def __init__(self, facet: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facet = facet
        title = facet_title(facet)
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
        self.values = FittedList(self)
        self.values.setAccessibleName(self.tr("%1 values").replace("%1", title))
        self.values.setAccessibleDescription(self.tr("Check values to narrow the results; Space toggles"))
        self.values.itemChanged.connect(self._on_item_changed)
        self.more = QPushButton(self.tr("Show more"), self)
        self.more.setFlat(True)
        self.more.setAccessibleName(self.tr("Show more %1 values").replace("%1", title))
        self.more.clicked.connect(self._toggle_more)
        self.more.setVisible(False)  # until there are values and more of them than are listed
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.values)
        layout.addWidget(self.more)
        self._show_all = False
        self._facet_values: list[FacetValue] = []  # the library's values and counts for this search
        self._shown: list[FacetValue] = []  # the rows listed, in their order
        self._selected: frozenset[str] = frozenset()
        self._updating = False

    @property
    def expanded(self) -> bool:
        return self.header.isChecked()

    def selected(self) -> frozenset[str]:
        return self._selected

    def set_values(self, values: list[FacetValue], selected: frozenset[str], keep_rows: bool = False) -> None:
        """Show a facet's values and counts; selected values stay checked and listed.

        `keep_rows`: the rows already shown stay where they are (only their counts change, to 0 when a
        value has no match now), so the next click lands where the user aims; new values go last.
        """
        self._facet_values = values
        self._selected = frozenset(selected)
        keep_rows = keep_rows and bool(self._shown)  # no rows yet (the first counts): none to keep in place
        if keep_rows:
            counts = {v.value: v.count for v in values}
            shown = [FacetValue(v.value, counts.get(v.value, 0)) for v in self._shown]
            known = {v.value for v in shown}
            room = len(values) if self._show_all else max(0, SHOWN_BEFORE_MORE - len(shown))
            new = [v for v in values if v.value not in known]
            shown += new[:room] + [v for v in new[room:] if v.value in self._selected]
        else:
            shown = values
            if not self._show_all:
                top = shown[:SHOWN_BEFORE_MORE]
                shown = top + [v for v in shown[SHOWN_BEFORE_MORE:] if v.value in self._selected]
        self._refill(shown, keep_rows)

    def _refill(self, shown: list[FacetValue] | None = None, keep_rows: bool = False) -> None:
        if shown is None:  # "Show more"/"Show fewer": laid out afresh
            shown = self._facet_values
            if not self._show_all:
                shown = shown[:SHOWN_BEFORE_MORE] + [v for v in shown[SHOWN_BEFORE_MORE:] if v.value in self._selected]
        self._shown = list(shown)
        place = self._keyboard_place()
        self._updating = True
        self.values.clear()
        for facet_value in shown:
            label = f"{facet_value_label(self.facet, facet_value.value)} ({facet_value.count})"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, facet_value.value)
            checked = facet_value.value in self._selected
            flags = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
            if facet_value.count or checked:  # a value with no match now stays in place, greyed out
                flags |= Qt.ItemFlag.ItemIsEnabled
            item.setFlags(flags)
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.values.addItem(item)
        listed = {v.value for v in shown}
        hidden = len([v for v in self._facet_values if v.value not in listed])
        useful = hidden > 0 or self._show_all
        # While rows are kept in place the button keeps its place too (disabled when nothing is left to show).
        shown_before = keep_rows and not self.more.isHidden()
        self.more.setVisible(
            self.expanded and (shown_before or (useful and len(self._facet_values) > SHOWN_BEFORE_MORE))
        )
        self.more.setEnabled(useful)
        if self._show_all:
            self.more.setText(self.tr("Show fewer"))
        else:
            self.more.setText(self.tr("Show %Ln more", "", hidden) if hidden else self.tr("Show more"))
        self.values.setVisible(self.expanded and self.values.count() > 0)
        # A facet with no values for this library (e.g. no audiences recorded) is not shown.
        self.setVisible(bool(self._shown))
        self.values.fit_height()
        self._restore_keyboard_place(*place)
        self._updating = False

    def _keyboard_place(self) -> tuple[str | None, bool, bool]:
        """The value of the current row (None: no current row), whether it is selected, whether the list has focus."""
        item = self.values.currentItem()
        if item is None:
            return None, False, self.values.hasFocus()
        return item.data(Qt.ItemDataRole.UserRole), item.isSelected(), self.values.hasFocus()

    def _restore_keyboard_place(self, value: str | None, selected: bool, focused: bool) -> None:
        """After a refill, the current row is the same value's again and the list keeps the focus, so the next
        arrow key moves on from where the user was (not from the first row)."""
        rows = [self.values.item(n).data(Qt.ItemDataRole.UserRole) for n in range(self.values.count())]
        if value is not None and value in rows:
            flag = QItemSelectionModel.SelectionFlag
            self.values.setCurrentRow(rows.index(value), flag.ClearAndSelect if selected else flag.NoUpdate)
        if focused and self.values.isVisible() and not self.values.hasFocus():
            self.values.setFocus(Qt.FocusReason.OtherFocusReason)

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
        self._layout = layout

    def insert_panel(self, panel: QWidget) -> None:
        """Show `panel` above the facet groups (first in the column and in the Tab order)."""
        self._layout.insertWidget(0, panel)

    def expanded_facets(self) -> tuple[str, ...]:
        return tuple(facet for facet, group in self.groups.items() if group.expanded)

    def set_counts(
        self, counts: dict[str, list[FacetValue]], selections: dict[str, frozenset[str]], keep_rows: bool = False
    ) -> None:
        """New counts; `keep_rows` (a click in the sidebar narrowed the results) keeps every row in place."""
        for facet, values in counts.items():
            if facet in self.groups:
                self.groups[facet].set_values(values, selections.get(facet, frozenset()), keep_rows)

"""What the results area says when nothing matches: what to do, and 'did you mean' choices.

Inside a collection it says so: an empty collection explains how to add resources, and
"Show all resources" leaves the collection.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from reslib_desktop.library import SearchQuery


def narrows(query: SearchQuery) -> bool:
    """True when the query has words, field filters or a date range besides its collection."""
    text = query.text
    return bool(
        text.match or text.exclude or text.filters or text.year_from or text.year_to
        or query.selections or query.date_from or query.date_to
    )


class EmptyState(QWidget):
    suggestionChosen = Signal(str)
    clearFiltersRequested = Signal()
    showAllRequested = Signal()  # leave the collection shown: the whole library

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("No results"))
        self.message = QLabel(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.did_you_mean = QLabel(self.tr("Did you mean:"), self)
        self.suggestions_row = QHBoxLayout()
        self.suggestions_row.addStretch(1)
        self.suggestions_row.addWidget(self.did_you_mean)
        self.suggestions_row.addStretch(1)
        self.clear_button = QPushButton(self.tr("Clear all filters"), self)
        self.clear_button.clicked.connect(self.clearFiltersRequested)
        self.show_all_button = QPushButton(self.tr("Show all resources"), self)
        self.show_all_button.setAccessibleName(self.tr("Show all resources: leave the collection"))
        self.show_all_button.clicked.connect(self.showAllRequested)
        self.show_all_button.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addLayout(self.suggestions_row)
        layout.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.show_all_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.suggestion_buttons: list[QPushButton] = []

    def show_waiting_for_index(self) -> None:
        """The search cannot run before the search index is built (shown during that build)."""
        self.message.setText(
            self.tr("The search index is being built. The results will appear as soon as it is ready.")
        )
        self.clear_button.setVisible(False)
        self.show_all_button.setVisible(False)
        self.did_you_mean.setVisible(False)
        for button in self.suggestion_buttons:
            button.setVisible(False)

    def show_empty(self, has_filters: bool, suggestions: list[str], query: SearchQuery | None = None) -> None:
        """Say why nothing is shown; `query` (the search that found nothing) tells a collection apart."""
        collection = query.collection if query is not None else None
        empty_collection = bool(collection) and query is not None and not narrows(query)
        if empty_collection:
            self.message.setText(
                self.tr(
                    "“%1” is empty. To add resources: choose “All resources” under Collections, select rows, "
                    "then drag them onto “%1”, or right-click them and choose Add to collection."
                ).replace("%1", collection or "")
            )
            suggestions = []
        elif collection:
            self.message.setText(
                (self.tr("No resources of “%1” match. Clear the filters or try other words.")
                 if has_filters else self.tr("No resources of “%1” match. Try other words.")).replace("%1", collection)
            )
        else:
            self.message.setText(
                self.tr("No resources match. Clear the filters or try other words.")
                if has_filters
                else self.tr("No resources match. Try other words.")
            )
        self.clear_button.setVisible(has_filters)
        self.show_all_button.setVisible(bool(collection))
        for button in self.suggestion_buttons:
            self.suggestions_row.removeWidget(button)
            button.deleteLater()
        self.suggestion_buttons = []
        for position, suggestion in enumerate(suggestions, start=2):
            button = QPushButton(suggestion, self)
            button.setAccessibleName(self.tr("Search for %1 instead").replace("%1", suggestion))
            button.clicked.connect(lambda _checked=False, s=suggestion: self.suggestionChosen.emit(s))
            self.suggestions_row.insertWidget(position, button)
            self.suggestion_buttons.append(button)
        self.did_you_mean.setVisible(bool(suggestions))

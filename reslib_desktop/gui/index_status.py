"""The status bar's note while the search index is built in the background (at start-up, when the
index was missing, stale or of an older format): "Building the search index… N%"."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from reslib_desktop.gui.i18n import local_number
from reslib_desktop.gui.search_controller import SearchController, SearchOutcome


class IndexStatus(QLabel):
    """Shown from the first results that wait for the index until the build ends (or fails)."""

    def __init__(self, controller: SearchController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.setAccessibleName(self.tr("Search index"))
        self.setToolTip(self.tr(
            "Until the search index is ready, only the first resources are shown, and searching for words waits for it."
        ))
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        self.hide()
        controller.indexProgress.connect(self.show_progress)
        controller.indexReady.connect(self.hide)
        controller.resultsReady.connect(self._results_shown)
        controller.searchFailed.connect(self._failed)

    def show_progress(self, done: int, total: int) -> None:
        """`done` of `total` documents indexed (0 of 0: the build is starting)."""
        if not self._controller.index_building or not (total or self.isHidden()):
            return
        percent = min(100, 100 * done // total) if total else 0
        self.setText(self.tr("Building the search index… %1%").replace("%1", local_number(percent)))
        self.setMinimumWidth(self.sizeHint().width())  # the status bar gives way, the note is never cut
        self.show()

    def _results_shown(self, outcome: SearchOutcome) -> None:
        if outcome.index_pending:
            self.show_progress(0, 0)

    def _failed(self, _message: str) -> None:
        if not self._controller.index_building:
            self.hide()  # a failed build is reported as a failed search; the next search tries again

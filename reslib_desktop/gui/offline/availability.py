"""Whether "make available offline" can work: only for attachments with a download address.

A library whose attachments have no address (the shipped one: its pages kept
only the link labels) gets its download actions disabled, each saying why, and
one notice in the downloads view instead of runs that skip every file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction

from reslib_desktop.gui.i18n import translate

if TYPE_CHECKING:
    from reslib_desktop.gui.offline.controller import OfflineController


MAX_CHECKED = 5_000  # selections larger than this are not looked up (the library has addresses: enabled)



def no_addresses_text() -> str:
    """Why nothing in this library can be downloaded, and what to do about it."""
    return translate("DownloadAvailability",
        "This library has no download addresses for its attachments; "
        "import a bundle or records with URLs to make them available offline."
    )


def no_addresses_short_text() -> str:
    """The same, short enough for a status bar (the downloads view says it in full)."""
    return translate("DownloadAvailability", "Nothing can be downloaded: this library has no download addresses.")


def selection_without_addresses_text() -> str:
    return translate("DownloadAvailability", "The selected resources have no download address for their attachments.")


class DownloadAvailability(QObject):
    """Tracks whether the library, and the selected resources, have attachments with a download address.

    Signal `changed()`: `library_has_addresses` or `selection_has_addresses` changed.
    """

    changed = Signal()

    def __init__(self, controller: OfflineController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._asked = 0
        self._selection: list[int] = []
        self.selection_has_addresses = False
        if controller.downloadable is not None:
            self._on_library(controller.downloadable)
        controller.downloadableChanged.connect(self._on_library)

    @property
    def library_has_addresses(self) -> bool | None:
        """False when no attachment of the library has an address; None until known."""
        count = self._controller.downloadable
        return None if count is None else count > 0

    def reason(self, short: bool = False) -> str:
        """Why the selection cannot be downloaded ('' when it can); `short` for a status bar."""
        if self.library_has_addresses is False:
            return no_addresses_short_text() if short else no_addresses_text()
        if not self._selection:
            return translate("DownloadAvailability", "Select resources to make them available offline.")
        return "" if self.selection_has_addresses else selection_without_addresses_text()

    def set_selection(self, resource_ids: list[int]) -> None:
        """The selected resources changed: answer now when the library decides, else ask in the background."""
        self._selection = list(resource_ids)
        self._asked += 1
        if not resource_ids or self.library_has_addresses is False:
            self._set_selection_state(False)
            return
        self._set_selection_state(True)  # until the answer: the library has addresses, so probably
        if len(resource_ids) > MAX_CHECKED:
            return  # a huge selection is not read through: its run will say which files have no address
        token = self._asked
        self._controller.ask_downloadable(self._selection, lambda yes: self._on_answer(token, yes))

    def _on_answer(self, token: int, yes: bool) -> None:
        if token == self._asked:
            self._set_selection_state(yes)

    def _set_selection_state(self, yes: bool) -> None:
        if yes != self.selection_has_addresses:
            self.selection_has_addresses = yes
        self.changed.emit()

    def _on_library(self, _count: int) -> None:
        self.set_selection(self._selection)


def _explain(action: QAction, enabled: bool, why: str, tip: str) -> None:
    action.setEnabled(enabled)
    action.setStatusTip("" if enabled else why)
    action.setToolTip(tip if enabled else why)


def install_download_availability(window) -> DownloadAvailability:
    """Enable the window's "available offline" actions only when they can fetch something, saying why not."""
    availability = DownloadAvailability(window.offline_controller, window)
    selection = [(a, a.toolTip()) for a in (window.offline_selection_action,)]
    library = [(a, a.toolTip()) for a in (window.offline_results_action, window.offline_library_action)]

    def sync() -> None:
        library_ok = availability.library_has_addresses is not False
        for action, tip in selection:
            _explain(action, availability.selection_has_addresses, availability.reason(), tip)
        for action, tip in library:
            _explain(action, library_ok, no_addresses_text(), tip)

    def follow(*_: object) -> None:
        availability.set_selection(window.selected_resource_ids())

    window.table.selectionModel().selectionChanged.connect(follow)
    window.model.modelReset.connect(follow)
    availability.changed.connect(sync)
    sync()
    return availability

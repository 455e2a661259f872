"""Opening a library this version must upgrade first: the upgrade (a backup copy of the file, then the
migrations; ~5 s at 1,000,000 resources) runs in a worker while a window says what is happening, instead of
a start-up that shows nothing at all."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from reslib_desktop.gui.task_runner import TaskRunner
from reslib_desktop.library import Library


class UpgradeProgress(QProgressDialog):
    """A busy indicator with one line on what runs: no steps to count, nothing to cancel (the upgrade is
    one transaction after the copy; stopping it half-way would gain nothing)."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = self.tr("Updating the library")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setLabelText(
            self.tr("Updating %1 for this version of reslib-desktop…\nA copy of it as it was is kept beside it.")
            .replace("%1", path.name)
        )
        self.setRange(0, 0)
        self.setCancelButton(None)  # no button
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)


def open_library(path: Path, parent: QWidget | None = None) -> Library:
    """`Library.open(path)`; when the file must be upgraded first, in a worker while `UpgradeProgress` shows.
    Raises what `Library.open` raises."""
    if not Library.upgrade_pending(path):
        return Library.open(path)
    dialog = UpgradeProgress(path, parent)
    runner = TaskRunner(dialog)
    outcome: dict[str, object] = {}
    loop = QEventLoop()

    def opened(library: object) -> None:
        outcome["library"] = library
        loop.quit()

    def failed(error: BaseException) -> None:
        outcome["error"] = error
        loop.quit()

    dialog.show()
    runner.run(lambda: Library.open(path), opened, failed)
    loop.exec()  # the callbacks arrive through this loop: neither can run before it
    dialog.close()
    dialog.deleteLater()
    error = outcome.get("error")
    if isinstance(error, BaseException):
        raise error
    library = outcome["library"]
    assert isinstance(library, Library)
    return library

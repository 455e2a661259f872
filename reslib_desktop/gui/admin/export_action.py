"""Exporting resources as JSON or CSV (the import formats): asks for a path, writes in a worker with progress.

    job = export_resources(window, library, ids, "csv")          # None when no path was chosen
    job.finished.connect(lambda count, path: ...); job.failed.connect(...)

The file is written under a temporary name and renamed when complete, so a
cancelled or failed export leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from reslib_desktop.gui.admin.prompts import ChooseSavePath, choose_export_path
from reslib_desktop.gui.task_runner import Cancelled, Lane, Task, TaskRunner, error_text
from reslib_desktop.library import ImportService, Library, SearchQuery, SortKey

Ids = Sequence[int] | Callable[[], Sequence[int]]


class ExportCancelled(Exception):
    """The user cancelled the export; no file was written."""


class ExportJob(QObject):
    """One running export: `finished(count, path)` or `failed(message)` (also when cancelled)."""

    finished = Signal(int, object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None, path: Path, fmt: str) -> None:
        super().__init__(parent)
        self.path = path
        self.fmt = fmt
        self.message = ""
        self.task: Task | None = None
        self.tasks = TaskRunner(self)
        self.progress: QProgressDialog | None = None

    def cancel(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()


def _format_of(path: Path, fmt: str | None) -> str:
    return fmt or ("csv" if path.suffix.casefold() == ".csv" else "json")


def export_resources(
    parent: QWidget | None,
    library: Library,
    resource_ids: Ids,
    fmt: str | None = None,
    *,
    choose_path: ChooseSavePath = choose_export_path,
    lane: Lane | None = None,
) -> ExportJob | None:
    """Ask for a path, then export these resources (ids, or a function giving them) in a worker."""
    if fmt not in (None, "json", "csv"):
        raise ValueError(f"unknown export format {fmt!r}: use json or csv")
    path = choose_path(parent, fmt)
    if path is None:
        return None
    fmt = _format_of(path, fmt)
    job = ExportJob(parent, path, fmt)
    dialog = QProgressDialog(
        QCoreApplication.translate("ExportJob", "Exporting resources…"),
        QCoreApplication.translate("ExportJob", "Cancel"),
        0,
        0,
        parent,
    )
    dialog.setWindowTitle(QCoreApplication.translate("ExportJob", "Export"))
    dialog.setAccessibleName(QCoreApplication.translate("ExportJob", "Export progress"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    job.progress = dialog
    service = ImportService(library)

    def work(progress: Callable[[int, int], None], cancelled: Cancelled) -> int:
        ids = list(resource_ids() if callable(resource_ids) else resource_ids)

        def report(done: int, total: int) -> None:
            if cancelled() and done < total:  # the last report comes once the file is complete: keep it
                raise ExportCancelled("the export was cancelled; no file was written")
            progress(done, total)

        report(0, len(ids))
        return service.export(ids, path, fmt, report)

    def on_progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))

    def on_done(count: int) -> None:
        dialog.close()
        # PySide6's stub types tr() as an instance method; PySide also allows Class.tr() (context: the class name).
        job.message = ExportJob.tr("Exported %Ln resources to %1.", "", count).replace("%1", str(path))  # type: ignore[arg-type]
        job.finished.emit(count, path)

    def on_failed(error: object) -> None:
        dialog.close()
        if isinstance(error, ExportCancelled):
            job.message = QCoreApplication.translate("ExportJob", "The export was cancelled; no file was written.")
        else:
            job.message = QCoreApplication.translate("ExportJob", "The export failed: %1").replace(
                "%1", error_text(error)
            )
        job.failed.emit(job.message)

    job.task = job.tasks.run_reporting(work, on_done, on_failed, on_progress, lane=lane)
    dialog.canceled.connect(job.cancel)
    return job


def export_library(
    parent: QWidget | None,
    library: Library,
    fmt: str | None = None,
    *,
    choose_path: ChooseSavePath = choose_export_path,
    lane: Lane | None = None,
) -> ExportJob | None:
    """Export every resource of the library, by title."""
    query = SearchQuery(sort=SortKey.TITLE, descending=False)
    return export_resources(
        parent, library, lambda: library.all_resource_ids(query), fmt, choose_path=choose_path, lane=lane
    )

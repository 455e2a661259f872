"""Deleting resources, after a confirmation: recorded as a batch, so Import history can undo it."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from reslib_desktop.gui.admin.prompts import Confirm, confirm
from reslib_desktop.gui.task_runner import Lane, TaskRunner, error_text
from reslib_desktop.library import EditService, Library

MAX_TITLES = 3


class ResourceDeleter(QObject):
    """`delete(ids)` asks, then deletes in a worker: `deleted(ids)` when done, `failed(message)` if refused."""

    deleted = Signal(list)
    failed = Signal(str)

    def __init__(
        self,
        library: Library,
        parent: QObject | None = None,
        *,
        editing: EditService | None = None,
        confirm: Confirm = confirm,
        lane: Lane | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.editing = editing or EditService(library)
        self._confirm = confirm
        self._lane = lane
        self._tasks = TaskRunner(self)
        self.busy = False

    def question(self, resource_ids: Sequence[int]) -> str:
        """The confirmation text: the titles (up to three) and how to get them back."""
        rows = self.library.rows_by_ids(list(resource_ids)[:MAX_TITLES])
        titles = "\n".join(f"• {row.title}" for row in rows)
        more = len(resource_ids) - len(rows)
        if more > 0:
            titles += "\n" + self.tr("and %Ln more", "", more)
        head = self.tr("Delete these %Ln resources from the library?", "", len(resource_ids))
        tail = self.tr("You can bring them back with Undo in Tools → Import history.")
        return f"{head}\n\n{titles}\n\n{tail}"

    def delete(self, resource_ids: Sequence[int]) -> bool:
        """Ask first; False when there is nothing to delete, the user said no, or a delete is running."""
        ids = list(dict.fromkeys(resource_ids))
        if not ids or self.busy:
            return False
        owner = self.parent()
        parent = owner if isinstance(owner, QWidget) else None
        title = self.tr("Delete resource") if len(ids) == 1 else self.tr("Delete resources")
        if not self._confirm(parent, title, self.question(ids)):
            return False
        self.busy = True
        editing = self.editing
        self._tasks.run(lambda: editing.delete(ids), partial(self._done, ids), self._failed, lane=self._lane)
        return True

    def _done(self, ids: list[int], _batch_id: int) -> None:
        self.busy = False
        self.deleted.emit(ids)

    def _failed(self, error: object) -> None:
        self.busy = False
        self.failed.emit(self.tr("The resources were not deleted: %1").replace("%1", error_text(error)))

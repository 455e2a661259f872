"""Collection operations of the offline service, run one at a time off the GUI thread.

Each change re-reads the list of collections and emits `collectionsChanged`;
a refused change (a duplicate name, say) emits `errorOccurred` with a
readable message. Keeping a collection offline (or adding to one that is)
emits `fetchRequested` with the attachments the service queued (the offline
controller fetches them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from reslib_desktop.gui.task_runner import TaskRunner, database_lane, failure_text
from reslib_desktop.library import (
    CacheState,
    CollectionError,
    CollectionInfo,
    OfflineService,
)

REFRESH_DELAY_MS = 500
Members = list[tuple[int, str]]  # (resource id, title) in the collection's order


def _unfetchable(service: OfflineService, name: str) -> int:
    """(A worker thread.) Attachments of the collection neither offline nor downloadable."""
    infos = service.state_of(service.attachments_of_collection(name)).values()
    return sum(1 for info in infos if not info.has_url and info.state != CacheState.CACHED)


class CollectionsClient(QObject):
    """Signals: collectionsChanged(list[CollectionInfo]), membersChanged(name, [(resource id, title)]),
    created(name), errorOccurred(message), fetchRequested([attachment ids], label)."""

    collectionsChanged = Signal(object)
    membersChanged = Signal(str, object)
    created = Signal(str)
    errorOccurred = Signal(str)
    fetchRequested = Signal(list, str)

    def __init__(self, service: OfflineService, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._closed = False
        self._tasks = tasks
        self._infos: list[CollectionInfo] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)

    def infos(self) -> list[CollectionInfo]:
        """The collections as last read (by name)."""
        return list(self._infos)

    def info(self, name: str) -> CollectionInfo | None:
        return next((info for info in self._infos if info.name == name), None)

    # --- slots ------------------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        self._change(lambda: None)

    @Slot(str)
    def create(self, name: str) -> None:
        service = self._service

        def work() -> str:
            ident = service.create_collection(name)
            return next((info.name for info in service.collections() if info.id == ident), name)

        self._change(work, self.created.emit)

    @Slot(str, str)
    def rename(self, old: str, new: str) -> None:
        service = self._service
        self._change(lambda: service.rename_collection(old, new))

    @Slot(str)
    def delete(self, name: str) -> None:
        service = self._service
        self._change(lambda: service.delete_collection(name))

    @Slot(str, list)
    def add(self, name: str, resource_ids: Iterable[int]) -> None:
        """Append resources; if the collection is kept offline their attachments are fetched."""
        ids, service = [int(i) for i in resource_ids], self._service
        self._change(lambda: service.add_to_collection(name, ids), self._fetch_for(name), members_of=name)

    def remove(self, name: str, resource_ids: Iterable[int], then: Callable[[Any], None] | None = None) -> None:
        """Take resources out; `then` gets the (resource id, former place) pairs that `restore` puts back."""
        ids, service = [int(i) for i in resource_ids], self._service
        self._change(lambda: service.remove_from_collection(name, ids), then, members_of=name)

    def restore(self, name: str, removed: list[tuple[int, int]], then: Callable[[Any], None] | None = None) -> None:
        """Undo a removal: the resources go back to their places (fetched again if the collection is kept offline)."""
        service, fetch = self._service, self._fetch_for(name)

        def done(attachment_ids: list[int]) -> None:
            fetch(attachment_ids)
            if then is not None:
                then(attachment_ids)

        self._change(lambda: service.restore_to_collection(name, removed), done, members_of=name)

    @Slot(str, int, int)
    def move(self, name: str, resource_id: int, index: int) -> None:
        service = self._service
        self._change(lambda: service.move_in_collection(name, resource_id, index), members_of=name)

    @Slot(str, bool)
    def set_pinned(self, name: str, pinned: bool) -> None:
        """"Keep offline": pin the collection and fetch what it lacks (unpinning keeps the files, unpinned).

        Attachments that are not offline and have no download address are said (errorOccurred).
        """
        service = self._service

        def work() -> tuple[list[int], int]:
            queued = service.set_collection_pinned(name, pinned)
            return queued, _unfetchable(service, name) if pinned else 0

        self._change(work, self._fetch_or_explain(name))

    @Slot(str)
    def download(self, name: str) -> None:
        """Fetch the collection's attachments now, without keeping it offline."""
        service = self._service
        self._change(lambda: (service.attachments_of_collection(name), _unfetchable(service, name)),
                     self._fetch_or_explain(name))

    @Slot(str)
    def load_members(self, name: str) -> None:
        """Emit membersChanged(name, [(id, title)]) with the collection's resources in order."""
        self._change(lambda: None, members_of=name)

    # --- plumbing ---------------------------------------------------------------------------
    def _fetch_or_explain(self, name: str) -> Callable[[tuple[list[int], int]], None]:
        fetch = self._fetch_for(name)

        def then(outcome: tuple[list[int], int]) -> None:
            attachment_ids, unfetchable = outcome
            fetch(attachment_ids)
            if unfetchable:
                text = self.tr("%Ln attachments of “%1” have no download address: they cannot be made available "
                               "offline.", "", unfetchable)
                self.errorOccurred.emit(text.replace("%1", name))

        return then

    def _fetch_for(self, name: str) -> Callable[[list[int]], None]:
        def fetch(attachment_ids: list[int]) -> None:
            if attachment_ids:
                self.fetchRequested.emit(list(attachment_ids), self.tr("Collection “%1”").replace("%1", name))

        return fetch

    def _change(self, action: Callable[[], Any], then: Callable[[Any], None] | None = None,
                members_of: str | None = None) -> None:
        if self._closed:
            return
        service = self._service

        def work() -> tuple[Any, str | None, list[CollectionInfo], Members | None]:
            try:
                result = action()
            except CollectionError as error:
                return None, str(error), service.collections(), None
            members = None
            if members_of is not None:
                try:
                    ids = service.collection_resource_ids(members_of)
                except CollectionError:
                    ids = None
                if ids is not None:
                    members = [(row.id, row.title) for row in service.library.rows_by_ids(ids)]
            return result, None, service.collections(), members

        def done(outcome: tuple[Any, str | None, list[CollectionInfo], Members | None]) -> None:
            result, error, infos, members = outcome
            self._infos = infos
            self.collectionsChanged.emit(infos)
            if members is not None and members_of is not None:
                self.membersChanged.emit(members_of, members)
            if error is not None:
                self.errorOccurred.emit(error)
            elif then is not None:
                then(result)

        self._tasks.run(work, done, lambda error: self.errorOccurred.emit(failure_text(error)), lane=database_lane())

    def close(self) -> None:
        """Start nothing more (the controller is shutting down)."""
        self._closed = True
        self._timer.stop()

    @Slot(int, str)
    def on_attachment_state(self, _attachment_id: int, state: str) -> None:
        """An attachment changed state: re-read the counts a little later when one became cached."""
        if state == "cached" and not self._timer.isActive():
            self._timer.start()  # cached counts changed

"""The Qt-free import/export API front ends call: preview, apply, undo, history, duplicates, export.

    service = ImportService(library, cache_dir)
    preview = service.preview([path], ImportOptions(format="auto"))
    # show preview.items (action, reason, location), preview.problems, preview.mappings()
    result = service.apply(preview, DuplicatePolicy.KEEP, progress=on_progress, cancel=event.is_set)
    service.undo(result.batch_id)

Every method opens its own connection, so a worker thread may call it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from reslib_desktop.ingest import batches, duplicates, undo
from reslib_desktop.ingest.batches import (
    BatchInfo,
    ImportCancelled,
    ImportRefused,
    ImportResult,
    IndexFeed,
)
from reslib_desktop.ingest.duplicates import PossibleDuplicate
from reslib_desktop.ingest.pipeline import (
    Action,
    ImportPreview,
    PreviewItem,
    build_preview,
)
from reslib_desktop.ingest.sources import DuplicatePolicy, ImportOptions, MatchBy
from reslib_desktop.ingest.undo import UndoRefused, UndoResult
from reslib_desktop.store.library_handle import ReadsResources

Progress = Callable[[int, int], None]

__all__ = [
    "Action",
    "BatchInfo",
    "DuplicatePolicy",
    "ImportCancelled",
    "ImportOptions",
    "ImportPreview",
    "ImportRefused",
    "ImportResult",
    "ImportService",
    "MatchBy",
    "PossibleDuplicate",
    "PreviewItem",
    "UndoRefused",
    "UndoResult",
]


class ImportService:
    """Imports into one library; files (a folder of PDFs, bundles) go into `cache_dir`."""

    def __init__(self, library: ReadsResources, cache_dir: Path | None = None) -> None:
        self.library = library
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None

    # --- importing ------------------------------------------------------------------------------
    def preview(
        self, paths: Sequence[Path], options: ImportOptions | None = None, progress: Progress | None = None
    ) -> ImportPreview:
        """Read and match the inputs; nothing is written. ValueError for bad options."""
        with self.library.engine.connect() as connection:
            return build_preview(connection, [Path(p) for p in paths], options or ImportOptions(), progress)

    def apply(
        self,
        preview: ImportPreview,
        policy: DuplicatePolicy | None = None,
        progress: Progress | None = None,
        cancel: Callable[[], bool] | None = None,
        user: str | None = None,
        index_feed: IndexFeed | None = None,
    ) -> ImportResult:
        """Apply a preview as one batch (all or nothing). Raises ImportRefused or ImportCancelled.

        `index_feed` (the library's `build_search_index_beside`) builds a new library's search index
        beside the writing."""
        return batches.apply_import(
            self.library.engine, preview, policy, user=user, cache_dir=self.cache_dir, progress=progress,
            cancel=cancel, index_feed=index_feed,
        )

    # --- history and undo -----------------------------------------------------------------------
    def history(self, limit: int | None = None) -> list[BatchInfo]:
        with self.library.engine.connect() as connection:
            return batches.history(connection, limit)

    def undo_blockers(self, batch_id: int) -> list[str]:
        """Why `undo(batch_id)` would be refused now; empty when it can be undone."""
        with self.library.engine.connect() as connection:
            return undo.undo_blockers(connection, batch_id)

    def undo(self, batch_id: int) -> UndoResult:
        """Revert exactly that batch, in one transaction. Raises UndoRefused with the reasons."""
        return undo.undo_batch(self.library.engine, batch_id, self.cache_dir)

    # --- possible duplicates --------------------------------------------------------------------
    def possible_duplicates(self) -> list[PossibleDuplicate]:
        with self.library.engine.connect() as connection:
            return duplicates.possible_duplicates(connection)

    def merge(self, keep_uid: str, drop_uid: str, user: str | None = None) -> int:
        """Fold one resource into another; returns the batch id (undoable)."""
        return duplicates.merge(self.library.engine, keep_uid, drop_uid, user)

    def dismiss(self, uid: str) -> bool:
        """Clear a duplicate flag; False when the resource had none."""
        return duplicates.dismiss(self.library.engine, uid)

    # --- export ---------------------------------------------------------------------------------
    def export(self, resource_ids: Sequence[int], path: Path, fmt: str, progress: Progress | None = None) -> int:
        """Write these resources as JSON or CSV (the import formats); returns how many."""
        from reslib_desktop.export import export_resources

        return export_resources(self.library.engine, resource_ids, Path(path), fmt, progress)

"""Importing a bundle: check every entry, verify every hash and size, then merge by uid in one transaction.

Order: the zip's entries are checked (names, links, duplicates, declared
sizes, the compression ratio of each); the manifest is read and
must list exactly the zip's entries with their sizes, and name a library
format this version knows; library.json is read
(to a temporary folder, verified) and its resources matched by uid like any
import; every bundled file must belong to one of them and all must fit on
the disk; then the files are read with a size cap and verified (unpacked to
temporary names in the cache). Only
when all of that passed are the resources written, as one import batch
(undoable), and only once that batch has committed are the files renamed
into place (ingest/cache_files.py `staging`: a kill before the commit leaves
temporaries the next open of the cache removes). A refusal leaves library
and cache as they were.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from collections.abc import Collection
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from reslib_desktop.bundle.collections import add_collection
from reslib_desktop.bundle.manifest import FileEntry, Manifest, check_made_by, parse_manifest
from reslib_desktop.bundle.safety import (
    FILES,
    LIBRARY,
    MANIFEST,
    BundleError,
    BundleLimits,
    check_entries,
    read_limited,
    read_verified,
)
from reslib_desktop.ingest.batches import ImportResult, apply_import
from reslib_desktop.ingest.cache_files import StagedFiles, staging, temporary_for
from reslib_desktop.ingest.pipeline import ImportPreview
from reslib_desktop.ingest.report import problem_line
from reslib_desktop.ingest.service import ImportService
from reslib_desktop.ingest.sources import ImportOptions, MatchBy
from reslib_desktop.offline.cache import FileCache
from reslib_desktop.offline.housekeeping import Recorded, recorded_sizes
from reslib_desktop.offline.sizes import format_size
from reslib_desktop.store.library_handle import ReadsResources


@dataclass
class BundleImport:
    preview: ImportPreview
    manifest: Manifest
    result: ImportResult | None = None  # None for a dry run
    files_added: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # about the bundle itself (made by a newer app)


def _open(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise BundleError(f"{path.name} is not a readable zip file ({error})") from None


def _read_manifest(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: BundleLimits) -> Manifest:
    data = read_limited(archive, info, limits.max_manifest_bytes)
    if len(data) > limits.max_manifest_bytes:
        raise BundleError(f"entry {MANIFEST!r}: larger than {limits.max_manifest_bytes:,} bytes")
    return parse_manifest(data)


def _check_listing(entries: dict[str, zipfile.ZipInfo], manifest: Manifest) -> None:
    for name in entries:
        if name != MANIFEST and name not in manifest.files:
            raise BundleError(f"entry {name!r}: not listed in manifest.json")
    for name, entry in manifest.files.items():
        if name not in entries:
            raise BundleError(f"entry {name!r}: listed in manifest.json but not in the zip")
        if name.startswith(FILES) and name[len(FILES):] != entry.sha256:
            raise BundleError(f"entry {name!r}: its name is not its sha256 in manifest.json")
        if entries[name].file_size != entry.size:
            raise BundleError(
                f"entry {name!r}: the zip declares {entries[name].file_size:,} bytes, "
                f"its manifest states {entry.size:,}"
            )


def _check_referenced(preview: ImportPreview, files: dict[str, int]) -> None:
    """Every bundled file belongs to a resource: unused files are refused before anything is written."""
    referenced = {
        attachment.sha256
        for item in preview.items
        if item.record is not None
        for attachment in item.record.attachments
        if attachment.sha256
    }
    for sha256 in sorted(files):
        if sha256 not in referenced:
            raise BundleError(f"entry '{FILES}{sha256}': no resource in library.json refers to it")


def _check_free_space(cache_dir: Path, files: dict[str, int], limits: BundleLimits) -> None:
    """The files not cached yet fit on the cache's disk, leaving `keep_free_bytes`."""
    cache = FileCache(cache_dir)
    needed = sum(size for sha256, size in files.items() if not cache.path_for(sha256).is_file())
    folder = Path(cache_dir).absolute()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    free = shutil.disk_usage(folder).free
    if needed + limits.keep_free_bytes > free:
        raise BundleError(
            f"the bundle's files need {format_size(needed)} in {cache_dir}, "
            f"only {format_size(max(0, free - limits.keep_free_bytes))} free there"
        )


def _unpack(archive: zipfile.ZipFile, info: zipfile.ZipInfo, entry: FileEntry, cache_dir: Path) -> Path:
    """An attachment file, verified, under a temporary name beside its cache address."""
    temporary = temporary_for(cache_dir, entry.sha256)
    try:
        with temporary.open("wb") as out:
            read_verified(archive, info, entry.size, entry.sha256, out.write)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _set_sizes(preview: ImportPreview, files: dict[str, int], absent: dict[str, int]) -> None:
    """The size of each attachment file the bundle holds or knows; a file it does not hold keeps its sha256,
    so a later download (or import of the file) is checked against it."""
    for item in preview.items:
        for attachment in item.record.attachments if item.record is not None else []:
            if attachment.sha256 in files:
                attachment.size = files[attachment.sha256]
            elif attachment.sha256 is not None and attachment.size is None:
                attachment.size = absent.get(attachment.sha256)


@dataclass
class _Checked:
    """A bundle whose entries, manifest and library.json passed every check (files not read yet)."""

    archive: zipfile.ZipFile
    entries: dict[str, zipfile.ZipInfo]
    manifest: Manifest
    files: dict[str, int]  # sha256 -> size of the bundled attachment files
    preview: ImportPreview
    notes: list[str]


def _check(
    archive: zipfile.ZipFile,
    path: Path,
    library: ReadsResources,
    cache_dir: Path | None,
    scratch: Path,
    limits: BundleLimits,
) -> _Checked:
    entries = check_entries(archive.infolist(), limits)
    manifest = _read_manifest(archive, entries[MANIFEST], limits)
    notes = check_made_by(manifest)
    _check_listing(entries, manifest)
    files = {e.sha256: e.size for name, e in manifest.files.items() if name.startswith(FILES)}
    library_json = scratch / LIBRARY
    with library_json.open("wb") as out:
        entry = manifest.files[LIBRARY]
        read_verified(archive, entries[LIBRARY], entry.size, entry.sha256, out.write)
    options = ImportOptions(format="json", match_by=MatchBy.UID, source_label=f"bundle {path}")
    preview = ImportService(library, cache_dir).preview([library_json], options)
    if len(preview.errors) == 1:
        raise BundleError(problem_line(preview.errors[0]))
    if preview.has_errors:
        shown = "\n".join(problem_line(p) for p in preview.errors[:20])
        raise BundleError(f"library.json has {len(preview.errors)} errors:\n{shown}")
    _check_referenced(preview, files)
    return _Checked(archive, entries, manifest, files, preview, notes)


def _stage_files(checked: _Checked, staged: StagedFiles) -> list[str]:
    """Unpack and verify every file not cached yet under a temporary name beside its cache address (renamed
    into place once the import has committed); the sha256 of each."""
    for name, entry in sorted(checked.manifest.files.items()):
        if not name.startswith(FILES) or entry.sha256 in staged.temporaries:
            continue
        target = staged.cache.path_for(entry.sha256)
        if target.is_file() and target.stat().st_size == entry.size:
            continue
        temporary = _unpack(checked.archive, checked.entries[name], entry, staged.cache.root)
        staged.temporaries[entry.sha256] = temporary
    staged.sync()
    return sorted(staged.temporaries)


def _recorded(engine: Engine) -> Recorded:
    """Which files the library records as cached (what `staging` renames into place)."""

    def recorded(shas: Collection[str]) -> dict[str, int]:
        with engine.connect() as connection:
            return recorded_sizes(connection, shas)

    return recorded


def _staging(
    engine: Engine, cache_dir: Path | None, files: dict[str, int]
) -> AbstractContextManager[StagedFiles | None]:
    """Where the bundle's files wait under temporary names until its import commits (None: it has none)."""
    if cache_dir is None or not files:
        return nullcontext()
    return staging(cache_dir, _recorded(engine))


def _install_and_apply(library: ReadsResources, checked: _Checked, cache_dir: Path | None) -> BundleImport:
    """Stage the files, write the resources, then rename the files into place; nothing is left on failure."""
    manifest, files = checked.manifest, checked.files
    collection = manifest.collection
    with _staging(library.engine, cache_dir, files) as staged:
        added = _stage_files(checked, staged) if staged is not None else []
        _set_sizes(checked.preview, files, manifest.absent_files)
        result = apply_import(
            library.engine, checked.preview, cache_dir=cache_dir, extra_files=files,
            on_applied=(lambda connection: add_collection(connection, collection)) if collection else None,
        )
    return BundleImport(checked.preview, manifest, result, added, checked.notes)


def import_bundle(
    library: ReadsResources,
    cache_dir: Path | None,
    path: Path,
    dry_run: bool = False,
    limits: BundleLimits | None = None,
) -> BundleImport:
    """Verify and merge a bundle (by uid) into the library; BundleError when refused (nothing changed)."""
    path = Path(path)
    limits = limits or BundleLimits()
    with _open(path) as archive, tempfile.TemporaryDirectory() as scratch:
        checked = _check(archive, path, library, cache_dir, Path(scratch), limits)
        if dry_run:
            for name, entry in sorted(checked.manifest.files.items()):
                if name.startswith(FILES):
                    read_verified(archive, checked.entries[name], entry.size, entry.sha256, lambda _chunk: None)
            _set_sizes(checked.preview, checked.files, checked.manifest.absent_files)
            return BundleImport(checked.preview, checked.manifest, notes=checked.notes)
        if checked.files:
            if cache_dir is None:
                raise BundleError("the bundle holds attachment files: an offline cache folder is needed (--cache-dir)")
            _check_free_space(cache_dir, checked.files, limits)
        return _install_and_apply(library, checked, cache_dir)

"""Importing a bundle: check every entry, verify every hash and size, then merge by uid in one transaction.

Order: the zip's entries are checked (names, links, duplicates, declared
sizes, the compression ratio of each); the manifest is read and
must list exactly the zip's entries with their sizes; library.json is read
(to a temporary folder, verified) and its resources matched by uid like any
import; every bundled file must belong to one of them and all must fit on
the disk; then the files are read with a size cap and verified (unpacked to
temporary names in the cache). Only
when all of that passed are the files renamed into place and the resources
written, as one import batch (undoable). A refusal leaves library and cache
as they were.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, insert, select

from reslib_desktop.bundle.manifest import FileEntry, Manifest, parse_manifest
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
from reslib_desktop.ingest.cache_files import (
    install,
    remove_files,
    temporary_for,
    writing,
)
from reslib_desktop.ingest.pipeline import ImportPreview
from reslib_desktop.ingest.report import problem_line
from reslib_desktop.ingest.service import ImportService
from reslib_desktop.ingest.sources import ImportOptions, MatchBy
from reslib_desktop.ingest.stored import ids_of_uids
from reslib_desktop.offline.cache import FileCache
from reslib_desktop.offline.sizes import format_size
from reslib_desktop.store.database import inserted_id
from reslib_desktop.store.library_handle import ReadsResources
from reslib_desktop.store.schema import Collection, CollectionItem


@dataclass
class BundleImport:
    preview: ImportPreview
    manifest: Manifest
    result: ImportResult | None = None  # None for a dry run
    files_added: list[str] = field(default_factory=list)


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


def _set_sizes(preview: ImportPreview, files: dict[str, int]) -> None:
    for item in preview.items:
        for attachment in item.record.attachments if item.record is not None else []:
            if attachment.sha256 in files:
                attachment.size = files[attachment.sha256]
            elif attachment.sha256 is not None:
                attachment.sha256 = None  # its file is not in the bundle


def _add_collection(connection: Connection, collection: dict) -> None:
    """The bundle's collection, created if missing, with its resources appended in order."""
    collection_id = connection.scalar(select(Collection.id).where(Collection.name == collection["name"]))
    if collection_id is None:
        collection_id = inserted_id(connection.execute(
            insert(Collection).values(name=collection["name"], pinned=False, created_at=datetime.now())
        ))
    present = set(
        connection.execute(
            select(CollectionItem.resource_id).where(CollectionItem.collection_id == collection_id)
        ).scalars()
    )
    ids = ids_of_uids(connection, collection["uids"])
    rows = []
    for uid in collection["uids"]:
        if uid in ids and ids[uid] not in present:
            present.add(ids[uid])
            rows.append({"collection_id": collection_id, "resource_id": ids[uid], "position": len(present) - 1})
    if rows:
        connection.execute(insert(CollectionItem), rows)


@dataclass
class _Checked:
    """A bundle whose entries, manifest and library.json passed every check (files not read yet)."""

    archive: zipfile.ZipFile
    entries: dict[str, zipfile.ZipInfo]
    manifest: Manifest
    files: dict[str, int]  # sha256 -> size of the bundled attachment files
    preview: ImportPreview


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
    return _Checked(archive, entries, manifest, files, preview)


def _place_files(checked: _Checked, cache_dir: Path, unpacked: dict[str, Path], installed: list[str]) -> None:
    """Unpack and verify every file under a temporary name, then rename each to its cache address."""
    for name, entry in sorted(checked.manifest.files.items()):
        if name.startswith(FILES):
            unpacked[entry.sha256] = _unpack(checked.archive, checked.entries[name], entry, cache_dir)
    for sha256 in list(unpacked):
        temporary = unpacked.pop(sha256)
        try:
            if install(cache_dir, temporary, sha256):
                installed.append(sha256)
        finally:
            temporary.unlink(missing_ok=True)


def _install_and_apply(library: ReadsResources, checked: _Checked, cache_dir: Path | None) -> BundleImport:
    """Put the files into the cache and write the resources; all undone on failure."""
    unpacked: dict[str, Path] = {}
    installed: list[str] = []
    manifest, files = checked.manifest, checked.files
    with writing(cache_dir) if cache_dir is not None and files else nullcontext():
        try:
            if cache_dir is not None and files:
                _place_files(checked, cache_dir, unpacked, installed)
            _set_sizes(checked.preview, files)
            collection = manifest.collection
            result = apply_import(
                library.engine, checked.preview, cache_dir=cache_dir, extra_files=files,
                on_applied=(lambda connection: _add_collection(connection, collection)) if collection else None,
            )
            return BundleImport(checked.preview, manifest, result, installed)
        except BaseException:
            for temporary in unpacked.values():
                temporary.unlink(missing_ok=True)
            if installed and cache_dir is not None:
                remove_files(cache_dir, installed)
            raise


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
            _set_sizes(checked.preview, checked.files)
            return BundleImport(checked.preview, checked.manifest)
        if checked.files:
            if cache_dir is None:
                raise BundleError("the bundle holds attachment files: an offline cache folder is needed (--cache-dir)")
            _check_free_space(cache_dir, checked.files, limits)
        return _install_and_apply(library, checked, cache_dir)

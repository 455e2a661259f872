"""Writing a bundle: the resources (library.json), their cached attachment files, and a manifest.

The zip is written under a temporary name beside the target and renamed
into place when complete. Files are stored as they are (PDFs do not
compress); library.json is deflated at the fastest level (most of the gain
for a fraction of the time). Attachments whose file is known (a sha256) but
not cached here are listed in the result (`left_out`) for a warning, and
their sizes in the manifest (`absent_files`).
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, select

from reslib_desktop import __version__
from reslib_desktop.bundle.manifest import FileEntry, Manifest
from reslib_desktop.bundle.safety import FILES, LIBRARY, MANIFEST
from reslib_desktop.export.writer import record_to_json
from reslib_desktop.ingest.stored import stored_records
from reslib_desktop.offline.cache import FileCache
from reslib_desktop.store.database import schema_revision
from reslib_desktop.store.library_handle import HasEngine
from reslib_desktop.store.schema import Attachment, CachedFile, Resource

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class LeftOut:
    """An attachment whose file is known (its sha256) but is not in the bundle."""

    title: str  # of its resource
    label: str
    url: str | None  # None: whoever imports the bundle can never download the file
    sha256: str
    damaged: bool  # recorded as cached here, but missing or not matching its sha256


@dataclass(frozen=True)
class BundleExport:
    path: Path
    resources: int
    files: int
    bytes: int
    missing_files: int  # attachments recorded as cached whose file was not found or did not verify
    left_out: tuple[LeftOut, ...] = ()  # every attachment whose known file is not in the bundle

    @property
    def unfetchable(self) -> list[LeftOut]:
        """The left-out attachments with no URL: their files can never be downloaded by the receiver."""
        return [item for item in self.left_out if not item.url]


class _Hashing:
    """A binary sink that counts and hashes what passes through, writing in large pieces."""

    def __init__(self, stream, buffer_bytes: int = 1 << 20) -> None:
        self.stream = stream
        self.digest = hashlib.sha256()
        self.size = 0
        self._pending: list[bytes] = []
        self._pending_bytes = 0
        self._buffer_bytes = buffer_bytes

    def write(self, data: bytes) -> None:
        self.digest.update(data)
        self.size += len(data)
        self._pending.append(data)
        self._pending_bytes += len(data)
        if self._pending_bytes >= self._buffer_bytes:
            self.flush()

    def flush(self) -> None:
        if self._pending:
            self.stream.write(b"".join(self._pending))
            self._pending, self._pending_bytes = [], 0


def _cached_files(connection: Connection, resource_ids: Sequence[int], cache: FileCache) -> dict[str, Path]:
    """sha256 -> path of every cached file of these resources."""
    found: dict[str, Path] = {}
    ids = list(resource_ids)
    for start in range(0, len(ids), 500):
        rows = connection.execute(
            select(CachedFile.sha256, CachedFile.path)
            .select_from(Attachment)
            .join(CachedFile, CachedFile.sha256 == Attachment.sha256)
            .where(Attachment.resource_id.in_(ids[start : start + 500]))
        ).all()
        for sha256, relative in rows:
            try:
                found[sha256] = cache.resolve(relative)
            except ValueError:
                found[sha256] = cache.path_for(sha256)
    return found


@dataclass(frozen=True)
class _Known:
    title: str
    label: str
    url: str | None
    sha256: str
    size: int | None


def _known_files(connection: Connection, resource_ids: Sequence[int]) -> list[_Known]:
    """Every attachment of these resources whose file is known by its sha256, by title and place."""
    found: list[_Known] = []
    ids = list(resource_ids)
    for start in range(0, len(ids), 500):
        found.extend(
            _Known(title or "", label, url, sha256 or "", size)
            for title, label, url, sha256, size in connection.execute(
                select(Resource.title, Attachment.label, Attachment.url, Attachment.sha256, Attachment.size)
                .join(Resource, Resource.id == Attachment.resource_id)
                .where(Attachment.resource_id.in_(ids[start : start + 500]), Attachment.sha256.is_not(None))
            )
        )
    return sorted(found, key=lambda known: (known.title, known.label))


def _left_out(known: list[_Known], stored: dict[str, FileEntry], cached: dict[str, Path]) -> list[LeftOut]:
    return [
        LeftOut(k.title, k.label, k.url, k.sha256, damaged=k.sha256 in cached)
        for k in known
        if f"{FILES}{k.sha256}" not in stored
    ]


def _copy_file(archive: zipfile.ZipFile, name: str, path: Path, sha256: str) -> FileEntry | None:
    """Store a cached file in the zip; None (nothing written) if it is missing or does not verify."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as source:
            while chunk := source.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    if digest.hexdigest() != sha256:
        return None
    with path.open("rb") as source, archive.open(zipfile.ZipInfo(name, _stamp()), "w", force_zip64=True) as target:
        sink = _Hashing(target)
        while chunk := source.read(1 << 20):
            sink.write(chunk)
        sink.flush()
    return FileEntry(sink.digest.hexdigest(), sink.size)


def _fastest(info: zipfile.ZipInfo) -> None:
    """Deflate at level 1 (the attribute is `compress_level` from Python 3.13, `_compresslevel` before)."""
    if hasattr(info, "compress_level"):
        info.compress_level = 1
    else:
        info._compresslevel = 1  # type: ignore[attr-defined]  # typeshed has only the 3.13 name


def _stamp() -> tuple[int, int, int, int, int, int]:
    now = datetime.now()
    return (max(now.year, 1980), now.month, now.day, now.hour, now.minute, now.second)


def _write_library(archive: zipfile.ZipFile, connection: Connection, resource_ids: Sequence[int]) -> tuple[
    FileEntry, list[str]
]:
    """library.json (the resources as the JSON import reads them); its entry and the uids in order."""
    uids: list[str] = []
    info = zipfile.ZipInfo(LIBRARY, _stamp())
    info.compress_type = zipfile.ZIP_DEFLATED
    _fastest(info)
    with archive.open(info, "w", force_zip64=True) as raw:
        sink = _Hashing(raw)
        sink.write(b"[")
        for number, (_, record) in enumerate(stored_records(connection, resource_ids), start=1):
            sink.write((",\n" if number > 1 else "\n").encode())
            sink.write(json.dumps(record_to_json(record), ensure_ascii=False).encode("utf-8"))
            uids.append(record.uid or "")
        sink.write(b"\n]\n")
        sink.flush()
    return FileEntry(sink.digest.hexdigest(), sink.size), uids


def _write_files(
    archive: zipfile.ZipFile, files: dict[str, Path], manifest: Manifest, progress: Progress | None
) -> int:
    """The cached files, each verified as it is stored; how many were missing or damaged (left out)."""
    missing = 0
    for number, (sha256, path) in enumerate(sorted(files.items()), start=1):
        entry = _copy_file(archive, f"{FILES}{sha256}", path, sha256)
        if entry is None:
            missing += 1
        else:
            manifest.files[f"{FILES}{sha256}"] = entry
        if progress is not None:
            progress(number, len(files))
    return missing


def export_bundle(
    library: HasEngine,
    cache_dir: Path | None,
    out: Path,
    resource_ids: Sequence[int],
    collection: str | None = None,
    progress: Progress | None = None,
) -> BundleExport:
    """Write a bundle of these resources (and of their cached files) to `out`."""
    out = Path(out)
    cache = FileCache(cache_dir) if cache_dir is not None else None
    temporary = out.with_name(f".{out.name}.{secrets.token_hex(4)}.tmp")
    manifest = Manifest(
        schema_revision=schema_revision(library.engine),
        app_version=__version__,
        created_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        resources=0,
    )
    try:
        with zipfile.ZipFile(temporary, "w") as archive, library.engine.connect() as connection:
            manifest.files[LIBRARY], uids = _write_library(archive, connection, resource_ids)
            manifest.resources = len(uids)
            files = _cached_files(connection, resource_ids, cache) if cache is not None else {}
            missing = _write_files(archive, files, manifest, progress)
            known = _known_files(connection, resource_ids)
            left_out = _left_out(known, manifest.files, files)
            absent = {item.sha256 for item in left_out}
            manifest.absent_files = {k.sha256: k.size for k in known if k.sha256 in absent and k.size is not None}
            if collection is not None:
                manifest.collection = {"name": collection, "uids": uids}
            archive.writestr(
                zipfile.ZipInfo(MANIFEST, _stamp()), manifest.to_json().encode("utf-8"), zipfile.ZIP_DEFLATED
            )
        with temporary.open("rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, out)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    stored = [e for name, e in manifest.files.items() if name.startswith(FILES)]
    return BundleExport(out, manifest.resources, len(stored), sum(e.size for e in stored), missing, tuple(left_out))

"""The cache folder on disk: content-addressed files, partial downloads, a lock file.

    <cache_dir>/files/<sha256[:2]>/<sha256>     verified files, no extension
    <cache_dir>/files/<sha256[:2]>/.<sha256>.<12 hex>.tmp
                                                a file being copied in by an import (see
                                                ingest/cache_files.py); a kill leaves it behind
    <cache_dir>/partial/attachment-<id>.part    downloads in progress
    <cache_dir>/partial/attachment-<id>.part.version
                                                the server's ETag or Last-Modified of the file a
                                                .part holds the start of (see download.py)
    <cache_dir>/lock                            held while fetching or importing (see locks.py)

Nothing else is written there. A file appears under files/ only by an atomic
rename of a verified .part or .tmp, so a reader never sees half a file.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path

FILES = "files"
PARTIAL = "partial"
LOCK = "lock"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
PART_VERSION_SUFFIX = ".version"
_PART = re.compile(r"^attachment-(\d+)\.part$")
_TEMPORARY = re.compile(r"^\.([0-9a-f]{64})\.[0-9a-f]{12}\.tmp$")


def sha256_of(path: Path) -> str:
    """The sha256 of a file, read in 1 MB pieces."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def is_sha256(value: str) -> bool:
    return bool(_SHA256.match(value))


class FileCache:
    """Paths and file operations in one cache folder (no database here)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @property
    def lock_path(self) -> Path:
        return self.root / LOCK

    def relative_path(self, sha256: str) -> str:
        """The path stored in cached_files: relative, '/'-separated, so the folder can move."""
        if not is_sha256(sha256):
            raise ValueError(f"not a sha256: {sha256!r}")
        return f"{FILES}/{sha256[:2]}/{sha256}"

    def path_for(self, sha256: str) -> Path:
        return self.root / self.relative_path(sha256)

    def resolve(self, relative: str) -> Path:
        """An absolute path for a stored relative one (refusing anything outside files/)."""
        parts = relative.split("/")
        if len(parts) != 3 or parts[0] != FILES or not is_sha256(parts[2]) or parts[1] != parts[2][:2]:
            raise ValueError(f"not a cache path: {relative!r}")
        return self.root.joinpath(*parts)

    def temporary_path(self, sha256: str) -> Path:
        """A fresh temporary name beside a file's cache address (the folder is not created)."""
        return self.path_for(sha256).parent / f".{sha256}.{secrets.token_hex(6)}.tmp"

    def temporary_files(self) -> Iterator[Path]:
        """Every temporary file an import left under files/ (only names of our own pattern)."""
        folder = self.root / FILES
        try:
            subfolders = [entry for entry in os.scandir(folder) if entry.is_dir(follow_symlinks=False)]
        except FileNotFoundError:
            return
        for sub in subfolders:
            with os.scandir(sub.path) as entries:
                for entry in entries:
                    match = _TEMPORARY.match(entry.name)
                    if match and match.group(1)[:2] == sub.name and entry.is_file(follow_symlinks=False):
                        yield Path(entry.path)

    def partial_path(self, attachment_id: int) -> Path:
        return self.root / PARTIAL / f"attachment-{int(attachment_id)}.part"

    def prepare(self) -> None:
        (self.root / FILES).mkdir(parents=True, exist_ok=True)
        (self.root / PARTIAL).mkdir(parents=True, exist_ok=True)

    def install(self, part: Path, sha256: str) -> Path:
        """Move a verified .part to its content address (atomically); returns the final path.

        If the same content is already cached, the .part is simply dropped (a file at that address that
        is not that content, damaged on disk, is replaced by the .part).
        """
        target = self.path_for(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() and target.stat().st_size == part.stat().st_size and sha256_of(target) == sha256:
            part.unlink()
        else:
            os.replace(part, target)
        part.with_name(part.name + PART_VERSION_SUFFIX).unlink(missing_ok=True)
        return target

    def remove(self, sha256: str) -> bool:
        """Delete a cached file; False if it could not be (e.g. open in a viewer on Windows)."""
        path = self.path_for(sha256)
        try:
            path.unlink(missing_ok=True)
        except OSError:
            return False
        try:
            path.parent.rmdir()
        except OSError:
            pass  # not empty
        return True

    def stored_files(self) -> Iterator[tuple[str, Path]]:
        """(sha256, path) of every well-named file under files/."""
        folder = self.root / FILES
        if not folder.is_dir():
            return
        for sub in sorted(folder.iterdir()):
            if not sub.is_dir():
                continue
            for path in sorted(sub.iterdir()):
                if path.is_file() and is_sha256(path.name) and path.name[:2] == sub.name:
                    yield path.name, path

    def partial_files(self) -> Iterator[tuple[int, Path]]:
        """(attachment id, path) of every .part file."""
        folder = self.root / PARTIAL
        if not folder.is_dir():
            return
        for path in sorted(folder.iterdir()):
            match = _PART.match(path.name)
            if match and path.is_file():
                yield int(match.group(1)), path

    def remove_partial(self, attachment_id: int) -> None:
        """Delete an attachment's partial download (and the version it was of)."""
        part = self.partial_path(attachment_id)
        part.unlink(missing_ok=True)
        part.with_name(part.name + PART_VERSION_SUFFIX).unlink(missing_ok=True)

    def stray_part_versions(self) -> Iterator[Path]:
        """Version files whose partial download is gone (a kill between the two deletions)."""
        folder = self.root / PARTIAL
        if not folder.is_dir():
            return
        for path in sorted(folder.glob(f"attachment-*.part{PART_VERSION_SUFFIX}")):
            if _PART.match(path.name.removesuffix(PART_VERSION_SUFFIX)) and not path.with_suffix("").exists():
                yield path

    def partial_size(self, attachment_id: int) -> int:
        try:
            return self.partial_path(attachment_id).stat().st_size
        except FileNotFoundError:
            return 0

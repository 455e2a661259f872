"""Checking a bundle's zip entries before anything is read from them, and reading with limits.

Refused, each naming the entry: names that could write outside a folder
(`../`, absolute paths, backslashes, drive letters), symbolic links,
encrypted entries, duplicate names, unexpected names, and sizes that are
absurd as declared (one entry, the total, the compression ratio of every
entry) or as actually read (reading never goes past the size the manifest
states, which must be the size the zip declares). Damaged data (a bad CRC,
corrupt deflate data) is refused naming the entry.
"""

from __future__ import annotations

import hashlib
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

MANIFEST = "manifest.json"
LIBRARY = "library.json"
FILES = "files/"
_HEX = frozenset("0123456789abcdef")


class BundleError(Exception):
    """The bundle is refused; nothing was changed."""


@dataclass(frozen=True)
class BundleLimits:
    max_total_bytes: int = 32 * 1024**3  # everything uncompressed, as the zip and the manifest declare it
    max_entry_bytes: int = 4 * 1024**3  # one file
    max_library_bytes: int = 1024**3  # library.json
    max_manifest_bytes: int = 4 * 1024**2
    max_ratio: float = 200.0  # uncompressed / compressed, for every entry
    ratio_slack: int = 4096  # bytes allowed beyond the ratio, so that tiny entries that compress well pass
    max_entries: int = 1_000_000
    keep_free_bytes: int = 64 * 1024**2  # left free on the cache's disk once the files are unpacked


def is_sha256(text: str) -> bool:
    return len(text) == 64 and set(text) <= _HEX


def _name_problem(name: str) -> str | None:
    if not name:
        return "an empty name"
    if "\x00" in name:
        return "a NUL character in the name"
    if "\\" in name:
        return "a backslash in the name (a Windows path)"
    if name.startswith("/"):
        return "an absolute path"
    if len(name) >= 2 and name[1] == ":" and name[0].isalpha():
        return "a drive letter"
    parts = name.split("/")
    if ".." in parts:
        return "a path that climbs out of the folder (../, zip slip)"
    if any(part in ("", ".") for part in parts[:-1]) or parts[-1] == ".":
        return "an irregular path"
    return None


def _expected(name: str) -> bool:
    return name in (MANIFEST, LIBRARY) or (name.startswith(FILES) and is_sha256(name[len(FILES):]))


def _over_ratio(uncompressed: int, compressed: int, limits: BundleLimits) -> bool:
    return uncompressed > limits.max_ratio * compressed + limits.ratio_slack


def check_entries(infos: Iterable[zipfile.ZipInfo], limits: BundleLimits) -> dict[str, zipfile.ZipInfo]:
    """The entries by name, after every check on names, kinds and declared sizes; BundleError otherwise."""
    entries: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for number, info in enumerate(infos, start=1):
        name = info.filename
        if number > limits.max_entries:
            raise BundleError(f"more than {limits.max_entries:,} entries")
        problem = _name_problem(name)
        if problem is not None:
            raise BundleError(f"entry {name!r}: {problem}")
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise BundleError(f"entry {name!r}: a symbolic link")
        if info.flag_bits & 0x1:
            raise BundleError(f"entry {name!r}: encrypted")
        if name in entries:
            raise BundleError(f"entry {name!r}: the name appears twice")
        if info.is_dir():
            if name != FILES:
                raise BundleError(f"entry {name!r}: an unexpected folder")
            continue
        if not _expected(name):
            raise BundleError(f"entry {name!r}: not part of a bundle (expected {MANIFEST}, {LIBRARY}, files/<sha256>)")
        cap = {MANIFEST: limits.max_manifest_bytes, LIBRARY: limits.max_library_bytes}.get(name, limits.max_entry_bytes)
        if info.file_size > cap:
            raise BundleError(f"entry {name!r}: declares {info.file_size:,} bytes, more than the {cap:,} allowed")
        if _over_ratio(info.file_size, info.compress_size, limits):
            ratio = info.file_size / max(info.compress_size, 1)
            raise BundleError(
                f"entry {name!r}: compressed {ratio:,.0f} to 1, more than {limits.max_ratio:,.0f} to 1 (a zip bomb?)"
            )
        total += info.file_size
        if total > limits.max_total_bytes:
            raise BundleError(f"entry {name!r}: the bundle declares more than {limits.max_total_bytes:,} bytes in all")
        entries[name] = info
    for required in (MANIFEST, LIBRARY):
        if required not in entries:
            raise BundleError(f"no {required} in the bundle: not a reslib bundle")
    return entries


# What reading a damaged entry raises: a bad CRC or header (BadZipFile), a cut stream (EOFError),
# corrupt deflate data (zlib.error), and the odd OSError/ValueError from a truncated file.
_DAMAGE = (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error)


def damaged(name: str, error: BaseException) -> BundleError:
    """The refusal for an entry that cannot be read back intact."""
    if isinstance(error, zlib.error):
        detail = str(error).split(":", 1)[-1].strip() or "corrupt data"
        return BundleError(f"entry {name!r}: damaged (its compressed data is corrupt: {detail})")
    if isinstance(error, zipfile.BadZipFile) and "CRC" in str(error):
        return BundleError(f"entry {name!r}: damaged (its CRC-32 checksum does not match its content)")
    return BundleError(f"entry {name!r}: damaged ({error or type(error).__name__})")


def read_limited(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """An entry's bytes, at most `limit` + 1 of them (the caller refuses more); BundleError if damaged."""
    try:
        with archive.open(info) as stream:
            return stream.read(limit + 1)
    except _DAMAGE as error:
        raise damaged(info.filename, error) from None


def read_verified(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    size: int,
    sha256: str,
    sink: Callable[[bytes], object],
) -> None:
    """Stream an entry to `sink`, never past `size` bytes; BundleError unless size and sha256 match.

    Only reading is treated as damage: an error of the sink (a full disk) passes through as it is.
    """
    digest = hashlib.sha256()
    read = 0
    try:
        stream = archive.open(info)
    except _DAMAGE as error:
        raise damaged(info.filename, error) from None
    with stream:
        while True:
            try:
                chunk = stream.read(min(1 << 20, size - read + 1))
            except _DAMAGE as error:
                raise damaged(info.filename, error) from None
            if not chunk:
                break
            read += len(chunk)
            if read > size:
                raise BundleError(f"entry {info.filename!r}: larger than the {size:,} bytes its manifest states")
            digest.update(chunk)
            sink(chunk)
    if read != size:
        raise BundleError(f"entry {info.filename!r}: {read:,} bytes where its manifest states {size:,}")
    if digest.hexdigest() != sha256:
        raise BundleError(f"entry {info.filename!r}: its sha256 does not match the manifest")

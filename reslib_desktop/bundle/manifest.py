"""The bundle manifest: what made it, when, and the sha256 and size of every other file in the zip.

    {"format": "reslib-bundle", "version": 1, "schema_revision": "...", "app_version": "...",
     "created_at": "2026-11-25T10:00:00Z", "resources": 48,
     "collection": {"name": "Training kit", "uids": [...]} | null,
     "files": {"library.json": {"sha256": "...", "size": 123}, "files/<sha256>": {...}},
     "absent_files": {"<sha256>": 123, ...}}

`absent_files` (optional) gives the size of each file the resources refer to
by sha256 that the bundle does not hold (not cached where it was made), so the
receiver keeps what a later download is checked against. A bundle whose
`schema_revision` this version does not know was made with a newer library
format: refused (`check_made_by`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from reslib_desktop import __version__
from reslib_desktop.bundle.safety import BundleError, is_sha256
from reslib_desktop.store.sqlite_files import HEAD_REVISION, KNOWN_REVISIONS

FORMAT = "reslib-bundle"
VERSION = 1


@dataclass(frozen=True)
class FileEntry:
    sha256: str
    size: int


@dataclass
class Manifest:
    schema_revision: str | None
    app_version: str
    created_at: str
    resources: int
    files: dict[str, FileEntry] = field(default_factory=dict)
    collection: dict | None = None
    absent_files: dict[str, int] = field(default_factory=dict)  # sha256 -> size of files left out

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "version": VERSION,
                "schema_revision": self.schema_revision,
                "app_version": self.app_version,
                "created_at": self.created_at,
                "resources": self.resources,
                "collection": self.collection,
                "files": {name: {"sha256": e.sha256, "size": e.size} for name, e in sorted(self.files.items())},
                "absent_files": dict(sorted(self.absent_files.items())),
            },
            ensure_ascii=False,
            indent=2,
        )


def _is_size(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _entries(files: object) -> dict[str, FileEntry]:
    if not isinstance(files, dict):
        raise BundleError('manifest.json has no "files" list')
    entries: dict[str, FileEntry] = {}
    for name, entry in files.items():
        ok = isinstance(entry, dict) and isinstance(entry.get("sha256"), str) and is_sha256(entry["sha256"])
        if not (ok and _is_size(entry.get("size"))):
            raise BundleError(f"manifest.json: the entry for {name!r} needs a sha256 (64 hex digits) and a size")
        entries[name] = FileEntry(entry["sha256"], entry["size"])
    return entries


def _absent(absent: object) -> dict[str, int]:
    if absent is None:
        return {}
    if not isinstance(absent, dict) or not all(is_sha256(k) and _is_size(v) for k, v in absent.items()):
        raise BundleError('manifest.json: "absent_files" needs a size for each sha256 (64 hex digits)')
    return dict(absent)


def _text(document: dict, key: str) -> str | None:
    value = document.get(key)
    if value is not None and not isinstance(value, str):
        raise BundleError(f'manifest.json: "{key}" must be text')
    return value


def parse_manifest(data: bytes) -> Manifest:
    """Read and check a manifest; BundleError naming what is wrong."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BundleError(f"manifest.json is not valid JSON ({error})") from None
    except RecursionError:
        raise BundleError("manifest.json is nested too deeply to be a reslib manifest") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BundleError("manifest.json does not describe a reslib bundle")
    version = document.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise BundleError(
            f"the bundle has format version {version!r}; this version reads up to {VERSION}: update the app"
        )
    collection = document.get("collection")
    if collection is not None and not (
        isinstance(collection, dict) and isinstance(collection.get("name"), str)
        and isinstance(collection.get("uids"), list) and all(isinstance(u, str) for u in collection["uids"])
    ):
        raise BundleError('manifest.json: "collection" needs a name and a list of uids')
    resources = document.get("resources")
    return Manifest(
        schema_revision=_text(document, "schema_revision"),
        app_version=_text(document, "app_version") or "",
        created_at=str(document.get("created_at", "")),
        resources=resources if isinstance(resources, int) else 0,
        files=_entries(document.get("files")),
        collection=collection,
        absent_files=_absent(document.get("absent_files")),
    )


def _version_key(version: str) -> tuple[int, ...] | None:
    """(3, 0, 0) for "3.0.0"; None for anything but dotted numbers."""
    parts = version.strip().split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else None


def _made_by(manifest: Manifest) -> str:
    return f"reslib-desktop {manifest.app_version}" if manifest.app_version else "another version of reslib-desktop"


def check_made_by(manifest: Manifest) -> list[str]:
    """BundleError for a library format this version does not know (a newer one); else notes for the user
    (made by a newer version of the app, with a format this one knows)."""
    revision = manifest.schema_revision
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise BundleError(
            f"made by {_made_by(manifest)} with a newer library format (schema {revision}; this version "
            f"{__version__} knows up to {HEAD_REVISION}); update the app"
        )
    theirs, ours = _version_key(manifest.app_version), _version_key(__version__)
    if theirs is not None and ours is not None and theirs > ours:
        return [
            f"made by {_made_by(manifest)}, newer than this version ({__version__}); "
            "its library format is one this version reads"
        ]
    return []

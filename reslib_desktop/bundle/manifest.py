"""The bundle manifest: what made it, when, and the sha256 and size of every other file in the zip.

    {"format": "reslib-bundle", "version": 1, "schema_revision": "...", "app_version": "...",
     "created_at": "2026-11-25T10:00:00Z", "resources": 48,
     "collection": {"name": "Training kit", "uids": [...]} | null,
     "files": {"library.json": {"sha256": "...", "size": 123}, "files/<sha256>": {...}}}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from reslib_desktop.bundle.safety import BundleError, is_sha256

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
            },
            ensure_ascii=False,
            indent=2,
        )


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
    files = document.get("files")
    if not isinstance(files, dict):
        raise BundleError('manifest.json has no "files" list')
    entries: dict[str, FileEntry] = {}
    for name, entry in files.items():
        ok = isinstance(entry, dict) and isinstance(entry.get("sha256"), str) and is_sha256(entry["sha256"])
        ok = (
            ok and isinstance(entry.get("size"), int) and not isinstance(entry.get("size"), bool) and entry["size"] >= 0
        )
        if not ok:
            raise BundleError(f"manifest.json: the entry for {name!r} needs a sha256 (64 hex digits) and a size")
        entries[name] = FileEntry(entry["sha256"], entry["size"])
    collection = document.get("collection")
    if collection is not None and not (
        isinstance(collection, dict) and isinstance(collection.get("name"), str)
        and isinstance(collection.get("uids"), list) and all(isinstance(u, str) for u in collection["uids"])
    ):
        raise BundleError('manifest.json: "collection" needs a name and a list of uids')
    resources = document.get("resources")
    return Manifest(
        schema_revision=document.get("schema_revision") if isinstance(document.get("schema_revision"), str) else None,
        app_version=str(document.get("app_version", "")),
        created_at=str(document.get("created_at", "")),
        resources=resources if isinstance(resources, int) else 0,
        files=entries,
        collection=collection,
    )

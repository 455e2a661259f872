"""Attachment files for the server's file folder: named by sha256, served by any static HTTP server.

`publish_files` copies the cached files the library's attachments refer to into
the folder (`<folder>/<sha256>`), so laptops fetch them at `files_url/<sha256>`.
A file is written under a temporary name and renamed: never half-written.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sqlalchemy import Engine, select

from reslib_desktop.offline.cache import FileCache
from reslib_desktop.store.schema import Attachment


def publish_files(engine: Engine, cache_dir: Path, folder: Path) -> tuple[int, int]:
    """Copy referenced cached files into `folder`; returns (copied, already there)."""
    folder.mkdir(parents=True, exist_ok=True)
    with engine.connect() as connection:
        wanted = set(connection.scalars(select(Attachment.sha256).where(Attachment.sha256.is_not(None))))
    copied = present = 0
    for sha256, path in FileCache(cache_dir).stored_files():
        if sha256 not in wanted:
            continue
        target = folder / sha256
        if target.exists():
            present += 1
            continue
        temporary = folder / f".{sha256}.tmp"
        shutil.copyfile(path, temporary)
        os.replace(temporary, target)
        copied += 1
    return copied, present

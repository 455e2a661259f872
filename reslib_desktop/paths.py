"""Where things live: the shipped default library, the user's library, cache and settings."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

APP_NAME = "reslib-desktop"
SHIPPED_DB_NAME = "resources.db"
ENV_DB = "RESLIB_DB"
ENV_CACHE_DIR = "RESLIB_CACHE_DIR"


def project_root() -> Path:
    """The folder holding resources.db and assets/ (the checkout, or a frozen app's bundle)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def shipped_db() -> Path:
    """The default library as installed (read-only: never opened for writing)."""
    return project_root() / SHIPPED_DB_NAME


def assets_dir() -> Path:
    return project_root() / "assets"


def data_dir() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    """Where the window writes its log and crash reports: `logs/` in the user's data folder."""
    return data_dir() / "logs"


def cache_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The offline attachment cache: --cache-dir, else $RESLIB_CACHE_DIR, else the user cache folder."""
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get(ENV_CACHE_DIR):
        return Path(os.environ[ENV_CACHE_DIR]).expanduser()
    return Path(user_cache_dir(APP_NAME, appauthor=False))


def user_db() -> Path:
    return data_dir() / "library.db"


def ensure_user_db() -> Path:
    """The user's library, copied from the shipped one on first run (atomically)."""
    target = user_db()
    if target.exists():
        return target
    source = shipped_db()
    if not source.exists():
        raise FileNotFoundError(f"the shipped library {source} is missing; reinstall or pass --db")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    shutil.copyfile(source, partial)
    os.replace(partial, target)
    return target


def resolve_db(explicit: str | os.PathLike[str] | None) -> tuple[Path, bool]:
    """The library to open: --db, else $RESLIB_DB, else the user's copy of the shipped one.

    Returns the path and whether it was named explicitly (then it must exist).
    """
    if explicit:
        return Path(explicit).expanduser(), True
    from_env = os.environ.get(ENV_DB)
    if from_env:
        return Path(from_env).expanduser(), True
    return ensure_user_db(), False

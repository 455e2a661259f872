"""Shared test set-up: Qt offscreen before any Qt import; user folders isolated per test."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # must precede any Qt import: no display in CI

import pytest

REPO = Path(__file__).resolve().parent.parent
SHIPPED_DB = REPO / "resources.db"
ASSETS = REPO / "assets" / "library"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data, cache and config folders; $RESLIB_DB and $RESLIB_CACHE_DIR are unset."""
    home = tmp_path_factory.mktemp("home")
    for variable, folder in (("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache"), ("XDG_CONFIG_HOME", "config")):
        (home / folder).mkdir()
        monkeypatch.setenv(variable, str(home / folder))
    monkeypatch.delenv("RESLIB_DB", raising=False)
    monkeypatch.delenv("RESLIB_CACHE_DIR", raising=False)
    return home


@pytest.fixture
def library_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped library."""
    target = tmp_path / "library.db"
    shutil.copyfile(SHIPPED_DB, target)
    return target

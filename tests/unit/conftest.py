"""Unit-test set-up: user folders isolated, $RESLIB_DB unset, the real inputs at hand."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHIPPED_DB = REPO / "resources.db"
ASSETS = REPO / "assets" / "library"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="session", autouse=True)
def _shipped_db_untouched() -> Iterator[None]:
    """Fail the session if any unit test changed the repo's resources.db."""
    before = _sha256(SHIPPED_DB)
    yield
    assert _sha256(SHIPPED_DB) == before, "a unit test wrote into the repo's resources.db"


@pytest.fixture(scope="session")
def assets() -> Path:
    """assets/library/: the real inputs of the default library."""
    return ASSETS


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    """A private copy of the committed resources.db (safe to open read-write)."""
    target = tmp_path / "shipped-copy.db"
    shutil.copyfile(SHIPPED_DB, target)
    return target

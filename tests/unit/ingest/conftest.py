"""Import/export tests: real libraries in tmp_path, real input files written by the tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reslib_desktop.ingest.service import ImportService
from reslib_desktop.library import Library


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library.open(tmp_path / "library.db", create=True) as opened:
        yield opened


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def service(library: Library, cache_dir: Path) -> ImportService:
    return ImportService(library, cache_dir)

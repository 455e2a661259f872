"""`reslib index rebuild|status`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reslib_desktop.cli import main
from reslib_desktop.library import Library


def test_rebuild_and_status_report_the_index_beside_the_library(
    shipped_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Library.open(shipped_copy) as library:
        resources = library.resource_count()
    assert main(["--db", str(shipped_copy), "index", "rebuild"]) == 0
    out = capsys.readouterr().out
    assert f"indexed {resources} resources" in out and str(shipped_copy) + ".search-index" in out
    assert main(["--db", str(shipped_copy), "index", "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["documents"] == resources
    assert status["directory"] == str(shipped_copy.resolve()) + ".search-index"
    assert main(["--db", str(shipped_copy), "search", "housing"]) == 0
    assert capsys.readouterr().out.split()[0].isdigit()

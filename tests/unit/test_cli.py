"""The `reslib` command line, in-process and as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from reslib_desktop.cli import main
from reslib_desktop.ingest.apply import apply_records
from reslib_desktop.ingest.record import ResourceRecord
from reslib_desktop.library import Library
from reslib_desktop.store.database import HEAD_REVISION

HOUSING_FACT_SHEET = "Housing Programs Environmental Scan Fact Sheet"
RESOURCE_KEYS = {
    "uid",
    "title",
    "subtitle",
    "date_text",
    "date",
    "precision",
    "type",
    "topics",
    "description",
    "attachments",
}


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _subprocess(repo_root: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reslib_desktop.cli", *argv],
        cwd=repo_root, env=dict(os.environ), capture_output=True, text=True, timeout=120,
    )


def _assert_one_line_error(code: int, expected: int, err: str) -> None:
    assert code == expected
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err


def _has_housing_fact_sheet(resources: list[dict]) -> bool:
    return any(HOUSING_FACT_SHEET in [a["label"] for a in r["attachments"]] for r in resources)


def test_search_json_lists_the_housing_resource(capsys: pytest.CaptureFixture[str], shipped_copy: Path) -> None:
    code, out, _ = _run(capsys, "--db", str(shipped_copy), "search", "housing", "--json")
    assert code == 0
    assert _has_housing_fact_sheet(json.loads(out))


def test_search_json_lists_every_resource_with_its_fields(
    capsys: pytest.CaptureFixture[str], shipped_copy: Path
) -> None:
    code, out, _ = _run(capsys, "--db", str(shipped_copy), "search", "--json", "--limit", "1000")
    resources = json.loads(out)
    assert code == 0 and len(resources) == 57
    assert len({r["uid"] for r in resources}) == 57
    for resource in resources:
        assert resource.keys() >= RESOURCE_KEYS
        assert resource["title"]
        assert (resource["date"] is None) == (resource["precision"] == "unknown")
        assert all(set(a) >= {"label", "url"} for a in resource["attachments"])


def test_subprocess_search_and_missing_db(repo_root: Path, shipped_copy: Path, tmp_path: Path) -> None:
    found = _subprocess(repo_root, "--db", str(shipped_copy), "search", "housing", "--json")
    assert found.returncode == 0, found.stderr
    assert _has_housing_fact_sheet(json.loads(found.stdout))
    missing = tmp_path / "nowhere" / "library.db"
    failed = _subprocess(repo_root, "--db", str(missing), "search", "housing")
    _assert_one_line_error(failed.returncode, 1, failed.stderr)
    assert str(missing) in failed.stderr


def test_missing_db_is_one_line_exit_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    code, out, err = _run(capsys, "--db", str(missing), "search", "housing")
    _assert_one_line_error(code, 1, err)
    assert str(missing) in err and out == ""


def test_corrupt_db_is_one_line_exit_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    code, _, err = _run(capsys, "--db", str(corrupt), "search", "housing")
    _assert_one_line_error(code, 1, err)
    assert str(corrupt) in err


def test_unknown_sort_is_a_usage_error(capsys: pytest.CaptureFixture[str], shipped_copy: Path) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--db", str(shipped_copy), "search", "--sort", "foo", "housing"])
    _assert_one_line_error(exited.value.code, 2, capsys.readouterr().err)


def test_reslib_db_environment_variable_is_honoured(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "env-library.db"
    with Library.open(path, create=True) as library, library.engine.begin() as connection:
        apply_records(connection, [ResourceRecord(title="Zebra Crossing Handbook")], now=datetime(2030, 1, 1))
    monkeypatch.setenv("RESLIB_DB", str(path))
    code, out, _ = _run(capsys, "search", "zebra", "--json")
    assert code == 0
    assert [r["title"] for r in json.loads(out)] == ["Zebra Crossing Handbook"]


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_DATA_HOME isolates the user data folder on Linux only")
def test_without_db_uses_a_copy_in_the_user_data_folder(
    capsys: pytest.CaptureFixture[str], isolated_user_dirs: Path
) -> None:
    code, out, _ = _run(capsys, "db", "info", "--json")
    info = json.loads(out)
    assert code == 0
    assert Path(info["path"]).is_relative_to(isolated_user_dirs / "data")
    assert info["counts"]["resources"] == 57


def test_db_info_json(capsys: pytest.CaptureFixture[str], shipped_copy: Path) -> None:
    code, out, _ = _run(capsys, "--db", str(shipped_copy), "db", "info", "--json")
    info = json.loads(out)
    assert code == 0
    assert info["counts"]["resources"] == 57
    assert info["schema_revision"] == HEAD_REVISION


@pytest.mark.parametrize("text", ["!!!", "...", "*"])
def test_punctuation_only_query_exits_0(capsys: pytest.CaptureFixture[str], shipped_copy: Path, text: str) -> None:
    code, out, err = _run(capsys, "--db", str(shipped_copy), "search", text)
    assert code == 0 and "Traceback" not in err
    assert out.startswith("57 resources")


def test_build_default_writes_a_library_and_prints_the_count(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_path = tmp_path / "built" / "resources.db"
    code, out, _ = _run(capsys, "db", "build-default", "--out", str(out_path))
    assert code == 0
    assert str(out_path) in out and "57 resources" in out
    with Library.open(out_path, read_only=True) as library:
        assert library.info().counts["resources"] == 57

"""`reslib cache ...` end to end: fetch then search as separate processes, and the other subcommands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reslib_desktop.cli import main
from reslib_desktop.library import Library, SearchQuery, parse_query
from support import search_index_is_current

from .conftest import INVALID, IRS, TRIVIAL, WORD_IN_PDF, files_in_cache
from .http_fixture import FileServer


def reslib(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reslib_desktop.cli", *args], capture_output=True, text=True, timeout=60
    )


def _offline_count(db: Path) -> int:
    with Library.open(db, read_only=True) as library:
        return library.search_full(SearchQuery(text=parse_query("offline:yes"))).total


def test_fetch_all_then_search_finds_a_word_inside_a_pdf(library: Library, tmp_path: Path, server: FileServer) -> None:
    db, cache = str(library.path), str(tmp_path / "cli-cache")
    library.close()
    before = reslib("--db", db, "search", WORD_IN_PDF)
    assert before.returncode == 0 and before.stdout.startswith("0 resources")

    fetched = reslib("--db", db, "--cache-dir", cache, "cache", "fetch", "--all", "--timeout", "2")
    assert fetched.returncode == 0, fetched.stderr
    assert "4 downloaded" in fetched.stdout and "indexed the text of 1 attachments (50 pages)" in fetched.stdout
    assert "Downloading [" in fetched.stderr  # periodic progress lines (stderr is not a terminal here)
    assert f'unreadable: "Damaged document", Broken <{server.url(INVALID)}>: damaged PDF (data format error)' in (
        fetched.stderr
    )
    assert search_index_is_current(Path(db))  # what is offline now and the PDFs' text: already in the search index

    server.stop()  # offline from here on
    found = reslib("--db", db, "search", WORD_IN_PDF)
    assert found.returncode == 0
    assert "1 resource" in found.stdout and "Tax instructions for nonresidents" in found.stdout

    status = reslib("--db", db, "--cache-dir", cache, "cache", "status", "--json")
    document = json.loads(status.stdout)
    assert document["counts"]["cached"] == 4 and document["indexing"] == {"done": 4, "total": 4}
    assert document["files"] == 4 and document["limit"] is None


def test_failed_downloads_exit_1_naming_the_resource_the_attachment_its_url_and_the_reason(
    library: Library, tmp_path: Path, server: FileServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.fault(TRIVIAL, "status", status=404)
    args = ["--db", str(library.path), "--cache-dir", str(tmp_path / "c"), "cache", "fetch", "--all", "--no-index"]
    assert main(args) == 1
    captured = capsys.readouterr()
    named = f'"Smallest document", Trivial <{server.url(TRIVIAL)}>'
    assert f"failed: {named}: HTTP 404 Not Found" in captured.err
    assert "3 downloaded" in captured.out and "1 failed" in captured.out
    assert main(["--db", str(library.path), "--cache-dir", str(tmp_path / "c"), "cache", "status"]) == 0
    assert f"failed:   {named}: HTTP 404 Not Found" in capsys.readouterr().out
    assert main(["--db", str(library.path), "--cache-dir", str(tmp_path / "c"), "cache", "status", "--json"]) == 0
    [failure] = json.loads(capsys.readouterr().out)["failed"]
    assert failure["resource"] == "Smallest document" and failure["url"] == server.url(TRIVIAL)
    server.clear_faults()
    assert main(args) == 0  # the retry succeeds


def test_fetch_by_search_words_and_by_collection(
    library: Library, tmp_path: Path, server: FileServer, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--db", str(library.path), "--cache-dir", str(tmp_path / "c"), "cache", "fetch", "--no-index"]
    assert main([*base, "nonresidents"]) == 0
    assert "1 downloaded" in capsys.readouterr().out
    assert [r.path for r in server.requests] == [f"/files/{IRS}"]
    assert main([*base, "--collection", "Nope"]) == 1
    assert "no collection named 'Nope'" in capsys.readouterr().err
    assert main([*base]) == 2
    assert main([*base, "--all", "--max-size", "lots"]) == 2


def test_limit_evict_clear_and_verify(library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cache = tmp_path / "c"
    base = ["--db", str(library.path), "--cache-dir", str(cache), "cache"]
    library.close()
    assert main([*base, "fetch", "--all", "--no-index"]) == 0
    assert search_index_is_current(library.path)
    offline = _offline_count(library.path)
    assert offline > 0
    assert main([*base, "verify"]) == 0
    assert "checked 4 files" in capsys.readouterr().out
    next(p for p in files_in_cache(cache) if p.stat().st_size > 1000).write_bytes(b"%PDF-1.4 damaged")
    assert main([*base, "verify"]) == 1
    assert "1 damaged and removed" in capsys.readouterr().out
    assert search_index_is_current(library.path) and _offline_count(library.path) == offline - 1
    assert main([*base, "evict"]) == 2  # no limit yet
    assert main([*base, "limit", "200KB"]) == 0
    assert "cache limit set to 200 KB" in capsys.readouterr().out
    assert sum(p.stat().st_size for p in files_in_cache(cache)) <= 200_000
    assert main([*base, "evict", "--to", "0"]) == 0
    assert files_in_cache(cache) == []
    assert main([*base, "limit", "none"]) == 0
    assert main([*base, "fetch", "--all", "--no-index"]) == 0
    assert main([*base, "clear"]) == 0
    assert "removed 4 files" in capsys.readouterr().out.splitlines()[-1]
    assert files_in_cache(cache) == []
    assert search_index_is_current(library.path) and _offline_count(library.path) == 0


def test_local_downloads_need_the_library_server_setting_or_the_flag(
    library: Library, tmp_path: Path, server: FileServer, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(library.path), "--cache-dir", str(tmp_path / "c")]
    assert main([*db, "cache", "local-server", "off"]) == 0
    assert "local network: off" in capsys.readouterr().out
    assert main([*db, "cache", "fetch", "Smallest", "--no-index"]) == 1
    assert "Trivial <http://127.0.0.1:" in (error := capsys.readouterr().err)
    assert ">: 127.0.0.1 is on this computer: refused unless the library's own server is there" in error
    assert server.requests == []
    assert main([*db, "cache", "fetch", "Smallest", "--no-index", "--local-server"]) == 0  # this once
    assert "1 downloaded" in capsys.readouterr().out
    assert main([*db, "cache", "fetch", "nonresidents", "--no-index"]) == 1  # still off
    capsys.readouterr()
    assert main([*db, "cache", "local-server", "on"]) == 0
    assert main([*db, "cache", "local-server"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith("local network: on (downloads may reach local addresses)")
    assert main([*db, "cache", "fetch", "nonresidents", "--no-index"]) == 0


def test_a_fetch_over_the_limit_says_so_and_removes_nothing_else(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--db", str(library.path), "--cache-dir", str(tmp_path / "c"), "cache"]
    assert main([*base, "fetch", "Smallest", "--no-index"]) == 0
    assert main([*base, "limit", "100KB"]) == 0
    capsys.readouterr()
    assert main([*base, "fetch", "nonresidents", "--no-index"]) == 0  # the IRS instructions: 1 MB
    error = capsys.readouterr().err
    assert "over its 100 KB limit" in error and "no other file was removed" in error
    assert main([*base, "status"]) == 0
    assert "cached:   2 of 4 attachments" in capsys.readouterr().out

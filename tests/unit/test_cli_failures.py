"""The command line when the library cannot be written or read: one line, exit 1, nothing changed.

Every failure here is real: a read-only file or folder (file modes, or the
immutable attribute when the tests run as root, who ignores modes), a full
filesystem (a 1 MiB tmpfs in a private mount namespace), a file-size limit
(RLIMIT_FSIZE), a damaged full-text index, a reader that closes the pipe early.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from reslib_desktop.cli import main
from reslib_desktop.library import Library

POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="file-size limits (RLIMIT_FSIZE) are POSIX")

RECORDS = [
    {"title": f"Zebra crossing field guide {n}", "description": "Stripes. " * 300, "uid": f"zebra-{n}"}
    for n in range(200)
]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _content(path: Path) -> str:
    """A digest of everything the library holds (a write that changes only the journal mode keeps it)."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()
    finally:
        connection.close()


def _cli(repo_root: Path, *argv: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reslib_desktop.cli", *argv],
        cwd=repo_root, env=dict(os.environ), check=False, capture_output=True, text=True, timeout=120, **kwargs,
    )


def _assert_one_line(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def _resource_count(path: Path) -> int:
    with Library.open(path, read_only=True) as library:
        return library.info().counts["resources"]


@pytest.fixture
def records_file(tmp_path: Path) -> Path:
    path = tmp_path / "records.json"
    path.write_text(json.dumps(RECORDS), encoding="utf-8")
    return path


def _writable(path: Path) -> bool:
    """Whether this process can really write `path` (a file) or create files in it (a folder)."""
    try:
        if path.is_dir():
            probe = path / ".write-probe"
            probe.write_bytes(b"")
            probe.unlink()
        else:
            with path.open("ab"):
                pass
        return True
    except OSError:
        return False


@contextmanager
def _read_only(path: Path) -> Iterator[None]:
    """Make a file or folder read-only for real; skip when this machine offers no way to do that."""
    mode = path.stat().st_mode
    path.chmod(0o555 if path.is_dir() else 0o444)
    immutable = False
    try:
        if _writable(path) and shutil.which("chattr"):  # root ignores file modes: try the immutable attribute
            immutable = subprocess.run(["chattr", "+i", str(path)], check=False, capture_output=True).returncode == 0
        if _writable(path):
            pytest.skip("running as root on a filesystem without the immutable attribute: nothing is read-only")
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(mode)


@pytest.mark.parametrize("part", ["file", "folder"])
def test_read_only_library_is_one_line_and_unchanged(
    repo_root: Path, shipped_copy: Path, records_file: Path, part: str
) -> None:
    before, resources = _sha256(shipped_copy), _resource_count(shipped_copy)
    with _read_only(shipped_copy if part == "file" else shipped_copy.parent):
        result = _cli(repo_root, "--db", str(shipped_copy), "import", str(records_file))
    _assert_one_line(result, str(shipped_copy), "read-only", "not changed")
    if part == "folder":
        assert str(shipped_copy.parent) in result.stderr
    assert _sha256(shipped_copy) == before and _resource_count(shipped_copy) == resources


@pytest.mark.parametrize("part", ["file", "folder"])
def test_a_library_on_read_only_media_can_still_be_searched(repo_root: Path, shipped_copy: Path, part: str) -> None:
    """A library the app has used (so in WAL mode) on a read-only share or write-protected stick."""
    with Library.open(shipped_copy) as library:  # read-write: switches the file to WAL mode
        expected = library.resource_count()
    assert _cli(repo_root, "--db", str(shipped_copy), "db", "check").returncode == 0
    healthy = _cli(repo_root, "--db", str(shipped_copy), "search", "housing").stdout
    for side_file in shipped_copy.parent.glob(shipped_copy.name + "-*"):
        side_file.unlink()  # as copied onto the media: the library file alone
    with _read_only(shipped_copy if part == "file" else shipped_copy.parent):
        found = _cli(repo_root, "--db", str(shipped_copy), "search", "housing")
        info = _cli(repo_root, "--db", str(shipped_copy), "db", "info", "--json")
    assert found.returncode == 0 and found.stdout == healthy, found.stderr
    assert info.returncode == 0 and json.loads(info.stdout)["counts"]["resources"] == expected


def _limit_file_size(limit: int) -> None:
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@POSIX_ONLY
def test_file_size_limit_is_one_line_and_unchanged(repo_root: Path, shipped_copy: Path, records_file: Path) -> None:
    before, resources = _content(shipped_copy), _resource_count(shipped_copy)
    size = shipped_copy.stat().st_size
    result = _cli(
        repo_root, "--db", str(shipped_copy), "import", str(records_file),
        preexec_fn=lambda: _limit_file_size(size + 64 * 1024),
    )
    _assert_one_line(result, str(shipped_copy), "not changed")
    assert _content(shipped_copy) == before and _resource_count(shipped_copy) == resources


FULL_DISK_SCRIPT = r"""
set -e
mount -t tmpfs -o size=1m tmpfs "$1"
cp "$2" "$1/library.db"
dd if=/dev/zero of="$1/filler" bs=4k 2>/dev/null || true
truncate -s -64K "$1/filler"
set +e
"$4" -m reslib_desktop.cli --db "$1/library.db" import "$3" 2>"$5/stderr.txt"
echo $? >"$5/exit.txt"
for file in "$1"/library.db*; do cp "$file" "$5/after${file#"$1/library"}"; done
"""


def test_full_disk_is_one_line_and_unchanged(
    repo_root: Path, shipped_copy: Path, records_file: Path, tmp_path: Path
) -> None:
    """A real full filesystem: a 1 MiB tmpfs mounted in a private user and mount namespace."""
    if (
        not shutil.which("unshare")
        or subprocess.run(["unshare", "-rm", "true"], check=False, capture_output=True).returncode
    ):
        pytest.skip("no private mount namespace here (unshare -rm) to mount a small filesystem in")
    mount_point, out = tmp_path / "small-disk", tmp_path / "out"
    mount_point.mkdir()
    out.mkdir()
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", FULL_DISK_SCRIPT, "sh",
         str(mount_point), str(shipped_copy), str(records_file), sys.executable, str(out)],
        check=False, cwd=repo_root, env=dict(os.environ), capture_output=True, text=True, timeout=120,
    )
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs in a private namespace: {done.stderr.strip()}")
    result = subprocess.CompletedProcess([], int((out / "exit.txt").read_text()), "", (out / "stderr.txt").read_text())
    _assert_one_line(result, str(mount_point / "library.db"), "disk is full", "not changed")
    assert _content(out / "after.db") == _content(shipped_copy)


def test_damaged_full_text_tables_are_reported_and_rebuilt(repo_root: Path, shipped_copy: Path) -> None:
    healthy = _cli(repo_root, "--db", str(shipped_copy), "search", "housing").stdout
    assert healthy.split()[0].isdigit() and int(healthy.split()[0]) >= 1
    with closing(sqlite3.connect(shipped_copy)) as connection, connection:  # page text as the PDF indexer stores it
        connection.executemany(
            "INSERT INTO attachment_pages (attachment_id, page, text) VALUES ((SELECT min(id) FROM attachments), ?, ?)",
            [(page, f"page {page} of the annual okapi census, section {page * 7}") for page in range(1, 40)],
        )
    assert _cli(repo_root, "--db", str(shipped_copy), "db", "check").returncode == 0
    with closing(sqlite3.connect(shipped_copy)) as connection, connection:  # the page index's own data blocks, zeroed
        connection.execute("UPDATE page_fts_data SET block = zeroblob(length(block)) WHERE id > 10")
    checked = _cli(repo_root, "--db", str(shipped_copy), "db", "check")
    assert checked.returncode == 1 and "page_fts" in checked.stderr
    # Searching uses the search index beside the library, not these tables: it still answers.
    assert _cli(repo_root, "--db", str(shipped_copy), "search", "housing").stdout == healthy

    rebuilt = _cli(repo_root, "--db", str(shipped_copy), "db", "rebuild-index")
    assert rebuilt.returncode == 0, rebuilt.stderr
    found = _cli(repo_root, "--db", str(shipped_copy), "search", "housing")
    assert found.returncode == 0 and found.stdout == healthy
    assert _cli(repo_root, "--db", str(shipped_copy), "db", "check").returncode == 0


def test_a_damaged_search_index_is_rebuilt_on_the_next_search(repo_root: Path, shipped_copy: Path) -> None:
    healthy = _cli(repo_root, "--db", str(shipped_copy), "search", "housing").stdout
    folder = shipped_copy.with_name(shipped_copy.name + ".search-index")
    (folder / "meta.json").write_text("{not json", encoding="utf-8")
    before = _sha256(shipped_copy)
    found = _cli(repo_root, "--db", str(shipped_copy), "search", "housing")
    assert found.returncode == 0 and found.stdout == healthy, found.stderr
    assert _sha256(shipped_copy) == before


@pytest.mark.parametrize("content", [b"", b"name,notes\nnot,a library\n"], ids=["zero-byte", "text"])
def test_a_file_that_is_not_a_library_is_refused_and_untouched(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, records_file: Path, content: bytes
) -> None:
    path = tmp_path / "library.db"
    path.write_bytes(content)
    for argv in (["search", "housing"], ["import", str(records_file)], ["db", "info"]):
        code = main(["--db", str(path), *argv])
        err = capsys.readouterr().err
        assert code == 1 and len(err.strip().splitlines()) == 1, err
        assert "not a reslib library" in err and "upgrade" not in err and str(path) in err
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library.db", "records.json"]


def test_import_into_a_path_that_does_not_exist_creates_the_library(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, records_file: Path
) -> None:
    path = tmp_path / "new" / "library.db"
    assert main(["--db", str(path), "import", str(records_file)]) == 0
    with Library.open(path, read_only=True) as library:
        assert library.info().counts["resources"] == len(RECORDS)


def test_reader_closing_the_pipe_early_is_quiet(repo_root: Path, tmp_path: Path, records_file: Path) -> None:
    path = tmp_path / "big.db"
    assert main(["--db", str(path), "import", str(records_file)]) == 0
    # 200 resources as JSON are ~600 KB: far more than a pipe holds, so the writer meets the closed end.
    with subprocess.Popen(
        [sys.executable, "-m", "reslib_desktop.cli", "--db", str(path), "search", "--json", "--limit", "1000"],
        cwd=repo_root, env=dict(os.environ), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline().strip() == b"["
        process.stdout.close()  # like `| head -1`
        err = process.stderr.read().decode()
        code = process.wait(timeout=120)
    assert err == ""
    assert code == 141


@POSIX_ONLY
@pytest.mark.parametrize("name", ["export.csv", "export.json"])
def test_an_export_that_does_not_fit_names_the_export_and_leaves_nothing(
    repo_root: Path, shipped_copy: Path, tmp_path: Path, name: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = _cli(
        repo_root, "--db", str(shipped_copy), "export", str(out / name), preexec_fn=lambda: _limit_file_size(16 * 1024)
    )
    _assert_one_line(result, str(out / name), "larger than")
    assert str(shipped_copy) not in result.stderr
    assert list(out.iterdir()) == []  # no half-written export, no temporary file

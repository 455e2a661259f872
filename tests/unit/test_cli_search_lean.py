"""`reslib search`'s quick path (quick_library.py: sqlite3 + the search index, no SQLAlchemy) prints exactly
what the full path (`Library`) prints, never writes, and gives way to the full path whenever the index
does not answer for the library as it is.

The quick path runs in a child process (a fresh interpreter, as a user runs it) that reports which heavy
packages it imported; the full path runs in this process with RESLIB_FULL_SEARCH=1.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from reslib_desktop.cli import ENV_FULL_SEARCH, main
from reslib_desktop.library import Library, SearchQuery, parse_query
from tests.support import library_content

HEAVY = ("sqlalchemy", "numpy", "PySide6")
OLD_LIBRARY = Path(__file__).resolve().parent.parent / "data" / "library-0001.db"
# Runs the command line, then writes which of HEAVY it imported to the file named by argv[1].
_CHILD = (
    "import json, sys\n"
    "from reslib_desktop.cli import main\n"
    "try:\n"
    "    code = main(sys.argv[2:])\n"
    "finally:\n"
    f"    heavy = sorted(name for name in {HEAVY!r} if name in sys.modules)\n"
    "    with open(sys.argv[1], 'w') as out:\n"
    "        json.dump(heavy, out)\n"
    "sys.exit(code)\n"
)


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str


def _quick(tmp_path: Path, *argv: str) -> tuple[Outcome, list[str]]:
    """`reslib ARGV` in a fresh interpreter; its outcome and the heavy packages it imported."""
    probe = tmp_path / "imported.json"
    probe.unlink(missing_ok=True)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(probe), *argv],
        env={k: v for k, v in os.environ.items() if k != ENV_FULL_SEARCH},
        capture_output=True, text=True, timeout=120, check=False,
    )
    return Outcome(done.returncode, done.stdout, done.stderr), json.loads(probe.read_text())


def _full(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str) -> Outcome:
    """`reslib ARGV` through `Library` only (in this process)."""
    capsys.readouterr()
    with monkeypatch.context() as patch:
        patch.setenv(ENV_FULL_SEARCH, "1")
        code = main(list(argv))
    captured = capsys.readouterr()
    return Outcome(code, captured.out, captured.err)


def _digest(path: Path) -> dict[str, str]:
    """The bytes of a library file and its write-ahead log, and the index folder's files."""
    files = [path, Path(f"{path}-wal")]
    folder = path.with_name(path.name + ".search-index")
    files += sorted(folder.rglob("*")) if folder.exists() else []
    return {str(f): hashlib.sha256(f.read_bytes()).hexdigest() for f in files if f.is_file()}


@pytest.fixture
def library(tmp_path: Path, library_copy: Path) -> Path:
    """The shipped library with one resource's attachments in the offline cache and a current index."""
    with closing(sqlite3.connect(library_copy)) as connection, connection:
        first = connection.execute("SELECT min(resource_id) FROM attachments").fetchone()[0]
        connection.execute("UPDATE attachments SET cache_state = 'cached' WHERE resource_id = ?", (first,))
    with Library.open(library_copy) as opened:
        opened.refresh_search_index()
    return library_copy


QUICK_CASES = [
    ["housing"],
    ["human", "trafficking"],
    ['"human trafficking"'],
    ["trafficking -labor"],
    ["housing", "OR", "shelter"],
    ["(housing OR shelter) -draft"],
    ["type:fact_sheet"],
    ['topic:"child trafficking"', "victims"],
    ["victims -type:report"],
    ["year:2016..2022"],
    ["traff"],  # the last word is also a prefix
    ["zzqxv"],  # nothing found
    ['"human trafficking'],  # an unclosed quote: read loosely, with a note on stderr
    ["offline:yes"],
    ["offline:no", "housing"],
    [],
    ["--json", "housing"],
    ["--json", "--limit", "3", "--sort", "date", "trafficking"],
    ["--limit", "5", "trafficking"],
    ["--sort", "date", "trafficking"],
    ["--sort", "date", "--reverse", "trafficking"],
    ["--sort", "title", "--limit", "100"],
    ["--sort", "title", "--reverse", "victims"],
    ["--type", "report", "--type", "Fact sheet", "trafficking"],
    ["--topic", "Human Trafficking", "--audience", "Anti-Trafficking in Persons Program"],
    ["--year-from", "2016", "--year-to", "2021"],
    ["--year-from", "2020", "year:2010..2030"],
]


@pytest.mark.parametrize("argv", QUICK_CASES, ids=lambda argv: " ".join(argv) or "(everything)")
def test_the_quick_path_prints_what_the_full_path_prints(
    tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:
    before = _digest(library)
    quick, imported = _quick(tmp_path, "--db", str(library), "search", *argv)
    assert imported == [], "the quick path was not taken"
    assert quick == _full(capsys, monkeypatch, "--db", str(library), "search", *argv)
    assert quick.code == 0 and quick.out
    assert _digest(library) == before  # nothing written: neither the library nor its index


def test_the_cases_find_things_and_show_every_kind_of_output(tmp_path: Path, library: Path) -> None:
    """The comparison above means something: hits, no hits, a page shorter than the total, notes, offline."""
    first_lines = {" ".join(argv): _quick(tmp_path, "--db", str(library), "search", *argv)[0] for argv in (
        ["housing"], ["zzqxv"], ["traff"], ['"human trafficking'], ["offline:yes"])}
    assert first_lines["housing"].out.startswith("2 resources\n")
    assert first_lines["zzqxv"].out == "0 resources\n"
    assert "(showing 20)" in first_lines["traff"].out.splitlines()[0]
    assert first_lines['"human trafficking'].err.startswith("note: ")
    assert first_lines["offline:yes"].out.startswith("1 resource\n")


def test_type_order_and_least_relevant_first_are_the_index_own_and_take_the_quick_path(
    tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    for argv in (["--sort", "type", "trafficking"], ["--sort", "type", "--reverse", "housing"],
                 ["--reverse", "trafficking"]):
        found, imported = _quick(tmp_path, "--db", str(library), "search", *argv)
        assert "sqlalchemy" not in imported, argv
        assert found == _full(capsys, monkeypatch, "--db", str(library), "search", *argv) and found.code == 0


def _index(library: Path) -> Path:
    return library.with_name(library.name + ".search-index")


def test_a_missing_index_is_built_by_the_full_path_then_searched_quickly(tmp_path: Path, library: Path) -> None:
    expected, _ = _quick(tmp_path, "--db", str(library), "search", "victims")
    shutil.rmtree(_index(library))
    found, imported = _quick(tmp_path, "--db", str(library), "search", "victims")
    assert "sqlalchemy" in imported and found == expected
    again, imported = _quick(tmp_path, "--db", str(library), "search", "victims")
    assert imported == [] and again == expected


def test_changes_not_yet_in_the_index_take_the_full_path(tmp_path: Path, library: Path) -> None:
    """Another program changed the library (outbox rows not applied): the full path catches up and shows it."""
    with closing(sqlite3.connect(library)) as connection, connection:
        connection.execute("UPDATE resources SET title = 'Zebra crossings and housing' WHERE id = "
                           "(SELECT min(id) FROM resources)")
    found, imported = _quick(tmp_path, "--db", str(library), "search", "zebra")
    assert "sqlalchemy" in imported
    assert found.out.startswith("1 resource\n- Zebra crossings and housing  [")
    again, imported = _quick(tmp_path, "--db", str(library), "search", "zebra")
    assert imported == [] and again == found


def test_a_library_restored_from_an_older_copy_takes_the_full_path(
    tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The index is ahead of the file (a backup copied back over it): it is not trusted."""
    backup = tmp_path / "backup.db"
    with Library.open(library) as opened:  # everything in the file itself, then copied
        opened.refresh_search_index()
    shutil.copyfile(library, backup)
    with Library.open(library) as opened:
        gone = opened.search(SearchQuery(text=parse_query("housing"))).rows[0].id
        opened.delete_resources([gone])
    assert _quick(tmp_path, "--db", str(library), "search", "housing")[0].out.startswith("1 resource\n")
    for side_file in (Path(f"{library}-wal"), Path(f"{library}-shm")):
        side_file.unlink(missing_ok=True)
    shutil.copyfile(backup, library)
    found, imported = _quick(tmp_path, "--db", str(library), "search", "housing")
    assert "sqlalchemy" in imported and found.out.startswith("2 resources\n")
    assert found == _full(capsys, monkeypatch, "--db", str(library), "search", "housing")


def test_an_index_of_another_format_takes_the_full_path(tmp_path: Path, library: Path) -> None:
    expected, _ = _quick(tmp_path, "--db", str(library), "search", "victims")
    state_file = _index(library) / "reslib-index.json"
    state = json.loads(state_file.read_text())
    state_file.write_text(json.dumps({**state, "schema_version": state["schema_version"] - 1}))
    found, imported = _quick(tmp_path, "--db", str(library), "search", "victims")
    assert "sqlalchemy" in imported and found == expected
    assert json.loads(state_file.read_text())["schema_version"] == state["schema_version"]  # rebuilt


def test_a_damaged_index_takes_the_full_path_which_rebuilds_it(tmp_path: Path, library: Path) -> None:
    expected, _ = _quick(tmp_path, "--db", str(library), "search", "victims")
    (_index(library) / "meta.json").write_text("{not json", encoding="utf-8")
    found, imported = _quick(tmp_path, "--db", str(library), "search", "victims")
    assert "sqlalchemy" in imported and found == expected


def test_a_library_that_needs_a_migration_is_refused_as_before_even_with_a_current_index(
    tmp_path: Path, library: Path,
) -> None:
    """The file records an older schema (its index would still look current): the full path's message."""
    with closing(sqlite3.connect(library)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = '0003_index_outbox'")
    before = _digest(library)
    found, imported = _quick(tmp_path, "--db", str(library), "search", "victims")
    assert "sqlalchemy" in imported and found.code == 1 and found.out == ""
    assert "was made by an older version" in found.err and "db upgrade" in found.err
    assert len(found.err.strip().splitlines()) == 1
    assert _digest(library) == before


def test_an_old_library_is_refused_as_before(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    shutil.copyfile(OLD_LIBRARY, path)
    found, imported = _quick(tmp_path, "--db", str(path), "search", "housing")
    assert found.code == 1 and "db upgrade" in found.err and "sqlalchemy" in imported
    assert path.read_bytes() == OLD_LIBRARY.read_bytes()


def test_the_command_the_refusal_names_upgrades_the_library_and_search_then_works(tmp_path: Path) -> None:
    from reslib_desktop.store.database import HEAD_REVISION

    path = tmp_path / "library.db"
    shutil.copyfile(OLD_LIBRARY, path)
    refused, _ = _quick(tmp_path, "--db", str(path), "search", "housing")
    command = shlex.split(refused.err.split("`")[1])  # `reslib --db PATH db upgrade`
    assert command[0] == "reslib" and command[-2:] == ["db", "upgrade"]
    upgraded, _ = _quick(tmp_path, *command[1:])
    assert upgraded.code == 0 and f"upgraded {path} to schema {HEAD_REVISION}" in upgraded.out
    assert library_content(path.with_name(f"library.db.before-{HEAD_REVISION}.bak")) == library_content(OLD_LIBRARY)
    found, _ = _quick(tmp_path, "--db", str(path), "search", "housing")
    assert found.code == 0 and "Housing Programs Environmental Scan" in found.out
    again, _ = _quick(tmp_path, *command[1:])
    assert again.code == 0 and "nothing to do" in again.out
    missing, _ = _quick(tmp_path, "--db", str(tmp_path / "none.db"), "db", "upgrade")
    assert missing.code == 1 and "none.db" in missing.err


@pytest.mark.parametrize("content", [b"", b"title,notes\nnot,a library\n"], ids=["zero-byte", "text"])
def test_a_file_that_is_not_a_library_gets_the_full_paths_message(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "library.db"
    path.write_bytes(content)
    found, _ = _quick(tmp_path, "--db", str(path), "search", "housing")
    assert found.code == 1 and found.out == "" and len(found.err.strip().splitlines()) == 1
    assert "not a reslib library" in found.err and str(path) in found.err
    assert path.read_bytes() == content


def test_a_sqlite_file_of_another_program_gets_the_full_paths_message(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
    before = path.read_bytes()
    found, _ = _quick(tmp_path, "--db", str(path), "search", "housing")
    assert found.code == 1 and "not a reslib library" in found.err and path.read_bytes() == before


def test_argument_parsing_and_help_import_nothing_heavy(tmp_path: Path) -> None:
    helped, imported = _quick(tmp_path, "--help")
    assert helped.code == 0 and "search" in helped.out and imported == []
    wrong, imported = _quick(tmp_path, "search", "--sort", "nonsense")
    assert wrong.code == 2 and imported == []

"""`reslib import`, `reslib export` and `reslib bundle`: reports, exit codes, and bad input changing nothing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reslib_desktop.cli import main
from unit.ingest.helpers import IMPORT_DATA, IRS_PDF, library_dump, sha256_of

REPO = Path(__file__).resolve().parents[3]
SHIPPED = REPO / "resources.db"
OTIP = REPO / "assets" / "library" / "otip_records.json"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db(tmp_path: Path) -> Path:
    target = tmp_path / "library.db"
    shutil.copy(SHIPPED, target)
    return target


def test_import_prints_counts_mappings_duplicates_and_the_batch(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    new_db = tmp_path / "new.db"
    code, out, err = _run(capsys, "--db", str(new_db), "--cache-dir", str(tmp_path / "c"), "import", str(OTIP),
                          str(IMPORT_DATA / "resource.html"))
    assert code == 0, err
    assert "43 records in 2 inputs (json, html): 42 new, 0 to update, 0 unchanged, 1 possible duplicates" in out
    assert 'mapped: type "State Letter" → state_letter (1 record)' in out
    assert 'resource.html:12: "Working With Interpreters": the same title as "Working With Interpreters" (2022)' in out
    assert "applied as batch 1: 43 added" in out and "reslib import --undo 1" in out
    code, out, _ = _run(capsys, "--db", str(new_db), "import", "--history")
    assert code == 0 and "+43" in out and "otip_records.json" in out
    code, out, _ = _run(capsys, "--db", str(new_db), "import", "--duplicates")
    assert '"Working With Interpreters"  may duplicate' in out


def test_dry_run_and_json_report_change_nothing(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    before = sha256_of(db)
    code, out, _ = _run(capsys, "--db", str(db), "import", "--dry-run", "--json", str(OTIP))
    assert code == 0
    report = json.loads(out)
    assert report["applied"] is False and sum(report["counts"].values()) == 42
    assert {item["action"] for item in report["items"]} <= {"new", "update", "unchanged", "duplicate"}
    assert sha256_of(db) == before


def test_undo_from_the_command_line(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    before = library_dump(db)
    csv_file = tmp_path / "new.csv"
    csv_file.write_text("title,topics\nA new guide,Housing\n", encoding="utf-8")
    assert _run(capsys, "--db", str(db), "import", str(csv_file))[0] == 0
    code, out, _ = _run(capsys, "--db", str(db), "import", "--undo", "1")
    assert code == 0 and "undid batch 1: 1 removed" in out
    assert library_dump(db) == before
    code, _, err = _run(capsys, "--db", str(db), "import", "--undo", "1")
    assert code == 1 and "already undone" in err and "Traceback" not in err


def test_column_map_and_base_url_options(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Resource Name,Summary\nToolkit,What it does.\n", encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text('<html><body><h1>Guide</h1><p><a href="g.pdf">Guide (PDF)</a></p></body></html>', encoding="utf-8")
    code, out, err = _run(
        capsys,
        "--db",
        str(tmp_path / "x.db"),
        "import",
        "--json",
        "--map",
        "Resource Name=title",
        "--map",
        "summary=description",
        "--base-url",
        "https://example.org/lib/",
        str(sheet),
        str(page),
    )
    assert code == 0, err
    titles = [item["title"] for item in json.loads(out)["items"]]
    assert titles == ["Toolkit", "Guide"]
    code, out, _ = _run(capsys, "--db", str(tmp_path / "x.db"), "search", "guide", "--json")
    assert json.loads(out)[0]["attachments"] == [{"label": "Guide", "url": "https://example.org/lib/g.pdf"}]


@pytest.mark.parametrize(
    "argv",
    [["import"], ["import", "--map", "nonsense", "x.csv"], ["import", "--map", "A=b", "x.csv"],
     ["import", "--format", "xml", "x"], ["import", "--undo", "1", "x.json"], ["export"]],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], db: Path, argv: list[str]) -> None:
    before = sha256_of(db)
    code = None
    try:
        code = main(["--db", str(db), *argv])
    except SystemExit as exit_:
        code = exit_.code
    assert code == 2 and sha256_of(db) == before


def _garbage(path: Path) -> Path:
    path.write_bytes(os.urandom(4096) + b"\x00")
    return path


def _million_rows(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write("title,date\n")
        out.writelines(f"Resource {n},2020\n" for n in range(1_000_000))
    return path


def _huge_field(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write('[\n{"title": "fine"},\n{"title": "huge", "description": "' + "x" * (50 * 1024 * 1024) + '"}\n]\n')
    return path


BAD_INPUTS = {
    "malformed.json": (
        lambda p: p.write_text('[\n{"title": "A"},\n{"title": "B",,}\n]') and p,
        "malformed.json:3: error: not valid JSON",
    ),
    "types.json": (
        lambda p: p.write_text('[\n{"title": "A"},\n{"title": ["not", "text"]}\n]') and p,
        'types.json:3: error: "title" must be text',
    ),
    "columns.csv": (lambda p: p.write_text("name,year\nA,2020\n") and p, "columns.csv:1: error: missing columns"),
    "empty.json": (lambda p: p.write_bytes(b"") is not None and p, "empty.json: error: the file is empty"),
    "garbage.csv": (_garbage, "garbage.csv:"),
    "huge.json": (_huge_field, "huge.json:3: error: item 2 is larger than"),
    "million.csv": (_million_rows, "million.csv:250002: error: more than 250,000 records"),
    "mixed.csv": (
        lambda p: p.write_bytes(b"title\n" + "Caf\u00e9\n".encode() + "R\u00e9sum\u00e9\n".encode("cp1252")) and p,
        "mixed.csv:3: error: the file mixes encodings: line 2 is UTF-8 but line 3 is not",
    ),
    "duplicates.csv": (
        lambda p: p.write_text("title,date\nA,2020\nB,2021\nA,2020\n") and p,
        "duplicates.csv:4: error: the same resource as duplicates.csv:2",
    ),
    "deep.json": (
        lambda p: p.write_text('[\n{"title": "A"},\n' + "[" * 100_000 + "]" * 100_000 + "\n]") and p,
        "deep.json:3: error: item 2 is nested too deeply",
    ),
    "deep-object.json": (
        lambda p: (
            p.write_text('{"resources": [\n{"title": "A", "x": ' + '{"a": ' * 100_000 + "1" + "}" * 100_001 + "]}")
            and p
        ),
        "deep-object.json:2: error: item 1 is nested too deeply",
    ),
    "mac.csv": (
        lambda p: p.write_bytes(b"title,date\rA,2020\rB,2021\rA,2020\r") and p,
        "mac.csv:4: error: the same resource as mac.csv:2",
    ),
}


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_is_named_exits_1_and_leaves_the_library_byte_for_byte(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path, name: str
) -> None:
    make, expected = BAD_INPUTS[name]
    bad = make(tmp_path / name)
    good = tmp_path / "good.csv"
    good.write_text("title\nA perfectly good record\n", encoding="utf-8")
    before = sha256_of(db)
    code, _, err = _run(capsys, "--db", str(db), "import", str(good), str(bad))
    assert code == 1
    assert expected in err and "nothing was changed" in err and "Traceback" not in err
    assert sha256_of(db) == before


def test_failed_import_into_a_new_library_creates_no_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[{")
    assert _run(capsys, "--db", str(tmp_path / "new.db"), "import", str(bad))[0] == 1
    assert not (tmp_path / "new.db").exists()


def test_export_then_import_elsewhere(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    code, out, _ = _run(capsys, "--db", str(db), "export", "--format", "csv", str(tmp_path / "housing.csv"), "housing")
    assert code == 0 and out.startswith("wrote ") and "(csv)" in out
    _, out, _ = _run(capsys, "--db", str(db), "export", str(tmp_path / "all.json"))
    assert "wrote 57 resources" in out
    code, _, _ = _run(capsys, "--db", str(tmp_path / "copy.db"), "import", str(tmp_path / "all.json"))
    assert code == 0 and library_dump(tmp_path / "copy.db") == library_dump(db)


def test_bundle_commands(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "pdfs"
    folder.mkdir()
    shutil.copy(IRS_PDF, folder / "irs.pdf")
    cache = ["--cache-dir", str(tmp_path / "cache")]
    assert _run(capsys, "--db", str(db), *cache, "import", str(folder))[0] == 0
    code, out, _ = _run(capsys, "--db", str(db), *cache, "bundle", "export", str(tmp_path / "b.zip"))
    assert code == 0 and "58 resources, 1 files" in out
    other = ["--db", str(tmp_path / "other.db"), "--cache-dir", str(tmp_path / "other-cache")]
    code, out, _ = _run(capsys, *other, "bundle", "import", str(tmp_path / "b.zip"))
    assert code == 0 and "58 added" in out and "1 files added to the offline cache" in out
    assert library_dump(tmp_path / "other.db") == library_dump(db)
    (tmp_path / "junk.zip").write_bytes(b"not a zip")
    code, _, err = _run(capsys, *other, "bundle", "import", str(tmp_path / "junk.zip"))
    assert code == 1 and "refused junk.zip" in err and "nothing was changed" in err


def test_the_real_command_in_a_subprocess(db: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("title,description,type\n,,report\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "reslib_desktop.cli", "--db", str(db), "import", str(sheet)],
        cwd=REPO, capture_output=True, text=True, timeout=120, env=dict(os.environ), check=False,
    )
    assert done.returncode == 1 and "s.csv:2: error: a resource needs a title or a description" in done.stderr


def test_the_console_command_ends_at_once_with_everything_written(tmp_path: Path) -> None:
    """`reslib` (cli.run_and_exit) ends its process without the interpreter's teardown: everything it
    printed still arrives, in order, with its exit code, and the library and its index are complete."""
    from reslib_desktop.search.location import index_dir
    from reslib_desktop.search.state import read_state

    new_db = tmp_path / "new.db"
    command = [sys.executable, "-c", "from reslib_desktop.cli import run_and_exit; run_and_exit()",
               "--db", str(new_db), "--cache-dir", str(tmp_path / "c")]
    done = subprocess.run([*command, "import", str(OTIP)], cwd=REPO, capture_output=True, text=True, timeout=120,
                          env=dict(os.environ), check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("42 records in 1 input") and lines[-1].startswith("applied as batch 1: 42 added"), lines
    assert read_state(index_dir(new_db)) is not None
    found = subprocess.run([*command, "search", "--json", "trafficking"], cwd=REPO, capture_output=True, text=True,
                           timeout=120, env=dict(os.environ), check=False)
    assert found.returncode == 0 and len(json.loads(found.stdout)) > 0, found.stderr
    refused = subprocess.run([*command, "import", str(tmp_path / "missing.json")], cwd=REPO, capture_output=True,
                             text=True, timeout=120, env=dict(os.environ), check=False)
    assert refused.returncode == 1 and "missing.json: error: no such file or folder" in refused.stderr


def test_import_leaves_the_search_index_current(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The imported resources are searchable at once: the import brought the index up to its commit, so
    the next process (the app, `reslib search`) has no outbox rows left to apply."""
    import sqlite3
    from contextlib import closing

    from reslib_desktop.search.location import index_dir
    from reslib_desktop.search.state import read_state

    new_db = tmp_path / "new.db"
    code, _, err = _run(capsys, "--db", str(new_db), "--cache-dir", str(tmp_path / "c"), "import", str(OTIP))
    assert code == 0, err
    state = read_state(index_dir(new_db))
    with closing(sqlite3.connect(new_db)) as connection, connection:
        issued = connection.execute("SELECT seq FROM sqlite_sequence WHERE name = 'index_outbox'").fetchone()[0]
    assert state is not None and issued > 0 and state.applied_outbox_id == issued
    code, out, _ = _run(capsys, "--db", str(new_db), "search", "--json", "interpreters")
    assert code == 0 and "Working With Interpreters" in out

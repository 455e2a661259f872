"""The `reslib sync` and `reslib server` commands, run as a person would, against a real server."""

from __future__ import annotations

import subprocess
import sys

import pytest

from support import search_index_is_current
from sync.laptops import SHIPPED_DB, server_records


def reslib(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "reslib_desktop.cli", *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, env=env, timeout=120)


@pytest.fixture
def admin_db(tmp_path):
    import shutil

    path = tmp_path / "admin.db"
    shutil.copyfile(SHIPPED_DB, path)
    return path


def test_an_admin_seeds_the_server_a_case_worker_joins_and_searches_the_server(server, admin_db, tmp_path) -> None:
    done = reslib("--db", str(admin_db), "sync", "--server", server.admin, "--upload-existing")
    assert done.returncode == 0, done.stderr
    assert "uploaded" in done.stdout and len(server_records(server.owner)) > 40
    worker = tmp_path / "worker.db"
    joined = reslib("--db", str(worker), "sync", "--server", server.reader)
    assert joined.returncode == 0, joined.stderr
    assert f"{len(server_records(server.owner))} updated" in joined.stdout
    assert "pulled" in joined.stderr  # progress lines
    assert search_index_is_current(worker)  # the pulled library is searchable at once, on `reslib search`'s quick path
    status = reslib("--db", str(worker), "sync", "status")
    assert "version:  1" in status.stdout and "waiting:  0" in status.stdout
    found = reslib("--server", server.reader, "search", "housing", "--limit", "1")
    assert found.returncode == 0, found.stderr
    assert found.stdout.splitlines()[0].endswith("(showing 1)")
    assert "Housing" in found.stdout


def test_a_read_only_accounts_upload_is_refused_with_one_clear_line(server, admin_db) -> None:
    assert reslib("--db", str(admin_db), "sync", "--server", server.reader, "--upload-existing").returncode == 1
    refused = reslib("--db", str(admin_db), "sync")
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines()[-1].startswith("reslib: your account (bob) can only read this library")
    assert server_records(server.owner) == {}


def library_bytes(path) -> dict[str, bytes | None]:
    """The library file and its write-ahead log, byte for byte (None: no such file)."""
    from pathlib import Path

    return {
        name: (Path(f"{path}{name}").read_bytes() if Path(f"{path}{name}").exists() else None)
        for name in ("", "-wal")
    }


def test_an_unreachable_server_is_one_line_exit_1_and_the_library_file_is_byte_identical(admin_db, tmp_path) -> None:
    from reslib_desktop.library import Library

    url = f"postgresql://alice@/library?host={tmp_path}&port=1"
    Library.open(admin_db).close()  # as every library the app has opened before (the first open sets WAL mode)
    before = library_bytes(admin_db)
    done = reslib("--db", str(admin_db), "sync", "--server", url)
    assert done.returncode == 1
    assert done.stderr.startswith("reslib: offline: cannot reach the server")
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "password" not in done.stderr.lower() or "password" not in url
    assert library_bytes(admin_db) == before


def test_a_replica_whose_server_is_gone_is_left_byte_identical_by_a_failed_sync(pg_cluster, tmp_path) -> None:
    import psycopg

    from reslib_desktop.server.schema import init_server

    with psycopg.connect(pg_cluster.url(), autocommit=True) as connection:
        connection.execute("CREATE DATABASE going_away")
    init_server(pg_cluster.url("going_away"), name="Short-lived")
    replica = tmp_path / "laptop.db"
    assert reslib("--db", str(replica), "sync", "--server", pg_cluster.url("going_away")).returncode == 0
    with psycopg.connect(pg_cluster.url(), autocommit=True) as connection:
        connection.execute("DROP DATABASE going_away WITH (FORCE)")
    before = library_bytes(replica)
    done = reslib("--db", str(replica), "sync")  # the remembered address
    assert done.returncode == 1
    assert done.stderr.startswith("reslib: cannot use the server"), done.stderr  # its database is gone
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert library_bytes(replica) == before
    status = reslib("--db", str(replica), "sync", "status")
    assert "synced:" in status.stdout and "never" not in status.stdout


def test_a_password_in_the_url_is_used_but_never_stored(server, admin_db) -> None:
    url = server.admin.replace("alice@", "alice:s3cret@")
    assert reslib("--db", str(admin_db), "sync", "--server", url).returncode == 0
    assert b"s3cret" not in admin_db.read_bytes()
    status = reslib("--db", str(admin_db), "sync", "status")
    assert "s3cret" not in status.stdout and "alice@" in status.stdout


def test_conflicts_are_listed_and_resolved_from_the_command_line(server, admin_db, tmp_path) -> None:
    from sync.laptops import edit, empty_library

    reslib("--db", str(admin_db), "sync", "--server", server.admin, "--upload-existing")
    other = empty_library(tmp_path, "other")
    other.sync(server.admin)
    uid = sorted(server_records(server.owner))[0]
    edit(other, uid, title="Other's title")
    other.close()
    from reslib_desktop.library import Library

    with Library.open(admin_db) as admin:
        edit(admin, uid, title="Admin's title")
    reslib("--db", str(tmp_path / "other.db"), "sync")
    synced = reslib("--db", str(admin_db), "sync")
    assert "1 conflict(s) to review" in synced.stdout
    listed = reslib("--db", str(admin_db), "sync", "conflicts")
    assert "title here \"Admin's title\" / server \"Other's title\"" in listed.stdout
    conflict_id = listed.stdout.split()[0].lstrip("#")
    resolved = reslib("--db", str(admin_db), "sync", "conflicts", "resolve", conflict_id, "--keep", "mine")
    assert resolved.returncode == 0, resolved.stderr
    assert reslib("--db", str(admin_db), "sync").returncode == 0
    assert server_records(server.owner)[uid]["title"] == "Admin's title"
    assert reslib("--db", str(admin_db), "sync", "conflicts").stdout.strip() == "no conflicts"

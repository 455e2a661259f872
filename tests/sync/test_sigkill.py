"""kill -9 in the middle of a pull or a push: nothing is lost and nothing is applied twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from sync.laptops import edit, empty_library, server_batches, server_records, snapshot

SCRIPT = Path(__file__).with_name("killable_sync.py")


def kill_at(mode: str, library: Path, url: str, word: str) -> None:
    with subprocess.Popen(
        [sys.executable, str(SCRIPT), mode, str(library), url],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    ) as process:
        line = process.stdout.readline().strip()
        if line != word:
            process.kill()
            pytest.fail(f"the sync did not reach {word!r}: {line!r} {process.stderr.read()[-600:]}")
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL


@pytest.fixture
def seeded(admin):
    return admin


def test_a_pull_killed_after_two_pages_resumes_where_it_stopped(server, seeded, tmp_path) -> None:
    worker = empty_library(tmp_path, "worker")
    worker.close()
    kill_at("pull", tmp_path / "worker.db", server.reader, "pulled-two-pages")
    worker = empty_library(tmp_path, "worker")
    assert worker.resource_count() == 20  # the two committed pages, nothing half-applied
    report = worker.sync()
    total = len(server_records(server.owner))
    assert report.updated == total - 20  # the rest, and only the rest
    assert snapshot(worker) == snapshot(seeded)
    assert worker.check() == []


def test_a_push_killed_inside_the_server_transaction_leaves_the_server_unchanged_and_uploads_once(
    server, seeded, tmp_path
) -> None:
    uid = sorted(server_records(server.owner))[0]
    edit(seeded, uid, title="Uploaded exactly once")
    batches = server_batches(server.owner)
    kill_at("push-open", seeded.path, server.admin, "inside-server-transaction")
    assert server_batches(server.owner) == batches
    assert server_records(server.owner)[uid]["title"] != "Uploaded exactly once"
    assert seeded.sync().uploaded == 1
    assert len(server_batches(server.owner)) == len(batches) + 1
    assert server_records(server.owner)[uid]["title"] == "Uploaded exactly once"


def test_a_push_killed_after_the_server_committed_is_settled_by_the_next_sync_without_uploading_again(
    server, seeded, tmp_path
) -> None:
    uid = sorted(server_records(server.owner))[0]
    edit(seeded, uid, title="Committed, then the laptop died")
    batches = server_batches(server.owner)
    kill_at("push-committed", seeded.path, server.admin, "server-committed")
    assert len(server_batches(server.owner)) == len(batches) + 1
    assert seeded.sync_status().pending == 1  # the laptop did not hear back
    report = seeded.sync()
    assert report.uploaded == 0 and report.conflicts == 0
    assert len(server_batches(server.owner)) == len(batches) + 1
    assert seeded.sync_status().pending == 0
    assert snapshot(seeded)[uid][0] == "Committed, then the laptop died"

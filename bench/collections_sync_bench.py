"""`python -m bench.collections_sync_bench [--size 10000] [--collections 200] [--members 25]`: what collections
add to a sync, on a real PostgreSQL.

A throw-away cluster gets `--size` synthetic records (bench.sync_bench's loader) and `--collections`
server collections of `--members` members each (one change batch). Timed in this process, wall and CPU:
- first pull of an empty replica (resources, then collections), and the collection step alone;
- the replica's sync status (what the window's status bar reads; it counts collections to upload);
- a sync with nothing new: the collection pull steps' fixed cost (a privilege check, an empty page) and
  the upload check (every shared collection compared with its sync base), 7 times;
- 10 collections changed on the server (members added), then a sync, 7 times.
Prints JSON; writes nothing else. Run it with `nice -n 19` on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import psycopg

from bench.sync_bench import load_server
from reslib_desktop.library import Library
from reslib_desktop.server.cluster import temporary_cluster
from reslib_desktop.server.schema import init_server
from reslib_desktop.sync import collections as collection_sync


def add_collections(url: str, count: int, members: int) -> None:
    with psycopg.connect(url) as server:
        uids = [row[0] for row in server.execute("SELECT uid FROM resources ORDER BY md5(uid) LIMIT %s",
                                                  (count * members,))]
        version = server.execute("UPDATE library SET version = version + 1 RETURNING version").fetchone()[0]
        server.execute("INSERT INTO change_batches (version, summary) VALUES (%s, 'bench collections')", (version,))
        for number in range(count):
            chunk = [uids[(number * members + k) % len(uids)] for k in range(members)]
            server.execute("INSERT INTO collections (cid, name, uids, version) VALUES (%s, %s, %s, %s)",
                           (uuid.uuid4().hex, f"Kit {number:04d}", chunk, version))


def change_collections(url: str, count: int, round_number: int) -> None:
    with psycopg.connect(url) as server:
        version = server.execute("UPDATE library SET version = version + 1 RETURNING version").fetchone()[0]
        server.execute("INSERT INTO change_batches (version, summary) VALUES (%s, 'bench edit')", (version,))
        extra = server.execute("SELECT uid FROM resources ORDER BY md5(uid || %s) LIMIT 1",
                               (str(round_number),)).fetchone()[0]
        server.execute(
            "UPDATE collections SET uids = array_append(array_remove(uids, %s), %s), version = %s "
            "WHERE cid IN (SELECT cid FROM collections ORDER BY md5(cid || %s) LIMIT %s)",
            (extra, extra, version, str(round_number), count),
        )


def timed(action) -> tuple[float, float]:
    started, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - started, time.process_time() - cpu


def run(size: int, collections: int, members: int) -> dict:
    cluster = temporary_cluster()
    work = Path(tempfile.mkdtemp(prefix="reslib-coll-bench-"))
    step: list[tuple[float, float]] = []
    checks: list[tuple[float, float]] = []
    pull_collections, waiting = collection_sync.pull_collections, collection_sync.waiting

    def timed_step(*args, **kwargs):
        started, cpu = time.perf_counter(), time.process_time()
        try:
            return pull_collections(*args, **kwargs)
        finally:
            step.append((time.perf_counter() - started, time.process_time() - cpu))

    def timed_waiting(*args, **kwargs):
        started, cpu = time.perf_counter(), time.process_time()
        try:
            return waiting(*args, **kwargs)
        finally:
            checks.append((time.perf_counter() - started, time.process_time() - cpu))

    collection_sync.pull_collections = timed_step
    collection_sync.waiting = timed_waiting
    try:
        with psycopg.connect(cluster.url(), autocommit=True) as connection:
            connection.execute("CREATE DATABASE bench")
        url = cluster.url("bench")
        init_server(url)
        load_server(url, size)
        add_collections(url, collections, members)
        with Library.open(work / "replica.db", create=True) as library:
            first = timed(lambda: library.sync(url))
            first_step = step[0]
            assert len(library.offline_service(work / "cache").collections()) == collections
            status = [timed(library.sync_status) for _ in range(7)]  # what the status bar reads
            idle, changed = [], []
            for _ in range(7):
                step.clear()
                checks.clear()
                idle.append((*timed(library.sync), sum(s[0] for s in step), sum(s[1] for s in step),
                             sum(c[0] for c in checks), sum(c[1] for c in checks)))
            for number in range(7):
                change_collections(url, 10, number)
                step.clear()
                changed.append((*timed(library.sync), sum(s[0] for s in step), sum(s[1] for s in step)))
    finally:
        collection_sync.pull_collections, collection_sync.waiting = pull_collections, waiting
        cluster.remove()
        shutil.rmtree(work, ignore_errors=True)

    def median(rows: list[tuple], index: int) -> float:
        return round(statistics.median(row[index] for row in rows), 4)

    return {
        "size": size, "collections": collections, "members": members,
        "first_sync_s": round(first[0], 2), "first_sync_cpu_s": round(first[1], 2),
        "first_collection_step_s": round(first_step[0], 3), "first_collection_step_cpu_s": round(first_step[1], 3),
        "status_read_s": median(status, 0), "status_read_cpu_s": median(status, 1),
        "idle_sync_s": median(idle, 0), "idle_sync_cpu_s": median(idle, 1),
        "idle_collection_steps_s": median(idle, 2), "idle_collection_steps_cpu_s": median(idle, 3),
        "idle_upload_check_s": median(idle, 4), "idle_upload_check_cpu_s": median(idle, 5),
        "ten_changed_sync_s": median(changed, 0), "ten_changed_sync_cpu_s": median(changed, 1),
        "ten_changed_collection_steps_s": median(changed, 2),
        "ten_changed_collection_steps_cpu_s": median(changed, 3),
        "load_average": [round(v, 1) for v in os.getloadavg()],
        "command": f"nice -n 19 python -m bench.collections_sync_bench --size {size} "
                   f"--collections {collections} --members {members}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--collections", type=int, default=200)
    parser.add_argument("--members", type=int, default=25)
    arguments = parser.parse_args()
    print(json.dumps(run(arguments.size, arguments.collections, arguments.members), indent=2))


if __name__ == "__main__":
    main()

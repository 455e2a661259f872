"""A real PostgreSQL for the sync tests: one cluster per session in a temp folder, one database per test.

As root the cluster runs as `nobody` (initdb refuses root). Without the PostgreSQL
programs the tests skip, except in CI (CI=true), where they must run.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from reslib_desktop.library import Library
from reslib_desktop.server.cluster import LocalCluster, postgres_bin_dir, temporary_cluster
from reslib_desktop.server.schema import add_user, init_server
from sync.laptops import OPENED, shipped_copy

_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def close_laptops() -> Iterator[None]:
    """Every laptop library a test opened is closed after it (after its windows and their background work,
    as the application quits), whether or not the test got as far as closing it."""
    yield
    if "reslib_desktop.gui.task_runner" in sys.modules:
        from reslib_desktop.gui.task_runner import wait_for_all

        wait_for_all(10_000)
    while OPENED:
        OPENED.pop().close()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[LocalCluster]:
    if postgres_bin_dir() is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("CI needs PostgreSQL (apt-get install postgresql): the sync tests must run")
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    cluster = temporary_cluster()
    yield cluster
    cluster.remove()


@dataclass(frozen=True)
class Server:
    """One fresh library database: `owner` created it; `admin` (alice) may write, `reader` (bob) may only read."""

    cluster: LocalCluster
    database: str

    def url(self, user: str) -> str:
        return self.cluster.url(self.database, user)

    @property
    def owner(self) -> str:
        return self.url("postgres")

    @property
    def admin(self) -> str:
        return self.url("alice")

    @property
    def reader(self) -> str:
        return self.url("bob")


@pytest.fixture
def server(pg_cluster: LocalCluster) -> Iterator[Server]:
    database = f"library_{os.getpid()}_{next(_numbers)}"
    with psycopg.connect(pg_cluster.url(), autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    found = Server(pg_cluster, database)
    init_server(found.owner, name="Test organisation")
    add_user(found.owner, "alice", "admin")
    add_user(found.owner, "bob", "reader")
    yield found
    with psycopg.connect(pg_cluster.url(), autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(database)))


@pytest.fixture
def admin(server: Server, tmp_path: Path) -> Iterator[Library]:
    """An admin laptop that put the shipped library on the server (version 1)."""
    laptop = shipped_copy(tmp_path, "admin")
    laptop.share_existing_resources()
    report = laptop.sync(server.admin)
    assert report.uploaded == laptop.resource_count() > 40
    yield laptop
    laptop.close()

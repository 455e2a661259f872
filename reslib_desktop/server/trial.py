"""A local trial of the shared library in one folder: a PostgreSQL cluster on 127.0.0.1, the schema,
an admin and a reader account, and the shipped library uploaded by an admin laptop.

Trust authentication on the loopback address only: a trial, not a production server.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import psycopg

from reslib_desktop.server.cluster import DEFAULT_PORT, LocalCluster
from reslib_desktop.server.schema import add_user, init_server

TRIAL_DATABASE = "reslib"
ADMIN_ACCOUNT, READER_ACCOUNT = "admin", "reader"


@dataclass(frozen=True)
class Trial:
    cluster: LocalCluster
    admin_url: str
    reader_url: str
    admin_library: Path
    uploaded: int


def start_trial(
    folder: Path, seed_library: Path | None, port: int = DEFAULT_PORT, files_url: str | None = None
) -> Trial:
    """Start (creating on first use) the trial server in `folder`; the first start uploads `seed_library`."""
    from reslib_desktop.library import Library

    cluster = LocalCluster(Path(folder).resolve() / "postgres", port, tcp=True)
    first = not cluster.data.exists()
    if first:
        cluster.init()
    cluster.start(fast=False)
    admin_url, reader_url = cluster.url(TRIAL_DATABASE, ADMIN_ACCOUNT), cluster.url(TRIAL_DATABASE, READER_ACCOUNT)
    admin_library = Path(folder).resolve() / "admin-laptop.db"
    uploaded = 0
    if first:
        with psycopg.connect(cluster.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{TRIAL_DATABASE}"')
        init_server(cluster.url(TRIAL_DATABASE), name="Trial library", files_url=files_url)
        add_user(cluster.url(TRIAL_DATABASE), ADMIN_ACCOUNT, "admin")
        add_user(cluster.url(TRIAL_DATABASE), READER_ACCOUNT, "reader")
        if seed_library is not None:
            shutil.copyfile(seed_library, admin_library)
            with Library.open(admin_library) as library:
                library.share_existing_resources()
                uploaded = library.sync(admin_url).uploaded
    return Trial(cluster, admin_url, reader_url, admin_library, uploaded)


def stop_trial(folder: Path, port: int = DEFAULT_PORT) -> None:
    LocalCluster(Path(folder).resolve() / "postgres", port, tcp=True).stop()

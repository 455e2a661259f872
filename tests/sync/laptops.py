"""Laptop replicas for the sync tests: real library files, edited through the same calls the window uses."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import psycopg

from reslib_desktop.library import Library, SearchQuery
from reslib_desktop.server.cluster import LocalCluster

REPO = Path(__file__).resolve().parents[2]
SHIPPED_DB = REPO / "resources.db"


OPENED: list[Library] = []  # the laptops of the running test, closed after it (conftest.close_laptops)


def shipped_copy(folder: Path, name: str) -> Library:
    path = folder / f"{name}.db"
    shutil.copyfile(SHIPPED_DB, path)
    return _opened(Library.open(path))


def empty_library(folder: Path, name: str) -> Library:
    return _opened(Library.open(folder / f"{name}.db", create=True))


def _opened(library: Library) -> Library:
    OPENED.append(library)
    return library


def quit_app(window, library: Library) -> None:
    """As the application quits: the window closes, its background work ends, then the library closes."""
    from reslib_desktop.gui.task_runner import wait_for_all

    window.close()
    wait_for_all(10_000)
    library.close()


def ids_by_uid(library: Library) -> dict[str, int]:
    ids = library.all_resource_ids(SearchQuery())
    return {library.resource(i).uid: i for i in ids}


def snapshot(library: Library) -> dict[str, tuple]:
    """What a person sees of every resource: uid -> (title, description, topics, attachment labels)."""
    found = {}
    for identifier in library.all_resource_ids(SearchQuery()):
        detail = library.resource(identifier)
        found[detail.uid] = (
            detail.title,
            detail.description,
            tuple(detail.topics),
            tuple(a.label for a in detail.attachments),
        )
    return found


def edit(library: Library, uid: str, **changes) -> None:
    from reslib_desktop.ingest.editing import edit_of

    identifier = ids_by_uid(library)[uid]
    library.save_resource(identifier, replace(edit_of(library.resource(identifier)), **changes), user="tester")


def delete(library: Library, uid: str) -> None:
    library.delete_resources([ids_by_uid(library)[uid]], user="tester")


def server_records(url: str) -> dict[str, dict]:
    with psycopg.connect(url) as connection:
        return {uid: record for uid, record in connection.execute("SELECT uid, record FROM resources")}


def server_batches(url: str) -> list[tuple]:
    with psycopg.connect(url) as connection:
        return connection.execute(
            "SELECT version, username, resources, deleted FROM change_batches ORDER BY version"
        ).fetchall()


def require_password(cluster: LocalCluster, user: str) -> None:
    """Make `user` give a password (scram) over this cluster's socket, as a real deployment would."""
    hba = cluster.data / "pg_hba.conf"
    rule = f"local all {user} scram-sha-256\n"
    if rule not in hba.read_text():
        hba.write_text(rule + hba.read_text())
        with psycopg.connect(cluster.url(), autocommit=True) as connection:
            connection.execute("SELECT pg_reload_conf()")

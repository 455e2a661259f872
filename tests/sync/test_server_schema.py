"""The server schema: created by `init_server`, versioned, searchable, and writable only by admins."""

from __future__ import annotations

import psycopg
import pytest

from reslib_desktop.server.schema import SERVER_HEAD, init_server, server_revision


def test_init_creates_the_schema_and_running_it_again_keeps_the_library(server) -> None:
    assert server_revision(server.owner) == SERVER_HEAD
    with psycopg.connect(server.owner) as connection:
        library_id = connection.execute("SELECT library_id FROM library").fetchone()[0]
    assert init_server(server.owner) == library_id


def test_a_readers_credentials_cannot_write(server) -> None:
    with psycopg.connect(server.reader) as connection:
        assert connection.execute("SELECT version FROM library").fetchone() == (0,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("UPDATE library SET version = version + 1")


def test_an_admin_can_write_a_version(server) -> None:
    with psycopg.connect(server.admin) as connection:
        version = connection.execute("UPDATE library SET version = version + 1 RETURNING version").fetchone()[0]
        connection.execute("INSERT INTO change_batches (version, summary) VALUES (%s, 'test')", (version,))
        assert connection.execute("SELECT username FROM change_batches").fetchone() == ("alice",)


def test_the_server_library_is_searched_without_a_replica_accents_folded(server, tmp_path) -> None:
    from reslib_desktop.library import SearchQuery, parse_query
    from reslib_desktop.sync.server_search import server_search
    from sync.laptops import edit, ids_by_uid, shipped_copy

    admin = shipped_copy(tmp_path, "admin")
    admin.share_existing_resources()
    admin.sync(server.admin)
    uid = sorted(ids_by_uid(admin))[0]
    edit(admin, uid, title="Café et logement: un guide")
    admin.sync()
    hits = server_search(server.reader, "cafe logement")
    assert [record["title"] for record in hits.records] == ["Café et logement: un guide"]
    local = admin.search(SearchQuery(text=parse_query("housing")))
    housing = server_search(server.reader, "housing", limit=1)
    assert housing.total == local.total > 1 and len(housing.records) == 1
    assert "housing" in housing.records[0]["title"].lower()  # a title match ranks first
    admin.close()

"""Creating and upgrading the server schema (alembic, its own version table) and its two roles.

Roles (PostgreSQL GRANTs, so the database itself refuses what an account may not do):
- `reslib_reader`: reads the library (case workers, trainers: pull, search);
- `reslib_admin`: reads and writes it (import, edit, push).
Accounts are login roles that are members of one of them (`add_user`).
"""

from __future__ import annotations

import uuid
from pathlib import Path

from psycopg import sql

from reslib_desktop.sync.connect import connect

READER_ROLE = "reslib_reader"
ADMIN_ROLE = "reslib_admin"
ROLES = {"reader": READER_ROLE, "admin": ADMIN_ROLE}
SERVER_HEAD = "s0002_collections"
WRITABLE_TABLES = ("resources", "files", "collections", "tombstones", "change_batches")


def _migrate(url: str, revision: str = "head") -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    engine = create_engine("postgresql+psycopg://", creator=lambda: connect(url), poolclass=NullPool)
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        engine.dispose()


def _create_role(cursor, role: str) -> None:
    exists = cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
    if not exists:
        cursor.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))


def _grant(cursor, database: str) -> None:
    reader, admin = sql.Identifier(READER_ROLE), sql.Identifier(ADMIN_ROLE)
    cursor.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(sql.Identifier(database)))
    for role in (reader, admin):
        cursor.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), role))
        cursor.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(role))
        cursor.execute(sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA public TO {}").format(role))
    tables = sql.SQL(", ").join(sql.Identifier(t) for t in WRITABLE_TABLES)
    cursor.execute(sql.SQL("GRANT INSERT, UPDATE, DELETE ON {} TO {}").format(tables, admin))
    cursor.execute(sql.SQL("GRANT UPDATE ON library TO {}").format(admin))


def init_server(url: str, name: str = "", files_url: str | None = None) -> str:
    """Create (or upgrade) the schema and roles in the database of `url`; returns the library id.

    Run it as the database's owner or a superuser. Running it again upgrades and keeps the data.
    """
    _migrate(url)
    with connect(url) as connection, connection.cursor() as cursor:
        for role in (READER_ROLE, ADMIN_ROLE):
            _create_role(cursor, role)
        database = cursor.execute("SELECT current_database()").fetchone()[0]
        _grant(cursor, database)
        row = cursor.execute("SELECT library_id FROM library WHERE id = 1").fetchone()
        if row is None:
            library_id = str(uuid.uuid4())
            cursor.execute(
                "INSERT INTO library (id, library_id, name, files_url, version) VALUES (1, %s, %s, %s, 0)",
                (library_id, name, files_url),
            )
        else:
            library_id = row[0]
            if files_url is not None:
                cursor.execute("UPDATE library SET files_url = %s WHERE id = 1", (files_url,))
        connection.commit()
    return library_id


def add_user(url: str, user: str, role: str, password: str | None = None) -> None:
    """A login account that is a member of the reader or admin role (created, or its role and password set)."""
    group = ROLES[role]
    with connect(url) as connection, connection.cursor() as cursor:
        exists = cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (user,)).fetchone()
        verb = "ALTER" if exists else "CREATE"
        statement = sql.SQL(verb + " ROLE {} LOGIN").format(sql.Identifier(user))
        if password:
            statement = sql.SQL("{} PASSWORD {}").format(statement, sql.Literal(password))
        cursor.execute(statement)
        for other in ROLES.values():
            if other != group:
                cursor.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(other), sql.Identifier(user)))
        cursor.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(user)))
        connection.commit()


def server_revision(url: str) -> str | None:
    """The server schema's alembic revision, None before `init_server`."""
    with connect(url) as connection:
        found = connection.execute("SELECT to_regclass('reslib_server_version')").fetchone()[0]
        if found is None:
            return None
        return connection.execute("SELECT version_num FROM reslib_server_version").fetchone()[0]


add_server_user = add_user

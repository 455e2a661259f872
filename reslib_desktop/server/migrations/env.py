"""Alembic environment of the server schema: its own version table, run with a connection passed in."""

from alembic import context

SERVER_VERSION_TABLE = "reslib_server_version"

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, version_table=SERVER_VERSION_TABLE)
with context.begin_transaction():
    context.run_migrations()

"""Alembic environment: always run with a connection passed in by store.database."""

from alembic import context

from reslib_desktop.store.schema import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

"""The organisation's shared library on PostgreSQL: its schema (own alembic line), roles, trial cluster."""

"""The shared library on PostgreSQL: version counter, versioned records, tombstones, batches, files, full text.

Revision ID: s0001_server_baseline
Revises:
"""

from alembic import op

revision = "s0001_server_baseline"
down_revision = None
branch_labels = None
depends_on = None

# Frozen here: later revisions change the schema with their own statements.
_STATEMENTS = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    # simple + unaccent: the server's counterpart of SQLite's unicode61 remove_diacritics.
    "CREATE TEXT SEARCH CONFIGURATION reslib_simple (COPY = simple)",
    "ALTER TEXT SEARCH CONFIGURATION reslib_simple ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple",
    # ONE counter row: every write transaction bumps it first, which serialises writers, so versions
    # become visible in commit order and "changes since N" never misses a row (a SEQUENCE would).
    """CREATE TABLE library (
        id integer PRIMARY KEY CHECK (id = 1),
        library_id text NOT NULL,
        name text NOT NULL DEFAULT '',
        files_url text,
        version bigint NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE change_batches (
        version bigint PRIMARY KEY,
        username text NOT NULL DEFAULT current_user,
        at timestamptz NOT NULL DEFAULT now(),
        summary text NOT NULL DEFAULT '',
        resources integer NOT NULL DEFAULT 0,
        deleted integer NOT NULL DEFAULT 0
    )""",
    # The sync unit is one resource record (sync/records.py), its attachments and names inside;
    # `version` is the library version of its last change.
    """CREATE TABLE resources (
        uid text PRIMARY KEY,
        record jsonb NOT NULL,
        version bigint NOT NULL REFERENCES change_batches (version),
        title text GENERATED ALWAYS AS (record->>'title') STORED,
        fts tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('reslib_simple'::regconfig, coalesce(record->>'title', '')), 'A') ||
            setweight(to_tsvector('reslib_simple'::regconfig,
                coalesce(record->>'subtitle', '') || ' ' || coalesce(record->>'topics', '')), 'B') ||
            setweight(to_tsvector('reslib_simple'::regconfig,
                coalesce(jsonb_path_query_array(record, '$.attachments[*].label')::text, '')), 'C') ||
            setweight(to_tsvector('reslib_simple'::regconfig, coalesce(record->>'description', '')), 'D')
        ) STORED
    )""",
    "CREATE INDEX resources_version ON resources (version, uid)",
    "CREATE INDEX resources_fts ON resources USING gin (fts)",
    # Attachment files by content: metadata here, the bytes in a folder any static HTTP server serves
    # at library.files_url/<sha256>.
    """CREATE TABLE files (
        sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size bigint,
        mime text,
        version bigint NOT NULL REFERENCES change_batches (version)
    )""",
    """CREATE TABLE collections (
        name text PRIMARY KEY,
        uids text[] NOT NULL DEFAULT '{}',
        version bigint NOT NULL REFERENCES change_batches (version)
    )""",
    "CREATE INDEX collections_version ON collections (version, name)",
    # What was deleted, and at which version: pulls delete these locally.
    """CREATE TABLE tombstones (
        kind text NOT NULL CHECK (kind IN ('resource', 'collection')),
        key text NOT NULL,
        version bigint NOT NULL REFERENCES change_batches (version),
        PRIMARY KEY (kind, key)
    )""",
    "CREATE INDEX tombstones_version ON tombstones (version, key)",
]


def upgrade() -> None:
    for statement in _STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    raise NotImplementedError("the server schema is never downgraded; restore a backup (pg_dump) instead")

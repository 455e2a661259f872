"""Collections on the server: a stable id (renames keep it), a unique name, members in order, a version.

The baseline's `collections` table (keyed by name) was never written by any
release, so it is replaced rather than altered. A collection is one sync unit,
as a resource record is: its name and its ordered member uids live in one row,
so any change to either (a rename, a member added, removed or moved, a member
resource deleted) bumps that row's `version`. Deleted collections leave a
`tombstones` row of kind 'collection' keyed by the id.

Revision ID: s0002_collections
Revises: s0001_server_baseline
"""

from alembic import op

revision = "s0002_collections"
down_revision = "s0001_server_baseline"
branch_labels = None
depends_on = None

_STATEMENTS = [
    "DROP TABLE collections",
    """CREATE TABLE collections (
        cid text PRIMARY KEY CHECK (cid ~ '^[0-9a-f]{32}$'),
        name text NOT NULL CHECK (name <> ''),
        uids text[] NOT NULL DEFAULT '{}',
        version bigint NOT NULL REFERENCES change_batches (version)
    )""",
    # Checked at commit: one upload may swap two names (each laptop's own names are unique already).
    "ALTER TABLE collections ADD CONSTRAINT collections_name UNIQUE (name) DEFERRABLE INITIALLY DEFERRED",
    "CREATE INDEX collections_version ON collections (version, cid)",
    # "Which collections hold this resource": a resource delete takes it out of them.
    "CREATE INDEX collections_uids ON collections USING gin (uids)",
    "ALTER TABLE change_batches ADD COLUMN collections integer NOT NULL DEFAULT 0",
]


def upgrade() -> None:
    for statement in _STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    raise NotImplementedError("the server schema is never downgraded; restore a backup (pg_dump) instead")

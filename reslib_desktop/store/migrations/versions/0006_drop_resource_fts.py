"""The resource-level FTS5 index leaves the library: search reads the tantivy index beside the file
(kept current through `index_outbox`), so nothing reads `resource_fts` any more, and keeping it in step
cost a quarter of every import. Dropped with its vocabulary table and its source view (they existed only
for it). `page_fts` (which page of an attachment matched) stays.

The freed pages stay in the file as free pages that later writes reuse (a VACUUM cannot run inside the
upgrade's transaction).

Revision ID: 0006_drop_resource_fts
Revises: 0005_sync_collections
"""

from alembic import op

revision = "0006_drop_resource_fts"
down_revision = "0005_sync_collections"
branch_labels = None
depends_on = None

_DROP = [
    "DROP TABLE IF EXISTS resource_fts_vocab",
    "DROP TABLE IF EXISTS resource_fts",
    "DROP VIEW IF EXISTS resource_fts_source",
]


def upgrade() -> None:
    for statement in _DROP:
        op.execute(statement)


def downgrade() -> None:
    raise NotImplementedError("a library is never downgraded; restore the .bak copy made before the upgrade")

"""Whether a resource is available offline moves into the search index: a change of an attachment into
or out of the offline cache leaves an outbox row, so the index's `offline` field follows the cache.

Before, every search after a commit read which resources were available offline from SQLite (all
their attachments cached): in a trainer's fully cached library of 100,000 resources that read took
~210 ms before the first search after opening could answer (2.1 s at 1,000,000). A download still
commits one cache state at a time; only its passage into or out of 'cached' is recorded (downloading,
failed and not cached are the same to the index).

Revision ID: 0007_offline_in_search_index
Revises: 0006_drop_resource_fts
"""

from alembic import op

revision = "0007_offline_in_search_index"
down_revision = "0006_drop_resource_fts"
branch_labels = None
depends_on = None

CACHE_TRIGGER = """CREATE TRIGGER index_outbox_attachments_cache_au AFTER UPDATE OF cache_state ON attachments
    WHEN (old.cache_state = 'cached') != (new.cache_state = 'cached') BEGIN
        INSERT INTO index_outbox(resource_id) VALUES (new.resource_id);
    END"""


def upgrade() -> None:
    op.execute(CACHE_TRIGGER)


def downgrade() -> None:
    raise NotImplementedError("a library is never downgraded; restore the .bak copy made before the upgrade")

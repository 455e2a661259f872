"""Collections in an offline replica: which local collections are shared with the server, and how far
collection changes were pulled.

`sync_collections` holds one row per *shared* collection: its server id
(`cid`), the local collection (NULL once deleted here: a delete to upload),
the server version last seen (NULL: made here, not uploaded yet) and
`sync_base` (name and member uids as last synced: the base of a 3-way merge).
A local collection without a row is *local only*: never uploaded, never
touched by a pull. While the replica tracks changes and its account may write
(`can_write`, learnt at each sync), a trigger gives every new collection a row,
so an admin's new collection is uploaded; a case worker's stays on the laptop.
`sync_collection_state` is the collection pull's cursor `(version, cid)`.

Revision ID: 0005_sync_collections
Revises: 0004_sync_replica
"""

from alembic import op

revision = "0005_sync_collections"
down_revision = "0004_sync_replica"
branch_labels = None
depends_on = None

# Frozen here (reslib_desktop/sync/collections.py documents their use).
_STATEMENTS = [
    """CREATE TABLE sync_collections (
        cid VARCHAR(32) PRIMARY KEY,
        collection_id INTEGER UNIQUE REFERENCES collections (id) ON DELETE SET NULL,
        server_version INTEGER,
        sync_base TEXT
    )""",
    """CREATE TABLE sync_collection_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        synced_version INTEGER NOT NULL DEFAULT 0,
        cursor_cid TEXT,
        can_write INTEGER NOT NULL DEFAULT 0
    )""",
    "INSERT INTO sync_collection_state (id, synced_version, can_write) VALUES (1, 0, 0)",
    """CREATE TRIGGER sync_collections_ai AFTER INSERT ON collections
        WHEN (SELECT tracking FROM sync_state WHERE id = 1) = 1
         AND (SELECT can_write FROM sync_collection_state WHERE id = 1) = 1 BEGIN
        INSERT INTO sync_collections (cid, collection_id) VALUES (lower(hex(randomblob(16))), new.id);
    END""",
]


def upgrade() -> None:
    for statement in _STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    raise NotImplementedError("a library is never downgraded; restore the .bak copy made before the upgrade")

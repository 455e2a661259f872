"""A library as an offline replica of a server library: sync state, per-resource versions, conflicts.

`sync_state` (one row) holds the server address (never a password), the
server library's id, the version pulled up to (plus the uid reached inside a
version, so an interrupted pull resumes), and `tracking`: 1 once the library
has joined a server, 0 while a pull applies server changes. While tracking,
triggers count local changes per uid in `sync_resources.dirty`, so every edit,
import, delete and undo is found by the next push, whatever wrote it.

Revision ID: 0004_sync_replica
Revises: 0003_index_outbox
"""

from alembic import op

revision = "0004_sync_replica"
down_revision = "0003_index_outbox"
branch_labels = None
depends_on = None

# Frozen here (reslib_desktop/sync/replica.py documents their use).
_STATEMENTS = [
    """CREATE TABLE sync_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        server_url TEXT,
        library_id TEXT,
        synced_version INTEGER NOT NULL DEFAULT 0,
        cursor_uid TEXT,
        tracking INTEGER NOT NULL DEFAULT 0,
        last_synced_at DATETIME,
        last_error TEXT
    )""",
    "INSERT INTO sync_state (id, synced_version, tracking) VALUES (1, 0, 0)",
    """CREATE TABLE sync_resources (
        uid VARCHAR(64) PRIMARY KEY,
        server_version INTEGER,
        dirty INTEGER NOT NULL DEFAULT 0,
        sync_base TEXT
    )""",
    "CREATE INDEX ix_sync_resources_dirty ON sync_resources (uid) WHERE dirty > 0",
    """CREATE TABLE sync_conflicts (
        id INTEGER PRIMARY KEY,
        uid VARCHAR(64) NOT NULL,
        kind VARCHAR(24) NOT NULL,
        field VARCHAR(32),
        title TEXT NOT NULL DEFAULT '',
        local_value TEXT,
        server_value TEXT,
        server_version INTEGER,
        created_at DATETIME NOT NULL,
        resolved_at DATETIME,
        resolution VARCHAR(16)
    )""",
    "CREATE INDEX ix_sync_conflicts_open ON sync_conflicts (uid) WHERE resolved_at IS NULL",
]
_TRACKING = "(SELECT tracking FROM sync_state WHERE id = 1) = 1"
_MARK = """INSERT INTO sync_resources (uid, dirty) VALUES ({ref}.uid, 1)
        ON CONFLICT (uid) DO UPDATE SET dirty = dirty + 1"""
_TRIGGERS = [
    f"""CREATE TRIGGER sync_resources_ai AFTER INSERT ON resources WHEN {_TRACKING} BEGIN
        {_MARK.format(ref="new")};
    END""",
    # Every edit, import and undo sets updated_at; viewing and caching do not touch these columns.
    f"""CREATE TRIGGER sync_resources_au AFTER UPDATE OF title, title_derived, subtitle, description, published,
        published_precision, published_text, resource_type, source_url, language, updated_at ON resources
        WHEN {_TRACKING} BEGIN
        {_MARK.format(ref="new")};
    END""",
    f"""CREATE TRIGGER sync_resources_ad AFTER DELETE ON resources WHEN {_TRACKING} BEGIN
        {_MARK.format(ref="old")};
    END""",
]


def upgrade() -> None:
    for statement in _STATEMENTS + _TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    raise NotImplementedError("a library is never downgraded; restore the .bak copy made before the upgrade")

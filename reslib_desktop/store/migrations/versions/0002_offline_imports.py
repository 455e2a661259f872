"""Offline cache state and attachment text; import batches for undo; duplicate flags.

Revision ID: 0002_offline_imports
Revises: 0001_baseline
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_offline_imports"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None

# The index at this revision (frozen here: fts.py moves on with later revisions).
_SOURCE_VIEW = """
CREATE VIEW resource_fts_source AS
SELECT r.id AS id,
       r.title AS title,
       COALESCE(r.subtitle, '') AS subtitle,
       r.description AS description,
       COALESCE((SELECT group_concat(t.name, ' ; ') FROM resource_topics rt
                 JOIN topics t ON t.id = rt.topic_id WHERE rt.resource_id = r.id), '') AS topics,
       COALESCE((SELECT group_concat(a.label, ' ; ') FROM attachments a
                 WHERE a.resource_id = r.id), '') AS attachments,
       COALESCE((SELECT group_concat(p.text, ' ') FROM attachments a
                 JOIN attachment_pages p ON p.attachment_id = a.id
                 WHERE a.resource_id = r.id), '') AS body
FROM resources r
"""
_FTS_TABLE = """
CREATE VIRTUAL TABLE resource_fts USING fts5(
    title, subtitle, description, topics, attachments, body,
    content='resource_fts_source',
    content_rowid='id',
    tokenize='unicode61 remove_diacritics 2',
    prefix='2 3 4'
)
"""
_VOCABULARY = "CREATE VIRTUAL TABLE resource_fts_vocab USING fts5vocab(resource_fts, 'row')"
_PAGE_FTS = """
CREATE VIRTUAL TABLE page_fts USING fts5(
    text,
    content='attachment_pages',
    content_rowid='id',
    tokenize='unicode61 remove_diacritics 2',
    prefix='2 3 4'
)
"""
_PAGE_TRIGGERS = [
    """CREATE TRIGGER attachment_pages_ai AFTER INSERT ON attachment_pages BEGIN
        INSERT INTO page_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER attachment_pages_ad AFTER DELETE ON attachment_pages BEGIN
        INSERT INTO page_fts(page_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER attachment_pages_au AFTER UPDATE ON attachment_pages BEGIN
        INSERT INTO page_fts(page_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO page_fts(rowid, text) VALUES (new.id, new.text);
    END""",
]
_DROP_INDEX = [
    "DROP TABLE IF EXISTS resource_fts_vocab",
    "DROP TABLE IF EXISTS resource_fts",
    "DROP VIEW IF EXISTS resource_fts_source",
]


def upgrade() -> None:
    op.create_table(
        "import_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("user", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("format", sa.String(length=32), nullable=True),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("duplicates", sa.Integer(), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "import_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("resource_uid", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("before", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["batch_id"], ["import_batches.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_import_changes_batch", "import_changes", ["batch_id"], unique=False)
    op.create_table(
        "attachment_pages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attachment_id", sa.Integer(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["attachment_id"], ["attachments.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ux_attachment_pages", "attachment_pages", ["attachment_id", "page"], unique=True)
    with op.batch_alter_table("attachments") as batch:
        batch.add_column(sa.Column("cache_state", sa.String(length=16), server_default="not_cached", nullable=False))
        batch.add_column(sa.Column("cache_error", sa.Text(), nullable=True))
        batch.add_column(sa.Column("cache_bytes", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("cache_updated_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("text_state", sa.String(length=16), server_default="pending", nullable=False))
        batch.add_column(sa.Column("text_error", sa.Text(), nullable=True))
        batch.add_column(sa.Column("last_page", sa.Integer(), nullable=True))
        batch.create_index("ix_attachments_sha256", ["sha256"], unique=False)
        batch.create_index("ix_attachments_cache_state", ["cache_state"], unique=False)
        batch.create_index("ix_attachments_text_state", ["text_state"], unique=False)
    # resources: plain ADD COLUMN (a batch rebuild would break the FTS view's dependency).
    op.execute("ALTER TABLE resources ADD COLUMN last_viewed_at DATETIME")
    op.execute("ALTER TABLE resources ADD COLUMN duplicate_of_uid VARCHAR(64)")
    op.execute(
        "ALTER TABLE resources ADD COLUMN import_batch_id INTEGER REFERENCES import_batches (id) ON DELETE SET NULL"
    )
    for statement in _DROP_INDEX:
        op.execute(statement)
    op.execute(_SOURCE_VIEW)
    op.execute(_FTS_TABLE)
    op.execute(_VOCABULARY)
    op.execute("INSERT INTO resource_fts(resource_fts) VALUES ('rebuild')")
    op.execute(_PAGE_FTS)
    for trigger in _PAGE_TRIGGERS:
        op.execute(trigger)


def downgrade() -> None:
    raise NotImplementedError("a library is never downgraded; restore the .bak copy made before the upgrade")

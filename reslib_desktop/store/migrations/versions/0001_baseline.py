"""Baseline: resources, attachments, topics, audiences, collections, saved searches,
cached files, library facts, and the FTS5 index.

Revision ID: 0001_baseline
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_baseline"
down_revision = None
branch_labels = None
depends_on = None

# The index as it was at this revision (frozen here: fts.py moves on with later revisions).
_SOURCE_VIEW = """
CREATE VIEW resource_fts_source AS
SELECT r.id AS id,
       r.title AS title,
       COALESCE(r.subtitle, '') AS subtitle,
       r.description AS description,
       COALESCE((SELECT group_concat(t.name, ' ; ') FROM resource_topics rt
                 JOIN topics t ON t.id = rt.topic_id WHERE rt.resource_id = r.id), '') AS topics,
       COALESCE((SELECT group_concat(a.label, ' ; ') FROM attachments a
                 WHERE a.resource_id = r.id), '') AS attachments
FROM resources r
"""
_FTS_TABLE = """
CREATE VIRTUAL TABLE resource_fts USING fts5(
    title, subtitle, description, topics, attachments,
    content='resource_fts_source',
    content_rowid='id',
    tokenize='unicode61 remove_diacritics 2',
    prefix='2 3 4'
)
"""
_VOCABULARY = "CREATE VIRTUAL TABLE resource_fts_vocab USING fts5vocab(resource_fts, 'row')"
_DROP_INDEX = [
    "DROP TABLE IF EXISTS resource_fts_vocab",
    "DROP TABLE IF EXISTS resource_fts",
    "DROP VIEW IF EXISTS resource_fts_source",
]


def upgrade() -> None:
    op.create_table('audiences',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('cached_files',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('fetched_at', sa.DateTime(), nullable=False),
    sa.Column('last_opened_at', sa.DateTime(), nullable=True),
    sa.Column('pinned', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('sha256')
    )
    op.create_table('collections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('pinned', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('library_meta',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('resources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=64), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('title_sort', sa.Text(), nullable=False),
    sa.Column('title_derived', sa.Boolean(), nullable=False),
    sa.Column('subtitle', sa.Text(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('published_precision', sa.String(length=8), nullable=False),
    sa.Column('published_text', sa.Text(), nullable=True),
    sa.Column('published_sort', sa.String(length=10), nullable=True),
    sa.Column('resource_type', sa.String(length=64), nullable=True),
    sa.Column('source_url', sa.Text(), nullable=True),
    sa.Column('language', sa.String(length=16), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uid')
    )
    op.create_index('ix_resources_published_sort', 'resources', ['published_sort', 'id'], unique=False)
    op.create_index('ix_resources_title_sort', 'resources', ['title_sort', 'id'], unique=False)
    op.create_index('ix_resources_type', 'resources', ['resource_type', 'published_sort'], unique=False)
    op.create_index('ix_resources_updated_at', 'resources', ['updated_at'], unique=False)
    op.create_table('saved_searches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('query', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('topics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resource_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('label', sa.Text(), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('filename', sa.Text(), nullable=True),
    sa.Column('mime', sa.String(length=128), nullable=True),
    sa.Column('size', sa.Integer(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('page_count', sa.Integer(), nullable=True),
    sa.Column('text_indexed', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['resource_id'], ['resources.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_attachments_resource', 'attachments', ['resource_id', 'position'], unique=False)
    op.create_table('collection_items',
    sa.Column('collection_id', sa.Integer(), nullable=False),
    sa.Column('resource_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['collection_id'], ['collections.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resource_id'], ['resources.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('collection_id', 'resource_id')
    )
    op.create_table('resource_audiences',
    sa.Column('resource_id', sa.Integer(), nullable=False),
    sa.Column('audience_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['audience_id'], ['audiences.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resource_id'], ['resources.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('resource_id', 'audience_id')
    )
    op.create_index(
        "ix_resource_audiences_audience", "resource_audiences", ["audience_id", "resource_id"], unique=False
    )
    op.create_table('resource_topics',
    sa.Column('resource_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['resource_id'], ['resources.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['topics.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('resource_id', 'topic_id')
    )
    op.create_index('ix_resource_topics_topic', 'resource_topics', ['topic_id', 'resource_id'], unique=False)
    op.execute(_SOURCE_VIEW)
    op.execute(_FTS_TABLE)
    op.execute(_VOCABULARY)


def downgrade() -> None:
    for statement in _DROP_INDEX:
        op.execute(statement)
    for table in (
        "resource_topics", "resource_audiences", "collection_items", "attachments", "topics",
        "saved_searches", "resources", "library_meta", "collections", "cached_files", "audiences",
    ):
        op.drop_table(table)

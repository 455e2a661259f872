"""The search index outbox: every change to what the search index holds leaves a row here, written by
triggers in the same transaction as the change, so the index (a tantivy directory beside the library)
can catch up after a commit, even after a crash between the commit and the index update.

Revision ID: 0003_index_outbox
Revises: 0002_offline_imports
"""

from alembic import op

revision = "0003_index_outbox"
down_revision = "0002_offline_imports"
branch_labels = None
depends_on = None

# Frozen here (store/outbox.py documents the meaning; later revisions change these with their own SQL).
_TABLE = """
CREATE TABLE index_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    resource_id INTEGER NOT NULL
)
"""
_RESOURCE_OF_ATTACHMENT = "(SELECT resource_id FROM attachments WHERE id = {ref}.attachment_id)"
_TRIGGERS = [
    # resources: new, changed (only the columns the index or its sort keys read), removed
    """CREATE TRIGGER index_outbox_resources_ai AFTER INSERT ON resources BEGIN
        INSERT INTO index_outbox(resource_id) VALUES (new.id);
    END""",
    """CREATE TRIGGER index_outbox_resources_au
        AFTER UPDATE OF id, title, subtitle, description, resource_type, published_sort, title_sort ON resources BEGIN
        INSERT INTO index_outbox(resource_id) VALUES (new.id);
        INSERT INTO index_outbox(resource_id) SELECT old.id WHERE old.id != new.id;
    END""",
    """CREATE TRIGGER index_outbox_resources_ad AFTER DELETE ON resources BEGIN
        INSERT INTO index_outbox(resource_id) VALUES (old.id);
    END""",
    # attachment labels (cache and text states are not indexed)
    """CREATE TRIGGER index_outbox_attachments_ai AFTER INSERT ON attachments BEGIN
        INSERT INTO index_outbox(resource_id) VALUES (new.resource_id);
    END""",
    """CREATE TRIGGER index_outbox_attachments_au AFTER UPDATE OF label, resource_id ON attachments BEGIN
        INSERT INTO index_outbox(resource_id) VALUES (new.resource_id);
        INSERT INTO index_outbox(resource_id) SELECT old.resource_id WHERE old.resource_id != new.resource_id;
    END""",
    """CREATE TRIGGER index_outbox_attachments_ad AFTER DELETE ON attachments BEGIN
        INSERT INTO index_outbox(resource_id) VALUES (old.resource_id);
    END""",
    # attachment page text (the body field)
    f"""CREATE TRIGGER index_outbox_pages_ai AFTER INSERT ON attachment_pages BEGIN
        INSERT INTO index_outbox(resource_id) SELECT {_RESOURCE_OF_ATTACHMENT.format(ref="new")}
            WHERE {_RESOURCE_OF_ATTACHMENT.format(ref="new")} IS NOT NULL;
    END""",
    f"""CREATE TRIGGER index_outbox_pages_au AFTER UPDATE ON attachment_pages BEGIN
        INSERT INTO index_outbox(resource_id) SELECT {_RESOURCE_OF_ATTACHMENT.format(ref="new")}
            WHERE {_RESOURCE_OF_ATTACHMENT.format(ref="new")} IS NOT NULL;
    END""",
    f"""CREATE TRIGGER index_outbox_pages_ad AFTER DELETE ON attachment_pages BEGIN
        INSERT INTO index_outbox(resource_id) SELECT {_RESOURCE_OF_ATTACHMENT.format(ref="old")}
            WHERE {_RESOURCE_OF_ATTACHMENT.format(ref="old")} IS NOT NULL;
    END""",
    # topics and audiences: links, and a renamed name
    """CREATE TRIGGER index_outbox_resource_topics_ai AFTER INSERT ON resource_topics BEGIN
        INSERT INTO index_outbox(resource_id) VALUES (new.resource_id);
    END""",
    """CREATE TRIGGER index_outbox_resource_topics_ad AFTER DELETE ON resource_topics BEGIN
        INSERT INTO index_outbox(resource_id) VALUES (old.resource_id);
    END""",
    """CREATE TRIGGER index_outbox_resource_audiences_ai AFTER INSERT ON resource_audiences BEGIN
        INSERT INTO index_outbox(resource_id) VALUES (new.resource_id);
    END""",
    """CREATE TRIGGER index_outbox_resource_audiences_ad AFTER DELETE ON resource_audiences BEGIN
        INSERT INTO index_outbox(resource_id) VALUES (old.resource_id);
    END""",
    """CREATE TRIGGER index_outbox_topics_au AFTER UPDATE OF name ON topics BEGIN
        INSERT INTO index_outbox(resource_id) SELECT resource_id FROM resource_topics WHERE topic_id = new.id;
    END""",
    """CREATE TRIGGER index_outbox_audiences_au AFTER UPDATE OF name ON audiences BEGIN
        INSERT INTO index_outbox(resource_id) SELECT resource_id FROM resource_audiences WHERE audience_id = new.id;
    END""",
]


def upgrade() -> None:
    op.execute(_TABLE)
    for trigger in _TRIGGERS:
        op.execute(trigger)


def downgrade() -> None:
    raise NotImplementedError("a library is never downgraded; restore the .bak copy made before the upgrade")

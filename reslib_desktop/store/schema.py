"""The library's tables (SQLAlchemy 2.x typed ORM). Changes go through alembic migrations."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    # Every mapped class here is a plain table: typed so (SQLAlchemy says FromClause), so that
    # `Model.__table__` has .insert() and .name.
    __table__: ClassVar[Table]


class CacheState(StrEnum):
    NOT_CACHED = "not_cached"
    QUEUED = "queued"
    DOWNLOADING = "downloading"
    CACHED = "cached"
    FAILED = "failed"


class TextState(StrEnum):
    PENDING = "pending"
    INDEXED = "indexed"
    NO_TEXT = "no_text"
    FAILED = "failed"


resource_topics = Table(
    "resource_topics",
    Base.metadata,
    Column("resource_id", ForeignKey("resources.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("topics.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_resource_topics_topic", "topic_id", "resource_id"),
)

resource_audiences = Table(
    "resource_audiences",
    Base.metadata,
    Column("resource_id", ForeignKey("resources.id", ondelete="CASCADE"), primary_key=True),
    Column("audience_id", ForeignKey("audiences.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_resource_audiences_audience", "audience_id", "resource_id"),
)


class Resource(Base):
    __tablename__ = "resources"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(Text)
    title_sort: Mapped[str] = mapped_column(Text)  # case-folded, digits padded: natural order
    title_derived: Mapped[bool] = mapped_column(Boolean, default=False)
    subtitle: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[date | None] = mapped_column(Date)
    published_precision: Mapped[str] = mapped_column(String(8), default="unknown")
    published_text: Mapped[str | None] = mapped_column(Text)
    published_sort: Mapped[str | None] = mapped_column(String(10))  # 'YYYY-MM-DD', '00' for unknown parts
    resource_type: Mapped[str | None] = mapped_column(String(64))
    source_url: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    last_viewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    # A near-identical resource found at import ("possible duplicate"), until an admin decides.
    duplicate_of_uid: Mapped[str | None] = mapped_column(String(64))
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id", ondelete="SET NULL"))

    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="resource", cascade="all, delete-orphan", order_by="Attachment.position"
    )
    topics: Mapped[list[Topic]] = relationship(secondary=resource_topics, order_by="Topic.name")
    audiences: Mapped[list[Audience]] = relationship(secondary=resource_audiences, order_by="Audience.name")

    __table_args__ = (
        Index("ix_resources_published_sort", "published_sort", "id"),
        Index("ix_resources_title_sort", "title_sort", "id"),
        Index("ix_resources_type", "resource_type", "published_sort"),
        Index("ix_resources_updated_at", "updated_at"),
    )


class Attachment(Base):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    label: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    filename: Mapped[str | None] = mapped_column(Text)
    mime: Mapped[str | None] = mapped_column(String(128))
    size: Mapped[int | None] = mapped_column(Integer)
    sha256: Mapped[str | None] = mapped_column(String(64))
    page_count: Mapped[int | None] = mapped_column(Integer)
    text_indexed: Mapped[bool] = mapped_column(Boolean, default=False)
    # Offline cache state, kept here so it survives a restart: see offline/.
    cache_state: Mapped[str] = mapped_column(
        String(16), default=CacheState.NOT_CACHED, server_default=CacheState.NOT_CACHED
    )
    cache_error: Mapped[str | None] = mapped_column(Text)
    cache_bytes: Mapped[int | None] = mapped_column(Integer)  # bytes received so far while downloading
    cache_updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Full-text extraction: pending / indexed / no_text (scanned) / failed.
    text_state: Mapped[str] = mapped_column(String(16), default=TextState.PENDING, server_default=TextState.PENDING)
    text_error: Mapped[str | None] = mapped_column(Text)
    last_page: Mapped[int | None] = mapped_column(Integer)  # where the viewer was left, 0-based

    resource: Mapped[Resource] = relationship(back_populates="attachments")
    pages: Mapped[list[AttachmentPage]] = relationship(
        back_populates="attachment", cascade="all, delete-orphan", order_by="AttachmentPage.page"
    )

    __table_args__ = (
        Index("ix_attachments_resource", "resource_id", "position"),
        Index("ix_attachments_sha256", "sha256"),
        Index("ix_attachments_cache_state", "cache_state"),
        Index("ix_attachments_text_state", "text_state"),
    )


class AttachmentPage(Base):
    """The text of one page of a cached attachment (indexed by page_fts, and by the search index per resource)."""

    __tablename__ = "attachment_pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachments.id", ondelete="CASCADE"))
    page: Mapped[int] = mapped_column(Integer)  # 1-based
    text: Mapped[str] = mapped_column(Text)

    attachment: Mapped[Attachment] = relationship(back_populates="pages")

    __table_args__ = (Index("ux_attachment_pages", "attachment_id", "page", unique=True),)


class ImportBatch(Base):
    """One applied import: who, when, from what, with what effect; undone_at once reverted."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    user: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)  # file names, one per line
    format: Mapped[str | None] = mapped_column(String(32))
    added: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)


class ImportChange(Base):
    """What a batch did to one resource; `before` (JSON) restores an updated one on undo."""

    __tablename__ = "import_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id", ondelete="CASCADE"))
    resource_uid: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(16))  # added / updated
    before: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_import_changes_batch", "batch_id"),)


class Topic(Base):
    __tablename__ = "topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)


class Audience(Base):
    __tablename__ = "audiences"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)


class Collection(Base):
    """A user's ordered list of resources, e.g. a training kit."""

    __tablename__ = "collections"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class CollectionItem(Base):
    __tablename__ = "collection_items"

    collection_id: Mapped[int] = mapped_column(ForeignKey("collections.id", ondelete="CASCADE"), primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    # Deleting a resource removes its items through the foreign key: found by resource, not by a scan.
    __table_args__ = (Index("ix_collection_items_resource", "resource_id"),)


class SavedSearch(Base):
    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    query: Mapped[str] = mapped_column(Text)  # JSON of the search state
    created_at: Mapped[datetime] = mapped_column(DateTime)


class CachedFile(Base):
    """An attachment file in the offline cache, addressed by its sha256."""

    __tablename__ = "cached_files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    path: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    fetched_at: Mapped[datetime] = mapped_column(DateTime)
    last_opened_at: Mapped[datetime | None] = mapped_column(DateTime)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)


class LibraryMeta(Base):
    """Key/value facts about the library (what it was built from, when)."""

    __tablename__ = "library_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)

"""The page index folds letters as the search index does: `strasse`, `lodz`, `duong` find the pages holding
Straße, Łódź, đường. FTS5's `unicode61 remove_diacritics 2` drops accents (é -> e) but keeps letters
with no decomposition (ß, ł, đ, æ, ø, œ...), which the search index folds to ASCII. `page_fts` now
indexes the page text through the view `page_fts_source`, which spells those letters as the search
index does (pdf/matches.py folds the query alike, and shows passages of the text as it is).

Revision ID: 0009_page_text_folded
Revises: 0008_collection_items_by_resource
"""

from alembic import op

revision = "0009_page_text_folded"
down_revision = "0008_collection_items_by_resource"
branch_labels = None
depends_on = None

# Frozen here (pdf/matches.py keeps its own copy, a test holds them equal): each letter as tantivy's
# ASCII folding spells it, its case kept.
_FOLDED = (
    ("ß", "ss"), ("ẞ", "SS"), ("æ", "ae"), ("Æ", "AE"), ("ø", "o"), ("Ø", "O"), ("œ", "oe"), ("Œ", "OE"),
    ("ð", "d"), ("Ð", "D"), ("đ", "d"), ("Đ", "D"), ("þ", "th"), ("Þ", "TH"), ("ł", "l"), ("Ł", "L"),
    ("ı", "i"), ("ŋ", "n"), ("Ŋ", "N"), ("ə", "a"), ("Ə", "A"), ("ħ", "h"), ("Ħ", "H"), ("ĳ", "ij"),
    ("Ĳ", "IJ"), ("ﬀ", "ff"), ("ﬁ", "fi"), ("ﬂ", "fl"), ("ﬃ", "ffi"), ("ﬄ", "ffl"),
)
_NESTED = 15  # replace() calls per level: SQLite's parser overflows at about 30 nested calls


def _source_view() -> str:
    select = "SELECT id, text FROM attachment_pages"
    for start in range(0, len(_FOLDED), _NESTED):
        expression = "text"
        for letter, spelled in _FOLDED[start : start + _NESTED]:
            expression = f"replace({expression}, '{letter}', '{spelled}')"
        select = f"SELECT id, {expression} AS text FROM ({select})"
    return f"CREATE VIEW page_fts_source AS {select}"


_PAGE_FTS = """
CREATE VIRTUAL TABLE page_fts USING fts5(
    text,
    content='page_fts_source',
    content_rowid='id',
    tokenize='unicode61 remove_diacritics 2',
    prefix='2 3 4'
)
"""
# FTS5 removes a row by the text it indexed: the folded text, read from the view while the page is there.
_PAGE_TRIGGERS = [
    """CREATE TRIGGER attachment_pages_ai AFTER INSERT ON attachment_pages BEGIN
        INSERT INTO page_fts(rowid, text) SELECT id, text FROM page_fts_source WHERE id = new.id;
    END""",
    """CREATE TRIGGER attachment_pages_bd BEFORE DELETE ON attachment_pages BEGIN
        INSERT INTO page_fts(page_fts, rowid, text) SELECT 'delete', id, text FROM page_fts_source WHERE id = old.id;
    END""",
    """CREATE TRIGGER attachment_pages_bu BEFORE UPDATE ON attachment_pages BEGIN
        INSERT INTO page_fts(page_fts, rowid, text) SELECT 'delete', id, text FROM page_fts_source WHERE id = old.id;
    END""",
    """CREATE TRIGGER attachment_pages_au AFTER UPDATE ON attachment_pages BEGIN
        INSERT INTO page_fts(rowid, text) SELECT id, text FROM page_fts_source WHERE id = new.id;
    END""",
]


def upgrade() -> None:
    for trigger in ("attachment_pages_ai", "attachment_pages_ad", "attachment_pages_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS page_fts")
    op.execute(_source_view())
    op.execute(_PAGE_FTS)
    for trigger in _PAGE_TRIGGERS:
        op.execute(trigger)
    op.execute("INSERT INTO page_fts(page_fts) VALUES ('rebuild')")


def downgrade() -> None:
    raise NotImplementedError("a library is never downgraded; restore the .bak copy made before the upgrade")

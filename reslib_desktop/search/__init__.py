"""The search engine: a tantivy index beside the SQLite library (SQLite stays the source of truth).

- `fields`: the index's schema, tokenizer and field weights (and its format version);
- `location`: where a library's index lives;
- `documents`: resources read from SQLite as index documents;
- `translate`: the keyword language's match expressions as tantivy queries;
- `engine`: open, rebuild, catch up through the outbox, and match.

Facets, filters and ordering stay array operations over `store/facet_index.py`
(`store/fast_search.py`); this package answers "which resources match these words, how well".
"""

"""The search engine: a tantivy index beside the SQLite library (SQLite stays the source of truth).

- `fields`: the index's schema, tokenizer and field weights (and its format version);
- `location`: where a library's index lives;
- `documents`: resources read from SQLite as index documents;
- `translate`: the keyword language's match expressions as tantivy queries;
- `engine`: open, rebuild, catch up through the outbox, and match;
- `searching`: a whole search (facet counts by aggregation, every order of the results table), with
  `filters`, `facets`, `results` (ids read lazily) and `title_order`.
"""

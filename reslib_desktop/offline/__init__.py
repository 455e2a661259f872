"""The offline attachment cache (Qt-free). Front ends use `offline.service.OfflineService` only.

    urls.py          which URLs may be fetched, normalised (http/https/file, no credentials, no odd characters)
    addresses.py     which network addresses may be reached (public ones; local ones only when the
                     library's own server is there)
    http.py          one GET with connect/read timeouts, checked redirects and addresses, env proxies
    download.py      stream to a .part, resume with Range, retry with backoff, size cap, verify
    cache.py         the folder: files/<sha256[:2]>/<sha256>, partial/attachment-<id>.part, lock,
                     an import's files/<sha256[:2]>/.<sha256>.<hex>.tmp
    locks.py         the lock file: shared while fetching or importing, exclusive to repair a crash's leftovers
    state.py         cache state in the database (attachments.cache_*, cached_files, pins, the limit,
                     whether the library's server is local)
    fetch.py         many downloads on a bounded thread pool, state persisted as they go
    housekeeping.py  repair on open (also a killed import's temporary files), verify, LRU eviction
                     (never pinned files), clear
    collections.py   ordered collections; a pinned ("keep offline") one pins its files
    models.py        the plain values handed to the GUI and the CLI
    service.py       the facade

Text extraction and the text-indexing queue live in `reslib_desktop.pdf`.
"""

"""The offline attachment cache (Qt-free). Front ends use `offline.service.OfflineService` only.

    urls.py          which URLs may be fetched, normalised (http/https/file, no credentials, no odd characters)
    http.py          one GET with connect/read timeouts, checked redirects, proxies from the environment
    download.py      stream to a .part, resume with Range, retry with backoff, size cap, verify
    cache.py         the folder: files/<sha256[:2]>/<sha256>, partial/attachment-<id>.part, lock
    locks.py         the lock file: shared while fetching, exclusive to repair a crash's leftovers
    state.py         cache state in the database (attachments.cache_*, cached_files, pins, the limit)
    fetch.py         many downloads on a bounded thread pool, state persisted as they go
    housekeeping.py  repair on open, verify, LRU eviction (never pinned files), clear
    collections.py   ordered collections; a pinned ("keep offline") one pins its files
    models.py        the plain values handed to the GUI and the CLI
    service.py       the facade

Text extraction and the text-indexing queue live in `reslib_desktop.pdf`.
"""

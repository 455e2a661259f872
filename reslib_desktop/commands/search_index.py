"""A writing command leaves the search index current: the next process (the app, `reslib search`) then has
nothing to catch up, and `reslib search` keeps its quick path."""

from __future__ import annotations

import sys


def bring_up_to_date(library) -> None:
    """Apply the outbox rows of this command's commits to the search index now. Everything is committed
    already: when the index cannot be written here, the outbox keeps each change for the next search."""
    from reslib_desktop.library import SearchIndexError

    try:
        library.refresh_search_index()
    except (OSError, ValueError, SearchIndexError) as error:
        print(f"reslib: note: the search index is brought up to date at the next search ({error})", file=sys.stderr)

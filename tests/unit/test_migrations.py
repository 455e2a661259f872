"""A user's library made by an older version survives an upgrade, with a backup beside it."""

from __future__ import annotations

import shutil
from pathlib import Path

from reslib_desktop.library import Library, SearchQuery, parse_query
from reslib_desktop.store.database import HEAD_REVISION

OLD_LIBRARY = Path(__file__).resolve().parent.parent / "data" / "library-0001.db"


def test_a_baseline_library_is_upgraded_with_its_contents_and_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    shutil.copyfile(OLD_LIBRARY, path)
    with Library.open(path) as library:
        info = library.info()
        assert info.schema_revision == HEAD_REVISION
        assert info.counts["resources"] == 48
        hits = library.search(SearchQuery(text=parse_query("housing")))
        assert [row.title for row in hits.rows] == ["Housing Programs Environmental Scan"]
        assert library.check() == []
    backup = path.with_name(f"library.db.before-{HEAD_REVISION}.bak")
    assert backup.read_bytes() == OLD_LIBRARY.read_bytes()

"""An import into a library with no resources builds the search index from its own records, beside the
SQLite writes (search/prebuilt.py): that index must be the one a rebuild from SQLite gives, for records
from any source; a cancelled import leaves no folder and no process behind; a failed build falls back."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterable
from contextlib import closing
from pathlib import Path

import pytest

from reslib_desktop.ingest.service import ImportCancelled, ImportOptions, ImportService
from reslib_desktop.library import Library, SearchQuery, SortKey, parse_query
from reslib_desktop.search import prebuilt, searching, title_order
from reslib_desktop.search.documents import SearchDocument, all_documents
from reslib_desktop.search.engine import SearchIndex
from reslib_desktop.search.filters import Context
from reslib_desktop.search.prebuilt import IndexBuild
from reslib_desktop.search.state import write_state
from unit.ingest.helpers import PDFS
from unit.ingest.other_libraries import LIBRARIES, records_of, write_library

ASSETS = Path(__file__).resolve().parents[3] / "assets" / "library"  # the real records (../shared/data) shipped
_NO_CONTEXT = Context(lambda _name: [])

_ODD = [  # values a careless export holds: repeated names, untitled, non-ASCII, empty labels, no dates
    {"title": "Ärztliche Versorgung   von Betroffenen", "date": "2019", "topics": ["Health", "Health", "Ärzte"],
     "attachments": [{"label": "Leitfaden (PDF)", "url": "https://gesundheit.example/a.pdf"},
                     {"label": "", "url": "https://gesundheit.example/b.pdf"}]},
    {"title": None, "description": "A brief with no title. It names its attachment only.",
     "attachments": [{"label": "Untitled brief (PDF)", "url": None}]},
    {"title": "10 steps", "audience": ["Employers", "employers"], "type": "toolkit"},
    {"title": "2 steps", "date": "07/09/12", "type": "Campaign Materials", "subtitle": "A subtitle"},
    {"title": "Émile's guide", "description": "Accents fold: emile."},
]


def _source(name: str, folder: Path) -> tuple[Path, str]:
    """An input file (and its format) of one kind of source."""
    if name == "odd":
        path = folder / "odd.json"
        path.write_text(json.dumps(_ODD), encoding="utf-8")
        return path, "json"
    if name in ("otip_records", "otip_enriched"):
        return ASSETS / f"{name}.json", "json"
    if name == "seed":
        return ASSETS / "resource-library-type-report.txt", "seed"
    if name == "pdfs":
        pdfs = folder / "pdfs"
        pdfs.mkdir()
        for pdf in sorted(PDFS.glob("*.pdf"))[:4]:
            if pdf.name not in ("invalid.pdf", "encrypted.pdf"):
                shutil.copy(pdf, pdfs / pdf.name)
        return pdfs, "pdf-folder"
    library, fmt = name.split("-")
    [other] = [lib for lib in LIBRARIES if lib.name == library]
    return write_library(folder, other, fmt, records_of(other, 60)), fmt


SOURCES = ["odd", "otip_records", "otip_enriched", "seed", "pdfs", "coalition-json", "ngo-csv", "institute-html"]


class _Watched:
    """The library's real IndexBuild, remembering the documents it was given."""

    def __init__(self, build: IndexBuild) -> None:
        self.build = build
        self.documents: list[SearchDocument] | None = None

    def start(self, documents: Callable[[], Iterable[SearchDocument]]) -> None:
        self.documents = list(documents())
        self.build.start(lambda: self.documents or [])

    def committing(self, connection: sqlite3.Connection) -> None:
        self.build.committing(connection)

    def abandon(self) -> None:
        self.build.abandon()


def _no_child_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def _import(library: Library, path: Path, fmt: str, cache: Path, feed) -> None:
    service = ImportService(library, cache)
    preview = service.preview([path], ImportOptions(format=fmt))
    assert not preview.has_errors, preview.errors
    service.apply(preview, index_feed=feed)


def _answers(library_path: Path, index: SearchIndex, words: list[str]) -> list[list[int]]:
    queries = [SearchQuery(sort=SortKey.TITLE, descending=d) for d in (False, True)]
    queries += [SearchQuery(sort=SortKey.DATE)]
    queries += [SearchQuery(text=parse_query(word + " ")) for word in words]
    return [list(searching.run(index, query, (), _NO_CONTEXT).ids) for query in queries]


@pytest.mark.parametrize("source", SOURCES)
def test_the_index_built_beside_an_import_is_the_one_a_rebuild_gives(tmp_path: Path, source: str) -> None:
    path, fmt = _source(source, tmp_path)
    with Library.open(tmp_path / "new.db", create=True) as library:
        build = library.build_search_index_beside()
        assert build is not None
        watched = _Watched(build)
        _import(library, path, fmt, tmp_path / "cache", watched)
        library.refresh_search_index()
        index_dir = library.search_index_dir
        assert index_dir is not None and index_dir.is_dir()
        with closing(sqlite3.connect(library.path)) as connection, connection:
            stored = list(all_documents(connection))
            ranks = list(title_order.all_ranks(connection))
            outbox_left = connection.execute("SELECT count(*) FROM index_outbox").fetchone()[0]
    assert watched.documents == stored  # every field, as SQLite holds it after the commit
    # A folder of PDFs is copied into the offline cache: those resources are available offline at once.
    assert any(d.offline for d in stored) == (source == "pdfs")
    assert ranks == sorted(title_order.ranks_in_memory((d.resource_id, d.title_sort) for d in stored).items())
    assert outbox_left == 0  # the import's outbox rows were applied by taking the built index up
    assert [p.name for p in index_dir.parent.iterdir() if ".building-" in p.name] == []
    assert _no_child_left()

    adopted = SearchIndex(tmp_path / "new.db", index_dir, prune_outbox=False)
    adopted.ensure_current()
    fresh = SearchIndex(tmp_path / "new.db", tmp_path / "fresh-index", prune_outbox=False)
    assert fresh.rebuild() == adopted.size == len(stored) > 0
    words = [*fresh.vocabulary(40), "a*", "-the", "guide OR toolkit", "offline:yes", "offline:no"]
    assert _answers(tmp_path / "new.db", adopted, words) == _answers(tmp_path / "new.db", fresh, words)


def test_a_cancelled_import_leaves_no_index_folder_and_no_process(tmp_path: Path) -> None:
    path, fmt = _source("coalition-json", tmp_path)
    checks = iter(range(100))
    with Library.open(tmp_path / "new.db", create=True) as library:
        service = ImportService(library)
        preview = service.preview([path], ImportOptions(format=fmt))
        watched = _Watched(library.build_search_index_beside())  # type: ignore[arg-type]
        with pytest.raises(ImportCancelled):
            service.apply(preview, cancel=lambda: next(checks) >= 1, index_feed=watched)
        assert watched.documents  # the build had started when the import was cancelled
        assert _no_child_left()
        assert not any(".search-index" in p.name for p in tmp_path.iterdir())
        assert library.search_full(SearchQuery()).library_size == 0


def test_a_failed_build_falls_back_to_the_rebuild_from_sqlite(tmp_path: Path) -> None:
    path, fmt = _source("ngo-csv", tmp_path)
    with Library.open(tmp_path / "new.db", create=True) as library:
        build = library.build_search_index_beside()
        assert build is not None
        in_the_way = build.directory.with_name(f"{build.directory.name}.building-{os.getpid()}")
        in_the_way.write_text("not a folder")  # the child cannot create its folder
        _import(library, path, fmt, tmp_path / "cache", build)
        in_the_way.unlink()
        result = library.search_full(SearchQuery(text=parse_query("housing ")))
        assert result.library_size == 60
        assert len(result.ids) > 0
    assert _no_child_left()


def test_an_import_into_a_library_with_resources_catches_the_index_up_instead(tmp_path: Path) -> None:
    first, fmt = _source("coalition-json", tmp_path)
    second, second_fmt = write_library(tmp_path, LIBRARIES[1], "csv", records_of(LIBRARIES[1], 60, first=200)), "csv"
    with Library.open(tmp_path / "new.db", create=True) as library:
        _import(library, first, fmt, tmp_path / "cache", library.build_search_index_beside())
        library.refresh_search_index()
        watched = _Watched(library.build_search_index_beside())  # type: ignore[arg-type]
        _import(library, second, second_fmt, tmp_path / "cache", watched)
        assert watched.documents is None  # not all of the library: nothing was built beside
        query = SearchQuery(sort=SortKey.TITLE)
        assert library.search_full(query).library_size == 120
        fresh = SearchIndex(library.path, tmp_path / "fresh-index", prune_outbox=False)
        fresh.rebuild()
        assert list(library.search_full(query, ()).ids) == list(searching.run(fresh, query, (), _NO_CONTEXT).ids)


def test_a_rebuild_removes_the_folders_of_builds_whose_process_died(tmp_path: Path) -> None:
    path, fmt = _source("coalition-json", tmp_path)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    with Library.open(tmp_path / "new.db", create=True) as library:
        _import(library, path, fmt, tmp_path / "cache", None)
        index_dir = library.search_index_dir
        assert index_dir is not None
        left = index_dir.with_name(f"{index_dir.name}.building-{int(dead.stdout)}")
        (left / "segment").mkdir(parents=True)  # what a kill -9 mid-import leaves
        alive = index_dir.with_name(f"{index_dir.name}.building-{os.getpid()}")
        alive.mkdir()  # a build under way in a running process: kept
        library.rebuild_index_only()
        assert not left.exists() and alive.is_dir()
        assert library.search_full(SearchQuery()).library_size == 60


def test_where_the_platform_does_not_fork_the_index_is_built_after_the_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """macOS and Windows: no child process; the same index, built from the records once SQLite committed."""
    monkeypatch.setattr(prebuilt, "_forks_cheaply", lambda: False)
    path, fmt = _source("otip_enriched", tmp_path)
    with Library.open(tmp_path / "new.db", create=True) as library:
        build = library.build_search_index_beside()
        assert build is not None
        watched = _Watched(build)
        _import(library, path, fmt, tmp_path / "cache", watched)
        assert _no_child_left()
        built = build.finished()  # what the next refresh would take up
        assert built is not None
        folder, state = built
        with closing(sqlite3.connect(library.path)) as connection, connection:
            assert watched.documents == list(all_documents(connection))
            assert state.applied_outbox_id == connection.execute("SELECT max(id) FROM index_outbox").fetchone()[0]
    write_state(folder, state)
    adopted = SearchIndex(tmp_path / "new.db", folder, prune_outbox=False)
    assert adopted.open_if_current()  # taken as it is: current, nothing rebuilt
    fresh = SearchIndex(tmp_path / "new.db", tmp_path / "fresh-index", prune_outbox=False)
    fresh.rebuild()
    words = [*fresh.vocabulary(30), "guide OR toolkit"]
    assert _answers(tmp_path / "new.db", adopted, words) == _answers(tmp_path / "new.db", fresh, words)

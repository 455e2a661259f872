"""The passage shown for a match: matched words marked, the best field first, prefixes while typing."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from reslib_desktop.library import MARK_END, MARK_START, Library, parse_query


def _marked(passage: str | None) -> list[str]:
    assert passage is not None
    return [part.split(MARK_END)[0] for part in passage.split(MARK_START)[1:]]


def test_matched_words_are_marked_in_the_best_passage(shipped_copy: Path) -> None:
    with Library.open(shipped_copy) as library:
        with library.engine.begin() as connection:
            resource_id = connection.execute(text("SELECT min(id) FROM resources")).scalar_one()
            connection.execute(
                text("UPDATE resources SET title = 'Shelter guide', description = :d WHERE id = :id"),
                {"d": "Intro words. " * 30 + "A report on Émile's housing and employment programs. " + "Tail. " * 30,
                 "id": resource_id},
            )
        passage = library.snippet(resource_id, parse_query("emile housing employ"))
        assert _marked(passage) == ["Émile", "housing", "employment"]
        assert passage.startswith("…") and passage.endswith("…")
        assert _marked(library.snippet(resource_id, parse_query('"shelter guide" '))) == ["Shelter", "guide"]
        assert library.snippet(resource_id, parse_query("zebrafish ")) is None

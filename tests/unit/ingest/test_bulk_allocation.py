"""The collector pause around an import preview: the preview's objects skip the young generations
(so the first collections after a large preview do not scan them all), and garbage is still found."""

from __future__ import annotations

import gc
import weakref

from reslib_desktop.ingest.pipeline import bulk_allocation


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def test_objects_made_during_the_pause_land_in_the_oldest_generation() -> None:
    was_enabled = gc.isenabled()
    with bulk_allocation():
        assert not gc.isenabled()
        kept = [[number] for number in range(20_000)]
    assert gc.isenabled() == was_enabled
    assert gc.get_count()[0] < 1_000  # nothing left for the next young collection to scan
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(item) in oldest for item in kept[::500])
    assert gc.get_freeze_count() == 0


def test_a_garbage_cycle_made_during_the_pause_is_still_collected() -> None:
    with bulk_allocation():
        first, second = _Node(), _Node()
        first.other, second.other = second, first
        watch = weakref.ref(first)
        del first, second
    assert watch() is not None  # a cycle: reference counting alone does not free it
    gc.collect()
    assert watch() is None


def test_what_someone_else_froze_stays_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with bulk_allocation():
            kept = [[number] for number in range(100)]
        assert gc.get_freeze_count() == frozen and kept
    finally:
        gc.unfreeze()

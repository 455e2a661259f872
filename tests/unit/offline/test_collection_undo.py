"""Undoing a removal from a collection: the resources go back to their former places, in one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reslib_desktop.library import OfflineService, SearchQuery
from unit.offline.conftest import build_library

Kit = tuple[OfflineService, list[int]]


@pytest.fixture
def kit(tmp_path: Path) -> Iterator[Kit]:
    """A library of six resources, the first five in the collection "Kit"; closed after the test."""
    library = build_library(tmp_path / "library.db", [(f"Resource {n}", []) for n in range(6)])
    service = OfflineService(library, tmp_path / "cache")
    ids = sorted(library.all_resource_ids(SearchQuery()))
    service.create_collection("Kit")
    service.add_to_collection("Kit", ids[:5])
    yield service, ids
    library.close()


def test_removed_resources_go_back_to_their_places(kit: Kit) -> None:
    service, ids = kit
    removed = service.remove_from_collection("Kit", [ids[3], ids[1]])
    assert removed == [(ids[1], 1), (ids[3], 3)]
    assert service.collection_resource_ids("Kit") == [ids[0], ids[2], ids[4]]
    service.restore_to_collection("Kit", removed)
    assert service.collection_resource_ids("Kit") == ids[:5]


def test_members_added_meanwhile_keep_theirs_and_deleted_resources_are_left_out(kit: Kit) -> None:
    service, ids = kit
    removed = service.remove_from_collection("Kit", [ids[0], ids[2]])
    service.add_to_collection("Kit", [ids[5]])
    service.library.delete_resources([ids[2]])
    service.restore_to_collection("Kit", removed)
    assert service.collection_resource_ids("Kit") == [ids[0], ids[1], ids[3], ids[4], ids[5]]
    service.restore_to_collection("Kit", removed)  # twice changes nothing
    assert service.collection_resource_ids("Kit") == [ids[0], ids[1], ids[3], ids[4], ids[5]]
